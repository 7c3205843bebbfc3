//! OpenAPI schemas that the derives cannot write: choices a parser checks rather than serde (a
//! step, a unit, a document type), listed from the same codes the parser accepts, for
//! `#[schema(schema_with = ...)]`; and the rules that tie fields together (a step that needs a
//! reason, an outlet or else a group), as JSON Schema `if`/`then` and `anyOf` pieces that an input
//! type lists for its schema's `allOf`.

use serde_json::{Map, Value, json};
use utoipa::openapi::Object;
use utoipa::openapi::schema::{ObjectBuilder, Type};

/// A string that must be one of `codes`.
pub fn choice<'a>(codes: impl IntoIterator<Item = &'a str>, description: &str) -> Object {
    ObjectBuilder::new().schema_type(Type::String).enum_values(Some(codes)).description(Some(description)).build()
}

/// Each of `fields` given, as a string that is not blank.
pub fn filled(fields: &[&str]) -> Value {
    let properties: Map<String, Value> =
        fields.iter().map(|f| (f.to_string(), json!({"type": "string", "pattern": "\\S"}))).collect();
    json!({"required": fields, "properties": properties})
}

/// Each of `fields` left out or empty.
pub fn empty(fields: &[&str]) -> Value {
    let properties: Map<String, Value> = fields.iter().map(|f| (f.to_string(), json!({"maxLength": 0}))).collect();
    json!({"properties": properties})
}

/// `then` holds when `field` is one of `values`.
pub fn when(field: &str, values: &[&str], then: Value) -> Value {
    json!({"if": {"required": [field], "properties": {field: {"enum": values}}}, "then": then})
}

/// `then` holds unless `field` is one of `values`.
pub fn unless(field: &str, values: &[&str], then: Value) -> Value {
    json!({"if": {"required": [field], "properties": {field: {"enum": values}}}, "else": then})
}

/// At least one of `alternatives` holds.
pub fn either(alternatives: Vec<Value>) -> Value {
    json!({"anyOf": alternatives})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_choice_lists_its_codes() {
        let v = serde_json::to_value(choice(["a", "b"], "A or b.")).unwrap();
        assert_eq!(v, json!({"type": "string", "enum": ["a", "b"], "description": "A or b."}));
    }

    #[test]
    fn dependencies_are_plain_json_schema() {
        let rule = when("step", &["cancel"], filled(&["reason"]));
        assert_eq!(rule["if"]["properties"]["step"]["enum"], json!(["cancel"]));
        assert_eq!(rule["then"]["required"], json!(["reason"]));
        assert_eq!(rule["then"]["properties"]["reason"]["pattern"], "\\S");
        assert_eq!(either(vec![empty(&["a"]), filled(&["a"])])["anyOf"][0]["properties"]["a"]["maxLength"], 0);
        assert!(unless("doc_type", &["permit"], filled(&["summary"])).get("else").is_some());
    }
}
