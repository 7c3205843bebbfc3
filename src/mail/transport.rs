//! Where mail goes: an SMTP server (STARTTLS, implicit TLS, or plain for a local relay; with
//! authentication and a connection pool), or .eml files when no server is configured.

use std::path::PathBuf;

use lettre::transport::smtp::authentication::Credentials;
use lettre::{FileTransport, Message, SmtpTransport, Transport};
use secrecy::ExposeSecret;

use super::outbox::Outcome;
use crate::config::Settings;

pub enum Mailer {
    Smtp(Box<SmtpTransport>),
    File(PathBuf),
}

impl Mailer {
    pub fn from_settings(s: &Settings) -> anyhow::Result<Mailer> {
        let Some(smtp) = &s.smtp else {
            let dir = s.data_dir.join("mail");
            std::fs::create_dir_all(&dir)?;
            return Ok(Mailer::File(dir));
        };
        let mut b = match smtp.security.as_str() {
            "tls" => SmtpTransport::relay(&smtp.host)?,
            "none" => SmtpTransport::builder_dangerous(&smtp.host),
            _ => SmtpTransport::starttls_relay(&smtp.host)?,
        };
        if let Some(p) = smtp.port {
            b = b.port(p);
        }
        if let (Some(u), Some(p)) = (&smtp.username, &smtp.password) {
            b = b.credentials(Credentials::new(u.clone(), p.expose_secret().to_string()));
        }
        Ok(Mailer::Smtp(Box::new(b.timeout(Some(std::time::Duration::from_secs(30))).build())))
    }

    /// Sends one message and classifies the result.
    pub fn send(&self, m: &Message) -> Outcome {
        match self {
            Mailer::File(dir) => match FileTransport::new(dir).send(m) {
                Ok(id) => Outcome::Accepted(format!("written to {id}.eml")),
                Err(e) => Outcome::Temporary(format!("file transport: {e}")),
            },
            Mailer::Smtp(t) => match t.send(m) {
                Ok(r) => Outcome::Accepted(format!("{} {}", r.code(), r.message().collect::<Vec<_>>().join(" "))),
                Err(e) if e.is_permanent() => Outcome::Permanent(e.to_string()),
                Err(e) => Outcome::Temporary(e.to_string()),
            },
        }
    }
}
