use serde::Serialize;
use serde_json::Value;

/// Who did it. `agency_id` scopes the entry to an agency's audit page.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: Option<String>,
    pub name: String,
    pub agency_id: Option<String>,
}

impl Actor {
    /// Changes made by the program itself (first start, seeding) or from the command line.
    pub fn system(name: &str) -> Actor {
        Actor { user_id: None, name: name.to_string(), agency_id: None }
    }
}

/// Every kind of change the trail records. Stored as its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditAction {
    Create,
    Update,
    Delete,
    Import,
    Disable,
    Enable,
    PasswordChange,
    PasswordReset,
    TokenCreate,
    TokenRevoke,
    Extend,
    Pause,
    Resume,
    Close,
    Recompute,
    Issue,
    Attach,
    Send,
    Approve,
    Transition,
    Upload,
    Publish,
    Remind,
    /// Someone read what is kept secret (a denouncer's identity).
    Reveal,
}

impl AuditAction {
    pub const ALL: [AuditAction; 24] = [
        AuditAction::Create,
        AuditAction::Update,
        AuditAction::Delete,
        AuditAction::Import,
        AuditAction::Disable,
        AuditAction::Enable,
        AuditAction::PasswordChange,
        AuditAction::PasswordReset,
        AuditAction::TokenCreate,
        AuditAction::TokenRevoke,
        AuditAction::Extend,
        AuditAction::Pause,
        AuditAction::Resume,
        AuditAction::Close,
        AuditAction::Recompute,
        AuditAction::Issue,
        AuditAction::Attach,
        AuditAction::Send,
        AuditAction::Approve,
        AuditAction::Transition,
        AuditAction::Upload,
        AuditAction::Publish,
        AuditAction::Remind,
        AuditAction::Reveal,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AuditAction::Create => "create",
            AuditAction::Update => "update",
            AuditAction::Delete => "delete",
            AuditAction::Import => "import",
            AuditAction::Disable => "disable",
            AuditAction::Enable => "enable",
            AuditAction::PasswordChange => "password_change",
            AuditAction::PasswordReset => "password_reset",
            AuditAction::TokenCreate => "token_create",
            AuditAction::TokenRevoke => "token_revoke",
            AuditAction::Extend => "extend",
            AuditAction::Pause => "pause",
            AuditAction::Resume => "resume",
            AuditAction::Close => "close",
            AuditAction::Recompute => "recompute",
            AuditAction::Issue => "issue",
            AuditAction::Attach => "attach",
            AuditAction::Send => "send",
            AuditAction::Approve => "approve",
            AuditAction::Transition => "transition",
            AuditAction::Upload => "upload",
            AuditAction::Publish => "publish",
            AuditAction::Remind => "remind",
            AuditAction::Reveal => "reveal",
        }
    }

    pub fn parse(s: &str) -> Option<AuditAction> {
        AuditAction::ALL.into_iter().find(|a| a.code() == s)
    }

    /// What the entry records, in words (i18n `audit.action.<code>`).
    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        crate::i18n::lookup(lang, &format!("audit.action.{}", self.code()))
    }
}

/// One changed field: its value before and after (null when absent).
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct Change {
    pub field: String,
    pub before: Value,
    pub after: Value,
}

/// A record that the audit trail can describe. `audit_fields` lists what is compared and shown;
/// secrets (password hashes, token hashes) are never among them.
pub trait Auditable {
    const RECORD_TYPE: &'static str;
    fn audit_id(&self) -> String;
    fn audit_label(&self) -> String;
    fn audit_fields(&self) -> Vec<(&'static str, Value)>;
}

/// What to append. Built only through the named constructors, never by filling columns.
#[derive(Debug, Clone)]
pub struct AuditEntry {
    pub action: AuditAction,
    pub record_type: &'static str,
    pub record_id: String,
    pub record_label: String,
    pub changes: Vec<Change>,
}

impl AuditEntry {
    pub fn created<T: Auditable>(rec: &T) -> AuditEntry {
        AuditEntry {
            action: AuditAction::Create,
            record_type: T::RECORD_TYPE,
            record_id: rec.audit_id(),
            record_label: rec.audit_label(),
            changes: rec
                .audit_fields()
                .into_iter()
                .filter(|(_, v)| !is_empty(v))
                .map(|(f, v)| Change { field: f.to_string(), before: Value::Null, after: v })
                .collect(),
        }
    }

    /// `None` when nothing changed (nothing is written then).
    pub fn updated<T: Auditable>(before: &T, after: &T) -> Option<AuditEntry> {
        let changes = diff(&before.audit_fields(), &after.audit_fields());
        if changes.is_empty() {
            return None;
        }
        Some(AuditEntry {
            action: AuditAction::Update,
            record_type: T::RECORD_TYPE,
            record_id: after.audit_id(),
            record_label: after.audit_label(),
            changes,
        })
    }

    pub fn deleted<T: Auditable>(rec: &T) -> AuditEntry {
        AuditEntry {
            action: AuditAction::Delete,
            record_type: T::RECORD_TYPE,
            record_id: rec.audit_id(),
            record_label: rec.audit_label(),
            changes: rec
                .audit_fields()
                .into_iter()
                .filter(|(_, v)| !is_empty(v))
                .map(|(f, v)| Change { field: f.to_string(), before: v, after: Value::Null })
                .collect(),
        }
    }

    /// A state change (disable, password change, import…) with the fields it touched.
    pub fn state<T: Auditable>(rec: &T, action: AuditAction, changes: Vec<Change>) -> AuditEntry {
        AuditEntry {
            action,
            record_type: T::RECORD_TYPE,
            record_id: rec.audit_id(),
            record_label: rec.audit_label(),
            changes,
        }
    }

    /// A state change whose before/after is the difference of two snapshots of the record.
    pub fn transition<T: Auditable>(before: &T, after: &T, action: AuditAction) -> AuditEntry {
        AuditEntry {
            action,
            record_type: T::RECORD_TYPE,
            record_id: after.audit_id(),
            record_label: after.audit_label(),
            changes: diff(&before.audit_fields(), &after.audit_fields()),
        }
    }
}

pub fn change(field: &str, before: impl Into<Value>, after: impl Into<Value>) -> Change {
    Change { field: field.to_string(), before: before.into(), after: after.into() }
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

fn diff(before: &[(&'static str, Value)], after: &[(&'static str, Value)]) -> Vec<Change> {
    let mut out = Vec::new();
    for (field, a) in after {
        let b = before.iter().find(|(f, _)| f == field).map(|(_, v)| v.clone()).unwrap_or(Value::Null);
        if &b != a {
            out.push(Change { field: field.to_string(), before: b, after: a.clone() });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    struct Thing {
        name: String,
        n: i64,
    }
    impl Auditable for Thing {
        const RECORD_TYPE: &'static str = "thing";
        fn audit_id(&self) -> String {
            "1".into()
        }
        fn audit_label(&self) -> String {
            self.name.clone()
        }
        fn audit_fields(&self) -> Vec<(&'static str, Value)> {
            vec![("name", json!(self.name)), ("n", json!(self.n))]
        }
    }

    #[test]
    fn updates_list_only_changed_fields() {
        let a = Thing { name: "A".into(), n: 1 };
        let b = Thing { name: "A".into(), n: 2 };
        let e = AuditEntry::updated(&a, &b).unwrap();
        assert_eq!(e.changes, vec![change("n", 1, 2)]);
        assert!(AuditEntry::updated(&a, &a).is_none());
    }
}
