//! Permit dossiers received over the last year, written in bulk like the engagements.
//!
//! The desk's own steps issue a receipt slip for every dossier and a certificate or a letter for
//! every decision: rendered, stored PDFs (some 45 KB each, a signer and public address set up
//! first). At 100,000 dossiers that is 170,000 PDFs, gigabytes and hours, for lists that never read
//! them. So this writes the rows as the steps leave them (`permits::steps::receive` and `advance`),
//! each on its own day: the dossier with its number, tracking code and search text; the checklist;
//! the completeness, legal and published clocks computed by the calendar engine (Tết and weekends
//! counted as for a real dossier), closed on the day of the step that closed them; the return of an
//! incomplete dossier and its resumption with the clocks restarted; the appraisal, the site survey
//! of a game shop, the fee paid; the decision (issued, refused, withdrawn) early, on time or late
//! against the legal deadline. Recent dossiers are still under way. Without the documents, a
//! decided dossier shows no certificate and enters no permit in the register; received ones at
//! the desk with its real steps do.
//!
//! The audit trail stays a valid chain: each dossier has its `create` entry, each clock its own, and
//! one transition entry from receipt to where the dossier stands, naming the day.

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime};
use diesel::prelude::*;
use fastrand::Rng;
use serde_json::Value;

use super::people::{pick, weighted};
use super::tally::{Phase, Progress, Tally};
use super::write::Placed;
use crate::audit::model::change;
use crate::audit::{self, Actor, AuditAction, AuditEntry};
use crate::calendar::engine::{self, Calendar};
use crate::calendar::model::DeadlineRow;
use crate::db::schema::{deadlines, dossier_fees, dossier_items, dossier_surveys, dossiers};
use crate::db::{DbConnection, write_tx};
use crate::error::AppError;
use crate::permits::choices::{Channel, FeeKind, Purpose, Timeliness};
use crate::permits::model::*;
use crate::permits::queries::{COMPLETENESS_LABEL, LEGAL_LABEL, PUBLISHED_LABEL, RECORD_TYPE};
use crate::permits::rules;
use crate::permits::state::State;

/// How often each procedure comes to a provincial desk (the seeds' reports: publications and game
/// shops first).
const TYPES: &[(&str, u32)] = &[
    ("game_shop", 30),
    ("publishing_noncommercial", 25),
    ("printing_registration", 12),
    ("postal_notice", 12),
    ("printing_licence", 8),
    ("newsletter", 8),
    ("postal_licence", 5),
];
const CHANNELS: &[(Channel, u32)] = &[(Channel::Desk, 55), (Channel::Online, 30), (Channel::Post, 15)];

/// A procedure in force and what its clocks are counted by.
struct Procedure {
    t: PermitTypeRow,
    weight: u32,
    documents: Vec<RequiredDocument>,
    /// (duration, unit) of the completeness, legal and published rules.
    completeness: (u32, engine::Unit),
    legal: (u32, engine::Unit),
    published: (u32, engine::Unit),
}

fn rule(conn: &mut DbConnection, code: &str, on: NaiveDate) -> Result<(u32, engine::Unit), AppError> {
    let r = crate::calendar::queries::rule_in_force(conn, code, on)?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("deadline rule {code} not in force")))?;
    Ok((r.duration as u32, r.unit()))
}

fn procedures(conn: &mut DbConnection, on: NaiveDate) -> Result<Vec<Procedure>, AppError> {
    let mut out = Vec::new();
    for t in crate::permits::queries::types_in_force(conn, on)? {
        let Some((_, weight)) = TYPES.iter().find(|(c, _)| *c == t.code) else { continue };
        out.push(Procedure {
            weight: *weight,
            documents: t.documents(),
            completeness: rule(conn, &t.completeness_rule, on)?,
            legal: rule(conn, &t.legal_rule, on)?,
            published: rule(conn, &t.published_rule, on)?,
            t,
        });
    }
    Ok(out)
}

/// A day at the desk (10:00 in Vietnam) as a stored time.
fn at_desk(d: NaiveDate) -> NaiveDateTime {
    d.and_time(NaiveTime::from_hms_opt(3, 0, 0).unwrap_or_default())
}

