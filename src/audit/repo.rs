//! Writing, reading and verifying the chain. Each entry's hash covers its own fields and the previous
//! entry's hash; `audit_head` holds the last sequence number and hash, so that removing the newest
//! rows is caught too. On PostgreSQL the head row is locked `FOR UPDATE`; on SQLite the write
//! transaction (`BEGIN IMMEDIATE`) already serialises writers.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use sha2::{Digest, Sha256};

use super::model::{Actor, AuditEntry};
use crate::db::DbConnection;
use crate::db::schema::{audit_head, audit_log};
use crate::error::AppError;

pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = audit_log)]
pub struct AuditRow {
    pub seq: i64,
    #[serde(serialize_with = "crate::time::api")]
    pub at: NaiveDateTime,
    pub agency_id: Option<String>,
    pub actor_id: Option<String>,
    pub actor_name: String,
    pub action: String,
    pub record_type: String,
    pub record_id: String,
    pub record_label: String,
    pub changes: String,
    pub prev_hash: String,
    pub hash: String,
}

impl AuditRow {
    pub fn compute_hash(&self) -> String {
        let canonical = serde_json::json!([
            self.seq,
            self.at.format("%Y-%m-%dT%H:%M:%S%.6f").to_string(),
            self.agency_id,
            self.actor_id,
            self.actor_name,
            self.action,
            self.record_type,
            self.record_id,
            self.record_label,
            self.changes,
            self.prev_hash,
        ]);
        hex::encode(Sha256::digest(canonical.to_string().as_bytes()))
    }

    pub fn changes_list(&self) -> Vec<super::Change> {
        serde_json::from_str(&self.changes).unwrap_or_default()
    }
}

#[derive(QueryableByName)]
struct Head {
    #[diesel(sql_type = BigInt)]
    last_seq: i64,
    #[diesel(sql_type = Text)]
    last_hash: String,
}

fn lock_head(conn: &mut DbConnection) -> Result<(i64, String), AppError> {
    let head: Head = match conn {
        DbConnection::Pg(c) => {
            diesel::sql_query("SELECT last_seq, last_hash FROM audit_head WHERE id = 1 FOR UPDATE").get_result(c)?
        }
        DbConnection::Sqlite(c) => {
            diesel::sql_query("SELECT last_seq, last_hash FROM audit_head WHERE id = 1").get_result(c)?
        }
    };
    Ok((head.last_seq, head.last_hash))
}

/// Appends one entry. Call it inside the transaction that makes the change.
pub fn record(conn: &mut DbConnection, actor: &Actor, entry: AuditEntry) -> Result<i64, AppError> {
    let (last_seq, last_hash) = lock_head(conn)?;
    let mut row = AuditRow {
        seq: last_seq + 1,
        at: crate::time::now(),
        agency_id: actor.agency_id.clone(),
        actor_id: actor.user_id.clone(),
        actor_name: actor.name.clone(),
        action: entry.action.code().to_string(),
        record_type: entry.record_type.to_string(),
        record_id: entry.record_id,
        record_label: entry.record_label,
        changes: serde_json::to_string(&entry.changes).map_err(anyhow::Error::from)?,
        prev_hash: last_hash,
        hash: String::new(),
    };
    row.hash = row.compute_hash();
    diesel::insert_into(audit_log::table).values(&row).execute(conn)?;
    diesel::update(audit_head::table.filter(audit_head::id.eq(1)))
        .set((audit_head::last_seq.eq(row.seq), audit_head::last_hash.eq(&row.hash)))
        .execute(conn)?;
    Ok(row.seq)
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum VerifyOutcome {
    /// `count`: the entries checked, of the agency asked about (or all).
    Ok { count: i64 },
    /// The first broken link; `checked`: the entries before it (of the agency asked about, or all).
    Broken { seq: i64, reason: BreakReason, checked: i64 },
}

/// Why the chain is broken at an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BreakReason {
    /// The entry is missing; the next one present is `next_present`.
    Missing { next_present: i64 },
    /// Its link to the previous entry does not match.
    Link,
    /// Its content was altered after it was written.
    Altered,
    /// The chain ends before `written` entries: the newest were removed.
    Truncated { written: i64 },
}

