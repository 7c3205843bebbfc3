//! The sector form: names in both languages and the admin-defined fields, errors beside them.

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::auth::{CsrfForm, Identity, Permission, WebUser};
use crate::error::{AppError, Code, FieldError, FieldErrors};
use crate::i18n::Tr;
use crate::sectors::model::{AttrDef, AttrKind, SectorRow};
use crate::sectors::queries;
use crate::sectors::steps::register;
use crate::state::AppState;
use crate::web::form::{FormField, Widget, attach};
use crate::web::{PageCtx, html, html_status, redirect};

/// Field definitions, one per line: `key|Vietnamese label|English label|type[|min|max]`.
pub fn parse_attrs(text: &str, e: &mut FieldErrors) -> Vec<AttrDef> {
    let mut out: Vec<AttrDef> = Vec::new();
    for (i, line) in text.lines().map(str::trim).filter(|l| !l.is_empty()).enumerate() {
        let p: Vec<&str> = line.split('|').map(str::trim).collect();
        let kind = p.get(3).and_then(|k| AttrKind::parse(k));
        let num = |x: Option<&&str>| -> Result<Option<i64>, ()> {
            match x.filter(|s| !s.is_empty()) {
                None => Ok(None),
                Some(s) => s.parse().map(Some).map_err(|_| ()),
            }
        };
        let (min, max) = (num(p.get(4)), num(p.get(5)));
        let ok = (4..=6).contains(&p.len())
            && queries::valid_code(p[0])
            && !p[1].is_empty()
            && kind.is_some()
            && min.is_ok()
            && max.is_ok()
            && !out.iter().any(|d| d.key == p[0]);
        if !ok {
            e.push(FieldError::with_arg("attributes", Code::LineFormat, i + 1));
            return out;
        }
        out.push(AttrDef {
            key: p[0].to_string(),
            label_vi: crate::domain::text::clean(p[1]),
            label_en: crate::domain::text::clean(p[2]),
            kind: kind.unwrap_or(AttrKind::Text),
            min: min.unwrap_or(None),
            max: max.unwrap_or(None),
        });
    }
    out
}

pub fn attrs_text(defs: &[AttrDef]) -> String {
    defs.iter()
        .map(|d| {
            let mut s = format!("{}|{}|{}|{}", d.key, d.label_vi, d.label_en, d.kind.code());
            if d.min.is_some() || d.max.is_some() {
                s.push_str(&format!(
                    "|{}|{}",
                    d.min.map(|v| v.to_string()).unwrap_or_default(),
                    d.max.map(|v| v.to_string()).unwrap_or_default()
                ));
            }
            s
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[derive(Template)]
#[template(path = "admin/sector_form.html")]
pub struct FormPage {
    ctx: PageCtx,
    title: String,
    action: String,
    fields: Vec<FormField>,
    active: bool,
    has_errors: bool,
}

pub fn form_page(
    req: &HttpRequest,
    user: &Identity,
    m: &BTreeMap<String, String>,
    errors: &FieldErrors,
    editing: Option<&str>,
) -> FormPage {
    let t = Tr::new(user.lang);
    let g = |k: &str| m.get(k).cloned().unwrap_or_default();
    let mut fields = vec![];
    if editing.is_none() {
        fields.push(
            FormField::new("code", t.t("common.code"), g("code"), Widget::Text).required().hint(t.t("err.code_format")),
        );
    }
    fields.push(FormField::new("name_vi", t.t("sectors.name_vi"), g("name_vi"), Widget::Text).required());
    fields.push(FormField::new("name_en", t.t("sectors.name_en"), g("name_en"), Widget::Text).required());
    fields.push(FormField::new("sort_order", t.t("common.sort"), g("sort_order"), Widget::Text));
    fields.push(
        FormField::new("attributes", t.t("sectors.attributes"), g("attributes"), Widget::TextArea(5))
            .wide()
            .placeholder(t.t("sectors.attributes_placeholder")),
    );
    FormPage {
        ctx: PageCtx::new(req, Some(user), "sectors"),
        title: match editing {
            Some(c) => format!("{}: {c}", t.t("common.edit")),
            None => t.t("sectors.new").to_string(),
        },
        action: editing.map(|c| format!("/admin/sectors/{c}")).unwrap_or_else(|| "/admin/sectors".into()),
        fields: attach(fields, errors, user.lang),
        active: editing.is_none() || m.contains_key("active"),
        has_errors: !errors.is_empty(),
    }
}

pub async fn new_form(req: HttpRequest, user: WebUser) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::SectorManage)?;
    let mut m = BTreeMap::new();
    m.insert("sort_order".to_string(), "100".to_string());
    html(&form_page(&req, &user, &m, &FieldErrors::new(), None))
}

pub async fn edit_form(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    path: crate::web::IdPath,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::SectorManage)?;
    let code = path.into_inner();
    let c2 = code.clone();
    let s = state.db.run(move |conn| queries::find(conn, &c2)).await?.ok_or(AppError::NotFound)?;
    let mut m = BTreeMap::new();
    m.insert("name_vi".to_string(), s.name_vi.clone());
    m.insert("name_en".to_string(), s.name_en.clone());
    m.insert("sort_order".to_string(), s.sort_order.to_string());
    m.insert("attributes".to_string(), attrs_text(&s.attrs()));
    if s.active {
        m.insert("active".to_string(), "1".to_string());
    }
    html(&form_page(&req, &user, &m, &FieldErrors::new(), Some(&code)))
}

