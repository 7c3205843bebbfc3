//! Engagements under way and their findings, written in bulk.
//!
//! The workflow's own steps would issue a decision for each engagement (a rendered, stored PDF, and
//! a signer and public address set up first) before it may go on site: at a million findings that
//! is some 180,000 PDFs, gigabytes and hours. So this writes the rows directly, as the steps would
//! leave them once direct work has begun (`state::State::OnSite`, announced within the legal period,
//! the sector's checklist version in force copied item by item, the team of a leader and one or
//! two inspectors), without the documents: the decision and the period's deadline are absent, which
//! the pages show as not yet issued. A realistic mix of results is recorded (compliant, not
//! compliant with its description, not applicable, still pending).
//!
//! The audit trail stays a valid chain: each engagement gets its `create` entry, as
//! `inspections::steps::open::create` writes it, and one `update` entry for the whole batch of its
//! recorded findings (one change per finding: "3. <item>: Không đạt — <note>"), where recording them
//! one by one on the field page would write one entry per finding. Everything of an engagement is
//! in the same transaction, many engagements to a transaction.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use diesel::prelude::*;
use fastrand::Rng;
use serde_json::{Value, json};

use super::cases;
use super::people::pick;
use super::tally::{Phase, Progress, Tally};
use super::write::{Placed, Team};
use crate::audit::{self, Actor, AuditAction, AuditEntry, Change};
use crate::db::schema::{checklist_templates, engagement_members, engagements, findings};
use crate::db::{DbConnection, write_tx};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::inspections::catalogue::{ChecklistItem, ChecklistRow};
use crate::inspections::model::*;
use crate::inspections::state::{Kind, State};

/// One multi-row INSERT (diesel writes batches for each backend, not through the connection enum).
macro_rules! insert_many {
    ($conn:expr, $table:expr, $rows:expr) => {
        match $conn {
            DbConnection::Sqlite(c) => diesel::insert_into($table).values($rows).execute(c)?,
            DbConnection::Pg(c) => diesel::insert_into($table).values($rows).execute(c)?,
        }
    };
}

/// The checklist version in force today for each sector (as `open::create` chooses it).
fn checklists(
    conn: &mut DbConnection,
    today: NaiveDate,
) -> Result<BTreeMap<String, (String, Vec<ChecklistItem>)>, AppError> {
    let rows: Vec<ChecklistRow> = checklist_templates::table
        .filter(checklist_templates::valid_from.le(today))
        .order((checklist_templates::sector_code.asc(), checklist_templates::version.desc()))
        .select(ChecklistRow::as_select())
        .load(conn)?;
    let mut out = BTreeMap::new();
    for r in rows {
        let items = r.item_list();
        if !items.is_empty() {
            out.entry(r.sector_code.clone()).or_insert((r.id, items));
        }
    }
    Ok(out)
}

/// The legal duration of each kind in force today (`inspection.duration`, `check.duration`).
fn durations(conn: &mut DbConnection, today: NaiveDate) -> Result<[(Kind, i32); 2], AppError> {
    let mut out = [(Kind::KiemTra, 10), (Kind::ThanhTra, 45)];
    for (kind, days) in &mut out {
        if let Some(r) = crate::calendar::queries::rule_in_force(conn, kind.duration_rule(), today)? {
            *days = r.duration;
        }
    }
    Ok(out)
}

/// What every engagement of a run shares.
struct Bulk<'a> {
    actor: &'a Actor,
    agency_id: &'a str,
    team: &'a Team,
    lists: BTreeMap<String, (String, Vec<ChecklistItem>)>,
    durations: [(Kind, i32); 2],
}

