//! The catalogue page: violations with their fine ranges and sources, and the sector checklists.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::catalogue::{self, ChecklistItem, ViolationRow};
use crate::auth::{Permission, WebUser};
use crate::error::AppError;
use crate::startup::AppState;
use crate::web::{PageCtx, html};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/inspections/catalogue", web::get().to(catalogue_page));
}

pub struct ChecklistView {
    pub sector: String,
    pub name: String,
    pub version: i32,
    pub items: Vec<ChecklistItem>,
}

pub struct ViolationView {
    pub row: ViolationRow,
    pub sector: String,
    pub range_org: String,
    pub range_ind: String,
    pub period: String,
}

fn money(v: i64) -> String {
    let s = v.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

#[derive(Template)]
#[template(path = "inspections/catalogue.html")]
struct CataloguePage {
    ctx: PageCtx,
    violations: Vec<ViolationView>,
    checklists: Vec<ChecklistView>,
}

async fn catalogue_page(req: HttpRequest, user: WebUser, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::InspectionRead)?;
    let (violations, checklists, sectors) = state
        .db
        .run(|conn| Ok((catalogue::violations(conn)?, catalogue::checklists(conn)?, crate::sectors::repo::all(conn)?)))
        .await?;
    let name = |code: &str| {
        sectors
            .iter()
            .find(|s| s.code == code)
            .map(|s| s.name(user.lang).to_string())
            .unwrap_or_else(|| code.to_string())
    };
    html(&CataloguePage {
        ctx: PageCtx::new(&req, Some(&user), "inspections"),
        violations: violations
            .into_iter()
            .map(|v| {
                let rule = v.rule();
                let (a, b) = rule.range(super::sanctions::Offender::Individual);
                ViolationView {
                    sector: name(&v.sector_code),
                    range_org: format!("{} – {} đ", money(v.min_org), money(v.max_org)),
                    range_ind: format!("{} – {} đ", money(a), money(b)),
                    period: format!(
                        "{} – {}",
                        crate::time::show_date(&v.valid_from),
                        v.valid_to.map(|d| crate::time::show_date(&d)).unwrap_or_default()
                    ),
                    row: v,
                }
            })
            .collect(),
        checklists: checklists
            .into_iter()
            .map(|c| ChecklistView {
                sector: name(&c.sector_code),
                name: c.name.clone(),
                version: c.version,
                items: c.item_list(),
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn money_uses_dot_thousands() {
        assert_eq!(super::money(150_000_000), "150.000.000");
        assert_eq!(super::money(500_000), "500.000");
        assert_eq!(super::money(0), "0");
    }
}
