//! Outlet queries and changes. Search folds diacritics (and đ) on both sides and matches every word
//! of the query inside `search_text`, so SQLite and PostgreSQL give the same results.

use diesel::prelude::*;

use crate::i18n::Lang;
use crate::web::Paging;
use crate::web::picker::{LIMIT, OutletPicker, Pick, Search};

use super::model::OutletRow;
use crate::db::DbConnection;
use crate::db::schema::outlets;
use crate::domain::OutletId;
use crate::domain::text::fold;
use crate::error::AppError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    #[default]
    Name,
    TaxCode,
    Province,
    Updated,
}

impl SortKey {
    pub const ALL: [SortKey; 4] = [SortKey::Name, SortKey::TaxCode, SortKey::Province, SortKey::Updated];
    pub fn parse(s: &str) -> Option<SortKey> {
        SortKey::ALL.into_iter().find(|k| k.code() == s)
    }
    pub fn code(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::TaxCode => "tax_code",
            SortKey::Province => "province",
            SortKey::Updated => "updated",
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct OutletFilter {
    pub q: String,
    pub sector: Option<String>,
    pub status: Option<String>,
    pub commune: Option<String>,
    pub province: Option<String>,
    pub sort: SortKey,
    pub desc: bool,
}

pub use crate::db::{COUNT_CAP, Total};

/// PostgreSQL: how many rows, in name order, a search reads before it turns to the trigram index:
/// a word most outlets hold ("cong ty") fills the first page within them, a rare one is read from
/// the index.
const PROBE: i64 = 4000;

/// The words of a search as the index and the `LIKE` tests take them: folded (no diacritics, đ as
/// d, lower case), at most ten.
pub fn search_words(q: &str) -> Vec<String> {
    fold(q).split_whitespace().take(10).map(str::to_string).collect()
}

/// SQLite: the outlets whose folded search text holds every word of three letters or more, read
/// from the trigram index (`outlets_fts`); `None` when no word is that long (the `LIKE` tests alone
/// then decide). PostgreSQL's pg_trgm index serves the `LIKE` tests themselves.
pub fn fts_filter(words: &[String]) -> Option<diesel::expression::SqlLiteral<diesel::sql_types::Bool>> {
    fts_filter_on("outlets", words)
}

/// As [`fts_filter`], for a table with its own trigram index `<table>_fts` over its `search_text`
/// (the outlets; the permit dossiers).
pub fn fts_filter_on(
    table: &'static str,
    words: &[String],
) -> Option<diesel::expression::SqlLiteral<diesel::sql_types::Bool>> {
    // Folded words hold only letters and digits; quotes are doubled all the same.
    let phrases: Vec<String> = words
        .iter()
        .filter(|w| w.chars().count() >= 3)
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"").replace('\'', "''")))
        .collect();
    (!phrases.is_empty()).then(|| {
        diesel::dsl::sql::<diesel::sql_types::Bool>(&format!(
            "{table}.rowid IN (SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH '{}')",
            phrases.join(" AND ")
        ))
    })
}

/// The `LIKE` test of one folded word (the exact test, on both backends).
pub fn like_word(word: &str) -> String {
    format!("%{}%", crate::domain::text::escape_like(word))
}

/// The live outlets the filters (not the search) keep.
fn filtered(f: &OutletFilter) -> Boxed {
    let mut q = outlets::table.filter(outlets::deleted_at.is_null()).into_boxed();
    if let Some(s) = &f.sector {
        q = q.filter(outlets::sector_code.eq(s.clone()));
    }
    if let Some(s) = &f.status {
        q = q.filter(outlets::status.eq(s.clone()));
    }
    if let Some(s) = &f.commune {
        q = q.filter(outlets::commune.eq(s.clone()));
    }
    if let Some(s) = &f.province {
        q = q.filter(outlets::province.eq(s.clone()));
    }
    q
}

type Boxed = outlets::BoxedQuery<'static, crate::db::MultiBackend>;

/// The filters and every word of the search as `LIKE` tests.
fn searched(f: &OutletFilter, words: &[String]) -> Boxed {
    let mut q = filtered(f);
    for word in words {
        q = q.filter(outlets::search_text.like(like_word(word)).escape('\\'));
    }
    q
}

/// As [`searched`], the rows read from the trigram index on SQLite (`sqlite`).
fn indexed(f: &OutletFilter, words: &[String], sqlite: bool) -> Boxed {
    let q = searched(f, words);
    match (sqlite, fts_filter(words)) {
        (true, Some(fts)) => q.filter(fts),
        _ => q,
    }
}

