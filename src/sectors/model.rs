use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use crate::audit::Auditable;
use crate::db::schema::sectors;
use crate::error::{Code, FieldError, FieldErrors};
use crate::i18n::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AttrKind {
    /// One line of text.
    Text,
    /// A whole number, optionally bounded.
    Integer,
    /// A list of short texts (one per line in forms).
    List,
    /// Reporters: full name and press-card number.
    Reporters,
}

impl AttrKind {
    pub fn parse(s: &str) -> Option<AttrKind> {
        match s.trim() {
            "text" => Some(AttrKind::Text),
            "integer" => Some(AttrKind::Integer),
            "list" => Some(AttrKind::List),
            "reporters" => Some(AttrKind::Reporters),
            _ => None,
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            AttrKind::Text => "text",
            AttrKind::Integer => "integer",
            AttrKind::List => "list",
            AttrKind::Reporters => "reporters",
        }
    }
}

/// One sector-specific field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AttrDef {
    pub key: String,
    pub label_vi: String,
    pub label_en: String,
    pub kind: AttrKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
}

impl AttrDef {
    pub fn label(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.label_vi,
            Lang::En => {
                if self.label_en.is_empty() {
                    &self.label_vi
                } else {
                    &self.label_en
                }
            }
        }
    }

    /// Parses the text a person typed in a form field into the stored JSON value (None when empty).
    pub fn parse_form(&self, raw: &str, field: &str, errors: &mut FieldErrors) -> Option<Value> {
        let raw = raw.trim();
        if raw.is_empty() {
            return None;
        }
        match self.kind {
            AttrKind::Text => {
                let v = crate::domain::text::clean(raw);
                if v.chars().count() > 300 {
                    errors.push(FieldError::with_arg(field, Code::TooLong, 300));
                    return None;
                }
                Some(json!(v))
            }
            AttrKind::Integer => match raw.replace(['.', ' ', ','], "").parse::<i64>() {
                Ok(n) => self.check_range(n, field, errors).then(|| json!(n)),
                Err(_) => {
                    errors.add(field, Code::NotInteger);
                    None
                }
            },
            AttrKind::List => {
                let items: Vec<String> =
                    raw.lines().map(crate::domain::text::clean).filter(|s| !s.is_empty()).collect();
                self.check_list(&items, field, errors).then(|| json!(items))
            }
            AttrKind::Reporters => {
                let mut out = Vec::new();
                for (i, line) in raw.lines().map(str::trim).filter(|l| !l.is_empty()).enumerate() {
                    match line.split_once(';').or_else(|| line.split_once('|')) {
                        Some((name, card)) if !name.trim().is_empty() => out.push(json!({
                            "name": crate::domain::text::clean(name),
                            "press_card": crate::domain::text::clean(card),
                        })),
                        _ => {
                            errors.push(FieldError::with_arg(field, Code::LineFormat, i + 1));
                            return None;
                        }
                    }
                }
                if out.len() > 200 {
                    errors.push(FieldError::with_arg(field, Code::TooLong, 200));
                    return None;
                }
                Some(Value::Array(out))
            }
        }
    }

    /// Checks a JSON value sent through the API.
    pub fn check_json(&self, v: &Value, field: &str, errors: &mut FieldErrors) -> Option<Value> {
        match (self.kind, v) {
            (_, Value::Null) => None,
            (AttrKind::Text, Value::String(s)) => {
                let s = crate::domain::text::clean(s);
                if s.chars().count() > 300 {
                    errors.push(FieldError::with_arg(field, Code::TooLong, 300));
                    None
                } else if s.is_empty() {
                    None
                } else {
                    Some(json!(s))
                }
            }
            (AttrKind::Integer, Value::Number(n)) => match n.as_i64() {
                Some(n) => self.check_range(n, field, errors).then(|| json!(n)),
                None => {
                    errors.add(field, Code::NotInteger);
                    None
                }
            },
            (AttrKind::List, Value::Array(items)) => {
                let mut out = Vec::new();
                for it in items {
                    match it.as_str() {
                        Some(s) if !s.trim().is_empty() => out.push(crate::domain::text::clean(s)),
                        Some(_) => {}
                        None => {
                            errors.add(field, Code::Invalid);
                            return None;
                        }
                    }
                }
                self.check_list(&out, field, errors).then(|| json!(out))
            }
            (AttrKind::Reporters, Value::Array(items)) => {
                let mut out = Vec::new();
                for it in items {
                    let name = it.get("name").and_then(Value::as_str).map(crate::domain::text::clean);
                    let card = it.get("press_card").and_then(Value::as_str).map(crate::domain::text::clean);
                    let extra = it.as_object().is_some_and(|o| o.keys().any(|k| k != "name" && k != "press_card"));
                    match (name, card) {
                        (Some(n), Some(c))
                            if !n.is_empty() && !extra && n.chars().count() <= 120 && c.chars().count() <= 40 =>
                        {
                            out.push(json!({"name": n, "press_card": c}))
                        }
                        _ => {
                            errors.add(field, Code::ReporterFormat);
                            return None;
                        }
                    }
                }
                Some(Value::Array(out))
            }
            _ => {
                errors.add(field, if self.kind == AttrKind::Integer { Code::NotInteger } else { Code::Invalid });
                None
            }
        }
    }

    fn check_range(&self, n: i64, field: &str, errors: &mut FieldErrors) -> bool {
        let lo = self.min.unwrap_or(i64::MIN);
        let hi = self.max.unwrap_or(i64::MAX);
        if n < lo || n > hi {
            let range = match (self.min, self.max) {
                (Some(a), Some(b)) => format!("{a}–{b}"),
                (Some(a), None) => format!("≥ {a}"),
                (None, Some(b)) => format!("≤ {b}"),
                (None, None) => String::new(),
            };
            errors.push(FieldError::with_arg(field, Code::OutOfRange, range));
            return false;
        }
        true
    }

    fn check_list(&self, items: &[String], field: &str, errors: &mut FieldErrors) -> bool {
        if items.len() > 200 || items.iter().any(|s| s.chars().count() > 300) {
            errors.push(FieldError::with_arg(field, Code::TooLong, 300));
            return false;
        }
        true
    }

    /// The stored value as a form shows it.
    pub fn to_form(&self, v: Option<&Value>) -> String {
        match (self.kind, v) {
            (_, None) | (_, Some(Value::Null)) => String::new(),
            (AttrKind::Text, Some(Value::String(s))) => s.clone(),
            (AttrKind::Integer, Some(Value::Number(n))) => n.to_string(),
            (AttrKind::List, Some(Value::Array(a))) => {
                a.iter().filter_map(Value::as_str).collect::<Vec<_>>().join("\n")
            }
            (AttrKind::Reporters, Some(Value::Array(a))) => a
                .iter()
                .map(|r| {
                    format!(
                        "{}; {}",
                        r.get("name").and_then(Value::as_str).unwrap_or(""),
                        r.get("press_card").and_then(Value::as_str).unwrap_or("")
                    )
                })
                .collect::<Vec<_>>()
                .join("\n"),
            (_, Some(other)) => other.to_string(),
        }
    }

    /// The stored value for reading (detail page, CSV).
    pub fn display(&self, v: Option<&Value>) -> String {
        match (self.kind, v) {
            (AttrKind::List, Some(Value::Array(a))) => {
                a.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(" | ")
            }
            (AttrKind::Reporters, Some(_)) => self.to_form(v).replace('\n', " | "),
            _ => self.to_form(v),
        }
    }

    pub fn is_multiline(&self) -> bool {
        matches!(self.kind, AttrKind::List | AttrKind::Reporters)
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = sectors, treat_none_as_null = true, primary_key(code))]
pub struct SectorRow {
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    pub attributes: String,
    pub builtin: bool,
    pub active: bool,
    pub sort_order: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl SectorRow {
    pub fn attrs(&self) -> Vec<AttrDef> {
        serde_json::from_str(&self.attributes).unwrap_or_default()
    }
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.name_vi,
            Lang::En => &self.name_en,
        }
    }
    /// Keeps only this sector's fields of an attribute object, checked.
    pub fn check_attributes(&self, given: &Map<String, Value>, errors: &mut FieldErrors) -> Map<String, Value> {
        let defs = self.attrs();
        let mut out = Map::new();
        for (k, v) in given {
            match defs.iter().find(|d| &d.key == k) {
                Some(d) => {
                    if let Some(v) = d.check_json(v, &format!("attributes.{k}"), errors) {
                        out.insert(k.clone(), v);
                    }
                }
                None => errors.push(FieldError::with_arg(format!("attributes.{k}"), Code::UnknownField, k)),
            }
        }
        out
    }
}

