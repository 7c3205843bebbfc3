//! Settings: `thanhtra.toml` (or the file named by `--config` / `THANHTRA_CONFIG`), then environment
//! variables `THANHTRA_<KEY>` (nested keys with `__`, e.g. `THANHTRA_INSTALL__PROVINCE`) and
//! `DATABASE_URL`. Parsed once, checked, and passed in; a bad value stops start-up naming its key.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

use crate::db::DbTarget;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// Address and port to listen on.
    pub bind: String,
    /// Folder for the SQLite database, mail files and stored files.
    pub data_dir: PathBuf,
    /// `postgres://…` for PostgreSQL; a file path (or `sqlite://path`) for SQLite. Default:
    /// `<data_dir>/thanhtra.sqlite3`.
    pub database_url: Option<String>,
    /// Base64 of at least 32 random bytes used to sign cookies. When absent, one is generated at
    /// first start and kept in the database, so every instance on one database shares it.
    #[serde(serialize_with = "ser_secret")]
    pub secret_key: Option<SecretString>,
    /// Public address of the service, used in links (e.g. `https://thanhtra.example.gov.vn`).
    pub base_url: Option<String>,
    /// Send the session cookie only over HTTPS (turn on behind TLS).
    pub secure_cookies: bool,
    /// Reverse proxies (addresses or networks, e.g. `127.0.0.1`, `10.0.0.0/8`) whose
    /// `X-Forwarded-For` is believed for the client's address (sign-in throttling). A list, or one
    /// string with commas (`THANHTRA_TRUSTED_PROXIES=127.0.0.1,::1`). Empty: the TCP peer is the client.
    #[serde(deserialize_with = "list_or_commas")]
    pub trusted_proxies: Vec<String>,
    pub session_hours: u32,
    /// Longest wait for a request's head, and for each next part of its body, in seconds.
    pub request_timeout_seconds: u32,
    /// Longest time a request's whole body may take to arrive (uploads), in seconds.
    pub request_body_seconds: u32,
    pub db_pool_size: u32,
    /// SQLite's page cache per connection, in MiB (the outlets of a country do not fit the
    /// default 2 MiB; every pooled connection has its own).
    pub sqlite_cache_mib: u32,
    /// How much of the SQLite file each connection reads through memory mapping, in MiB (0 turns
    /// it off): pages are then shared with the kernel's cache instead of copied.
    pub sqlite_mmap_mib: u32,
    /// HTTP worker threads; 0 means one per CPU core.
    pub workers: usize,
    /// Largest request body accepted by forms and the JSON API, in KiB.
    pub max_body_kib: usize,
    /// Largest uploaded file (CSV import, later photos and scans), in KiB.
    pub max_upload_kib: usize,
    /// `text` or `json`.
    pub log_format: String,
    /// Failed sign-ins allowed per account within `login_window_minutes` before a lock.
    pub login_max_failures_per_account: u32,
    /// Failed sign-ins allowed per client address within the window before a lock.
    pub login_max_failures_per_address: u32,
    pub login_window_minutes: u32,
    pub login_lock_minutes: u32,
    /// Minimum password length.
    pub password_min_length: usize,
    /// A deadline is "due soon" when at most this many working days remain.
    pub due_soon_working_days: u32,
    /// Warn when an outlet was inspected or is planned within this many months (plans, engagements).
    pub overlap_months: u32,
    /// A submission from the same person with much the same content within this many days is
    /// flagged as a possible duplicate.
    pub duplicate_window_days: u32,
    /// The public web form for complaints, denunciations and petitions (`/submit`): the code of
    /// the agency that receives what it sends. Empty (the default): the form is off.
    pub public_form_agency: String,
    /// The web form refuses a sending made sooner than this many seconds after the form was shown
    /// (people take longer to write a complaint; scripts do not), or later than an hour.
    pub public_form_min_seconds: u32,
    /// The sender of notices, e.g. `Thanh tra tỉnh Hà Tĩnh <thanhtra@hatinh.gov.vn>`.
    pub mail_from: String,
    /// Send queued mail from this instance (every instance may; rows are claimed safely).
    pub mail_worker: bool,
    /// First retry delay after a temporary failure, in seconds (doubling each time).
    pub mail_retry_base_seconds: u32,
    /// Attempts per recipient before a temporary failure becomes permanent.
    pub mail_max_attempts: u32,
    /// How long a worker's claim on a delivery lasts; the worker renews it every third of this while
    /// it runs and gives it back when it stops, so only a crash leaves a delivery waiting this long.
    pub mail_lock_seconds: u32,
    /// SMTP server. Without it, messages are written as .eml files under `<data_dir>/mail`.
    pub smtp: Option<SmtpSettings>,
    /// A folder the bounce mailbox is delivered into (one message per file); bounces are matched
    /// back to their message and recipient.
    pub bounce_dir: Option<PathBuf>,
    /// The first agency, created on a fresh database.
    pub install: InstallSettings,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpSettings {
    pub host: String,
    #[serde(default)]
    pub port: Option<u16>,
    /// `starttls` (default), `tls` (implicit, port 465) or `none` (only for a local relay).
    #[serde(default = "default_security")]
    pub security: String,
    #[serde(default)]
    pub username: Option<String>,
    #[serde(default, serialize_with = "ser_secret")]
    pub password: Option<SecretString>,
}