impl BreakReason {
    /// The i18n key of the sentence (parameters `next`, `written`).
    pub fn key(self) -> &'static str {
        match self {
            BreakReason::Missing { .. } => "audit.break.missing",
            BreakReason::Link => "audit.break.link",
            BreakReason::Altered => "audit.break.altered",
            BreakReason::Truncated { .. } => "audit.break.truncated",
        }
    }

    pub fn describe(self, lang: crate::i18n::Lang) -> String {
        let t = crate::i18n::lookup(lang, self.key());
        match self {
            BreakReason::Missing { next_present } => t.replace("{next}", &next_present.to_string()),
            BreakReason::Truncated { written } => t.replace("{written}", &written.to_string()),
            _ => t.to_string(),
        }
    }
}

impl std::fmt::Display for VerifyOutcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            VerifyOutcome::Ok { count } => write!(f, "ok: {count} entries, chain intact"),
            VerifyOutcome::Broken { seq, reason, .. } => {
                write!(f, "broken at entry {seq}: {}", reason.describe(crate::i18n::Lang::En))
            }
        }
    }
}

/// Walks the whole chain in order and reports the first broken link.
pub fn verify(conn: &mut DbConnection) -> Result<VerifyOutcome, AppError> {
    verify_for(conn, None)
}

/// Walks the whole chain (a link is only checked against its neighbour, whoever wrote it) and
/// counts the entries of `agency` only, when given: an agency administrator learns whether the chain
/// holds and how many of their agency's entries it carries, nothing of other agencies' work.
pub fn verify_for(conn: &mut DbConnection, agency: Option<&str>) -> Result<VerifyOutcome, AppError> {
    // One snapshot for every batch and the head: entries written meanwhile are neither half seen
    // nor taken for a truncation.
    crate::db::read_snapshot(conn, |conn| walk(conn, agency))
}

fn walk(conn: &mut DbConnection, agency: Option<&str>) -> Result<VerifyOutcome, AppError> {
    const BATCH: i64 = 2000;
    let mut expected_seq = 1_i64;
    let mut prev = GENESIS_HASH.to_string();
    let mut counted = 0_i64;
    let broken = |seq, reason, counted| Ok(VerifyOutcome::Broken { seq, reason, checked: counted });
    loop {
        let rows: Vec<AuditRow> = audit_log::table
            .filter(audit_log::seq.ge(expected_seq))
            .order(audit_log::seq.asc())
            .limit(BATCH)
            .select(AuditRow::as_select())
            .load(conn)?;
        let n = rows.len() as i64;
        for row in rows {
            if row.seq != expected_seq {
                return broken(expected_seq, BreakReason::Missing { next_present: row.seq }, counted);
            }
            if row.prev_hash != prev {
                return broken(row.seq, BreakReason::Link, counted);
            }
            if row.compute_hash() != row.hash {
                return broken(row.seq, BreakReason::Altered, counted);
            }
            if agency.is_none() || row.agency_id.as_deref() == agency {
                counted += 1;
            }
            prev = row.hash;
            expected_seq += 1;
        }
        if n < BATCH {
            break;
        }
    }
    let count = expected_seq - 1;
    let head: (i64, String) = audit_head::table
        .filter(audit_head::id.eq(1))
        .select((audit_head::last_seq, audit_head::last_hash))
        .first(conn)?;
    if head.0 != count || head.1 != prev {
        return broken(count + 1, BreakReason::Truncated { written: head.0 }, counted);
    }
    Ok(VerifyOutcome::Ok { count: counted })
}

/// Filters of the global audit page.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub agency_id: Option<String>,
    pub actor: Option<String>,
    pub action: Option<String>,
    pub record_type: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