pub fn validate(m: &BTreeMap<String, String>, code: &str) -> Result<SectorRow, FieldErrors> {
    let mut e = FieldErrors::new();
    let g = |k: &str| m.get(k).cloned().unwrap_or_default();
    if !queries::valid_code(code) {
        e.add("code", Code::CodeFormat);
    }
    let name_vi = crate::domain::text::clean(&g("name_vi"));
    let name_en = crate::domain::text::clean(&g("name_en"));
    for (k, v) in [("name_vi", &name_vi), ("name_en", &name_en)] {
        if v.is_empty() {
            e.add(k, Code::Required);
        } else if v.chars().count() > 100 {
            e.push(FieldError::with_arg(k, Code::TooLong, 100));
        }
    }
    let sort_order = match g("sort_order").trim() {
        "" => 100,
        s => s.parse::<i32>().unwrap_or_else(|_| {
            e.add("sort_order", Code::NotInteger);
            100
        }),
    };
    let attrs = parse_attrs(&g("attributes"), &mut e);
    e.into_result()?;
    let now = crate::time::now();
    Ok(SectorRow {
        code: code.to_string(),
        name_vi,
        name_en,
        attributes: serde_json::to_string(&attrs).unwrap_or_else(|_| "[]".into()),
        builtin: false,
        active: m.contains_key("active"),
        sort_order,
        created_at: now,
        updated_at: now,
    })
}

pub async fn create(
    req: HttpRequest,
    form: CsrfForm<BTreeMap<String, String>>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::SectorManage)?;
    let code = form.get("code").map(|c| c.trim().to_string()).unwrap_or_default();
    let row = match validate(&form, &code) {
        Ok(r) => r,
        Err(e) => {
            return html_status(StatusCode::UNPROCESSABLE_ENTITY, &form_page(&req, &user, &form, &e, None));
        }
    };
    let actor = user.actor();
    match state.db.run(move |conn| register::create(conn, &actor, row)).await {
        Ok(_) => Ok(redirect("/admin/sectors?m=created")),
        Err(AppError::Validation(e)) => {
            html_status(StatusCode::UNPROCESSABLE_ENTITY, &form_page(&req, &user, &form, &e, None))
        }
        Err(e) => Err(e),
    }
}

pub async fn update(
    req: HttpRequest,
    form: CsrfForm<BTreeMap<String, String>>,
    state: web::Data<AppState>,
    path: crate::web::IdPath,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::SectorManage)?;
    let code = path.into_inner();
    let row = match validate(&form, &code) {
        Ok(r) => r,
        Err(e) => {
            return html_status(StatusCode::UNPROCESSABLE_ENTITY, &form_page(&req, &user, &form, &e, Some(&code)));
        }
    };
    let actor = user.actor();
    state.db.run(move |conn| register::update(conn, &actor, row)).await?;
    Ok(redirect("/admin/sectors?m=saved"))
}
