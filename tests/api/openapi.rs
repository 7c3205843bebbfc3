use reqwest::StatusCode;

use crate::helpers::spawn_app;

#[actix_web::test]
async fn the_openapi_document_matches_the_routes() {
    let app = spawn_app().await;
    let doc: serde_json::Value = reqwest::get(app.url("/api/v1/openapi.json")).await.unwrap().json().await.unwrap();
    let paths = doc["paths"].as_object().unwrap();
    for required in [
        "/api/v1/outlets",
        "/api/v1/outlets/{id}",
        "/api/v1/users",
        "/api/v1/audit",
        "/api/v1/agencies/in-force",
        "/api/v1/plans/{id}/approve",
        "/api/v1/engagements/{id}/steps",
        "/api/v1/engagements/{id}/photos",
        "/api/v1/violations/{id}/sanction",
        "/api/v1/engagements/{id}/publications",
        "/api/v1/engagements/{id}/recommendations/{rid}/status",
        "/api/v1/outlets/{id}/external-inspections",
    ] {
        assert!(paths.contains_key(required), "{required} missing from the document");
    }
    assert!(paths["/api/v1/outlets"].get("get").is_some() && paths["/api/v1/outlets"].get("post").is_some());
    for m in ["get", "patch", "delete"] {
        assert!(paths["/api/v1/outlets/{id}"].get(m).is_some(), "{m} /outlets/{{id}}");
    }
    // Every documented operation is routed: without credentials it answers 401, never 404 or 405.
    let client = reqwest::Client::new();
    let mut checked = 0;
    for (path, item) in paths {
        if path.ends_with("openapi.json") {
            continue;
        }
        for (method, _) in item.as_object().unwrap() {
            let url = app.url(&path.replace("{id}", "x"));
            let m = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let r = client.request(m, &url).send().await.unwrap();
            assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{method} {path}");
            checked += 1;
        }
    }
    assert!(checked >= 15, "{checked}");
    // And an undocumented API path is not served.
    let r = client.get(app.url("/api/v1/secret")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let outlet = &doc["components"]["schemas"]["OutletView"]["properties"];
    for f in ["name", "sector", "tax_code", "address", "commune", "province", "notice_emails", "status"] {
        assert!(outlet.get(f).is_some(), "OutletView.{f}");
    }
}

#[actix_web::test]
async fn every_operation_documents_its_refusals_with_one_error_body() {
    let app = spawn_app().await;
    let doc: serde_json::Value = reqwest::get(app.url("/api/v1/openapi.json")).await.unwrap().json().await.unwrap();
    let error = &doc["components"]["schemas"]["ApiErrorBody"];
    assert_eq!(error["properties"]["errors"]["items"]["$ref"], "#/components/schemas/ApiErrorItem", "{error}");
    assert!(doc["components"]["responses"]["Unavailable"]["headers"].get("Retry-After").is_some());
    let mut secured = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let r = &op["responses"];
            assert!(r.get("400").is_some(), "{method} {path}: 400");
            if op["security"].as_array().is_some_and(|s| !s.is_empty()) {
                secured += 1;
                for s in ["401", "403", "503"] {
                    assert!(r.get(s).is_some(), "{method} {path}: {s}");
                }
            }
            if op.get("requestBody").is_some() {
                assert_eq!(r["422"]["$ref"], "#/components/responses/Unprocessable", "{method} {path}");
            }
        }
    }
    assert!(secured > 50, "{secured}");
    // The audit entry's changes are a list of fields, as sent.
    let changes = &doc["components"]["schemas"]["AuditEntryView"]["properties"]["changes"];
    assert_eq!(changes["type"], "array", "{changes}");
}