pub fn list(
    conn: &mut DbConnection,
    f: &AuditFilter,
    offset: i64,
    limit: i64,
) -> Result<(Vec<AuditRow>, crate::db::Total), AppError> {
    let build = || {
        let mut q = audit_log::table.into_boxed();
        if let Some(a) = &f.agency_id {
            q = q.filter(audit_log::agency_id.eq(a.clone()));
        }
        if let Some(a) = &f.actor {
            q = q.filter(audit_log::actor_name.eq(a.clone()));
        }
        if let Some(a) = &f.action {
            q = q.filter(audit_log::action.eq(a.clone()));
        }
        if let Some(a) = &f.record_type {
            q = q.filter(audit_log::record_type.eq(a.clone()));
        }
        if let Some(d) = f.from {
            q = q.filter(audit_log::at.ge(d.and_hms_opt(0, 0, 0).unwrap_or_default()));
        }
        if let Some(d) = f.to.and_then(|d| d.succ_opt()) {
            q = q.filter(audit_log::at.lt(d.and_hms_opt(0, 0, 0).unwrap_or_default()));
        }
        q
    };
    let past_cap =
        build().select(audit_log::seq).offset(crate::db::COUNT_CAP).limit(1).first::<i64>(conn).optional()?.is_some();
    let total = crate::db::Total::bounded(past_cap, || build().count().get_result(conn))?;
    let rows =
        build().order(audit_log::seq.desc()).offset(offset).limit(limit).select(AuditRow::as_select()).load(conn)?;
    Ok((rows, total))
}

/// A record's history as the history lists show it: its entries and the names of the codes they
/// record (sectors are rows an administrator adds, so their names come from the database).
pub struct History {
    pub rows: Vec<AuditRow>,
    pub names: super::history::CodeNames,
}

/// The history of one record, newest first. `agency_id` limits it to one agency's entries (for
/// records that belong to an agency); `None` shows all (see `shared_history` for shared records).
pub fn history(
    conn: &mut DbConnection,
    record_type: &str,
    record_id: &str,
    agency_id: Option<&str>,
) -> Result<History, AppError> {
    let rows = entries_of(conn, record_type, record_id, agency_id)?;
    let names = code_names(conn, &rows)?;
    Ok(History { rows, names })
}

/// The history of a record with the records that belong to it (a dossier's surveys, their photos,
/// its fees): one list, newest first. `parts` names each kind of record and its ids.
pub fn history_with_parts(
    conn: &mut DbConnection,
    record_type: &str,
    record_id: &str,
    parts: &[(&str, Vec<String>)],
    agency_id: &str,
) -> Result<History, AppError> {
    let mut rows = entries_of(conn, record_type, record_id, Some(agency_id))?;
    for (kind, ids) in parts.iter().filter(|(_, ids)| !ids.is_empty()) {
        rows.extend(
            audit_log::table
                .filter(audit_log::record_type.eq(*kind))
                .filter(audit_log::record_id.eq_any(ids))
                .filter(audit_log::agency_id.eq(agency_id))
                .order(audit_log::seq.desc())
                .limit(500)
                .select(AuditRow::as_select())
                .load(conn)?,
        );
    }
    rows.sort_by_key(|r| std::cmp::Reverse(r.seq));
    rows.truncate(500);
    let names = code_names(conn, &rows)?;
    Ok(History { rows, names })
}

/// The history of a record every agency shares (an outlet, an agency, a deadline rule), as
/// `viewer_agency` may see it: each agency sees its own people by name and another agency's only as
/// that agency. `None` (an installation administrator) sees every name.
pub fn shared_history(
    conn: &mut DbConnection,
    record_type: &str,
    record_id: &str,
    viewer_agency: Option<&str>,
) -> Result<History, AppError> {
    use crate::db::schema::agencies;
    let mut h = history(conn, record_type, record_id, None)?;
    if let Some(viewer) = viewer_agency {
        let names: std::collections::HashMap<String, String> = agencies::table
            .select((agencies::id, agencies::name))
            .load::<(String, String)>(conn)?
            .into_iter()
            .collect();
        for r in &mut h.rows {
            if let Some(a) = r.agency_id.as_deref().filter(|a| *a != viewer) {
                r.actor_name = names.get(a).cloned().unwrap_or_default();
                // Not named through their account either.
                r.actor_id = None;
            }
        }
    }
    Ok(h)
}

