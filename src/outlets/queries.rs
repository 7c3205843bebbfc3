//! Outlet queries and changes. Search folds diacritics (and đ) on both sides and matches every word
//! of the query inside `search_text`, so SQLite and PostgreSQL give the same results.

use diesel::prelude::*;

use crate::i18n::Lang;
use crate::web::Paging;
use crate::web::picker::{LIMIT, OutletPicker, Pick, Search};

use super::model::OutletRow;
use crate::db::DbConnection;
use crate::db::schema::outlets;
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

fn filtered<'a>(f: &'a OutletFilter) -> outlets::BoxedQuery<'a, crate::db::MultiBackend> {
    let mut q = outlets::table.filter(outlets::deleted_at.is_null()).into_boxed();
    for word in fold(&f.q).split_whitespace().take(10) {
        let pattern = format!("%{}%", crate::domain::text::escape_like(word));
        q = q.filter(outlets::search_text.like(pattern).escape('\\'));
    }
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

/// One page of outlets and the total matching.
pub fn list(
    conn: &mut DbConnection,
    f: &OutletFilter,
    offset: i64,
    limit: i64,
) -> Result<(Vec<OutletRow>, i64), AppError> {
    let total: i64 = filtered(f).count().get_result(conn)?;
    let mut q = filtered(f);
    q = match (f.sort, f.desc) {
        (SortKey::Name, false) => q.order((outlets::sort_name.asc(), outlets::id.asc())),
        (SortKey::Name, true) => q.order((outlets::sort_name.desc(), outlets::id.desc())),
        (SortKey::TaxCode, false) => q.order((outlets::tax_code.asc(), outlets::id.asc())),
        (SortKey::TaxCode, true) => q.order((outlets::tax_code.desc(), outlets::id.desc())),
        (SortKey::Province, false) => q.order((outlets::province.asc(), outlets::sort_name.asc(), outlets::id.asc())),
        (SortKey::Province, true) => q.order((outlets::province.desc(), outlets::sort_name.asc(), outlets::id.asc())),
        (SortKey::Updated, false) => q.order((outlets::updated_at.asc(), outlets::id.asc())),
        (SortKey::Updated, true) => q.order((outlets::updated_at.desc(), outlets::id.desc())),
    };
    let rows = q.offset(offset).limit(limit).select(OutletRow::as_select()).load(conn)?;
    Ok((rows, total))
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
    let (rows, _) = list(conn, &f, 0, limit as i64)?;
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

/// Distinct communes and provinces in use, for the filter lists.
pub fn places(conn: &mut DbConnection) -> Result<(Vec<String>, Vec<String>), AppError> {
    let communes = outlets::table
        .filter(outlets::deleted_at.is_null())
        .filter(outlets::commune.ne(""))
        .select(outlets::commune)
        .distinct()
        .order(outlets::commune.asc())
        .limit(500)
        .load(conn)?;
    let provinces = outlets::table
        .filter(outlets::deleted_at.is_null())
        .filter(outlets::province.ne(""))
        .select(outlets::province)
        .distinct()
        .order(outlets::province.asc())
        .limit(100)
        .load(conn)?;
    Ok((communes, provinces))
}

/// Every outlet matching the filter, for export (bounded).
pub fn all_matching(conn: &mut DbConnection, f: &OutletFilter) -> Result<Vec<OutletRow>, AppError> {
    Ok(list(conn, f, 0, 100_000)?.0)
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