fn default_security() -> String {
    "starttls".into()
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct InstallSettings {
    pub agency_code: String,
    pub governing_body: String,
    pub agency_name: String,
    pub abbreviation: String,
    pub province: String,
    pub place_name: String,
    pub valid_from: String,
}

/// A list of strings, or one string of comma-separated items (as an environment variable gives).
fn list_or_commas<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        List(Vec<String>),
        One(String),
    }
    Ok(match Either::deserialize(d)? {
        Either::List(v) => v,
        Either::One(s) => s.split(',').map(str::trim).filter(|x| !x.is_empty()).map(str::to_string).collect(),
    })
}

fn ser_secret<S: serde::Serializer>(v: &Option<SecretString>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(_) => s.serialize_some("***"),
        None => s.serialize_none(),
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            bind: "127.0.0.1:8080".into(),
            data_dir: PathBuf::from("./data"),
            database_url: None,
            secret_key: None,
            base_url: None,
            trusted_proxies: Vec::new(),
            secure_cookies: false,
            session_hours: 12,
            request_timeout_seconds: 10,
            request_body_seconds: 120,
            db_pool_size: 8,
            sqlite_cache_mib: 16,
            sqlite_mmap_mib: 1024,
            workers: 0,
            max_body_kib: 256,
            max_upload_kib: 5 * 1024,
            log_format: "text".into(),
            login_max_failures_per_account: 5,
            login_max_failures_per_address: 20,
            login_window_minutes: 15,
            login_lock_minutes: 15,
            password_min_length: 10,
            due_soon_working_days: 3,
            overlap_months: 12,
            duplicate_window_days: 90,
            public_form_agency: String::new(),
            public_form_min_seconds: 5,
            mail_from: "Thanh tra <no-reply@thanhtra.local>".into(),
            mail_worker: true,
            mail_retry_base_seconds: 60,
            mail_max_attempts: 8,
            mail_lock_seconds: 30,
            smtp: None,
            bounce_dir: None,
            install: InstallSettings::default(),
        }
    }
}

impl Default for InstallSettings {
    fn default() -> Self {
        InstallSettings {
            agency_code: "TTT".into(),
            governing_body: "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH".into(),
            agency_name: "THANH TRA TỈNH".into(),
            abbreviation: "TTr".into(),
            province: "Hà Tĩnh".into(),
            place_name: "Hà Tĩnh".into(),
            valid_from: "2025-07-01".into(),
        }
    }
}

/// Settings after checking, with derived values.
#[derive(Debug, Clone)]
pub struct Checked {
    pub settings: Settings,
    /// `settings.trusted_proxies`, parsed.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    pub bind: SocketAddr,
    pub db: DbTarget,
    pub install_valid_from: chrono::NaiveDate,
}

