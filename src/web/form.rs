//! Form fields rendered by `templates/form_fields.html`: the value the person typed and the error
//! beside it.

use crate::error::FieldErrors;
use crate::i18n::Lang;
use crate::web::picker::OutletPicker;
use crate::web::setup::SetupNote;

#[derive(Debug, Clone)]
pub enum Widget {
    Text,
    Password,
    Date,
    /// A Vietnam wall-clock date and time (`YYYY-MM-DDTHH:MM`).
    DateTime,
    TextArea(u8),
    Select(Vec<(String, String)>),
    /// Several of a list, as checkboxes (each checked value sent under the field's name; the
    /// field's value holds them separated by commas).
    Checks(Vec<(String, String)>),
    /// An outlet of the registry, found by name or tax code (`web::picker`).
    Outlet(Box<OutletPicker>),
    /// Carried along unseen (its error, if any, is said where it stands).
    Hidden,
}

#[derive(Debug, Clone)]
pub struct FormField {
    pub id: String,
    pub name: String,
    pub label: String,
    pub value: String,
    pub error: Option<String>,
    pub required: bool,
    pub hint: String,
    pub placeholder: String,
    pub widget: Widget,
    pub wide: bool,
    /// What this field needs set up first, said instead of its error (`needs_setup`).
    pub setup: Option<SetupNote>,
}

impl FormField {
    /// The ids a control is described by: its hint, then its error or set-up note.
    pub fn described_by(&self) -> String {
        let mut ids = Vec::new();
        if !self.hint.is_empty() {
            ids.push(format!("h-{}", self.id));
        }
        if self.error.is_some() || self.setup.is_some() {
            ids.push(format!("e-{}", self.id));
        }
        ids.join(" ")
    }

    pub fn new(name: &str, label: &str, value: impl Into<String>, widget: Widget) -> FormField {
        FormField {
            id: name.replace('.', "-"),
            name: name.to_string(),
            label: label.to_string(),
            value: value.into(),
            error: None,
            required: false,
            hint: String::new(),
            placeholder: String::new(),
            widget,
            wide: false,
            setup: None,
        }
    }
    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }
    pub fn hint(mut self, h: &str) -> Self {
        self.hint = h.to_string();
        self
    }
    pub fn placeholder(mut self, p: &str) -> Self {
        self.placeholder = p.to_string();
        self
    }
    pub fn wide(mut self) -> Self {
        self.wide = true;
        self
    }
    /// Says beside the field what must be set up before it can be filled in (no signer in force),
    /// with where; it stands in for the field's error, which can only say the same.
    pub fn needs_setup(mut self, note: Option<SetupNote>) -> Self {
        self.setup = note;
        self
    }
    /// Whether `v` is among the values of a `Checks` field.
    pub fn has(&self, v: &str) -> bool {
        !v.is_empty() && self.value.split([',', ' ', '\n']).any(|x| x.trim() == v)
    }
    /// Attaches the error for `key` (defaults to the field's name).
    pub fn errors_from(mut self, errors: &FieldErrors, key: &str, lang: Lang) -> Self {
        self.error = errors.get(key, lang);
        self
    }
}

/// Fills in each field's error from `errors`, keyed by field name.
pub fn attach(fields: Vec<FormField>, errors: &FieldErrors, lang: Lang) -> Vec<FormField> {
    fields
        .into_iter()
        .map(|f| {
            let key = f.name.clone();
            let key = key
                .strip_prefix("attr.")
                .and_then(|k| k.split_once('.'))
                .map(|(_, k)| format!("attributes.{k}"))
                .unwrap_or(key);
            f.errors_from(errors, &key, lang)
        })
        .collect()
}
