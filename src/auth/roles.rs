//! Roles and the one permission table. Every page and API route asks `Identity::require(Permission)`.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    Leader,
    Inspector,
    PermitOfficer,
    ReceptionOfficer,
    Viewer,
}

impl Role {
    pub const ALL: [Role; 6] =
        [Role::Admin, Role::Leader, Role::Inspector, Role::PermitOfficer, Role::ReceptionOfficer, Role::Viewer];

    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Leader => "leader",
            Role::Inspector => "inspector",
            Role::PermitOfficer => "permit_officer",
            Role::ReceptionOfficer => "reception_officer",
            Role::Viewer => "viewer",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        let s = s.trim().to_ascii_lowercase().replace('-', "_");
        Role::ALL.into_iter().find(|r| r.code() == s)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Role::Admin => "role.admin",
            Role::Leader => "role.leader",
            Role::Inspector => "role.inspector",
            Role::PermitOfficer => "role.permit_officer",
            Role::ReceptionOfficer => "role.reception_officer",
            Role::Viewer => "role.viewer",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Permission {
    OutletRead,
    OutletWrite,
    OutletDelete,
    OutletImport,
    AgencyRead,
    AgencyManage,
    SectorManage,
    UserManage,
    AuditRead,
    AuditVerify,
    CalendarManage,
    DeadlineRead,
    DeadlineWrite,
    DocumentRead,
    DocumentWrite,
    DocumentIssue,
    InspectionRead,
    InspectionWrite,
    InspectionApprove,
    CatalogueManage,
}

impl Permission {
    pub const ALL: [Permission; 20] = [
        Permission::OutletRead,
        Permission::OutletWrite,
        Permission::OutletDelete,
        Permission::OutletImport,
        Permission::AgencyRead,
        Permission::AgencyManage,
        Permission::SectorManage,
        Permission::UserManage,
        Permission::AuditRead,
        Permission::AuditVerify,
        Permission::CalendarManage,
        Permission::DeadlineRead,
        Permission::DeadlineWrite,
        Permission::DocumentRead,
        Permission::DocumentWrite,
        Permission::DocumentIssue,
        Permission::InspectionRead,
        Permission::InspectionWrite,
        Permission::InspectionApprove,
        Permission::CatalogueManage,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Permission::OutletRead => "outlet.read",
            Permission::OutletWrite => "outlet.write",
            Permission::OutletDelete => "outlet.delete",
            Permission::OutletImport => "outlet.import",
            Permission::AgencyRead => "agency.read",
            Permission::AgencyManage => "agency.manage",
            Permission::SectorManage => "sector.manage",
            Permission::UserManage => "user.manage",
            Permission::AuditRead => "audit.read",
            Permission::AuditVerify => "audit.verify",
            Permission::CalendarManage => "calendar.manage",
            Permission::DeadlineRead => "deadline.read",
            Permission::DeadlineWrite => "deadline.write",
            Permission::DocumentRead => "document.read",
            Permission::DocumentWrite => "document.write",
            Permission::DocumentIssue => "document.issue",
            Permission::InspectionRead => "inspection.read",
            Permission::InspectionWrite => "inspection.write",
            Permission::InspectionApprove => "inspection.approve",
            Permission::CatalogueManage => "catalogue.manage",
        }
    }

    /// What the permission lets one do (i18n `perm.<code>`).
    pub fn describe(self, lang: crate::i18n::Lang) -> &'static str {
        crate::i18n::lookup(lang, &format!("perm.{}", self.code()))
    }
}

/// The permission table. Documented in README.md ("Roles and permissions"); a test keeps them equal.
pub fn allows(role: Role, p: Permission) -> bool {
    use Permission::*;
    use Role::*;
    match p {
        OutletRead | AgencyRead | DeadlineRead | DocumentRead | InspectionRead => true,
        DeadlineWrite | DocumentWrite => role != Viewer,
        DocumentIssue => matches!(role, Admin | Leader),
        CalendarManage => role == Admin,
        OutletWrite | OutletImport => matches!(role, Admin | Leader | Inspector | PermitOfficer),
        OutletDelete => matches!(role, Admin | Leader),
        AgencyManage | SectorManage | UserManage | AuditVerify => role == Admin,
        AuditRead => matches!(role, Admin | Leader),
        InspectionWrite => matches!(role, Admin | Leader | Inspector),
        InspectionApprove => matches!(role, Admin | Leader),
        CatalogueManage => role == Admin,
    }
}

/// The table as Markdown, as it appears in README.md.
pub fn markdown_table() -> String {
    let mut s =
        String::from("| Permission | admin | leader | inspector | permit_officer | reception_officer | viewer |\n");
    s.push_str("|---|---|---|---|---|---|---|\n");
    for p in Permission::ALL {
        s.push_str(&format!("| `{}` {} |", p.code(), p.describe(crate::i18n::Lang::En)));
        for r in Role::ALL {
            s.push_str(if allows(r, p) { " ✓ |" } else { " |" });
        }
        s.push('\n');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn viewers_only_read() {
        for p in Permission::ALL {
            let read = matches!(
                p,
                Permission::OutletRead
                    | Permission::AgencyRead
                    | Permission::DeadlineRead
                    | Permission::DocumentRead
                    | Permission::InspectionRead
            );
            assert_eq!(allows(Role::Viewer, p), read, "{p:?}");
        }
    }

    #[test]
    fn only_admins_manage_users() {
        for r in Role::ALL {
            assert_eq!(allows(r, Permission::UserManage), r == Role::Admin);
        }
    }

    #[test]
    fn readme_shows_the_permission_table_as_coded() {
        let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
        assert!(
            readme.contains(&markdown_table()),
            "README.md's permission table differs from the code; paste:\n{}",
            markdown_table()
        );
    }
}