impl Auditable for SectorRow {
    const RECORD_TYPE: &'static str = "sector";
    fn audit_id(&self) -> String {
        self.code.clone()
    }
    fn audit_label(&self) -> String {
        self.name_vi.clone()
    }
    fn audit_fields(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("code", json!(self.code)),
            ("name_vi", json!(self.name_vi)),
            ("name_en", json!(self.name_en)),
            ("attributes", serde_json::from_str(&self.attributes).unwrap_or(Value::Null)),
            ("active", json!(self.active)),
            ("sort_order", json!(self.sort_order)),
        ]
    }
}

/// The built-in sectors as the rows a fresh installation stores (also what the fuzz targets check
/// input against).
pub fn builtin_rows(now: NaiveDateTime) -> Result<Vec<SectorRow>, serde_json::Error> {
    builtin()
        .into_iter()
        .enumerate()
        .map(|(i, (code, vi, en, attrs))| {
            Ok(SectorRow {
                code: code.into(),
                name_vi: vi.into(),
                name_en: en.into(),
                attributes: serde_json::to_string(&attrs)?,
                builtin: true,
                active: true,
                sort_order: (i as i32 + 1) * 10,
                created_at: now,
                updated_at: now,
            })
        })
        .collect()
}

/// The sectors a fresh installation starts with.
pub fn builtin() -> Vec<(&'static str, &'static str, &'static str, Vec<AttrDef>)> {
    fn d(key: &str, vi: &str, en: &str, kind: AttrKind, min: Option<i64>, max: Option<i64>) -> AttrDef {
        AttrDef { key: key.into(), label_vi: vi.into(), label_en: en.into(), kind, min, max }
    }
    vec![
        (
            "printing",
            "In",
            "Printing",
            vec![
                d(
                    "licence_number",
                    "Số giấy phép hoạt động in / giấy xác nhận đăng ký",
                    "Printing licence or registration no.",
                    AttrKind::Text,
                    None,
                    None,
                ),
                d("equipment", "Thiết bị in", "Printing equipment", AttrKind::List, None, None),
            ],
        ),
        (
            "postal",
            "Bưu chính, chuyển phát",
            "Postal and delivery",
            vec![
                d(
                    "licence_number",
                    "Số giấy phép bưu chính / văn bản xác nhận thông báo",
                    "Postal licence or notice confirmation no.",
                    AttrKind::Text,
                    None,
                    None,
                ),
                d("services", "Dịch vụ cung ứng", "Services provided", AttrKind::List, None, None),
            ],
        ),
        (
            "game",
            "Trò chơi điện tử",
            "Game shops and online games",
            vec![
                d(
                    "certificate_number",
                    "Số giấy chứng nhận đủ điều kiện",
                    "Eligibility certificate no.",
                    AttrKind::Text,
                    None,
                    None,
                ),
                d("machines", "Số máy", "Number of machines", AttrKind::Integer, Some(0), Some(10_000)),
                d(
                    "school_distance_m",
                    "Khoảng cách tới trường học gần nhất (m)",
                    "Distance to the nearest school (m)",
                    AttrKind::Integer,
                    Some(0),
                    Some(100_000),
                ),
            ],
        ),
        (
            "press",
            "Báo chí",
            "Press",
            vec![
                d("parent_agency", "Cơ quan báo chí chủ quản", "Parent press agency", AttrKind::Text, None, None),
                d(
                    "reporters",
                    "Phóng viên thường trú (họ tên; số thẻ nhà báo)",
                    "Resident reporters (name; press card)",
                    AttrKind::Reporters,
                    None,
                    None,
                ),
            ],
        ),
        (
            "online_info",
            "Thông tin điện tử",
            "Online information",
            vec![
                d("domain", "Tên miền", "Domain name", AttrKind::Text, None, None),
                d(
                    "licence_number",
                    "Số giấy phép trang thông tin điện tử tổng hợp",
                    "General website licence no.",
                    AttrKind::Text,
                    None,
                    None,
                ),
            ],
        ),
    ]
}