/// The names of what entries record by reference: sector codes in both languages, and every record
/// id (`outlet_id`, `decision_id`...) by the label the trail itself last gave that record.
pub fn code_names(conn: &mut DbConnection, rows: &[AuditRow]) -> Result<super::history::CodeNames, AppError> {
    use crate::db::schema::sectors;
    let sector_rows: Vec<(String, String, String)> =
        sectors::table.select((sectors::code, sectors::name_vi, sectors::name_en)).load(conn)?;
    let mut ids: Vec<String> = rows
        .iter()
        .flat_map(|r| r.changes_list())
        .filter(|c| super::history::is_reference(&c.field))
        .flat_map(|c| [c.before, c.after])
        .flat_map(|v| match v {
            serde_json::Value::String(s) => vec![s],
            serde_json::Value::Array(a) => a.into_iter().filter_map(|x| x.as_str().map(str::to_string)).collect(),
            _ => vec![],
        })
        .filter(|s| !s.is_empty())
        .collect();
    ids.sort();
    ids.dedup();
    let mut labels = std::collections::HashMap::new();
    for chunk in ids.chunks(500) {
        let found: Vec<(String, String)> = audit_log::table
            .filter(audit_log::record_id.eq_any(chunk))
            .order(audit_log::seq.asc())
            .select((audit_log::record_id, audit_log::record_label))
            .load(conn)?;
        // Later entries come last, so a record's newest label wins.
        labels.extend(found.into_iter().filter(|(_, l)| !l.is_empty()));
        // Signers are lines of their agency, not records of their own: named by who they are.
        use crate::db::schema::agency_signers as s;
        let signers: Vec<(String, String, String)> =
            s::table.filter(s::id.eq_any(chunk)).select((s::id, s::full_name, s::title)).load(conn)?;
        labels.extend(signers.into_iter().map(|(id, name, title)| (id, format!("{name} ({title})"))));
        // People referred to (an officer, a team member): by the full name they have now.
        use crate::db::schema::users;
        let named: Vec<(String, String)> =
            users::table.filter(users::id.eq_any(chunk)).select((users::id, users::full_name)).load(conn)?;
        labels.extend(named.into_iter().filter(|(_, n)| !n.trim().is_empty()));
    }
    // Who did it, by the full name the user has now (the trail records the username).
    let mut actor_ids: Vec<&str> = rows.iter().filter_map(|r| r.actor_id.as_deref()).collect();
    actor_ids.sort_unstable();
    actor_ids.dedup();
    let mut people = std::collections::HashMap::new();
    for chunk in actor_ids.chunks(500) {
        use crate::db::schema::users;
        let found: Vec<(String, String)> =
            users::table.filter(users::id.eq_any(chunk)).select((users::id, users::full_name)).load(conn)?;
        people.extend(found.into_iter().filter(|(_, n)| !n.trim().is_empty()));
    }
    Ok(super::history::CodeNames {
        sectors: sector_rows.into_iter().map(|(c, vi, en)| (c, (vi, en))).collect(),
        labels,
        people,
    })
}

/// A record's entries, newest first (at most 500).
pub fn entries_of(
    conn: &mut DbConnection,
    record_type: &str,
    record_id: &str,
    agency_id: Option<&str>,
) -> Result<Vec<AuditRow>, AppError> {
    let mut q = audit_log::table
        .filter(audit_log::record_type.eq(record_type))
        .filter(audit_log::record_id.eq(record_id))
        .into_boxed();
    if let Some(a) = agency_id {
        q = q.filter(audit_log::agency_id.eq(a.to_string()));
    }
    Ok(q.order(audit_log::seq.desc()).limit(500).select(AuditRow::as_select()).load(conn)?)
}

/// The names of users who appear in an agency's entries (for the filter list).
pub fn actors(conn: &mut DbConnection, agency_id: &str) -> Result<Vec<String>, AppError> {
    Ok(audit_log::table
        .filter(audit_log::agency_id.eq(agency_id))
        .select(audit_log::actor_name)
        .distinct()
        .order(audit_log::actor_name.asc())
        .load(conn)?)
}
