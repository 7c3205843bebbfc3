//! Inspections (thanh tra) and checks (kiểm tra) end to end: the annual plan, engagements and their
//! team, field findings with photos, violations and sanctions, the conclusion, publication and the
//! follow-up of recommendations.
//!
//! The feature template (ARCHITECTURE.md): this file is the one route table (pages and API);
//! `state` and `sanctions` are the pure rules; `queries` the read models that pages and API share;
//! `steps/` the transactions, one file per workflow step; `pages/` one file per screen; `api/` the
//! JSON routes; `model` the rows; `compose` the document bodies.

pub mod api;
pub mod catalogue;
pub mod choices;
pub mod compose;
pub mod dossier;
pub mod history_words;
pub mod model;
pub mod pages;
pub mod publication;
pub mod queries;
pub mod record;
pub mod sanctions;
pub mod seed;
pub mod state;
pub mod steps;

use actix_web::web;

use pages::{
    catalogue as cat, dashboard, dossier as dossier_pages, engagement, field, files, followup, new, outlet_panel, plan,
    plans, sanction, violation_new, violations,
};

/// The pages, under `/inspections` (and two forms on the outlet page).
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/inspections", web::get().to(dashboard::dashboard))
        .route("/inspections/new", web::get().to(new::new_form))
        .route("/inspections/new", web::post().to(new::new_post))
        .route("/inspections/catalogue", web::get().to(cat::catalogue_page))
        .route("/inspections/catalogue/violations", web::post().to(cat::violation_add))
        .route("/inspections/catalogue/violations/{id}/end", web::post().to(cat::violation_end))
        .route("/inspections/catalogue/checklists/{sector}", web::post().to(cat::checklist_post))
        .route("/inspections/plans", web::get().to(plans::plans_page))
        .route("/inspections/plans", web::post().to(plans::plan_create))
        .route("/inspections/plans/{id}", web::get().to(plan::plan_page))
        .route("/inspections/plans/{id}/items", web::post().to(plan::plan_item_add))
        .route("/inspections/plans/{id}/items/{item}/delete", web::post().to(plan::plan_item_delete))
        .route("/inspections/plans/{id}/approve", web::post().to(plan::plan_approve))
        .route("/inspections/plans/{id}/amend", web::post().to(plan::plan_amend))
        .route("/inspections/violations/{id}/sanction", web::get().to(sanction::page))
        .route("/inspections/violations/{id}/sanction", web::post().to(sanction::post))
        .route("/inspections/violations/{id}/{action}", web::post().to(violations::violation_action))
        .route("/inspections/{id}", web::get().to(engagement::show))
        .route("/inspections/{id}/step", web::post().to(engagement::step_post))
        .route("/inspections/{id}/field", web::get().to(field::field_page))
        .route("/inspections/{id}/dossier", web::get().to(dossier_pages::bundle))
        .route("/inspections/{id}/dossier/index.pdf", web::get().to(dossier_pages::index_pdf))
        .route("/inspections/{id}/findings", web::post().to(field::checklist_post))
        .route("/inspections/{id}/findings/{fid}", web::post().to(field::finding_post))
        .route("/inspections/{id}/visits", web::post().to(field::visit_post))
        .route("/inspections/{id}/photos", web::post().to(field::photo_post))
        .route("/inspections/{id}/photos/{pid}/{size}", web::get().to(files::photo_get))
        .route("/inspections/{id}/violations/new", web::get().to(violation_new::new_page))
        .route("/inspections/{id}/violations", web::post().to(violation_new::create))
        .route("/inspections/{id}/recommendations", web::post().to(followup::rec_post))
        .route("/inspections/{id}/recommendations/{rid}/{action}", web::post().to(followup::rec_action))
        .route("/inspections/{id}/recommendations/{rid}/evidence", web::get().to(files::rec_evidence_get))
        .route("/inspections/{id}/send", web::post().to(followup::send_post))
        .route("/inspections/{id}/publications", web::post().to(followup::publication_post))
        .route("/inspections/{id}/publications/{pid}/removal", web::post().to(followup::publication_removal))
        .route("/inspections/{id}/publications/{pid}/pdf", web::get().to(files::publication_pdf))
        .route("/outlets/{id}/external-inspections", web::post().to(outlet_panel::external_post))
        .route("/outlets/{id}/relations", web::post().to(outlet_panel::relation_post));
}

/// The JSON routes, under `/api/v1`.
pub fn configure_api(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    use api::{catalogue as c, engagements as e, field as f, followup as u, plans as p};
    cfg.service(c::rules)
        .service(c::decrees)
        .service(c::checklists)
        .service(p::plan_list)
        .service(p::plan_create)
        .service(p::plan_get)
        .service(p::plan_add_item)
        .service(p::plan_remove_item)
        .service(p::plan_approve)
        .service(p::plan_amend)
        .service(e::engagement_create)
        .service(e::engagement_list)
        .service(e::engagement_get)
        .service(e::engagement_step)
        .service(f::finding_put)
        .service(f::visit_post)
        .service(f::photo_post)
        .service(f::violation_post)
        .service(f::violation_record)
        .service(f::violation_sanction)
        .service(f::violation_payment)
        .service(u::rec_post)
        .service(u::rec_status)
        .service(u::rec_remind)
        .service(u::rec_evidence)
        .service(u::engagement_send)
        .service(u::publication_post)
        .service(u::publication_removal)
        .service(p::external_post)
        .service(p::relation_post);
}
