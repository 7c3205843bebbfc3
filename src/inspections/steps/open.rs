//! Opening an engagement from a plan item or ad hoc: the team, the duration under the rule in force,
//! the decision drafted, warnings about overlaps and conflicts of interest.

use diesel::prelude::*;
use serde::Deserialize;

use crate::audit::{self, Actor, AuditEntry};
use crate::calendar::queries::rule_in_force;
use crate::db::schema::*;
use crate::db::{DbConnection, write_tx};
use crate::documents::steps::draft;
use crate::domain::text;
use crate::error::{AppError, Code, FieldError, FieldErrors};
use crate::inspections::compose::{self};
use crate::inspections::model::*;
use crate::inspections::queries as q;
use crate::inspections::state::{Kind, State};

/// What a person types to open an engagement. Text is trimmed and runs of spaces collapsed before
/// the lengths are counted.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EngagementInput {
    /// The plan item this engagement carries out; empty for an ad hoc (đột xuất) one.
    #[serde(default)]
    pub plan_item_id: String,
    /// The outlet inspected; required without a plan item.
    #[serde(default)]
    pub outlet_id: String,
    /// Required without a plan item (which gives it otherwise).
    #[serde(default)]
    #[schema(value_type = Kind)]
    pub kind: String,
    /// Why an ad hoc engagement is needed: not blank without a plan item.
    #[serde(default)]
    pub reason: String,
    /// At most 500 characters.
    #[serde(default)]
    #[schema(max_length = 500)]
    pub scope: String,
    #[serde(default)]
    pub period_covered: String,
    /// 1–90; empty takes the rule's duration.
    #[serde(default)]
    #[schema(pattern = "^(?:[1-9]|[1-8][0-9]|90)?$")]
    pub duration: String,
    /// Default `calendar`.
    #[serde(default)]
    #[schema(value_type = DurationUnit)]
    pub duration_unit: String,
    /// The team leader: a user of the caller's agency.
    #[serde(default)]
    #[schema(required = true, min_length = 1, pattern = "\\S")]
    pub leader_id: String,
    /// Members' user ids, separated by commas, spaces or new lines.
    #[serde(default)]
    pub member_ids: String,
    /// Who signs the decision: one of the agency's signers.
    #[serde(default)]
    #[schema(required = true, min_length = 1, pattern = "\\S")]
    pub signer_id: String,
}

impl EngagementInput {
    /// A plan item, or else the outlet, kind and reason of an ad hoc engagement (the schema's
    /// `allOf` in the document).
    pub fn dependencies() -> Vec<serde_json::Value> {
        use crate::domain::openapi::{either, filled};
        vec![either(vec![filled(&["plan_item_id"]), filled(&["outlet_id", "kind", "reason"])])]
    }
}

pub struct ValidEngagement {
    plan_item_id: Option<String>,
    outlet_id: String,
    kind: Option<Kind>,
    reason: String,
    scope: String,
    period_covered: String,
    duration: Option<i32>,
    duration_unit: DurationUnit,
    leader_id: String,
    member_ids: Vec<String>,
    signer_id: String,
}

impl EngagementInput {
    pub fn validate(&self) -> Result<ValidEngagement, FieldErrors> {
        let mut e = FieldErrors::new();
        let opt = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        let plan_item_id = opt(&self.plan_item_id);
        let outlet_id = self.outlet_id.trim().to_string();
        if plan_item_id.is_none() && outlet_id.is_empty() {
            e.add("outlet_id", Code::Required);
        }
        let kind = match self.kind.trim() {
            "" => None,
            k => match Kind::parse(k) {
                Some(k) => Some(k),
                None => {
                    e.add("kind", Code::InvalidChoice);
                    None
                }
            },
        };
        if plan_item_id.is_none() && kind.is_none() && !e.0.iter().any(|x| x.field == "kind") {
            e.add("kind", Code::Required);
        }
        let reason = text::clean(&self.reason);
        if plan_item_id.is_none() && reason.is_empty() {
            e.add("reason", Code::Required);
        }
        let scope = text::clean(&self.scope);
        if scope.chars().count() > 500 {
            e.push(FieldError::with_arg("scope", Code::TooLong, 500));
        }
        let duration = match self.duration.trim() {
            "" => None,
            s => match s.parse::<i32>() {
                Ok(n) if (1..=90).contains(&n) => Some(n),
                _ => {
                    e.add("duration", Code::OutOfRange);
                    None
                }
            },
        };
        let duration_unit = match self.duration_unit.trim() {
            "" => DurationUnit::Calendar,
            s => DurationUnit::parse(s).unwrap_or_else(|| {
                e.add("duration_unit", Code::InvalidChoice);
                DurationUnit::Calendar
            }),
        };
        let leader_id = self.leader_id.trim().to_string();
        if leader_id.is_empty() {
            e.add("leader_id", Code::Required);
        }
        let mut member_ids: Vec<String> = Vec::new();
        for m in self.member_ids.split([',', '\n', ' ']).map(str::trim).filter(|m| !m.is_empty()) {
            if m != leader_id && !member_ids.iter().any(|x| x == m) {
                member_ids.push(m.to_string());
            }
        }
        let signer_id = self.signer_id.trim().to_string();
        if signer_id.is_empty() {
            e.add("signer_id", Code::Required);
        }
        e.into_result()?;
        Ok(ValidEngagement {
            plan_item_id,
            outlet_id,
            kind,
            reason,
            scope,
            period_covered: text::clean(&self.period_covered),
            duration,
            duration_unit,
            leader_id,
            member_ids,
            signer_id,
        })
    }
}

