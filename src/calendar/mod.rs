//! The legal calendar (statutory holidays from effective-dated rules, the Government's yearly
//! overrides, compensatory days) and the deadline engine every workflow uses.
//!
//! The feature template (ARCHITECTURE.md): this file is the route table; `engine` and `lunar` are the
//! pure rules; `model` the rows, `queries` the reads (the calculator included), `steps/` the writes,
//! `pages/` one file per screen, `api` the JSON routes; `seed` the data a fresh install starts with.

pub mod api;
pub mod engine;
pub mod lunar;
pub mod model;
pub mod pages;
pub mod queries;
pub mod seed;
pub mod steps;

pub use engine::{Adjustment, Calendar, DeadlineStatus, Explanation, Unit};

use actix_web::web;

use pages::{calculator, deadlines, rules, year};

/// The pages.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/calendar", web::get().to(year::year_view))
        .route("/calendar/overrides", web::post().to(year::add_override))
        .route("/calendar/overrides/{day}/delete", web::post().to(year::delete_override))
        .route("/calendar/rules", web::get().to(rules::rules_page))
        .route("/calendar/holiday-rules", web::post().to(rules::add_holiday_rule))
        .route("/calendar/deadline-rules/{id}/versions", web::post().to(rules::new_rule_version))
        .route("/calendar/holiday-rules/{id}", web::post().to(rules::save_holiday_rule))
        .route("/calendar/deadline-rules/{id}", web::get().to(rules::deadline_rule_form))
        .route("/calendar/deadline-rules/{id}", web::post().to(rules::save_deadline_rule))
        .route("/deadlines", web::get().to(deadlines::deadlines_list))
        .route("/deadlines", web::post().to(deadlines::track_deadline))
        .route("/deadlines/calculator", web::get().to(calculator::calculator))
        .route("/deadlines/{id}", web::get().to(deadlines::deadline_show))
        .route("/deadlines/{id}/extend", web::post().to(deadlines::extend))
        .route("/deadlines/{id}/pause", web::post().to(deadlines::pause))
        .route("/deadlines/{id}/resume", web::post().to(deadlines::resume))
        .route("/deadlines/{id}/close", web::post().to(deadlines::close));
}

/// The JSON routes, under `/api/v1`.
pub fn configure_api(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(api::holidays)
        .service(api::deadline)
        .service(api::rules)
        .service(api::add_override)
        .service(api::remove_override)
        .service(api::list_deadlines)
        .service(api::create_deadline)
        .service(api::get_deadline)
        .service(api::adjust_deadline)
        .service(api::close_deadline);
}
