//! `thanhtra demo`: fills a database with realistic Vietnamese data for trying the service and
//! measuring it at a country's scale (issue 12): outlets of every sector across the 34 provinces,
//! a team, engagements under way with their checklist findings, next year's draft plan, complaints
//! and the permit desk's dossiers of the last year, and the audit trail of all of it, still a valid
//! chain.
//!
//! The generators are pure and seeded (`people`, `places`, `codes`, `registry`, `cases`); the
//! writers go through the application's own steps where a step's cost allows it (`write`: the
//! registry, users, the plan) and write rows directly where it does not (`engagements`, which says
//! why and how). Everything is written by the actor `demo` of the chosen agency (no user: its
//! entries show on the agency's audit page as the program's doing).
//!
//! It refuses a database that holds people's work (`refusal`): any audit entry made by a signed-in
//! user. What the program, the command line (`user add`, `token create`) and earlier demo runs wrote
//! is not work, so a fresh installation with its administrators, or a demo database, is accepted,
//! and a second run adds to the first.

pub mod cases;
pub mod codes;
pub mod dossiers;
pub mod engagements;
pub mod people;
pub mod places;
pub mod registry;
pub mod submissions;
pub mod tally;
pub mod write;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use fastrand::Rng;

pub use tally::{Options, Phase, Progress, Tally};

use crate::audit::Actor;
use crate::db::DbConnection;
use crate::db::schema::{audit_head, audit_log};
use crate::error::AppError;

/// The name the trail gives the generator.
pub const ACTOR: &str = "demo";

/// Why the demo should not write into this database, if it should not: people's work is there.
pub fn refusal(conn: &mut DbConnection) -> Result<Option<String>, AppError> {
    let by_people: i64 = audit_log::table.filter(audit_log::actor_id.is_not_null()).count().get_result(conn)?;
    Ok((by_people > 0).then(|| {
        format!(
            "this database holds work: {by_people} audit entries were made by signed-in users. The demo writes \
             only into a fresh database or one that holds demo data (point DATABASE_URL or data_dir at a new \
             one), or pass --force to add demo data to this one anyway"
        )
    }))
}

fn head(conn: &mut DbConnection) -> Result<i64, AppError> {
    Ok(audit_head::table.select(audit_head::last_seq).first(conn)?)
}

/// Writes the demo data into the agency `agency_id` (the outlets are the shared registry's; the
/// team, the engagements and the plan are the agency's), calling `progress` after every
/// transaction; the counts at the end.
pub fn generate(
    conn: &mut DbConnection,
    agency_id: &str,
    opts: &Options,
    overlap_months: u32,
    progress: &mut Progress,
) -> Result<Tally, AppError> {
    // SQLite's default page cache (2 MB) makes every index insert read pages back from the OS once
    // the tables outgrow it; this connection keeps 256 MB while it writes, then the default again.
    let sqlite = matches!(conn, DbConnection::Sqlite(_));
    if sqlite {
        conn.batch_execute("PRAGMA cache_size = -262144")?;
    }
    let done = fill(conn, agency_id, opts, overlap_months, progress);
    if sqlite {
        conn.batch_execute("PRAGMA cache_size = -2000")?;
    }
    done
}

fn fill(
    conn: &mut DbConnection,
    agency_id: &str,
    opts: &Options,
    overlap_months: u32,
    progress: &mut Progress,
) -> Result<Tally, AppError> {
    let actor = Actor { user_id: None, name: ACTOR.into(), agency_id: Some(agency_id.into()) };
    let agency = crate::agencies::queries::find(conn, agency_id)?;
    let before = head(conn)?;
    let mut tally = Tally::new();
    let sectors: Vec<String> =
        crate::sectors::queries::all(conn)?.into_iter().filter(|s| s.active).map(|s| s.code).collect();
    let mut outlets = registry::OutletGen::new(&sectors, &agency.province, write::taken_tax_codes(conn)?);
    // One stream per part, so that asking for more findings does not change the outlets.
    let mut rng = Rng::with_seed(opts.seed);
    let placed = write::outlets(conn, &actor, &mut outlets, &mut rng, opts.outlets, opts.batch, &mut tally, progress)?;
    let team = write::team(conn, &actor, agency_id, &mut Rng::with_seed(opts.seed ^ 0x7ea3), &mut tally)?;
    progress(&tally);
    let mut rng = Rng::with_seed(opts.seed.wrapping_add(1));
    engagements::engagements(
        conn,
        &actor,
        agency_id,
        &placed,
        &team,
        opts.findings,
        opts.batch,
        &mut rng,
        &mut tally,
        progress,
    )?;
    let mut rng = Rng::with_seed(opts.seed.wrapping_add(2));
    write::plan(conn, &actor, agency_id, &placed, overlap_months, &mut rng, &mut tally)?;
    let mut rng = Rng::with_seed(opts.seed.wrapping_add(3));
    let batch = opts.batch.clamp(1, 200);
    submissions::submissions(
        conn,
        &actor,
        agency_id,
        &placed,
        &team,
        opts.submissions,
        batch,
        &mut rng,
        &mut tally,
        progress,
    )?;
    let mut rng = Rng::with_seed(opts.seed.wrapping_add(4));
    dossiers::dossiers(conn, &actor, agency_id, &placed, opts.dossiers, batch, &mut rng, &mut tally, progress)?;
    tally.audit_entries = head(conn)? - before;
    tally.enter(Phase::Done);
    progress(&tally);
    Ok(tally)
}