#[derive(Debug, thiserror::Error)]
#[error("configuration: {0}")]
pub struct ConfigError(pub String);

impl Settings {
    /// Loads from `file` (if given; else `./thanhtra.toml` when present) and the environment.
    pub fn load(file: Option<&Path>) -> Result<Settings, ConfigError> {
        let mut fig = Figment::from(Serialized::defaults(Settings::default()));
        let env_file = std::env::var_os("THANHTRA_CONFIG").map(PathBuf::from);
        let path = file.map(Path::to_path_buf).or(env_file);
        match path {
            Some(p) => {
                if !p.exists() {
                    return Err(ConfigError(format!("the file {} does not exist", p.display())));
                }
                fig = fig.merge(Toml::file_exact(p));
            }
            None => {
                if Path::new("thanhtra.toml").exists() {
                    fig = fig.merge(Toml::file_exact("thanhtra.toml"));
                }
            }
        }
        fig = fig
            .merge(
                Env::prefixed("THANHTRA_")
                    .filter(|k| {
                        let k = k.as_str().to_ascii_lowercase();
                        k != "password" && k != "config" && !k.starts_with("test_")
                    })
                    .split("__"),
            )
            .merge(Env::raw().only(&["DATABASE_URL"]));
        fig.extract::<Settings>().map_err(|e| ConfigError(figment_message(e)))
    }

