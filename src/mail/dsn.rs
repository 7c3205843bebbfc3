//! Reading a delivery status notification (RFC 3464, and RFC 6533 for `message/global-delivery-status`)
//! as MIME with `mail-parser`: transfer encodings (base64, quoted-printable), folded header lines and
//! encoded words are undone by the parser, not by patterns over the raw file. Pure: bytes in, report out.

use std::sync::LazyLock;

use mail_parser::{Message, MessageParser, MimeHeaders, PartType};
use regex::Regex;

/// What one notification says about one of our messages.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Report {
    /// Message-IDs (with angle brackets) of the returned message, the ones found first are the most
    /// reliable (the returned headers, then the notification's own In-Reply-To / References).
    pub message_ids: Vec<String>,
    /// Every recipient the notification reports as given up on.
    pub failures: Vec<Failure>,
    /// Recipients reported as only delayed (still being retried): nothing to record.
    pub delayed: Vec<String>,
    /// False when the notification carried no machine-readable delivery-status part and the
    /// failure was read from its human text.
    pub structured: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// Lower-case address, `None` when the notification does not name it.
    pub recipient: Option<String>,
    /// Enhanced status code, e.g. `5.1.1`; empty when not given.
    pub status: String,
    /// The remote server's answer, unfolded, at most 400 characters.
    pub diagnostic: String,
}

static OUR_MESSAGE_ID: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"<[0-9a-f]{32}@[^>\s]+>").ok());

/// Reads a notification; `None` when `raw` is not a message or reports no failure and no delay.
pub fn read(raw: &[u8]) -> Option<Report> {
    let message = MessageParser::default().parse(raw)?;
    let mut report = Report::default();
    let mut status_parts = 0;
    for part in message.parts.iter() {
        let Some(ct) = part.content_type() else { continue };
        let kind = (ct.ctype().to_ascii_lowercase(), ct.subtype().map(|s| s.to_ascii_lowercase()).unwrap_or_default());
        match (kind.0.as_str(), kind.1.as_str()) {
            ("message", "delivery-status" | "global-delivery-status") => {
                status_parts += 1;
                read_status(part.contents(), &mut report);
            }
            ("message", "rfc822" | "global") => {
                if let Some(id) = part.message().and_then(Message::message_id) {
                    push_id(&mut report.message_ids, id);
                }
            }
            ("text", "rfc822-headers" | "global-headers") => {
                if let Some(id) =
                    MessageParser::default().parse_headers(part.contents()).as_ref().and_then(Message::message_id)
                {
                    push_id(&mut report.message_ids, id);
                }
            }
            _ => {}
        }
    }
    for id in message.in_reply_to().as_text_list().unwrap_or_default() {
        push_id(&mut report.message_ids, id);
    }
    for id in message.references().as_text_list().unwrap_or_default() {
        push_id(&mut report.message_ids, id);
    }
    if status_parts == 0 {
        read_unstructured(&message, &mut report);
    } else {
        report.structured = true;
    }
    (!report.failures.is_empty() || !report.delayed.is_empty()).then_some(report)
}

fn push_id(ids: &mut Vec<String>, id: &str) {
    let id = id.trim().trim_start_matches('<').trim_end_matches('>');
    if id.is_empty() {
        return;
    }
    let id = format!("<{id}>");
    if !ids.contains(&id) {
        ids.push(id);
    }
}

/// A delivery-status body: a per-message group, then one group per recipient, each a block of
/// header fields separated by an empty line. Each group is parsed as a header block.
fn read_status(body: &[u8], report: &mut Report) {
    let text = String::from_utf8_lossy(body).replace("\r\n", "\n");
    for group in text.split("\n\n").skip(1) {
        let block = format!("{}\n\n", group.trim_matches('\n'));
        let Some(fields) = MessageParser::default().parse_headers(block.as_bytes()) else { continue };
        let field = |name: &str| {
            fields.header(name).and_then(|v| v.as_text()).map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        };
        let recipient = field("Final-Recipient").or_else(|| field("Original-Recipient")).and_then(|v| address(&v));
        let action = field("Action").unwrap_or_default().to_ascii_lowercase();
        let status = field("Status").and_then(|s| s.split_whitespace().next().map(str::to_string)).unwrap_or_default();
        let diagnostic = field("Diagnostic-Code").map(|d| diagnostic_text(&d)).unwrap_or_default();
        let failed = match action.as_str() {
            "failed" => true,
            "" => status.starts_with('5'),
            _ => false,
        };
        if failed {
            report.failures.push(Failure { recipient, status, diagnostic });
        } else if action == "delayed"
            && let Some(r) = recipient
        {
            report.delayed.push(r);
        }
    }
}

/// `rfc822; <a@b>` → `a@b` (lower case); `utf-8; ...` addresses are taken as they are.
fn address(value: &str) -> Option<String> {
    let v = value.split_once(';').map(|(_, a)| a).unwrap_or(value);
    let v = v.trim().trim_start_matches('<').trim_end_matches('>').trim();
    (v.contains('@') && !v.contains(char::is_whitespace)).then(|| v.to_lowercase())
}

/// `smtp; 550 5.1.1 ...` → `550 5.1.1 ...`, at most 400 characters.
fn diagnostic_text(value: &str) -> String {
    let v = value.split_once(';').map(|(kind, rest)| if kind.contains(' ') { value } else { rest }).unwrap_or(value);
    v.trim().chars().take(400).collect()
}

