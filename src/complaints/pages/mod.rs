//! Pages of the complaints desk, one file per screen, and what they share: a list line in words.

use serde::Deserialize;

use crate::calendar::engine::{Calendar, DeadlineStatus};
use crate::complaints::queries::Line;
use crate::i18n::Tr;

pub mod due;
pub mod figures;
pub mod files;
pub mod home;
pub mod list;
pub mod new;
pub mod receipt;
pub mod show;
pub mod status;
pub mod web_form;

/// A message after an action, or the refusal of one.
#[derive(Deserialize, Default)]
pub struct Flash {
    #[serde(default)]
    pub err: String,
    #[serde(default)]
    pub m: String,
}

/// One line of a list as the page shows it.
pub struct LineView {
    pub id: String,
    pub register_no: String,
    pub received: String,
    pub subject: String,
    pub kind: &'static str,
    pub state_code: &'static str,
    pub state: &'static str,
    pub due: String,
    pub due_status: &'static str,
    pub due_label: &'static str,
}

pub fn line_views(lines: Vec<Line>, cal: &Calendar, soon: u32, t: Tr) -> Vec<LineView> {
    let today = crate::time::today_vn();
    lines
        .into_iter()
        .map(|l| {
            let st = match l.due {
                Some(d) => DeadlineStatus::of(cal, d, today, soon),
                None => DeadlineStatus::Closed,
            };
            LineView {
                id: l.s.id.clone(),
                register_no: l.s.register_no(),
                received: crate::time::show_date(&l.s.received_on),
                subject: l.s.subject.clone(),
                kind: l.s.kind.label(t.lang),
                state_code: l.s.state.code(),
                state: l.s.state.label(t.lang),
                due: l.due.map(|d| crate::time::show_date(&d)).unwrap_or_default(),
                due_status: st.code(),
                due_label: if l.due.is_some() { t.t(st.label_key()) } else { "" },
            }
        })
        .collect()
}
