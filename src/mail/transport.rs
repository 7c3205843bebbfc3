//! Where mail goes: an SMTP server (STARTTLS, implicit TLS, or plain for a local relay; with
//! authentication and a connection pool), or .eml files when no server is configured.

use std::path::PathBuf;

use lettre::transport::smtp::authentication::Credentials;
use lettre::{Message, SmtpTransport, Transport};
use secrecy::ExposeSecret;

use super::outbox::Outcome;
use crate::config::Settings;

/// Writes `m` as `<uuid>.eml` in `dir` atomically; returns the file's name.
fn write_eml(dir: &std::path::Path, m: &Message) -> std::io::Result<String> {
    use std::io::Write;
    let name = format!("{}.eml", uuid::Uuid::new_v4());
    let mut tmp = tempfile::Builder::new().prefix(".").suffix(".eml.part").tempfile_in(dir)?;
    tmp.write_all(&m.formatted())?;
    tmp.as_file().sync_all()?;
    tmp.persist(dir.join(&name)).map_err(|e| e.error)?;
    // The rename itself is durable once the folder is synced.
    std::fs::File::open(dir)?.sync_all()?;
    Ok(name)
}

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
    ///
    /// Without SMTP the message is written whole or not at all: to a temporary file in the same
    /// folder, synced, then renamed to `<uuid>.eml` (a kill mid-write leaves no truncated `.eml`,
    /// and the delivery is retried as it was never accepted).
    pub fn send(&self, m: &Message) -> Outcome {
        match self {
            Mailer::File(dir) => match write_eml(dir, m) {
                Ok(name) => Outcome::Accepted(format!("written to {name}")),
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

#[cfg(test)]
mod tests {
    #[test]
    fn an_eml_file_is_written_whole_under_its_final_name_only() {
        let dir = tempfile::tempdir().unwrap();
        let m = lettre::Message::builder()
            .from("Thanh tra tỉnh <thanhtra@example.gov.vn>".parse().unwrap())
            .to("GHTK <hatinh@ghtk.vn>".parse().unwrap())
            .subject("Thông báo kết luận kiểm tra")
            .body(String::from("Nội dung."))
            .unwrap();
        let name = super::write_eml(dir.path(), &m).unwrap();
        let names: Vec<String> =
            std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        assert_eq!(names, vec![name.clone()], "no temporary file is left beside it");
        assert!(name.ends_with(".eml"));
        assert_eq!(std::fs::read(dir.path().join(&name)).unwrap(), m.formatted());
    }
}