/// One engagement's rows and audit entries; how many findings it holds.
fn one(conn: &mut DbConnection, b: &Bulk, (outlet, sector): &Placed, rng: &mut Rng) -> Result<usize, AppError> {
    let (actor, agency_id, team) = (b.actor, b.agency_id, b.team);
    let (checklist_id, items) = &b.lists[sector];
    let today = crate::time::today_vn();
    let now = crate::time::now();
    let o = cases::opening(rng, sector, today);
    let duration = b.durations.iter().find(|(k, _)| *k == o.kind).map(|(_, d)| *d).unwrap_or(10);
    // Announced before today, within the period (and at most a month ago).
    let since = rng.i64(1..=i64::from(duration.clamp(1, 30)));
    let announced = today - Duration::days(since);
    let leader = pick(rng, &team.leaders);
    let mut crew = vec![leader];
    for _ in 0..rng.usize(1..=2) {
        let m = pick(rng, &team.inspectors);
        if !crew.iter().any(|c| c.id == m.id) {
            crew.push(m);
        }
    }
    let row = EngagementRow {
        id: uuid::Uuid::now_v7().to_string(),
        agency_id: agency_id.into(),
        plan_item_id: None,
        outlet_id: outlet.clone(),
        sector_code: sector.clone(),
        kind: o.kind,
        origin: Origin::AdHoc,
        reason: o.reason,
        scope: o.scope,
        period_covered: o.period_covered,
        duration,
        duration_unit: DurationUnit::Calendar,
        state: State::OnSite,
        checklist_id: Some(checklist_id.clone()),
        decision_id: None,
        minutes_id: None,
        report_id: None,
        conclusion_id: None,
        announced_on: Some(announced),
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
    let members: Vec<MemberRow> = crew
        .iter()
        .enumerate()
        .map(|(i, u)| MemberRow {
            engagement_id: row.id.clone(),
            user_id: u.id.clone().into(),
            role: if i == 0 { TeamRole::Leader } else { TeamRole::Member },
        })
        .collect();
    insert_many!(conn, engagement_members::table, &members);
    audit::record(conn, actor, AuditEntry::created(&row))?;
    // Recorded during working hours (Vietnam time) of the days since the announcement.
    let on_site = announced + Duration::days(rng.i64(0..since));
    let start = crate::time::from_vn_wall(&on_site.and_hms_opt(7, 30, 0).unwrap_or_default());
    let mut changes = Vec::new();
    let mut rows = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let (result, note) = cases::finding(rng, sector, &item.code, &item.text);
        let recorded = result != FindingResult::Pending;
        let at = (start + Duration::minutes(rng.i64(0..480) + 5 * i as i64)).min(now);
        let f = FindingRow {
            id: uuid::Uuid::now_v7().to_string(),
            engagement_id: row.id.clone(),
            position: i as i32 + 1,
            item_code: item.code.clone(),
            item_text: item.text.clone(),
            legal_ref: item.legal_ref.clone(),
            result,
            note,
            recorded_by: recorded.then(|| pick(rng, &crew).username.clone()),
            recorded_at: recorded.then_some(at),
        };
        if recorded {
            let mut said = format!("{}. {}: {}", f.position, f.item_text, f.result.label(Lang::Vi));
            if !f.note.is_empty() {
                said.push_str(" — ");
                said.push_str(&f.note);
            }
            changes.push(Change { field: "finding".into(), before: Value::Null, after: json!(said) });
        }
        rows.push(f);
    }
    insert_many!(conn, findings::table, &rows);
    if !changes.is_empty() {
        audit::record(conn, actor, AuditEntry::state(&row, AuditAction::Update, changes))?;
    }
    Ok(items.len())
}

/// Engagements on outlets of `placed` (those whose sector has a checklist) until at least `target`
/// findings are written, about `batch` findings to a transaction.
#[expect(clippy::too_many_arguments, reason = "one call from the generator, each argument named there")]
pub fn engagements(
    conn: &mut DbConnection,
    actor: &Actor,
    agency_id: &str,
    placed: &[Placed],
    team: &Team,
    target: usize,
    batch: usize,
    rng: &mut Rng,
    tally: &mut Tally,
    progress: &mut Progress,
) -> Result<(), AppError> {
    tally.enter(Phase::Engagements);
    let today = crate::time::today_vn();
    let b = Bulk { actor, agency_id, team, lists: checklists(conn, today)?, durations: durations(conn, today)? };
    let eligible: Vec<&Placed> = placed.iter().filter(|(_, s)| b.lists.contains_key(s)).collect();
    if eligible.is_empty() || team.leaders.is_empty() || team.inspectors.is_empty() {
        return Ok(());
    }
    let mut written = 0;
    while written < target {
        let (e, f) = write_tx(conn, |conn| {
            let (mut e, mut f) = (0, 0);
            while f < batch.max(1) && written + f < target {
                let p = *pick(rng, &eligible);
                f += one(conn, &b, p, rng)?;
                e += 1;
            }
            Ok::<_, AppError>((e, f))
        })?;
        written += f;
        tally.engagements += e;
        tally.findings += f;
        progress(tally);
    }
    Ok(())
}
