//! Who may read a denouncer's identity (Luật Tố cáo 2018, Art. 47–48: the denouncer's name, address
//! and anything that identifies them are kept secret): the users assigned to the case and the
//! agency's leaders. Everyone else sees the record without them; each reading is audited.

use crate::auth::Role;

/// Whether a user of `role`, assigned to the case or not, may read what is secret on it.
pub fn may_read_secret(role: Role, assigned: bool) -> bool {
    assigned || role == Role::Leader
}

/// What a reader is shown of the people on a submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disclosure {
    /// Not secret (a complaint or petition): shown to anyone who reads the case.
    Open,
    /// Secret, and this reader may ask to see it (an audited reading).
    MayReveal,
    /// Secret, shown now after an audited reading.
    Revealed,
    /// Secret, and this reader may not see it.
    Masked,
}

impl Disclosure {
    pub fn of(secret: bool, may_read: bool, asked: bool) -> Disclosure {
        match (secret, may_read, asked) {
            (false, _, _) => Disclosure::Open,
            (true, true, true) => Disclosure::Revealed,
            (true, true, false) => Disclosure::MayReveal,
            (true, false, _) => Disclosure::Masked,
        }
    }

    /// As pages and the API name it.
    pub fn code(self) -> &'static str {
        match self {
            Disclosure::Open => "open",
            Disclosure::MayReveal => "may_reveal",
            Disclosure::Revealed => "revealed",
            Disclosure::Masked => "masked",
        }
    }

    /// Whether the people and the content are shown.
    pub fn shows(self) -> bool {
        matches!(self, Disclosure::Open | Disclosure::Revealed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_case_and_leaders_read_a_denouncer() {
        assert!(may_read_secret(Role::Inspector, true));
        assert!(may_read_secret(Role::Leader, false));
        for r in [Role::Inspector, Role::ReceptionOfficer, Role::Admin, Role::InstallationAdmin, Role::Viewer] {
            assert!(!may_read_secret(r, false), "{r:?}");
        }
        assert_eq!(Disclosure::of(true, false, true), Disclosure::Masked);
        assert!(!Disclosure::of(true, true, false).shows());
        assert!(Disclosure::of(false, false, false).shows());
    }
}