/// An old-style bounce without a delivery-status part (plain text from qmail or a hand-made
/// forward): our Message-ID found in its decoded text, the recipient unknown unless a status line
/// names it.
fn read_unstructured(message: &Message<'_>, report: &mut Report) {
    let Some(re) = OUR_MESSAGE_ID.as_ref() else { return };
    let mut found = false;
    for part in message.parts.iter() {
        let text = match &part.body {
            PartType::Text(t) | PartType::Html(t) => t.to_string(),
            PartType::Message(m) => String::from_utf8_lossy(m.raw_message()).into_owned(),
            _ => continue,
        };
        for m in re.find_iter(&text) {
            push_id(&mut report.message_ids, m.as_str());
            found = true;
        }
    }
    if found && !report.message_ids.is_empty() {
        report.failures.push(Failure { recipient: None, status: String::new(), diagnostic: String::new() });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "<0123456789abcdef0123456789abcdef@thanhtra.example.vn>";

    fn sample(name: &str) -> Vec<u8> {
        let path = format!("{}/tests/data/bounces/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(path).unwrap().replace("MESSAGE-ID-HERE", ID).into_bytes()
    }

    fn one_failure(name: &str) -> Failure {
        let r = read(&sample(name)).unwrap_or_else(|| panic!("{name}: no report"));
        assert!(r.structured, "{name}");
        assert_eq!(r.message_ids.first().map(String::as_str), Some(ID), "{name}: {r:?}");
        assert_eq!(r.failures.len(), 1, "{name}: {r:?}");
        r.failures[0].clone()
    }

    #[test]
    fn postfix_notification_with_folded_fields() {
        let f = one_failure("postfix-user-unknown.eml");
        assert_eq!(f.recipient.as_deref(), Some("khongton@ghtk.vn"));
        assert_eq!(f.status, "5.1.1");
        assert_eq!(
            f.diagnostic,
            "550 5.1.1 <khongton@ghtk.vn>: Recipient address rejected: User unknown in virtual mailbox table"
        );
    }

    #[test]
    fn exim_notification_with_the_whole_message_returned() {
        let f = one_failure("exim-mailbox-disabled.eml");
        assert_eq!(f.recipient.as_deref(), Some("khongton@ghtk.vn"));
        assert_eq!(f.status, "5.0.0");
        assert_eq!(f.diagnostic, "550 5.2.1 Mailbox disabled for this recipient");
    }

    #[test]
    fn base64_encoded_report_part() {
        let f = one_failure("base64-report.eml");
        assert_eq!(f.recipient.as_deref(), Some("khongton@ghtk.vn"));
        assert_eq!(f.status, "5.1.10");
        assert!(f.diagnostic.starts_with("550 5.1.10 RESOLVER.ADR.RecipientNotFound"), "{f:?}");
    }

    #[test]
    fn quoted_printable_report_part_with_soft_breaks() {
        let f = one_failure("quoted-printable-report.eml");
        assert_eq!(f.recipient.as_deref(), Some("khongton@ghtk.vn"));
        assert_eq!(f.status, "5.7.1");
        assert_eq!(f.diagnostic, "554 5.7.1 Message rejected: the recipient's mailbox is closed by the owner");
    }

    #[test]
    fn a_delay_warning_is_not_a_failure() {
        let r = read(&sample("postfix-delayed.eml")).unwrap();
        assert!(r.failures.is_empty(), "{r:?}");
        assert_eq!(r.delayed, vec!["khongton@ghtk.vn".to_string()]);
    }

    #[test]
    fn several_recipients_in_one_notification() {
        let raw = String::from_utf8(sample("postfix-user-unknown.eml")).unwrap().replace(
            "Final-Recipient: rfc822; khongton@ghtk.vn\n",
            "Final-Recipient: rfc822; hatinh@ghtk.vn\nAction: failed\nStatus: 5.2.2\nDiagnostic-Code: smtp; 552 mailbox full\n\nFinal-Recipient: rfc822; khongton@ghtk.vn\n",
        );
        let r = read(raw.as_bytes()).unwrap();
        let who: Vec<_> = r.failures.iter().map(|f| f.recipient.clone().unwrap()).collect();
        assert_eq!(who, vec!["hatinh@ghtk.vn", "khongton@ghtk.vn"]);
        assert_eq!(r.failures[0].status, "5.2.2");
    }

    #[test]
    fn anything_else_is_no_report() {
        assert_eq!(read(b"Subject: spam\r\n\r\nnothing to do with us"), None);
        assert_eq!(read(b""), None);
        assert_eq!(read(&[0xff, 0xfe, 0x00, 0x41]), None);
    }

    #[test]
    fn plain_text_bounce_quoting_our_message_id() {
        let raw = format!(
            "From: MAILER-DAEMON@x.vn\r\nSubject: failure notice\r\n\r\nSorry, I couldn't deliver.\r\n--- Below this line is a copy of the message.\r\n\r\nMessage-ID: {ID}\r\n"
        );
        let r = read(raw.as_bytes()).unwrap();
        assert!(!r.structured);
        assert_eq!(r.message_ids, vec![ID.to_string()]);
        assert_eq!(r.failures[0].recipient, None);
    }

    #[test]
    fn address_and_diagnostic_forms() {
        assert_eq!(address("rfc822; <A@B.vn>").as_deref(), Some("a@b.vn"));
        assert_eq!(address("rfc822;a@b.vn").as_deref(), Some("a@b.vn"));
        assert_eq!(address("rfc822; not an address"), None);
        assert_eq!(diagnostic_text("smtp; 550 no"), "550 no");
        assert_eq!(diagnostic_text("X-Postfix; host said: no; really"), "host said: no; really");
        assert_eq!(diagnostic_text("550 no; sorry"), "550 no; sorry");
    }
}
