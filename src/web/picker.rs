//! The outlet picker that every form choosing an outlet shares (a new engagement, a plan item, a
//! document): a search box that finds outlets by name or tax code without diacritics.
//!
//! Without JavaScript it is search-then-choose: "Find" posts the form, which comes back with
//! everything typed kept and the matches as radio buttons named `outlet_id`. With JavaScript
//! (`assets/app.js`) the box searches as one types against `GET /outlets/pick`. The search is the
//! registry's own (`outlets::queries::pick`), so this file knows nothing of outlets but their shape;
//! the widget is rendered by `templates/outlet_picker.html` through `templates/form_fields.html`.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::{AppError, Code};

/// The most matches offered at once.
pub const LIMIT: usize = 10;
/// The search text's field in a posted form (the chosen outlet is `outlet_id`).
pub const QUERY_FIELD: &str = "outlet_q";
/// The "Find" button's field: present when it was pressed.
pub const FIND_FIELD: &str = "outlet_find";

/// An outlet as the picker offers it, and as `GET /outlets/pick` answers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Pick {
    pub id: String,
    pub name: String,
    /// Empty when the outlet has none (a household business without one yet).
    pub tax_code: String,
    /// Street, commune, province on one line.
    pub address: String,
    /// The sector's name in the reader's language.
    pub sector: String,
}

impl Pick {
    /// Tax code, address and sector, for the line under the name.
    pub fn details(&self) -> String {
        [self.tax_code.as_str(), self.address.as_str(), self.sector.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

/// What the picker shows: the outlet chosen, what was searched and what that found.
#[derive(Debug, Clone, Default)]
pub struct OutletPicker {
    pub chosen: Option<Pick>,
    pub query: String,
    /// The matches of a search; `None` when no search was asked for.
    pub results: Option<Vec<Pick>>,
    /// More outlets match than are shown.
    pub more: bool,
    /// The form may be saved without an outlet (a plan item for a group, a document): a "none"
    /// choice is offered once there is something to choose.
    pub optional: bool,
}

impl OutletPicker {
    /// The matches other than the outlet already chosen (shown once, as chosen).
    pub fn others(&self) -> Vec<&Pick> {
        let chosen = self.chosen.as_ref().map(|c| c.id.as_str()).unwrap_or_default();
        self.results.iter().flatten().filter(|p| p.id != chosen).collect()
    }
}

/// The picker's part of a posted form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    pub query: String,
    pub find: bool,
}

impl Search {
    /// A search shown without a post (a form opened fresh).
    pub fn none() -> Search {
        Search::default()
    }

    /// Whether this post asks to search rather than save: "Find" was pressed, or a search was
    /// typed while no outlet is chosen (Enter in the search box, without JavaScript).
    pub fn wanted(&self, chosen_id: &str) -> bool {
        self.find || (chosen_id.trim().is_empty() && !self.query.trim().is_empty())
    }
}

/// Takes the picker's fields out of a posted form and reads the rest as `T`, so that strict input
/// types (which refuse fields they do not know) serve the page as they serve the API.
pub fn split<T: DeserializeOwned>(pairs: Vec<(String, String)>) -> Result<(Search, T), AppError> {
    let mut search = Search::none();
    let mut rest = Vec::with_capacity(pairs.len());
    for (k, v) in pairs {
        match k.as_str() {
            QUERY_FIELD => search.query = crate::domain::text::param(&v),
            FIND_FIELD => search.find = true,
            _ => rest.push((k, v)),
        }
    }
    let encoded = serde_urlencoded::to_string(&rest).map_err(|e| AppError::bad_request_because(Code::BadForm, e))?;
    let form: T = serde_urlencoded::from_str(&encoded).map_err(|e| AppError::bad_request_because(Code::BadForm, e))?;
    Ok((search, form))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Strict {
        outlet_id: String,
        scope: String,
    }

    fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn the_pickers_fields_are_taken_out_before_a_strict_form_is_read() {
        let (s, f): (Search, Strict) =
            split(pairs(&[("outlet_id", ""), ("outlet_q", "  hong   lam "), ("scope", "In"), ("outlet_find", "1")]))
                .unwrap();
        assert_eq!(s, Search { query: "hong lam".into(), find: true });
        assert_eq!((f.outlet_id.as_str(), f.scope.as_str()), ("", "In"));
        assert!(split::<Strict>(pairs(&[("outlet_id", ""), ("scope", ""), ("other", "x")])).is_err());
    }

    #[test]
    fn a_search_typed_without_a_choice_is_a_search_and_a_choice_is_saved() {
        let typed = Search { query: "hong lam".into(), find: false };
        assert!(typed.wanted(""), "Enter in the search box finds");
        assert!(!typed.wanted("0193"), "an outlet chosen: the form is saved");
        assert!(Search { query: String::new(), find: true }.wanted("0193"), "Find always finds");
        assert!(!Search::none().wanted(""));
    }

    #[test]
    fn the_chosen_outlet_is_not_offered_twice() {
        let a = Pick { id: "a".into(), name: "A".into(), ..Pick::default() };
        let b = Pick { id: "b".into(), name: "B".into(), tax_code: "0101".into(), ..Pick::default() };
        let p = OutletPicker { chosen: Some(a.clone()), results: Some(vec![a, b.clone()]), ..Default::default() };
        assert_eq!(p.others(), vec![&b]);
        assert_eq!(b.details(), "0101");
    }
}