fn ordered(q: Boxed, f: &OutletFilter) -> Boxed {
    match (f.sort, f.desc) {
        (SortKey::Name, false) => q.order((outlets::sort_name.asc(), outlets::id.asc())),
        (SortKey::Name, true) => q.order((outlets::sort_name.desc(), outlets::id.desc())),
        (SortKey::TaxCode, false) => q.order((outlets::tax_code.asc(), outlets::id.asc())),
        (SortKey::TaxCode, true) => q.order((outlets::tax_code.desc(), outlets::id.desc())),
        (SortKey::Province, false) => q.order((outlets::province.asc(), outlets::sort_name.asc(), outlets::id.asc())),
        (SortKey::Province, true) => q.order((outlets::province.desc(), outlets::sort_name.asc(), outlets::id.asc())),
        (SortKey::Updated, false) => q.order((outlets::updated_at.asc(), outlets::id.asc())),
        (SortKey::Updated, true) => q.order((outlets::updated_at.desc(), outlets::id.desc())),
    }
}

/// Counts `q` up to [`COUNT_CAP`] (reading at most that many rows past the filters).
fn count_upto(conn: &mut DbConnection, q: impl Fn() -> Boxed) -> Result<Total, AppError> {
    let past_cap = q().select(outlets::id).offset(COUNT_CAP).limit(1).first::<OutletId>(conn).optional()?.is_some();
    Total::bounded(past_cap, || q().count().get_result(conn).map_err(AppError::from))
}

/// One page of outlets and how many match (up to [`COUNT_CAP`]).
///
/// How a search is read depends on how common its words are (see [`read_sqlite`]; on PostgreSQL
/// a search sorted by name first reads the first [`PROBE`] outlets in that order, exact when they
/// hold the page). Either way the rows are exactly the matches, in the list's order.
pub fn list(
    conn: &mut DbConnection,
    f: &OutletFilter,
    offset: i64,
    limit: i64,
) -> Result<(Vec<OutletRow>, Total), AppError> {
    let (rows, total) = read(conn, f, offset, limit, true)?;
    Ok((rows, total.unwrap_or_default()))
}

/// One page of outlets, without counting them (the picker, the export).
pub fn rows(conn: &mut DbConnection, f: &OutletFilter, offset: i64, limit: i64) -> Result<Vec<OutletRow>, AppError> {
    Ok(read(conn, f, offset, limit, false)?.0)
}

fn read(
    conn: &mut DbConnection,
    f: &OutletFilter,
    offset: i64,
    limit: i64,
    counted: bool,
) -> Result<(Vec<OutletRow>, Option<Total>), AppError> {
    let words = search_words(&f.q);
    if words.is_empty() {
        let rows = ordered(filtered(f), f).offset(offset).limit(limit).select(OutletRow::as_select()).load(conn)?;
        let total = if counted { Some(count_upto(conn, || filtered(f))?) } else { None };
        return Ok((rows, total));
    }
    if matches!(conn, DbConnection::Sqlite(_)) {
        return read_sqlite(conn, f, &words, offset, limit, counted);
    }
    // PostgreSQL: the planner weighs the trigram index against the order's index itself; the
    // probe spares it a sort of every match when a common word fills the page early.
    let bound = match f.sort {
        SortKey::Name => probe_bound(conn, f)?,
        _ => None,
    };
    if let Some(bound) = &bound {
        let rows = ordered(within(searched(f, &words), bound, f.desc), f)
            .offset(offset)
            .limit(limit)
            .select(OutletRow::as_select())
            .load(conn)?;
        if rows.len() as i64 == limit {
            if !counted {
                return Ok((rows, None));
            }
            let probed = count_upto(conn, || within(searched(f, &words), bound, f.desc))?;
            let total = match probed.more {
                true => probed,
                false => count_upto(conn, || indexed(f, &words, false))?,
            };
            return Ok((rows, Some(total)));
        }
    }
    let rows =
        ordered(indexed(f, &words, false), f).offset(offset).limit(limit).select(OutletRow::as_select()).load(conn)?;
    let total = if counted { Some(count_upto(conn, || indexed(f, &words, false))?) } else { None };
    Ok((rows, total))
}

/// How many of a sample of outlets (the first [`SAMPLE`] by rowid) the filters and every word
/// keep: how common the search is, for SQLite, whose planner cannot tell.
const SAMPLE: i64 = 500;

