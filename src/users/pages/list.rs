//! The users of the agency.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::auth::{Permission, WebUser};
use crate::error::AppError;
use crate::state::AppState;
use crate::users::queries;
use crate::web::{PageCtx, html};

pub struct UserItem {
    pub id: String,
    pub username: String,
    pub full_name: String,
    pub role_key: &'static str,
    /// Shown when the list holds several agencies' users (an installation administrator's).
    pub agency: String,
    pub disabled: bool,
}

#[derive(Template)]
#[template(path = "admin/users.html")]
pub struct IndexPage {
    ctx: PageCtx,
    users: Vec<UserItem>,
    every_agency: bool,
}

pub async fn index(req: HttpRequest, user: WebUser, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::UserManage)?;
    let agency = user.managed_agency().map(str::to_string);
    let (rows, agencies) = state
        .db
        .run(move |conn| Ok((queries::list(conn, agency.as_deref())?, crate::agencies::queries::list(conn)?)))
        .await?;
    let every_agency = user.managed_agency().is_none() && agencies.len() > 1;
    html(&IndexPage {
        ctx: PageCtx::new(&req, Some(&user), "users"),
        users: rows
            .iter()
            .map(|u| UserItem {
                id: u.id.clone(),
                username: u.username.clone(),
                full_name: u.full_name.clone(),
                role_key: u.role().label_key(),
                agency: if every_agency {
                    agencies.iter().find(|a| a.id == u.agency_id).map(|a| a.name.clone()).unwrap_or_default()
                } else {
                    String::new()
                },
                disabled: u.disabled,
            })
            .collect(),
        every_agency,
    })
}
