//! Pages of the permit desk, one file per screen, and what they share: a dossier's clock in words.

use serde::Deserialize;

use crate::calendar::engine::{Calendar, DeadlineStatus};
use crate::i18n::Tr;
use crate::permits::queries::Line;

pub mod figures;
pub mod home;
pub mod list;
pub mod new;
pub mod register;
pub mod show;
pub mod status;
pub mod types;

/// A message after an action, or the refusal of one.
#[derive(Deserialize, Default)]
pub struct Flash {
    #[serde(default)]
    pub err: String,
    #[serde(default)]
    pub m: String,
}

/// A due day with its colour.
pub struct Due {
    pub day: String,
    pub status: &'static str,
    pub label: &'static str,
}

pub fn due(cal: &Calendar, d: Option<chrono::NaiveDate>, soon: u32, t: Tr) -> Option<Due> {
    let d = d?;
    let st = DeadlineStatus::of(cal, d, crate::time::today_vn(), soon);
    Some(Due { day: crate::time::show_date(&d), status: st.code(), label: t.t(st.label_key()) })
}

/// One line of the desk's list as the page shows it.
pub struct LineView {
    pub id: String,
    pub register_no: String,
    pub code: String,
    pub applicant: String,
    pub type_name: String,
    pub received: String,
    pub state_code: &'static str,
    pub state: &'static str,
    pub legal: Option<Due>,
    pub published: Option<Due>,
}

pub fn line_views(lines: Vec<Line>, names: &[(String, String)], cal: &Calendar, soon: u32, t: Tr) -> Vec<LineView> {
    lines
        .into_iter()
        .map(|l| LineView {
            id: l.d.id.clone(),
            register_no: l.d.register_no(),
            code: l.d.tracking_code.clone(),
            applicant: l.d.applicant.clone(),
            type_name: names.iter().find(|(c, _)| *c == l.d.type_code).map(|(_, n)| n.clone()).unwrap_or_default(),
            received: crate::time::show_date(&l.d.received_on),
            state_code: l.d.state.code(),
            state: l.d.state.label(t.lang),
            legal: due(cal, l.legal_due, soon, t),
            published: due(cal, l.published_due, soon, t),
        })
        .collect()
}

/// (code, name in the reader's language) of every type in force today.
pub fn type_names(conn: &mut crate::db::DbConnection, t: Tr) -> Result<Vec<(String, String)>, crate::error::AppError> {
    Ok(crate::permits::queries::all_types(conn)?.into_iter().fold(Vec::<(String, String)>::new(), |mut v, x| {
        if !v.iter().any(|(c, _)| *c == x.code) {
            v.push((x.code.clone(), x.name(t.lang).to_string()));
        }
        v
    }))
}
