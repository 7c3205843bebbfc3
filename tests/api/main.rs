//! Black-box tests: the application runs on a random port with a fresh database per test. The
//! same suite runs on SQLite (default) and on PostgreSQL (THANHTRA_TEST_PG_URL, see .ci/run).

mod helpers;

mod agencies;
mod architecture;
mod audit;
mod auth;
mod backup;
mod bad_input;
mod calendar;
mod changesets;
mod documents;
mod engagements;
mod english;
mod mail;
use documents as documents_support;
mod import;
mod inspections;
mod migrations;
mod openapi;
mod outlets;
mod roles;
