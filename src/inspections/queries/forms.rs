//! What the violation and sanction forms offer: the engagement's non-compliant findings, the rules
//! of its sector in force, the officials who may make a record, the signers and the titles they
//! sanction under.

use super::*;
use crate::db::DbConnection;
use crate::error::AppError;
use crate::outlets::model::OutletRow;

/// The violation form's choices.
pub struct ViolationForm {
    pub engagement: EngagementRow,
    pub outlet: OutletRow,
    /// Non-compliant findings: (id, label, what to carry into the description).
    pub findings: Vec<(String, String, String)>,
    /// Rules of the engagement's sector in force today: (id, label).
    pub rules: Vec<(String, String)>,
    /// Active users of the agency who may make the record: (id, name — position).
    pub makers: Vec<(String, String)>,
}

/// A rule as a picker names it: "điểm a khoản 1 Điều 28c NĐ 119/2020/NĐ-CP — description".
pub fn rule_label(r: &ViolationRow) -> String {
    match r.provision() {
        Some(p) => format!("{} {} — {}", p.cite(), r.decree, r.description),
        None => format!("{} — {}", r.decree, r.description),
    }
}

pub fn violation_form(conn: &mut DbConnection, id: &str, agency: &str) -> Result<ViolationForm, AppError> {
    let engagement = engagement(conn, id, agency)?;
    let outlet = crate::outlets::queries::find(conn, &engagement.outlet_id)?;
    let findings = findings_of(conn, id)?
        .into_iter()
        .filter(|f| f.result == FindingResult::NonCompliant)
        .map(|f| {
            let carry = match f.note.trim() {
                "" => f.item_text.clone(),
                note => format!("{}: {note}", f.item_text.trim_end_matches('.')),
            };
            (f.id.clone(), format!("{}. {}", f.position, f.item_text), crate::inspections::compose::official(&carry))
        })
        .collect();
    let today = crate::time::today_vn();
    let rules = crate::inspections::catalogue::violations(conn)?
        .iter()
        .filter(|r| r.sector_code == engagement.sector_code)
        .filter(|r| r.valid_from <= today && r.valid_to.is_none_or(|t| today <= t))
        .map(|r| (r.id.clone(), rule_label(r)))
        .collect();
    let makers = crate::users::queries::list(conn, Some(agency))?
        .into_iter()
        .filter(|u| !u.disabled && u.role != "viewer")
        .map(|u| {
            let label = if u.official_title.is_empty() {
                u.display_name()
            } else {
                format!("{} — {}", u.display_name(), u.official_title)
            };
            (u.id.clone(), label)
        })
        .collect();
    Ok(ViolationForm { engagement, outlet, findings, rules, makers })
}

/// The sanction form's facts: the violation, its rule's ranges for this offender, the signers in
/// force with the title each sanctions under by default.
pub struct SanctionForm {
    pub violation: ViolationRecRow,
    pub rule: ViolationRow,
    pub engagement_id: String,
    /// (signer id, label, default sanctioning title code).
    pub signers: Vec<(String, String, String)>,
    /// The range for this offender.
    pub range: (i64, i64),
}

pub fn sanction_form(conn: &mut DbConnection, vid: &str, agency: &str) -> Result<SanctionForm, AppError> {
    let violation = violation(conn, vid, agency)?;
    let rule = violation_rule(conn, &violation.rule_id)?;
    let full = crate::agencies::queries::full(conn, agency)?;
    let today = crate::time::today_vn();
    let signers = full
        .signers
        .iter()
        .filter(|s| s.in_force_on(today))
        .map(|s| {
            let title =
                crate::inspections::sanctions::title_of(&s.prefix, &s.authority_title, &s.title, &full.agency.name)
                    .map(|t| t.code().to_string())
                    .unwrap_or_default();
            (s.id.clone(), format!("{} — {}", s.full_name, s.block_lines().join(" / ")), title)
        })
        .collect();
    let range = rule.rule().range(violation.offender);
    Ok(SanctionForm { engagement_id: violation.engagement_id.clone(), violation, rule, signers, range })
}
