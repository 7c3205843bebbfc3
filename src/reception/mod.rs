//! Citizen reception (tiếp công dân: Luật Tiếp công dân 2013, TT 04/2021/TT-TTCP): the book of
//! visits (who presided and received, who came, what they raised, what was done, the notice
//! concluding it, the written submission it led to) and the head's reception days with who is on
//! duty, from the working-day calendar.
//!
//! The feature template (ARCHITECTURE.md): this file is the one route table (pages and API);
//! `schedule` and `compose` are the pure rules; `queries` the read models that pages and API share;
//! `steps/` the transactions; `pages/` one file per screen; `api` the JSON routes; `model` the rows.
//! It sits above complaints: a submission handed in at a reception is registered through the
//! complaints intake in the same transaction.

pub mod api;
pub mod choices;
pub mod compose;
pub mod history_words;
pub mod model;
pub mod pages;
pub mod queries;
pub mod schedule;
pub mod steps;

use actix_web::web;

use pages::{calendar, list, new, show};

/// The pages, under `/reception`.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/reception", web::get().to(list::index))
        .route("/reception/new", web::get().to(new::new_form))
        .route("/reception/new", web::post().to(new::new_post))
        .route("/reception/calendar", web::get().to(calendar::calendar))
        .route("/reception/calendar/schedules", web::post().to(calendar::add_schedule))
        .route("/reception/calendar/duties/{day}", web::post().to(calendar::set_duty))
        .route("/reception/calendar/notice", web::post().to(calendar::draft_notice))
        .route("/reception/{id}", web::get().to(show::show))
        .route("/reception/{id}/reveal", web::post().to(show::reveal_post))
        .route("/reception/{id}/conclusion", web::post().to(show::conclude_post));
}

/// The JSON routes, under `/api/v1`.
pub fn configure_api(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(api::calendar)
        .service(api::schedule_post)
        .service(api::duty_put)
        .service(api::list)
        .service(api::create)
        .service(api::get)
        .service(api::conclusion);
}
