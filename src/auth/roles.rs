//! Roles and the one permission table. Every page and API route asks `Identity::require(Permission)`.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Runs the installation: creates agencies, changes any agency, the shared catalogues (sectors,
    /// calendar, violation catalogue), the settings, and verifies the whole audit chain.
    InstallationAdmin,
    /// Runs one agency: its users, its record (signers, units) and its audit trail.
    Admin,
    Leader,
    Inspector,
    PermitOfficer,
    ReceptionOfficer,
    Viewer,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::InstallationAdmin,
        Role::Admin,
        Role::Leader,
        Role::Inspector,
        Role::PermitOfficer,
        Role::ReceptionOfficer,
        Role::Viewer,
    ];

    /// An administrator of an agency or of the installation.
    pub fn is_admin(self) -> bool {
        matches!(self, Role::InstallationAdmin | Role::Admin)
    }

    /// Whether a user of role `self` may give `role` to someone, or change, disable or reset the
    /// password of a user who holds it: only an installation administrator touches another one.
    pub fn may_grant(self, role: Role) -> bool {
        role != Role::InstallationAdmin || self == Role::InstallationAdmin
    }

    pub fn code(self) -> &'static str {
        match self {
            Role::InstallationAdmin => "installation_admin",
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
            Role::InstallationAdmin => "role.installation_admin",
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
    ComplaintRead,
    ComplaintWrite,
    ReceptionSchedule,
    PermitRead,
    PermitWrite,
    PermitDecide,
    CatalogueManage,
    InstallationManage,
}

impl Permission {
    pub const ALL: [Permission; 27] = [
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
        Permission::ComplaintRead,
        Permission::ComplaintWrite,
        Permission::ReceptionSchedule,
        Permission::PermitRead,
        Permission::PermitWrite,
        Permission::PermitDecide,
        Permission::CatalogueManage,
        Permission::InstallationManage,
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
            Permission::ComplaintRead => "complaint.read",
            Permission::ComplaintWrite => "complaint.write",
            Permission::ReceptionSchedule => "reception.schedule",
            Permission::PermitRead => "permit.read",
            Permission::PermitWrite => "permit.write",
            Permission::PermitDecide => "permit.decide",
            Permission::CatalogueManage => "catalogue.manage",
            Permission::InstallationManage => "installation.manage",
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
    let admin = role.is_admin();
    match p {
        OutletRead | AgencyRead | DeadlineRead | DocumentRead | InspectionRead => true,
        DeadlineWrite | DocumentWrite => role != Viewer,
        DocumentIssue | OutletDelete | AuditRead | InspectionApprove => admin || role == Leader,
        OutletWrite | OutletImport => admin || matches!(role, Leader | Inspector | PermitOfficer),
        InspectionWrite => admin || matches!(role, Leader | Inspector),
        // Citizens' personal data: not for permit staff or read-only viewers.
        ComplaintRead => admin || matches!(role, Leader | Inspector | ReceptionOfficer),
        ComplaintWrite => admin || matches!(role, Leader | Inspector | ReceptionOfficer),
        // The head's reception days and who is on duty.
        ReceptionSchedule => admin || role == Leader,
        // The permit desk: dossiers are business records, read by every role; permit staff keep
        // them; issuing or refusing is a leader's decision.
        PermitRead => true,
        PermitWrite => admin || matches!(role, Leader | PermitOfficer),
        PermitDecide => admin || role == Leader,
        // The agency's own record, users and audit chain (`Identity::require_for_agency`).
        AgencyManage | UserManage | AuditVerify => admin,
        // Shared by every agency of the installation.
        SectorManage | CalendarManage | CatalogueManage | InstallationManage => role == InstallationAdmin,
    }
}

/// The table as Markdown, as it appears in README.md.
pub fn markdown_table() -> String {
    let mut s = String::from(
        "| Permission | installation_admin | admin | leader | inspector | permit_officer | reception_officer | viewer |\n",
    );
    s.push_str("|---|---|---|---|---|---|---|---|\n");
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
                    | Permission::PermitRead
            );
            assert_eq!(allows(Role::Viewer, p), read, "{p:?}");
        }
    }

    #[test]
    fn only_admins_manage_users() {
        for r in Role::ALL {
            assert_eq!(allows(r, Permission::UserManage), matches!(r, Role::Admin | Role::InstallationAdmin));
        }
    }

    #[test]
    fn what_is_shared_by_agencies_is_managed_by_the_installation_administrator_only() {
        for p in [
            Permission::SectorManage,
            Permission::CalendarManage,
            Permission::CatalogueManage,
            Permission::InstallationManage,
        ] {
            for r in Role::ALL {
                assert_eq!(allows(r, p), r == Role::InstallationAdmin, "{p:?} {r:?}");
            }
        }
        // An installation administrator can do everything an agency administrator can.
        for p in Permission::ALL {
            assert!(!allows(Role::Admin, p) || allows(Role::InstallationAdmin, p), "{p:?}");
        }
    }

    #[test]
    fn only_an_installation_administrator_grants_or_touches_that_role() {
        assert!(!Role::Admin.may_grant(Role::InstallationAdmin));
        assert!(Role::Admin.may_grant(Role::Admin));
        assert!(Role::InstallationAdmin.may_grant(Role::InstallationAdmin));
        assert!(!Role::Leader.may_grant(Role::InstallationAdmin));
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