fn later(rng: &mut Rng, after: NaiveDate, days: std::ops::Range<u64>) -> NaiveDate {
    after.checked_add_days(Days::new(rng.u64(days))).unwrap_or(after)
}

/// A tracking code of the seed's stream (the desk draws its codes at random), drawn again when an
/// earlier run already gave it.
fn tracking_code(conn: &mut DbConnection, rng: &mut Rng) -> Result<String, AppError> {
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    loop {
        let mut group = || (0..4).map(|_| ALPHABET[rng.usize(..ALPHABET.len())] as char).collect::<String>();
        let code = format!("HS{}-{}", group(), group());
        let taken: i64 = dossiers::table.filter(dossiers::tracking_code.eq(&code)).count().get_result(conn)?;
        if taken == 0 {
            return Ok(code);
        }
    }
}

/// The clocks of one dossier as they are written.
struct Clocks<'a> {
    cal: &'a Calendar,
    today: NaiveDate,
    d: &'a DossierRow,
    rows: Vec<DeadlineRow>,
}

impl Clocks<'_> {
    fn start(&mut self, label: &str, rule: &str, (n, unit): (u32, engine::Unit), on: NaiveDate) -> NaiveDate {
        let due = engine::compute(self.cal, on, n, unit, &[], self.today).map(|e| e.due).unwrap_or(on);
        let now = crate::time::now();
        self.rows.push(DeadlineRow {
            id: crate::domain::DeadlineId::generate(),
            agency_id: self.d.agency_id.clone(),
            record_type: RECORD_TYPE.into(),
            record_id: self.d.id.clone(),
            label: label.into(),
            rule_code: Some(rule.into()),
            start_date: on,
            duration: n as i32,
            unit: unit.code().into(),
            adjustments: "[]".into(),
            due_date: due,
            closed_at: None,
            created_at: at_desk(on).min(now),
            updated_at: at_desk(on).min(now),
        });
        due
    }

    /// Closes the running clock with this label on day `on`; its due day.
    fn close(&mut self, label: &str, on: NaiveDate) -> Option<NaiveDate> {
        let c = self.rows.iter_mut().find(|c| c.label == label && c.closed_at.is_none())?;
        c.closed_at = Some(at_desk(on));
        c.updated_at = at_desk(on);
        Some(c.due_date)
    }
}

/// Writes `n` dossiers about the registry's outlets, `batch` to a transaction.
#[expect(clippy::too_many_arguments, reason = "one call from the generator, each argument named there")]
pub fn dossiers(
    conn: &mut DbConnection,
    actor: &Actor,
    agency_id: &str,
    placed: &[Placed],
    n: usize,
    batch: usize,
    rng: &mut Rng,
    tally: &mut Tally,
    progress: &mut Progress,
) -> Result<(), AppError> {
    tally.enter(Phase::Dossiers);
    let today = crate::time::today_vn();
    let first = today.checked_sub_days(Days::new(365)).unwrap_or(today);
    let kinds = procedures(conn, first)?;
    if placed.is_empty() || kinds.is_empty() {
        return Ok(());
    }
    let cal = crate::calendar::queries::load_calendar(conn)?;
    let weights: Vec<(usize, u32)> = kinds.iter().enumerate().map(|(i, k)| (i, k.weight)).collect();
    // Each procedure's applicants: the outlets of its sector (any outlet when the sector has none).
    let applicants: Vec<Vec<&Placed>> = kinds
        .iter()
        .map(|k| {
            let of_sector: Vec<&Placed> = placed.iter().filter(|(_, s)| *s == k.t.sector_code).collect();
            if of_sector.is_empty() { placed.iter().collect() } else { of_sector }
        })
        .collect();
    let mut left = n;
    while left > 0 {
        let now = left.min(batch.max(1));
        write_tx(conn, |conn| {
            for _ in 0..now {
                let i = *weighted(rng, &weights);
                let (k, outlet) = (&kinds[i], *pick(rng, &applicants[i]));
                let received = later(rng, first, 0..366).min(today);
                one(conn, actor, agency_id, &cal, k, outlet, received, rng)?;
            }
            Ok::<(), AppError>(())
        })?;
        left -= now;
        tally.dossiers += now;
        progress(tally);
    }
    Ok(())
}