    /// Checks every value that a type alone cannot, naming the key at fault.
    pub fn check(self) -> Result<Checked, ConfigError> {
        let bind: SocketAddr = self
            .bind
            .parse()
            .map_err(|_| ConfigError(format!("bind = {:?} is not an address like 127.0.0.1:8080", self.bind)))?;
        let db = match &self.database_url {
            Some(url) => DbTarget::parse(url).map_err(|e| ConfigError(format!("database_url (DATABASE_URL) {e}")))?,
            None => DbTarget::Sqlite(self.data_dir.join("thanhtra.sqlite3")),
        };
        if let Some(key) = &self.secret_key {
            use base64::Engine;
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(key.expose_secret().trim())
                .map_err(|_| ConfigError("secret_key is not base64".into()))?;
            if bytes.len() < 32 {
                return Err(ConfigError("secret_key must hold at least 32 bytes (base64 of 32 random bytes)".into()));
            }
        }
        if !matches!(self.log_format.as_str(), "text" | "json") {
            return Err(ConfigError(format!("log_format = {:?}: use \"text\" or \"json\"", self.log_format)));
        }
        let positive = [
            ("session_hours", self.session_hours),
            ("request_timeout_seconds", self.request_timeout_seconds),
            ("request_body_seconds", self.request_body_seconds),
            ("db_pool_size", self.db_pool_size),
            ("sqlite_cache_mib", self.sqlite_cache_mib),
            ("login_max_failures_per_account", self.login_max_failures_per_account),
            ("login_max_failures_per_address", self.login_max_failures_per_address),
            ("login_window_minutes", self.login_window_minutes),
            ("login_lock_minutes", self.login_lock_minutes),
        ];
        for (key, v) in positive {
            if v == 0 {
                return Err(ConfigError(format!("{key} must be greater than 0")));
            }
        }
        if self.max_body_kib < 4 || self.max_upload_kib < 4 {
            return Err(ConfigError("max_body_kib and max_upload_kib must be at least 4".into()));
        }
        if self.mail_from.parse::<lettre::message::Mailbox>().is_err() {
            return Err(ConfigError(format!(
                "mail_from = {:?} is not an address like Name <user@example.vn>",
                self.mail_from
            )));
        }
        if let Some(smtp) = &self.smtp {
            if smtp.host.trim().is_empty() {
                return Err(ConfigError("smtp.host must not be empty".into()));
            }
            if !matches!(smtp.security.as_str(), "starttls" | "tls" | "none") {
                return Err(ConfigError(format!("smtp.security = {:?}: use starttls, tls or none", smtp.security)));
            }
            if smtp.username.is_some() != smtp.password.is_some() {
                return Err(ConfigError("smtp.username and smtp.password go together".into()));
            }
        }
        if self.mail_max_attempts == 0 || self.mail_lock_seconds == 0 {
            return Err(ConfigError("mail_max_attempts and mail_lock_seconds must be greater than 0".into()));
        }
        if !(1..=60).contains(&self.overlap_months) {
            return Err(ConfigError("overlap_months must be between 1 and 60".into()));
        }
        if self.public_form_min_seconds > 600 {
            return Err(ConfigError("public_form_min_seconds must be at most 600".into()));
        }
        if !(1..=3650).contains(&self.duplicate_window_days) {
            return Err(ConfigError("duplicate_window_days must be between 1 and 3650".into()));
        }
        if self.due_soon_working_days > 60 {
            return Err(ConfigError("due_soon_working_days must be at most 60".into()));
        }
        if self.password_min_length < 8 {
            return Err(ConfigError("password_min_length must be at least 8".into()));
        }
        if let Some(u) = &self.base_url
            && !(u.starts_with("http://") || u.starts_with("https://"))
        {
            return Err(ConfigError(format!("base_url = {u:?} must start with http:// or https://")));
        }
        let install_valid_from =
            chrono::NaiveDate::parse_from_str(&self.install.valid_from, "%Y-%m-%d").map_err(|_| {
                ConfigError(format!("install.valid_from = {:?} is not a date YYYY-MM-DD", self.install.valid_from))
            })?;
        for (key, v) in [
            ("install.agency_code", &self.install.agency_code),
            ("install.governing_body", &self.install.governing_body),
            ("install.agency_name", &self.install.agency_name),
            ("install.abbreviation", &self.install.abbreviation),
            ("install.province", &self.install.province),
            ("install.place_name", &self.install.place_name),
        ] {
            if v.trim().is_empty() {
                return Err(ConfigError(format!("{key} must not be empty")));
            }
        }
        let trusted_proxies = self
            .trusted_proxies
            .iter()
            .map(|p| {
                let p = p.trim();
                p.parse::<ipnet::IpNet>().or_else(|_| p.parse::<std::net::IpAddr>().map(ipnet::IpNet::from)).map_err(
                    |_| ConfigError(format!("trusted_proxies: {p:?} is not an address or network like 10.0.0.0/8")),
                )
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Checked { settings: self, bind, db, install_valid_from, trusted_proxies })
    }
}

fn figment_message(e: figment::Error) -> String {
    let mut parts = Vec::new();
    for err in e {
        let key = err.path.join(".");
        let kind = err.kind.to_string();
        if key.is_empty() {
            parts.push(kind);
        } else {
            parts.push(format!("{key}: {kind}"));
        }
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_example_file_parses_and_checks() {
        let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/config/thanhtra.example.toml"));
        let text = std::fs::read_to_string(path).unwrap();
        let s: Settings =
            Figment::from(Serialized::defaults(Settings::default())).merge(Toml::string(&text)).extract().unwrap();
        s.check().unwrap();
    }

    #[test]
    fn bad_values_name_their_key() {
        let s = Settings { bind: "nowhere".into(), ..Settings::default() };
        assert!(s.check().unwrap_err().to_string().contains("bind"));
        let s = Settings { log_format: "xml".into(), ..Settings::default() };
        assert!(s.check().unwrap_err().to_string().contains("log_format"));
        let s = Settings { database_url: Some("mysql://x/y".into()), ..Settings::default() };
        assert!(s.check().unwrap_err().to_string().contains("database_url"));
        let err = Figment::from(Serialized::defaults(Settings::default()))
            .merge(Toml::string("session_hours = \"many\""))
            .extract::<Settings>()
            .unwrap_err();
        assert!(figment_message(err).contains("session_hours"));
        let err = Figment::from(Serialized::defaults(Settings::default()))
            .merge(Toml::string("no_such_key = 1"))
            .extract::<Settings>()
            .unwrap_err();
        assert!(figment_message(err).contains("no_such_key"));
    }
}
