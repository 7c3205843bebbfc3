//! The registry, the team and next year's plan, written through the application's own steps:
//! outlets are validated by the registry's form rules and stored by `outlets::steps::register::insert`
//! (search text, sort name, duplicate check and one audit entry each), many to a transaction; users
//! by `users::steps::accounts::create`; the plan and its items by `inspections::steps::plan`.

use std::collections::HashSet;

use chrono::Datelike;
use diesel::prelude::*;
use fastrand::Rng;

use super::people::{self, Sex, pick};
use super::registry::OutletGen;
use super::tally::{Phase, Progress, Tally};
use crate::audit::{Actor, AuditAction};
use crate::db::schema::{inspection_plans, outlets};
use crate::db::{DbConnection, write_tx};
use crate::domain::OutletId;
use crate::error::AppError;
use crate::users::model::UserRow;

/// An outlet this run wrote: its id and sector.
pub type Placed = (OutletId, String);

fn internal(what: String) -> AppError {
    AppError::Internal(anyhow::anyhow!(what))
}

/// The tax codes the registry already holds, so that new ones do not collide with them.
pub fn taken_tax_codes(conn: &mut DbConnection) -> Result<HashSet<String>, AppError> {
    let codes: Vec<Option<String>> = outlets::table
        .filter(outlets::tax_code.is_not_null())
        .filter(outlets::deleted_at.is_null())
        .select(outlets::tax_code)
        .load(conn)?;
    Ok(codes.into_iter().flatten().collect())
}

/// Writes `n` outlets, `batch` to a transaction.
#[expect(clippy::too_many_arguments, reason = "one call from the generator, each argument named there")]
pub fn outlets(
    conn: &mut DbConnection,
    actor: &Actor,
    generator: &mut OutletGen,
    rng: &mut Rng,
    n: usize,
    batch: usize,
    tally: &mut Tally,
    progress: &mut Progress,
) -> Result<Vec<Placed>, AppError> {
    tally.enter(Phase::Outlets);
    let sectors: Vec<_> = crate::sectors::queries::all(conn)?.into_iter().filter(|s| s.active).collect();
    let mut placed = Vec::with_capacity(n);
    while placed.len() < n {
        let take = batch.max(1).min(n - placed.len());
        let mut valid = Vec::with_capacity(take);
        for _ in 0..take {
            let draft = generator.next(rng);
            let v = draft.validate(&sectors).map_err(|e| {
                let why: Vec<String> = e.0.iter().map(|f| format!("{}: {}", f.field, f.code.as_str())).collect();
                internal(format!("a generated outlet was refused ({}): {draft:?}", why.join(", ")))
            })?;
            valid.push(v);
        }
        let rows = write_tx(conn, |conn| {
            valid
                .iter()
                .map(|v| crate::outlets::steps::register::insert(conn, actor, v, AuditAction::Create))
                .collect::<Result<Vec<_>, AppError>>()
        })?;
        placed.extend(rows.into_iter().map(|r| (r.id, r.sector_code)));
        tally.outlets = placed.len();
        progress(tally);
    }
    Ok(placed)
}

/// The team engagements are given: three leaders and twelve inspectors of the agency, with
/// Vietnamese names and official titles, usernames `demo.<given name>.<initials>`. A second run
/// finds them again. Their passwords are random and never shown: set one with
/// `thanhtra user passwd <username>` to sign in as one of them.
pub struct Team {
    pub leaders: Vec<UserRow>,
    pub inspectors: Vec<UserRow>,
}

pub fn team(
    conn: &mut DbConnection,
    actor: &Actor,
    agency_id: &str,
    rng: &mut Rng,
    tally: &mut Tally,
) -> Result<Team, AppError> {
    tally.enter(Phase::Team);
    let mut out = Team { leaders: Vec::new(), inspectors: Vec::new() };
    let mut names = HashSet::new();
    for i in 0..15 {
        let role = if i < 3 { crate::auth::Role::Leader } else { crate::auth::Role::Inspector };
        let sex = if rng.bool() { Sex::Male } else { Sex::Female };
        let p = people::person_of(rng, sex);
        let base = format!("demo.{}.{}", crate::domain::text::fold(p.given).replace(' ', ""), p.initials());
        let mut username = base.clone();
        let mut k = 2;
        while !names.insert(username.clone()) {
            username = format!("{base}{k}");
            k += 1;
        }
        let user = match crate::users::queries::find_by_username(conn, &username)? {
            Some(u) if u.agency_id == agency_id => u,
            Some(_) => return Err(internal(format!("the username {username} belongs to another agency"))),
            None => {
                let title = match (role, rng.u32(..3)) {
                    (crate::auth::Role::Leader, 0) => "Chánh Thanh tra",
                    (crate::auth::Role::Leader, _) => "Phó Chánh Thanh tra",
                    (_, 0) => "Thanh tra viên chính",
                    _ => "Thanh tra viên",
                };
                let input = crate::users::forms::UserInput {
                    username: username.clone(),
                    full_name: p.full_name(),
                    official_title: title.into(),
                    email: format!("{}@thanhtra.demo.vn", username.trim_start_matches("demo.")),
                    role: role.code().into(),
                    password: uuid::Uuid::new_v4().to_string(),
                    locale: "vi".into(),
                    agency_id: String::new(),
                };
                let new = input
                    .validate(agency_id, 10, crate::auth::Role::InstallationAdmin)
                    .map_err(|e| internal(format!("demo user {username}: {e:?}")))?;
                crate::users::steps::accounts::create(conn, actor, new)?
            }
        };
        tally.users += 1;
        if role == crate::auth::Role::Leader { out.leaders.push(user) } else { out.inspectors.push(user) }
    }
    Ok(out)
}

/// Next year's plan in draft, with an item for about one outlet in a hundred (at most 60), unless
/// the agency has one for that year already.
pub fn plan(
    conn: &mut DbConnection,
    actor: &Actor,
    agency_id: &str,
    placed: &[Placed],
    overlap_months: u32,
    rng: &mut Rng,
    tally: &mut Tally,
) -> Result<(), AppError> {
    use crate::inspections::steps::plan as steps;
    tally.enter(Phase::Plan);
    let year = crate::time::today_vn().year() + 1;
    let exists: i64 = inspection_plans::table
        .filter(inspection_plans::agency_id.eq(agency_id))
        .filter(inspection_plans::year.eq(year))
        .count()
        .get_result(conn)?;
    if exists > 0 || placed.is_empty() {
        return Ok(());
    }
    let title = format!("Kế hoạch thanh tra, kiểm tra năm {year}");
    let plan = steps::create(conn, actor, agency_id, &steps::PlanInput { year: year.to_string(), title })?;
    let today = crate::time::today_vn();
    for _ in 0..(placed.len() / 100).clamp(1, 60) {
        let (outlet, sector) = pick(rng, placed);
        let o = super::cases::opening(rng, sector, today);
        let input = steps::ItemInput {
            outlet_id: outlet.to_string(),
            kind: o.kind.code().into(),
            scope: o.scope,
            quarter: rng.u32(1..=4).to_string(),
            lead_unit: (*pick(rng, &["Phòng Thanh tra 1", "Phòng Thanh tra 2", "Phòng Nghiệp vụ"])).into(),
            ..steps::ItemInput::default()
        };
        steps::add_item(conn, actor, agency_id, &plan.id, &input, overlap_months)?;
        tally.plan_items += 1;
    }
    Ok(())
}
