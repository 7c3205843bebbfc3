//! thanhtra: casework for a Vietnamese provincial inspection team (information and communications
//! sectors). See ARCHITECTURE.md for the map.

pub mod agencies;
pub mod api;
pub mod audit;
pub mod auth;
pub mod calendar;
pub mod cli;
pub mod complaints;
pub mod config;
pub mod db;
pub mod demo;
pub mod documents;
pub mod domain;
pub mod error;
pub mod files;
pub mod home;
pub mod i18n;
pub mod inspections;
pub mod installation;
pub mod mail;
pub mod outlets;
pub mod permits;
pub mod reception;
pub mod reports;
pub mod sectors;
pub mod seed;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod time;
pub mod users;
pub mod web;
