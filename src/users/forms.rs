//! What an administrator types to create or change a user, and its validation.

use crate::auth::roles::Role;
use crate::domain::text;
use crate::error::{Code, FieldError, FieldErrors};
use crate::i18n::Lang;

/// A new user, already validated.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub agency_id: String,
    pub username: String,
    pub full_name: String,
    pub official_title: String,
    pub email: String,
    pub role: Role,
    pub password: String,
    pub locale: Lang,
}

/// Raw input from a form, the API or the command line.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct UserInput {
    #[serde(default)]
    pub username: String,
    #[serde(default)]
    pub full_name: String,
    #[serde(default)]
    pub official_title: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub locale: String,
    /// Another agency than the creator's own: only an installation administrator may name one.
    #[serde(default)]
    pub agency_id: String,
}

pub fn valid_username(s: &str) -> bool {
    (3..=32).contains(&s.len())
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'_'))
}

/// A full name as stored (spaces cleaned), or an error on `full_name` when over 120 characters.
pub fn check_full_name(input: &str, errors: &mut FieldErrors) -> String {
    let full_name = text::clean(input);
    if text::char_len(&full_name) > 120 {
        errors.push(FieldError::with_arg("full_name", Code::TooLong, 120));
    }
    full_name
}

/// An official position as stored (spaces cleaned), or an error on `official_title` when over 120
/// characters.
pub fn check_official_title(input: &str, errors: &mut FieldErrors) -> String {
    let title = text::clean(input);
    if text::char_len(&title) > 120 {
        errors.push(FieldError::with_arg("official_title", Code::TooLong, 120));
    }
    title
}

/// An email address as stored (normalised; empty allowed), or an error on `email`.
pub fn check_email(input: &str, errors: &mut FieldErrors) -> String {
    let email = input.trim();
    if email.is_empty() {
        return String::new();
    }
    match crate::domain::Email::parse(email) {
        Some(m) => m.as_str().to_string(),
        None => {
            errors.push(FieldError::with_arg("email", Code::EmailInvalid, email));
            String::new()
        }
    }
}

pub fn check_password(field: &str, pw: &str, min: usize, errors: &mut FieldErrors) {
    if pw.chars().count() < min {
        errors.push(FieldError::with_arg(field, Code::PasswordTooShort, min));
    } else if pw.len() > 1024 {
        errors.push(FieldError::with_arg(field, Code::TooLong, 1024));
    }
}

impl UserInput {
    /// `granted_by` is the creator's role (the command line acts as an installation administrator):
    /// it bounds the role given and whether another agency may be named.
    pub fn validate(&self, agency_id: &str, password_min: usize, granted_by: Role) -> Result<NewUser, FieldErrors> {
        let mut e = FieldErrors::new();
        let chosen = self.agency_id.trim();
        let agency_id = if chosen.is_empty() || chosen == agency_id {
            agency_id
        } else if granted_by == Role::InstallationAdmin {
            chosen
        } else {
            e.add("agency_id", Code::RoleNotGrantable);
            agency_id
        };
        let username = self.username.trim().to_lowercase();
        if username.is_empty() {
            e.add("username", Code::Required);
        } else if !valid_username(&username) {
            e.add("username", Code::UsernameFormat);
        }
        let full_name = check_full_name(&self.full_name, &mut e);
        let official_title = check_official_title(&self.official_title, &mut e);
        let email = check_email(&self.email, &mut e);
        let role = match Role::parse(&self.role) {
            Some(r) if !granted_by.may_grant(r) => {
                e.add("role", Code::RoleNotGrantable);
                None
            }
            Some(r) => Some(r),
            None => {
                e.add("role", if self.role.trim().is_empty() { Code::Required } else { Code::InvalidChoice });
                None
            }
        };
        check_password("password", &self.password, password_min, &mut e);
        let locale = if self.locale.trim().is_empty() {
            Lang::Vi
        } else {
            match Lang::parse(self.locale.trim()) {
                Some(l) => l,
                None => {
                    e.add("locale", Code::InvalidChoice);
                    Lang::Vi
                }
            }
        };
        e.into_result()?;
        Ok(NewUser {
            agency_id: agency_id.to_string(),
            username,
            full_name,
            official_title,
            email,
            role: role.unwrap_or(Role::Viewer),
            password: self.password.clone(),
            locale,
        })
    }
}

/// Editable profile fields (by an admin of the same agency).
#[derive(Debug, Clone)]
pub struct UserChanges {
    pub full_name: String,
    pub official_title: String,
    pub email: String,
    pub role: Role,
    pub locale: Lang,
}