/// SQLite: a search is read in the list's order, testing each outlet, when the sample says its
/// words are common (the page fills after a few hundred rows, where the trigram index would hand
/// over tens of thousands to sort), and from the trigram index when they are rare. Counting
/// likewise: rows in any order until the cap for common words, the index's candidates otherwise.
fn read_sqlite(
    conn: &mut DbConnection,
    f: &OutletFilter,
    words: &[String],
    offset: i64,
    limit: i64,
    counted: bool,
) -> Result<(Vec<OutletRow>, Option<Total>), AppError> {
    let sample = diesel::dsl::sql::<diesel::sql_types::Bool>(&format!(
        "outlets.rowid IN (SELECT rowid FROM outlets ORDER BY rowid LIMIT {SAMPLE})"
    ));
    let in_sample: i64 = searched(f, words).filter(sample).count().get_result(conn)?;
    // At least 1 % of outlets: the first page is found within a few thousand rows in order.
    let page_in_order = in_sample * 100 >= SAMPLE;
    let rows = match page_in_order {
        true => ordered(searched(f, words), f),
        false => ordered(indexed(f, words, true), f),
    }
    .offset(offset)
    .limit(limit)
    .select(OutletRow::as_select())
    .load(conn)?;
    if !counted {
        return Ok((rows, None));
    }
    // At least 10 %: the cap is reached within about ten thousand rows.
    let total = match in_sample * 10 >= SAMPLE {
        true => count_upto(conn, || searched(f, words))?,
        false => count_upto(conn, || indexed(f, words, true))?,
    };
    Ok((rows, Some(total)))
}

/// The sort key of the [`PROBE`]th outlet in name order (of those the filters keep), or `None`
/// when fewer are kept.
fn probe_bound(conn: &mut DbConnection, f: &OutletFilter) -> Result<Option<(String, OutletId)>, AppError> {
    let q = filtered(f).select((outlets::sort_name, outlets::id)).offset(PROBE).limit(1);
    let q = match f.desc {
        false => q.order((outlets::sort_name.asc(), outlets::id.asc())),
        true => q.order((outlets::sort_name.desc(), outlets::id.desc())),
    };
    Ok(q.first(conn).optional()?)
}

/// `q` restricted to the outlets up to `bound` in name order.
fn within(q: Boxed, bound: &(String, OutletId), desc: bool) -> Boxed {
    let (name, id) = (bound.0.clone(), bound.1.clone());
    match desc {
        false => q.filter(outlets::sort_name.lt(name.clone()).or(outlets::sort_name.eq(name).and(outlets::id.le(id)))),
        true => q.filter(outlets::sort_name.gt(name.clone()).or(outlets::sort_name.eq(name).and(outlets::id.ge(id)))),
    }
}

pub fn find(conn: &mut DbConnection, id: &str) -> Result<OutletRow, AppError> {
    Ok(outlets::table.find(id).filter(outlets::deleted_at.is_null()).select(OutletRow::as_select()).first(conn)?)
}

pub fn find_by_tax_code(conn: &mut DbConnection, tax_code: &str) -> Result<Option<OutletRow>, AppError> {
    Ok(outlets::table
        .filter(outlets::tax_code.eq(tax_code))
        .filter(outlets::deleted_at.is_null())
        .select(OutletRow::as_select())
        .first(conn)
        .optional()?)
}

/// Outlets whose name, tax code or address hold every word of `q` (diacritics and đ folded), by
/// name, at most `limit`: what the picker offers. An empty query finds nothing.
pub fn pick(conn: &mut DbConnection, q: &str, limit: usize, lang: Lang) -> Result<Vec<Pick>, AppError> {
    let f = OutletFilter { q: crate::domain::text::param(q), ..OutletFilter::default() };
    if fold(&f.q).is_empty() {
        return Ok(Vec::new());
    }
    let rows = rows(conn, &f, 0, limit as i64)?;
    let sectors = crate::sectors::queries::all(conn)?;
    Ok(rows.iter().map(|o| as_pick(o, &sectors, lang)).collect())
}

fn as_pick(o: &OutletRow, sectors: &[crate::sectors::SectorRow], lang: Lang) -> Pick {
    Pick {
        id: o.id.to_string(),
        name: o.name.clone(),
        tax_code: o.tax_code.clone().unwrap_or_default(),
        address: o.full_address(),
        sector: sectors
            .iter()
            .find(|s| s.code == o.sector_code)
            .map(|s| s.name(lang).to_string())
            .unwrap_or_else(|| o.sector_code.clone()),
    }
}