/// The request schemas declare the rules the validation enforces, so that a client (or a fuzzer)
/// reading the document sends what is accepted. A few of them are checked against the API itself.
#[actix_web::test]
async fn the_document_declares_the_rules_the_api_enforces() {
    use reqwest::Method;
    use serde_json::json;
    use thanhtra::auth::Role;

    let app = spawn_app().await;
    let doc: serde_json::Value = reqwest::get(app.url("/api/v1/openapi.json")).await.unwrap().json().await.unwrap();
    let schemas = &doc["components"]["schemas"];
    let field = |schema: &str, f: &str| schemas[schema]["properties"][f].clone();

    let outlet = &schemas["OutletCreate"];
    let tax = field("OutletCreate", "tax_code");
    let tax_pattern = tax["pattern"].as_str().expect("tax_code has a pattern").to_string();
    assert_eq!(field("OutletPatch", "tax_code")["pattern"], tax["pattern"], "one rule for create and patch");
    assert_eq!(field("OutletCreate", "name")["maxLength"], 300);
    assert_eq!(field("OutletCreate", "name")["minLength"], 1);
    assert!(outlet["required"].as_array().unwrap().contains(&json!("province")), "{outlet}");
    assert!(field("OutletCreate", "phone")["pattern"].is_string());
    let emails = field("OutletCreate", "notice_emails");
    assert_eq!(
        (emails["items"]["format"].clone(), emails["maxItems"].clone()),
        (json!("email"), json!(10)),
        "{emails}"
    );
    for (schema, f) in [("RecommendationInput", "due_date"), ("TrackInput", "start"), ("RemovalInput", "removed_on")] {
        assert_eq!(field(schema, f)["format"], "date", "{schema}.{f}");
    }
    assert_eq!(field("DraftInput", "summary")["maxLength"], 500);
    assert_eq!(field("ViolationInput", "description")["maxLength"], 2000);
    // Choices are listed as the API speaks them.
    assert_eq!(field("FindingInput", "result")["$ref"], "#/components/schemas/FindingResult");
    assert!(schemas["FindingResult"]["enum"].as_array().unwrap().contains(&json!("non_compliant")));
    assert_eq!(schemas["Kind"]["enum"], json!(["kiem_tra", "thanh_tra"]));
    assert_eq!(field("StepInput", "step")["enum"].as_array().map(Vec::len), Some(14));
    assert!(field("DraftInput", "doc_type")["enum"].as_array().unwrap().contains(&json!("official_letter")));
    // The password's minimum is the installation's setting.
    assert_eq!(field("UserCreate", "password")["minLength"], 10);
    // Query parameters: the calculator needs its start date; its duration has a ceiling.
    let params = doc["paths"]["/api/v1/calendar/deadline"]["get"]["parameters"].as_array().unwrap().clone();
    let param = |name: &str| params.iter().find(|p| p["name"] == name).cloned().unwrap_or_default();
    assert_eq!(
        (param("start")["required"].clone(), param("start")["schema"]["format"].clone()),
        (json!(true), json!("date"))
    );
    assert_eq!(param("days")["schema"]["maximum"], 3650);

    // Rules between fields: a suspension needs a reason.
    let rules = schemas["StepInput"]["allOf"].as_array().cloned().unwrap_or_default();
    let suspend = rules
        .iter()
        .find(|r| r["if"]["properties"]["step"]["enum"].as_array().is_some_and(|e| e.contains(&json!("suspend"))));
    assert_eq!(suspend.map(|r| r["then"]["required"].clone()), Some(json!(["reason"])), "{rules:?}");
    assert!(schemas["ItemInput"]["allOf"][0]["anyOf"].is_array());

    // The declared rules are the enforced ones.
    let id = app.create_user("tra", Role::Inspector, &app.default_agency());
    let token = app.token_for(&id);
    let tax_rule = regex::Regex::new(&tax_pattern).unwrap();
    for (code, documented) in [
        ("12345", false),
        ("010023348A", false),
        ("0100233488-01", false),
        ("0100233488", true),
        ("0314409058-002", true),
    ] {
        assert_eq!(tax_rule.is_match(code), documented, "{code} against {tax_pattern}");
        let (s, v) = app.api(Method::POST, "/api/v1/outlets", &token, Some(crate::helpers::hong_lam(code))).await;
        if documented {
            assert_eq!(s, StatusCode::CREATED, "{code}: {v}");
        } else {
            assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{code}");
            assert_eq!(
                (v["errors"][0]["field"].as_str(), v["errors"][0]["code"].as_str()),
                (Some("tax_code"), Some("tax_code_format")),
                "{v}"
            );
        }
    }
    let mut long = crate::helpers::duc_huy();
    long["name"] = json!("Đ".repeat(301));
    let (s, v) = app.api(Method::POST, "/api/v1/outlets", &token, Some(long.clone())).await;
    assert_eq!((s, v["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("name")), "{v}");
    long["name"] = json!("Đ".repeat(300));
    let (s, v) = app.api(Method::POST, "/api/v1/outlets", &token, Some(long)).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    // The body is checked before the engagement is looked for: with its reason, the step gets as far
    // as finding no such engagement.
    for (body, status) in [
        (json!({"step": "suspend"}), StatusCode::UNPROCESSABLE_ENTITY),
        (json!({"step": "suspend", "reason": "Requested by the business"}), StatusCode::NOT_FOUND),
    ] {
        let (s, v) = app.api(Method::POST, "/api/v1/engagements/nope/steps", &token, Some(body.clone())).await;
        assert_eq!(s, status, "{body}: {v}");
        if s == StatusCode::UNPROCESSABLE_ENTITY {
            assert_eq!(v["errors"][0]["field"], "reason", "{v}");
        }
    }
    for (days, status) in [(3650, StatusCode::OK), (3651, StatusCode::UNPROCESSABLE_ENTITY)] {
        let path = format!("/api/v1/calendar/deadline?start=2026-01-05&days={days}&unit=calendar");
        let (s, v) = app.api(Method::GET, &path, &token, None).await;
        assert_eq!(s, status, "{days}: {v}");
    }
}
