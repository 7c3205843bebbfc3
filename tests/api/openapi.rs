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