#[expect(clippy::too_many_arguments, reason = "the generator's state, named")]
fn one(
    conn: &mut DbConnection,
    actor: &Actor,
    agency_id: &str,
    cal: &Calendar,
    k: &Procedure,
    (outlet_id, _): &Placed,
    received: NaiveDate,
    rng: &mut Rng,
) -> Result<(), AppError> {
    let today = crate::time::today_vn();
    let outlet = crate::outlets::queries::find(conn, outlet_id.as_ref())?;
    let year = received.year();
    let number = crate::documents::steps::issue::next_number(conn, agency_id, "dossier", year)?;
    let complete = rng.u32(..100) < 80;
    let created = at_desk(received).min(crate::time::now());
    let mut d = DossierRow {
        id: uuid::Uuid::now_v7().to_string(),
        agency_id: agency_id.to_string(),
        year,
        number,
        tracking_code: tracking_code(conn, rng)?,
        permit_type_id: k.t.id.clone(),
        type_code: k.t.code.clone(),
        purpose: Purpose::New,
        original_permit_id: None,
        outlet_id: outlet_id.to_string(),
        applicant: outlet.name.clone(),
        contact_email: String::new(),
        contact_phone: outlet.phone.clone(),
        channel: *weighted(rng, CHANNELS),
        received_on: received,
        complete_on: complete.then_some(received),
        state: if complete { State::Appraising } else { State::Received },
        missing: String::new(),
        appraisal: String::new(),
        outcome_reason: String::new(),
        decided_on: None,
        on_time: Timeliness::Pending,
        officer_id: None,
        search_text: String::new(),
        version: 1,
        created_by: actor.name.clone(),
        created_at: created,
        updated_at: created,
    };
    d.search_text = crate::permits::steps::receive::search_text(&d, &k.t.name_vi);
    // One required document is missing from an incomplete dossier until it is completed.
    let missing_doc = if complete { None } else { k.documents.iter().position(|x| !x.optional) };
    let mut items: Vec<ItemRow> = k
        .documents
        .iter()
        .enumerate()
        .map(|(i, doc)| ItemRow {
            id: uuid::Uuid::now_v7().to_string(),
            dossier_id: d.id.clone(),
            position: i as i32 + 1,
            code: doc.code.clone(),
            name: doc.name_vi.clone(),
            required: !doc.optional,
            received: Some(i) != missing_doc && (!doc.optional || rng.bool()),
            note: String::new(),
        })
        .collect();
    let initial = d.clone();
    let mut clocks = Clocks { cal, today, d: &initial, rows: Vec::new() };
    let mut last_step = received;
    let mut fees: Vec<FeeRow> = Vec::new();
    let mut survey: Option<SurveyRow> = None;
    if !complete {
        clocks.start(COMPLETENESS_LABEL, &k.t.completeness_rule, k.completeness, received);
    }
    clocks.start(LEGAL_LABEL, &k.t.legal_rule, k.legal, received);
    clocks.start(PUBLISHED_LABEL, &k.t.published_rule, k.published, received);
    // The completeness check of a dossier that was not complete at the desk.
    'steps: {
        if !complete {
            let on = later(rng, received, 1..4);
            if on > today {
                break 'steps;
            }
            last_step = on;
            clocks.close(COMPLETENESS_LABEL, on);
            if rng.u32(..100) < 60 {
                d.state = State::Appraising;
                d.complete_on = Some(received);
            } else {
                for label in [LEGAL_LABEL, PUBLISHED_LABEL] {
                    clocks.close(label, on);
                }
                d.state = State::Incomplete;
                d.missing = missing_doc
                    .map(|i| format!("{} (bản chính)", k.documents[i].name_vi))
                    .unwrap_or_else(|| "Bổ sung bản sao giấy tờ tùy thân của người đề nghị".into());
                let back = later(rng, on, 5..25);
                if rng.u32(..100) >= 70 || back > today {
                    break 'steps;
                }
                last_step = back;
                d.state = State::Appraising;
                d.complete_on = Some(back);
                d.missing = String::new();
                clocks.start(LEGAL_LABEL, &k.t.legal_rule, k.legal, back);
                clocks.start(PUBLISHED_LABEL, &k.t.published_rule, k.published, back);
            }
            for i in items.iter_mut() {
                i.received |= i.required;
            }
        }
        let start = d.complete_on.unwrap_or(received);
        let appraised = later(rng, start.max(last_step), 2..9);
        if appraised > today {
            break 'steps;
        }
        last_step = appraised;
        d.appraisal = "Hồ sơ hợp lệ, cơ sở đáp ứng điều kiện theo quy định.".into();
        if k.t.site_survey {
            let meets = rng.u32(..100) < 90;
            survey = Some(SurveyRow {
                id: uuid::Uuid::now_v7().to_string(),
                dossier_id: d.id.clone(),
                surveyed_on: appraised,
                surveyors: "Cán bộ Phòng Văn hóa - Xã hội\nCông an xã".into(),
                opening_hours: "08:00–22:00".into(),
                signboard_ok: meets || rng.bool(),
                fire_safety_ok: meets,
                school_distance_m: Some(rng.i32(120..1500)),
                notes: String::new(),
                meets,
                created_by: actor.name.clone(),
                created_at: at_desk(appraised),
            });
        }
        for (kind, amount) in [(FeeKind::Appraisal, k.t.appraisal_fee), (FeeKind::Levy, k.t.levy)] {
            if amount > 0 {
                fees.push(FeeRow {
                    id: uuid::Uuid::now_v7().to_string(),
                    dossier_id: d.id.clone(),
                    kind,
                    amount,
                    receipt_no: format!("{:07}", rng.u32(1..9_999_999)),
                    paid_on: appraised,
                    created_by: actor.name.clone(),
                    created_at: at_desk(appraised),
                });
            }
        }
        // Most are decided within the legal period; some after it.
        let (legal_days, _) = k.legal;
        let decided = later(rng, appraised, 1..(u64::from(legal_days) + 4).max(3));
        if decided > today {
            break 'steps;
        }
        last_step = decided;
        let refuse = survey.as_ref().is_some_and(|s| !s.meets) || rng.u32(..100) < 6;
        let withdraw = !refuse && rng.u32(..100) < 3;
        for label in [COMPLETENESS_LABEL, PUBLISHED_LABEL] {
            clocks.close(label, decided);
        }
        let legal_due = clocks.close(LEGAL_LABEL, decided);
        d.decided_on = Some(decided);
        if withdraw {
            d.state = State::Withdrawn;
            d.outcome_reason = "Tổ chức, cá nhân đề nghị rút hồ sơ".into();
        } else {
            d.state = if refuse { State::Refused } else { State::Issued };
            if refuse {
                d.outcome_reason = "Cơ sở chưa đáp ứng điều kiện theo quy định".into();
            }
            d.on_time = legal_due.map(|due| rules::timeliness(decided, due)).unwrap_or(Timeliness::OnTime);
        }
    }
    if d.state != initial.state {
        d.version = 2;
        d.updated_at = at_desk(last_step).min(crate::time::now());
    }
    diesel::insert_into(dossiers::table).values(&d).execute(conn)?;
    audit::record(conn, actor, AuditEntry::created(&initial))?;
    for i in &items {
        diesel::insert_into(dossier_items::table).values(i).execute(conn)?;
    }
    for c in &clocks.rows {
        diesel::insert_into(deadlines::table).values(c).execute(conn)?;
        audit::record(conn, actor, AuditEntry::created(c))?;
    }
    if let Some(s) = &survey {
        diesel::insert_into(dossier_surveys::table).values(s).execute(conn)?;
        audit::record(conn, actor, AuditEntry::created(s))?;
    }
    for f in &fees {
        diesel::insert_into(dossier_fees::table).values(f).execute(conn)?;
        audit::record(conn, actor, AuditEntry::created(f))?;
    }
    if d.state != initial.state {
        let mut entry = AuditEntry::transition(&initial, &d, AuditAction::Transition);
        entry.changes.push(change("on", Value::Null, last_step.to_string()));
        audit::record(conn, actor, entry)?;
    }
    Ok(())
}
