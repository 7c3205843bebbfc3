//! The documents a dossier's steps produce, drafted, issued (numbered and frozen) and, when the
//! applicant gave an address, mailed through the outbox, all inside the step's transaction.

use diesel::prelude::*;

use super::Ctx;
use crate::audit::Actor;
use crate::db::DbConnection;
use crate::db::schema::dossier_documents;
use crate::documents::model::{DocumentRow, DraftInput};
use crate::error::AppError;
use crate::permits::compose::Letter;
use crate::permits::model::*;
use crate::permits::queries as q;

/// The role of each document on a dossier, as stored and labelled (`gp.doc.<role>`).
pub const RECEIPT: &str = "receipt";
pub const REQUEST: &str = "request";
pub const CERTIFICATE: &str = "certificate";
pub const REFUSAL: &str = "refusal";

/// Who is taking the step, by name, for the slips they sign.
pub fn officer_name(conn: &mut DbConnection, actor: &Actor) -> Result<String, AppError> {
    // An account without a full name signs with its user name rather than blocking the desk.
    let full = match &actor.user_id {
        Some(id) => crate::users::queries::find(conn, id).map(|u| u.full_name).unwrap_or_default(),
        None => String::new(),
    };
    Ok(if full.trim().is_empty() { actor.name.clone() } else { full })
}

/// What every letter of `d` is written from, read inside the transaction.
pub struct Context {
    pub t: PermitTypeRow,
    pub items: Vec<ItemRow>,
    pub address: String,
    pub agency: String,
    pub officer: String,
    pub signer_id: String,
}

impl Context {
    pub fn load(conn: &mut DbConnection, actor: &Actor, d: &DossierRow) -> Result<Context, AppError> {
        Ok(Context {
            t: q::type_version(conn, &d.permit_type_id)?,
            items: q::items(conn, &d.id)?,
            address: crate::outlets::queries::find(conn, &d.outlet_id)?.full_address(),
            agency: crate::agencies::queries::find(conn, &d.agency_id)?.name,
            officer: officer_name(conn, actor)?,
            signer_id: crate::agencies::queries::signer_in_force(conn, &d.agency_id)?,
        })
    }

    pub fn letter<'a>(&'a self, d: &'a DossierRow) -> Letter<'a> {
        Letter {
            d,
            t: &self.t,
            items: &self.items,
            address: &self.address,
            agency: &self.agency,
            officer: &self.officer,
            signer_id: &self.signer_id,
        }
    }
}

/// Drafts `input`, links it to the dossier as `role`, issues it and, when the dossier has an email
/// address, queues it to the applicant with `cover`.
pub fn issue_and_send(
    conn: &mut DbConnection,
    ctx: &Ctx,
    actor: &Actor,
    d: &DossierRow,
    role: &str,
    input: DraftInput,
    cover: &str,
) -> Result<DocumentRow, AppError> {
    let draft = crate::documents::steps::draft::create_draft(conn, actor, &d.agency_id, input.validate()?)?;
    diesel::insert_into(dossier_documents::table)
        .values((
            dossier_documents::dossier_id.eq(&d.id),
            dossier_documents::document_id.eq(draft.id.to_string()),
            dossier_documents::role.eq(role),
        ))
        .execute(conn)?;
    let base = crate::installation::queries::public_address(conn, ctx.configured_base);
    let on_paper = base.as_deref().unwrap_or_default();
    let doc = crate::documents::steps::issue::issue(conn, ctx.files, actor, draft.id.as_ref(), &d.agency_id, on_paper)?;
    if let Some(to) = crate::domain::Email::parse(&d.contact_email) {
        // Mail links to the verification page: it needs the public address, and says where to set it.
        let base = base?;
        crate::documents::steps::send::send(
            conn,
            actor,
            doc.id.as_ref(),
            &d.agency_id,
            crate::documents::steps::send::Outgoing {
                recipients: vec![to],
                cover,
                from: ctx.mail_from,
                base_url: &base,
            },
        )?;
    }
    Ok(doc)
}
