//! The browser pass (issue 16): a seeded installation walked in headless Chromium.
//!
//! - **axe-core** (`tests/browser/axe.js`) over every page each role reaches by following links from
//!   its start page, signed out too, at desktop and phone width, and the main forms sent empty: no
//!   violation of WCAG 2.0/2.1 A and AA or 2.2 AA, no console or Content-Security-Policy error, no
//!   link answered with an error, and after a refused submit the focus is on the error summary.
//! - **The keyboard walk** (`tests/browser/keyboard.js`): the inspection chain done with Tab,
//!   Enter, Space and the arrow keys only.
//!
//! `tests/browser/setup` installs what they need where it is missing (Debian's Chromium, the npm
//! packages of `tests/browser/package.json`).

use std::path::{Path, PathBuf};
use std::process::Command;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use thanhtra::auth::Role;

use crate::builders::{
    DELEGATION, EngagementBuilder, EngagementState, OutletBuilder, UserBuilder, agency_with_signer, colour_copier_rule,
    delegate, with_treasury,
};
use crate::helpers::{PASSWORD, TestApp, spawn_app_with};

/// The folder of the browser scripts, after `tests/browser/setup` has run (once per test binary).
fn browser_dir() -> PathBuf {
    static READY: std::sync::OnceLock<Result<(), String>> = std::sync::OnceLock::new();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let ready = READY.get_or_init(|| {
        let out = Command::new("bash").arg(dir.join("setup")).output().map_err(|e| e.to_string())?;
        if out.status.success() {
            Ok(())
        } else {
            Err(format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
        }
    });
    if let Err(e) = ready {
        panic!("tests/browser/setup failed (Chromium and the npm packages are needed):\n{e}");
    }
    dir
}

fn chromium() -> String {
    std::env::var("THANHTRA_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into())
}

/// Runs `script` with the plan as a JSON file; its JSON report. On a blocking thread: the test's
/// runtime keeps serving the application meanwhile.
async fn run_node(app: &TestApp, script: &str, plan: &Value) -> Value {
    let plan_file = app.dir.path().join(format!("{script}.plan.json"));
    std::fs::write(&plan_file, plan.to_string()).unwrap();
    let script_name = script.to_string();
    let out = actix_web::rt::task::spawn_blocking(move || {
        let dir = browser_dir();
        Command::new("node").arg(dir.join(&script_name)).arg(&plan_file).current_dir(&dir).output()
    })
    .await
    .unwrap()
    .expect("node runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{script} failed: {stderr}");
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{script} printed no report ({e}): {stderr}"))
}

async fn call(app: &TestApp, token: &str, method: Method, path: &str, body: Option<Value>, want: StatusCode) -> Value {
    let (s, v) = app.api(method, path, token, body).await;
    assert_eq!(s, want, "{path}: {v}");
    v
}

/// A team's year in small: the demo (outlets, the team, engagements under way with findings, a
/// draft plan, submissions, permit dossiers), then what the demo leaves out: violations recorded
/// and sanctioned, a recommendation, a citizen reception, a report issued and mailed. Returns the
/// accounts, one per role, and the pages of those records.
async fn seed(app: &TestApp) -> (Vec<(Role, String)>, Vec<String>) {
    let agency = app.default_agency();
    let opts =
        thanhtra::demo::Options { outlets: 60, findings: 300, seed: 16, batch: 64, submissions: 30, dossiers: 30 };
    app.with_conn(|c| thanhtra::demo::generate(c, &agency, &opts, 12, &mut |_| {}).unwrap());
    let signer = agency_with_signer(app);
    delegate(app, &signer, DELEGATION).await;
    with_treasury(app);
    let (leader_id, leader) = UserBuilder::leader("lanhdao").build_with_token(app);
    let outlet = OutletBuilder::printing(51).build(app, &leader).await;
    let on_site =
        EngagementBuilder::check(&outlet, &leader_id, &signer).state(EngagementState::OnSite).build(app, &leader).await;
    let rule = colour_copier_rule(app);
    let mut violations = Vec::new();
    for what in ["Sử dụng máy photocopy màu chưa đăng ký", "Máy photocopy màu thứ hai chưa đăng ký"] {
        let body = json!({"rule_id": rule, "offender": "organisation", "description": what});
        let path = format!("/api/v1/engagements/{on_site}/violations");
        let v = call(app, &leader, Method::POST, &path, Some(body), StatusCode::CREATED).await;
        violations.push(v["id"].as_str().unwrap().to_string());
    }
    for v in &violations {
        let record = format!("/api/v1/violations/{v}/record");
        call(app, &leader, Method::POST, &record, Some(json!({})), StatusCode::OK).await;
    }
    let sanction = json!({"amount": "4000000", "signer_id": signer, "authority": "chief_provincial_inspector"});
    let path = format!("/api/v1/violations/{}/sanction", violations[0]);
    call(app, &leader, Method::POST, &path, Some(sanction), StatusCode::OK).await;
    let rec = json!({"kind": "management", "text": "Lập sổ quản lý ấn phẩm nhận in", "responsible": "Công ty TNHH In",
        "responsible_email": "giamdoc@congtyin.vn", "due_date": "2027-01-31"});
    let second = OutletBuilder::printing(52).build(app, &leader).await;
    let reported =
        EngagementBuilder::check(&second, &leader_id, &signer).state(EngagementState::Report).build(app, &leader).await;
    let path = format!("/api/v1/engagements/{reported}/recommendations");
    call(app, &leader, Method::POST, &path, Some(rec), StatusCode::CREATED).await;
    let officer = app.create_user("tiepdan", Role::ReceptionOfficer, &agency);
    let visit = json!({
        "held_on": thanhtra::time::today_vn().to_string(), "start_time": "08:30", "kind": "regular",
        "host": "Bà Lê Thị Trực, Phó Chánh Thanh tra", "officer_id": officer, "topic": "complaint",
        "subject": "Khiếu nại việc thu hồi giấy phép in", "content": "Công dân trình bày việc cơ sở in bị thu hồi giấy phép.",
        "action": "submission", "kind_reason": "Khiếu nại quyết định hành chính", "competence": "within",
        "visitors": [{"full_name": "Phạm Văn Anh", "phone": "0905 111 222"}],
    });
    call(app, &leader, Method::POST, "/api/v1/reception", Some(visit), StatusCode::CREATED).await;
    let period = thanhtra::time::today_vn().format("%Y-%m").to_string();
    let path = format!("/api/v1/reports/drafts?period={period}");
    let d = call(app, &leader, Method::POST, &path, Some(json!({})), StatusCode::OK).await;
    let doc = d["document"]["id"].as_str().unwrap().to_string();
    call(app, &leader, Method::POST, &format!("/api/v1/documents/{doc}/issue"), Some(json!({})), StatusCode::OK).await;
    let send = json!({"recipients": ["nhanvien@congtyin.vn"]});
    call(app, &leader, Method::POST, &format!("/api/v1/documents/{doc}/send"), Some(send), StatusCode::ACCEPTED).await;

    let mut accounts = vec![(Role::Leader, "lanhdao".to_string()), (Role::ReceptionOfficer, "tiepdan".to_string())];
    for role in [Role::InstallationAdmin, Role::Admin, Role::Inspector, Role::PermitOfficer, Role::Viewer] {
        let name = format!("a11y{}", role.code().replace('_', ""));
        app.create_user(&name, role, &agency);
        accounts.push((role, name));
    }
    // The widest view first: later roles check only the pages it did not reach, and their start page.
    accounts.sort_by_key(|(r, _)| *r != Role::InstallationAdmin);
    // Records in the states the demo has none of, checked besides the first of their kind.
    let records = vec![
        format!("/inspections/{on_site}"),
        format!("/inspections/{reported}"),
        format!("/documents/{doc}"),
        format!("/inspections/violations/{}/sanction", violations[1]),
    ];
    (accounts, records)
}

/// The first `href` in `html` that starts with `prefix`.
fn first_link(html: &str, prefix: &str) -> String {
    let at = html.find(&format!("href=\"{prefix}")).unwrap_or_else(|| panic!("a link to {prefix}…"));
    let rest = &html[at + 6..];
    rest[..rest.find('"').unwrap()].replace("&#38;", "&").replace("&amp;", "&")
}

#[actix_web::test]
async fn every_page_passes_axe_for_every_role_at_desktop_and_phone_width() {
    // No worker: the mailed report stays waiting, the same on every run.
    let app = spawn_app_with(|s| {
        s.mail_worker = false;
        s.public_form_agency = "TTT".into();
        s.public_form_min_seconds = 0;
    })
    .await;
    let (accounts, records) = seed(&app).await;
    let admin = &accounts[0].1;
    app.login(admin, PASSWORD).await;
    let (_, new_permit) = app.get_html("/permits/new").await;
    let permit_form = first_link(&new_permit, "/permits/new?type=");
    let forms = json!([
        {"path": "/outlets/new"}, {"path": "/complaints/new"}, {"path": permit_form}, {"path": "/inspections/new"},
        {"path": "/documents/new"}, {"path": "/reception/new"}, {"path": "/admin/users/new"},
        {"path": "/admin/agencies/new"}, {"path": "/admin/sectors/new"}, {"path": records[3]},
    ]);
    let mut plan_accounts: Vec<Value> = accounts
        .iter()
        .enumerate()
        .map(|(i, (role, user))| {
            let mut a = json!({"role": role.code(), "user": user, "pass": PASSWORD});
            if i == 0 {
                a["forms"] = forms.clone();
                a["start"] = json!(std::iter::once("/".to_string()).chain(records.iter().cloned()).collect::<Vec<_>>());
            }
            a
        })
        .collect();
    plan_accounts.push(json!({"role": "signed_out", "start": ["/login", "/submit", "/status"],
        "forms": [{"path": "/submit"},
            {"path": "/status", "fill": {"#f-code": "ABCD-EFGH", "#f-phone": "0905000000"}, "summary": false}]}));
    plan_accounts.push(json!({"role": "leader in English", "user": "lanhdao", "pass": PASSWORD, "locale": "en-GB",
        "english": true, "onlyStart": true, "start": ["/", "/inspections", "/complaints", "/permits", "/reports", "/calendar"]}));
    // Without the application's script: the forms as they work without JavaScript, the outlet picker's
    // "Find" posting the form back with the matches.
    plan_accounts.push(json!({"role": "leader without JavaScript", "user": "lanhdao", "pass": PASSWORD,
        "noScript": true, "onlyStart": true, "start": ["/", "/outlets/new", "/inspections/new", "/complaints/new"],
        "forms": [{"path": "/outlets/new"}, {"path": "/complaints/new"},
            {"path": "/inspections/new", "fill": {"#f-outlet_id-q": "in"}, "submit": "button[name=outlet_find]",
             "summary": false}]}));
    let plan = json!({
        "base": app.address, "chromium": chromium(), "widths": [1280, 390], "maxPages": 300, "shapesPerPath": 2,
        "onceAcrossRoles": true, "accounts": plan_accounts,
        // Each role sees these with its own buttons and sections; the rest once, by the first role reaching them.
        "everyRole": ["/", "/inspections", "/inspections/:id", "/complaints", "/complaints/:id", "/reception", "/permits",
            "/permits/:id", "/documents", "/documents/:id", "/outlets", "/outlets/:id", "/deadlines", "/reports"],
    });
    let report = run_node(&app, "axe.js", &plan).await;

    let violations: Vec<String> = report["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            format!("{} {} at {} px: {} ({}) {}", v["role"], v["url"], v["width"], v["id"], v["impact"], v["nodes"])
        })
        .collect();
    assert!(violations.is_empty(), "{} axe violations:\n{}", violations.len(), violations.join("\n"));
    let problems = report["problems"].as_array().unwrap();
    assert!(problems.is_empty(), "{problems:#?}");
    // After a refused submit the focus is on the summary that lists the errors.
    for f in report["forms"].as_array().unwrap().iter().filter(|f| f["summary"] == true) {
        assert_eq!(f["focus"]["cls"].as_str().map(|c| c.contains("error-summary")), Some(true), "{f}");
    }
    // Without the script, the matches of "Find" come back with the first one focused.
    let find =
        report["forms"].as_array().unwrap().iter().find(|f| f["summary"] == false && f["path"] == "/inspections/new");
    assert_eq!(find.map(|f| &f["focus"]["tag"]), Some(&json!("INPUT")), "{find:?}");
    // The walk reached every kind of page, signed in as every role and signed out.
    let pages = report["pages"].as_array().unwrap();
    let shapes: std::collections::HashSet<&str> = pages.iter().filter_map(|p| p["shape"].as_str()).collect();
    for want in [
        "/",
        "/login",
        "/submit",
        "/inspections/:id",
        "/inspections/:id/field",
        "/inspections/violations/:id/sanction",
        "/inspections/plans/:id",
        "/complaints/:id",
        "/reception/:id",
        "/permits/:id",
        "/documents/:id",
        "/outlets/:id",
        "/reports",
        "/calendar",
        "/admin/users/:id",
        "/admin/audit",
    ] {
        assert!(shapes.contains(want), "{want} not checked; checked: {shapes:?}");
    }
    for (role, _) in &accounts {
        for shape in ["/", "/outlets/:id", "/inspections/:id", "/reports"] {
            let seen = pages.iter().any(|p| p["role"] == role.code() && p["shape"] == shape && p["width"] == 390);
            assert!(seen, "{shape} as {role:?} at phone width");
        }
    }
    assert!(shapes.len() >= 70, "{} kinds of page checked: {shapes:?}", shapes.len());
    eprintln!("axe: {} kinds of page, {} page checks, no violation", shapes.len(), pages.len());
}

/// A fresh installation: the first-run checklist on the start page and the set-up notes of the forms
/// that need a signer or a public address (nothing seeded but the first administrator).
#[actix_web::test]
async fn a_fresh_installation_passes_axe_with_its_set_up_checklist() {
    let app = spawn_app_with(|s| s.base_url = None).await;
    app.create_user("quantri", Role::InstallationAdmin, &app.default_agency());
    let plan = json!({
        "base": app.address, "chromium": chromium(), "widths": [1280, 390], "maxPages": 300, "shapesPerPath": 2,
        "accounts": [{"role": "installation_admin", "user": "quantri", "pass": PASSWORD, "onlyStart": true,
            "start": ["/", "/inspections/new", "/inspections/plans", "/documents/new", "/permits/new", "/admin/settings"]}],
    });
    let report = run_node(&app, "axe.js", &plan).await;
    assert_eq!(report["violations"], json!([]), "{:#}", report["violations"]);
    assert_eq!(report["problems"], json!([]));
    assert_eq!(report["pages"].as_array().unwrap().len(), 12);
    let (_, home) = {
        app.login("quantri", PASSWORD).await;
        app.get_html("/").await
    };
    assert!(home.contains("class=\"card checklist\" id=\"setup\""), "the checklist was there to check");
}

#[actix_web::test]
async fn an_inspector_walks_the_inspection_chain_with_the_keyboard_only() {
    let app = spawn_app_with(|s| s.mail_worker = false).await;
    agency_with_signer(&app);
    let (_, leader) = UserBuilder::leader("lanhdao").build_with_token(&app);
    UserBuilder::inspector("thanhtravien").build(&app);
    let outlet = OutletBuilder::printing(61).build(&app, &leader).await;
    colour_copier_rule(&app);
    let plan = json!({
        "base": app.address, "chromium": chromium(), "user": "lanhdao", "pass": PASSWORD,
        "outlet": "in hong lam", "item_note": "Không xuất trình được sổ quản lý ấn phẩm nhận in",
    });
    let report = run_node(&app, "keyboard.js", &plan).await;
    let problems = report["problems"].as_array().unwrap();
    assert!(problems.is_empty(), "{problems:#?}");

    // What the keys did is what the records say.
    let id = report["engagement"].as_str().unwrap().trim_start_matches("/inspections/").to_string();
    let d = call(&app, &leader, Method::GET, &format!("/api/v1/engagements/{id}"), None, StatusCode::OK).await;
    assert_eq!(d["engagement"]["state"], "concluded", "{d}");
    assert_eq!(d["engagement"]["outlet_id"], outlet.as_str(), "the outlet chosen with the arrow and Enter");
    assert_eq!(d["engagement"]["reason"], "Kiểm tra đột xuất theo phản ánh của người dân");
    let findings = d["findings"].as_array().unwrap();
    assert!(findings.len() > 1, "{d}");
    assert_eq!(findings[0]["result"], "non_compliant");
    assert_eq!(findings[0]["note"], "Không xuất trình được sổ quản lý ấn phẩm nhận in");
    assert!(findings[1..].iter().all(|f| f["result"] == "compliant"), "{findings:?}");
    let violations = d["violations"].as_array().unwrap();
    assert_eq!(violations.len(), 1, "{d}");
    assert_eq!(violations[0]["finding_id"], findings[0]["id"], "the violation from the finding not compliant");
    assert!(violations[0]["description"].as_str().unwrap().ends_with("ấn phẩm nhận in (tái phạm)"), "{violations:?}");
    // Every control was reached by Tab within a few dozen presses.
    let steps = report["steps"].as_array().unwrap();
    assert!(steps.len() > 20, "{steps:?}");
}
