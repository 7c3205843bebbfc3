//! A set-up item a form needs and the installation lacks (no signer in force, no public address),
//! said beside the field it concerns: the refusal's own message, then a link to the page where it is
//! set up (`Refusal::setup_link`, the same one the error page offers) for a reader who may go there,
//! or else a request to ask an administrator.

use crate::auth::{Identity, Permission};
use crate::error::{Code, Refusal};
use crate::i18n::lookup;

#[derive(Debug, Clone)]
pub struct SetupNote {
    pub message: String,
    /// The set-up page, when the reader may use it.
    pub link: Option<String>,
    /// The link's text, or what to do instead.
    pub action: &'static str,
}

/// Whether `user` may set up what `r` lacks, on the page it links to.
fn may_set_up(user: &Identity, r: &Refusal) -> bool {
    match r.code {
        Code::PublicAddressMissing => user.can(Permission::InstallationManage),
        Code::NoSignerInForce => {
            r.arg("agency").is_some_and(|a| user.require_for_agency(Permission::AgencyManage, a).is_ok())
        }
        _ => false,
    }
}

impl SetupNote {
    pub fn new(user: &Identity, r: &Refusal) -> SetupNote {
        let link = r.setup_link().filter(|_| may_set_up(user, r));
        let key = if link.is_some() { format!("setup.{}", r.code.as_str()) } else { "setup.ask_admin".into() };
        SetupNote { message: r.message(user.lang), link, action: lookup(user.lang, &key) }
    }
}
