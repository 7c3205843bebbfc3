use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::{Value, json};

use crate::audit::Auditable;
use crate::auth::roles::Role;
use crate::db::schema::{api_tokens, users};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = users, treat_none_as_null = true)]
pub struct UserRow {
    pub id: String,
    pub agency_id: String,
    pub username: String,
    pub full_name: String,
    pub email: String,
    pub role: String,
    pub password_hash: String,
    pub disabled: bool,
    pub locale: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub password_changed_at: NaiveDateTime,
    /// The official position (chức vụ), e.g. "Thanh tra viên", "Trưởng phòng Nghiệp vụ".
    pub official_title: String,
}

impl UserRow {
    pub fn role(&self) -> Role {
        Role::parse(&self.role).unwrap_or(Role::Viewer)
    }

    /// The name people see: the full name, or the username while none is recorded.
    pub fn display_name(&self) -> String {
        shown_name(&self.full_name, &self.username)
    }
}

/// A user's full name, or the username while none is recorded (accounts made from the command line).
pub fn shown_name(full_name: &str, username: &str) -> String {
    if full_name.trim().is_empty() { username.to_string() } else { full_name.to_string() }
}

impl Auditable for UserRow {
    const RECORD_TYPE: &'static str = "user";
    fn audit_id(&self) -> String {
        self.id.clone()
    }
    fn audit_label(&self) -> String {
        self.username.clone()
    }
    fn audit_fields(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("username", json!(self.username)),
            ("full_name", json!(self.full_name)),
            ("official_title", json!(self.official_title)),
            ("email", json!(self.email)),
            ("role", json!(self.role)),
            ("agency_id", json!(self.agency_id)),
            ("disabled", json!(self.disabled)),
            ("locale", json!(self.locale)),
        ]
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = api_tokens)]
pub struct ApiTokenRow {
    pub id: String,
    pub user_id: String,
    pub name: String,
    pub token_hash: String,
    pub created_at: NaiveDateTime,
    pub last_used_at: Option<NaiveDateTime>,
    pub revoked_at: Option<NaiveDateTime>,
}

impl Auditable for ApiTokenRow {
    const RECORD_TYPE: &'static str = "api_token";
    fn audit_id(&self) -> String {
        self.id.clone()
    }
    fn audit_label(&self) -> String {
        self.name.clone()
    }
    fn audit_fields(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("name", json!(self.name)),
            ("user_id", json!(self.user_id)),
            ("revoked_at", json!(self.revoked_at.map(|t| t.to_string()))),
        ]
    }
}

/// A user as the API shows it (no hash).
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct UserView {
    pub id: String,
    pub username: String,
    pub full_name: String,
    /// The official position printed in team tables (chức vụ).
    pub official_title: String,
    pub email: String,
    pub role: Role,
    pub agency_id: String,
    pub disabled: bool,
    pub locale: String,
    #[serde(serialize_with = "crate::time::api")]
    pub created_at: NaiveDateTime,
}

impl From<&UserRow> for UserView {
    fn from(u: &UserRow) -> Self {
        UserView {
            id: u.id.clone(),
            username: u.username.clone(),
            full_name: u.full_name.clone(),
            official_title: u.official_title.clone(),
            email: u.email.clone(),
            role: u.role(),
            agency_id: u.agency_id.clone(),
            disabled: u.disabled,
            locale: u.locale.clone(),
            created_at: u.created_at,
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_user_without_a_full_name_is_shown_by_username() {
        assert_eq!(super::shown_name("", "admin"), "admin");
        assert_eq!(super::shown_name("  ", "admin"), "admin");
        assert_eq!(super::shown_name("Nguyễn Văn Đạt", "dat"), "Nguyễn Văn Đạt");
    }
}