/// What a form's outlet picker shows: the outlet `chosen_id` names (when it is one), and the
/// matches of the search when the post asked for one (`Search::wanted`).
pub fn picker(
    conn: &mut DbConnection,
    chosen_id: &str,
    search: &Search,
    optional: bool,
    lang: Lang,
) -> Result<OutletPicker, AppError> {
    let chosen_id = chosen_id.trim();
    let chosen = match crate::domain::text::is_plausible_id(chosen_id) {
        true => match outlets::table
            .find(chosen_id)
            .filter(outlets::deleted_at.is_null())
            .select(OutletRow::as_select())
            .first(conn)
            .optional()?
        {
            Some(o) => Some(as_pick(&o, &crate::sectors::queries::all(conn)?, lang)),
            None => None,
        },
        false => None,
    };
    let (results, more) = match search.wanted(chosen_id) {
        true => {
            let mut found = pick(conn, &search.query, LIMIT + 1, lang)?;
            let more = found.len() > LIMIT;
            found.truncate(LIMIT);
            (Some(found), more)
        }
        false => (None, false),
    };
    Ok(OutletPicker { chosen, query: search.query.clone(), results, more, optional })
}

pub fn count(conn: &mut DbConnection) -> Result<i64, AppError> {
    Ok(outlets::table.filter(outlets::deleted_at.is_null()).count().get_result(conn)?)
}

/// The communes and provinces live outlets are in, for the filter lists (a small table the
/// database keeps on every write, see migration 13).
pub fn places(conn: &mut DbConnection) -> Result<(Vec<String>, Vec<String>), AppError> {
    use crate::db::schema::outlet_places;
    let of = |conn: &mut DbConnection, kind: &str, limit: i64| -> Result<Vec<String>, AppError> {
        Ok(outlet_places::table
            .filter(outlet_places::kind.eq(kind.to_string()))
            .select(outlet_places::name)
            .order(outlet_places::name.asc())
            .limit(limit)
            .load(conn)?)
    };
    Ok((of(conn, "commune", 500)?, of(conn, "province", 100)?))
}

/// Every outlet matching the filter, for export (bounded).
pub fn all_matching(conn: &mut DbConnection, f: &OutletFilter) -> Result<Vec<OutletRow>, AppError> {
    rows(conn, f, 0, 100_000)
}

#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub sector: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub commune: String,
    #[serde(default)]
    pub province: String,
    #[serde(default)]
    pub sort: String,
    #[serde(default)]
    pub dir: String,
    #[serde(default)]
    pub page: String,
    #[serde(default)]
    pub per_page: String,
}

fn opt(s: &str) -> Option<String> {
    Some(crate::domain::text::param(s)).filter(|s| !s.is_empty())
}

impl ListQuery {
    pub fn filter(&self) -> OutletFilter {
        let sort = SortKey::parse(&self.sort).unwrap_or_default();
        OutletFilter {
            q: crate::domain::text::param(&self.q),
            sector: opt(&self.sector),
            status: opt(&self.status),
            commune: opt(&self.commune),
            province: opt(&self.province),
            sort,
            desc: self.dir == "desc" || (self.dir.is_empty() && sort == SortKey::Updated),
        }
    }

    pub fn paging(&self) -> Paging {
        Paging::new(self.page.parse().ok(), self.per_page.parse().ok(), 50)
    }

    /// This query with `key` set to `value` (and the page reset unless it is the page).
    pub fn with(&self, key: &str, value: &str) -> String {
        let mut pairs: Vec<(&str, String)> = vec![
            ("q", self.q.clone()),
            ("sector", self.sector.clone()),
            ("status", self.status.clone()),
            ("commune", self.commune.clone()),
            ("province", self.province.clone()),
            ("sort", self.sort.clone()),
            ("dir", self.dir.clone()),
            ("per_page", self.per_page.clone()),
        ];
        if key == "page" {
            pairs.push(("page", value.to_string()));
        }
        for p in pairs.iter_mut() {
            if p.0 == key {
                p.1 = value.to_string();
            }
        }
        let kept: Vec<(&str, String)> = pairs.into_iter().filter(|(_, v)| !v.is_empty()).collect();
        serde_urlencoded::to_string(kept).unwrap_or_default()
    }

    /// Link for a column header: sorts by `key`, flipping the direction when already sorted by it.
    pub fn sort_link(&self, key: &str) -> String {
        let f = self.filter();
        let dir = if f.sort.code() == key && !f.desc { "desc" } else { "asc" };
        let mut q = self.clone();
        q.sort = key.to_string();
        q.dir = dir.to_string();
        q.with("sort", key)
    }

    pub fn sort_mark(&self, key: &str) -> &'static str {
        let f = self.filter();
        if f.sort.code() != key {
            ""
        } else if f.desc {
            " ▼"
        } else {
            " ▲"
        }
    }
}
