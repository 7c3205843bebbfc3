//! Black-box tests: the application runs on a random port with a fresh database per test. The
//! same suite runs on SQLite (default) and on PostgreSQL (THANHTRA_TEST_PG_URL, see .ci/run).

mod builders;
mod helpers;

mod admin_scope;
mod agencies;
mod architecture;
mod audit;
mod auth;
mod backup;
mod bad_input;
mod browser;
mod calendar;
mod changesets;
mod complaints;
mod crash;
mod demo;
mod desk;
mod documents;
mod engagements;
mod english;
mod import;
mod inspections;
mod instances;
mod mail;
mod mail_claims;
mod migrations;
mod my_work;
mod openapi;
mod outage;
mod outlets;
mod pdf_layout;
mod permits;
mod reception;
mod reports;
mod roles;
mod scale;
mod security;
mod setup;
mod signers;
mod snapshots;
mod under_way;
mod violations;
