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
    pub disabled: bool,
}

#[derive(Template)]
#[template(path = "admin/users.html")]
pub struct IndexPage {
    ctx: PageCtx,
    users: Vec<UserItem>,
}

pub async fn index(req: HttpRequest, user: WebUser, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::UserManage)?;
    let agency = user.agency_id().to_string();
    let rows = state.db.run(move |conn| queries::list(conn, Some(&agency))).await?;
    html(&IndexPage {
        ctx: PageCtx::new(&req, Some(&user), "users"),
        users: rows
            .iter()
            .map(|u| UserItem {
                id: u.id.clone(),
                username: u.username.clone(),
                full_name: u.full_name.clone(),
                role_key: u.role().label_key(),
                disabled: u.disabled,
            })
            .collect(),
    })
}