/// `input` checked as `EngagementInput::validate` does, an empty signer said the way
/// `agencies::queries::missing_signer` says it (none in force: where to set one up).
pub fn check(conn: &mut DbConnection, agency_id: &str, input: &EngagementInput) -> Result<ValidEngagement, AppError> {
    match input.validate() {
        Ok(v) => Ok(v),
        Err(e) => Err(crate::agencies::queries::explain_missing_signer(conn, agency_id, "signer_id", e)?.into()),
    }
}

fn check_team(
    conn: &mut DbConnection,
    agency_id: &str,
    leader: &str,
    members: &[String],
) -> Result<Vec<crate::users::model::UserRow>, AppError> {
    let mut e = FieldErrors::new();
    let mut out = Vec::new();
    for (field, id) in std::iter::once(("leader_id", leader)).chain(members.iter().map(|m| ("member_ids", m.as_str())))
    {
        match crate::users::queries::find_in_agency(conn, id, agency_id) {
            Ok(u) if !u.disabled && u.role != "viewer" => out.push(u),
            _ => e.push(FieldError::with_arg(field, Code::NotAUser, id.chars().take(40).collect::<String>())),
        }
    }
    e.into_result()?;
    Ok(out)
}

/// Opens an engagement in the Planned state with its decision drafted.
pub fn create(
    conn: &mut DbConnection,
    actor: &Actor,
    agency_id: &str,
    v: ValidEngagement,
    overlap_months: u32,
) -> Result<(EngagementRow, Vec<Notice>), AppError> {
    write_tx(conn, |conn| {
        let item = match &v.plan_item_id {
            Some(id) => Some(q::item_for_engagement(conn, agency_id, id)?),
            None => None,
        };
        let outlet_id = match (&item, v.outlet_id.as_str()) {
            (Some(i), "") => i.outlet_id.clone().ok_or_else(|| FieldErrors::one("outlet_id", Code::Required))?,
            (_, o) => o.into(),
        };
        let outlet = crate::outlets::queries::find(conn, &outlet_id)
            .map_err(|_| AppError::from(FieldErrors::one("outlet_id", Code::InvalidChoice)))?;
        let kind = v.kind.or(item.as_ref().map(|i| i.kind)).unwrap_or(Kind::KiemTra);
        let team = check_team(conn, agency_id, &v.leader_id, &v.member_ids)?;
        let today = crate::time::today_vn();
        let rule = rule_in_force(conn, kind.duration_rule(), today)?;
        let duration = v.duration.or(rule.as_ref().map(|r| r.duration)).unwrap_or(10);
        if let Some(r) = &rule
            && duration > r.duration
        {
            return Err(FieldErrors(vec![FieldError::with_arg("duration", Code::OverRule, r.duration)]).into());
        }
        let checklist_id: Option<String> = checklist_templates::table
            .filter(checklist_templates::sector_code.eq(&outlet.sector_code))
            .filter(checklist_templates::valid_from.le(today))
            .order(checklist_templates::version.desc())
            .select(checklist_templates::id)
            .first(conn)
            .optional()?;
        let scope = if v.scope.is_empty() {
            item.as_ref().map(|i| i.scope.clone()).unwrap_or_default()
        } else {
            v.scope.clone()
        };
        if scope.is_empty() {
            return Err(FieldErrors::one("scope", Code::Required).into());
        }
        let now = crate::time::now();
        let mut row = EngagementRow {
            id: uuid::Uuid::now_v7().to_string(),
            agency_id: agency_id.into(),
            plan_item_id: v.plan_item_id.clone(),
            outlet_id: outlet.id.clone(),
            sector_code: outlet.sector_code.clone(),
            kind,
            origin: if item.is_some() { Origin::Plan } else { Origin::AdHoc },
            reason: v.reason.clone(),
            scope,
            period_covered: v.period_covered.clone(),
            duration,
            duration_unit: v.duration_unit,
            state: State::Planned,
            checklist_id,
            decision_id: None,
            minutes_id: None,
            report_id: None,
            conclusion_id: None,
            announced_on: None,
            onsite_ended_on: None,
            signed_on: None,
            appraised_on: None,
            appraisal_note: String::new(),
            suspended_before: false,
            period_deadline_id: None,
            step_deadline_id: None,
            closing_reason: String::new(),
            version: 1,
            created_by: actor.name.clone(),
            created_at: now,
            updated_at: now,
        };
        diesel::insert_into(engagements::table).values(&row).execute(conn)?;
        for (i, u) in team.iter().enumerate() {
            diesel::insert_into(engagement_members::table)
                .values(&MemberRow {
                    engagement_id: row.id.clone(),
                    user_id: u.id.clone().into(),
                    role: if i == 0 { TeamRole::Leader } else { TeamRole::Member },
                })
                .execute(conn)?;
        }
        let lines = q::member_lines(conn, &row)?;
        let trail = q::trail(conn, &row)?;
        let input = compose::decision(&row, &outlet, &lines, &v.signer_id, &trail);
        let doc = draft::create_draft(conn, actor, agency_id, input.validate()?)?;
        row.decision_id = Some(doc.id.clone());
        diesel::update(engagements::table.find(&row.id))
            .set(engagements::decision_id.eq(&row.decision_id))
            .execute(conn)?;
        audit::record(conn, actor, AuditEntry::created(&row))?;
        let mut warnings = q::conflicts(conn, &outlet.id, &team.iter().map(|u| u.id.clone()).collect::<Vec<_>>())?;
        warnings.extend(q::overlaps(
            conn,
            &outlet.id,
            today,
            overlap_months,
            Some(&row.id),
            v.plan_item_id.as_deref(),
        )?);
        Ok((row, warnings))
    })
}
