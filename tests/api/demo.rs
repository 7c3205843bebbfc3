//! `thanhtra demo`: what it writes is valid (tax codes checked and unique, the registry's search
//! finds it typed without diacritics), audited (the chain verifies), reproducible for a seed, and it
//! refuses a database where people have worked.

use std::collections::HashSet;

use diesel::prelude::*;
use reqwest::Method;
use thanhtra::auth::Role;
use thanhtra::db::DbConnection;
use thanhtra::db::schema::{audit_log, engagement_members, engagements, findings, outlets, plan_items};
use thanhtra::demo::{Options, Tally};
use thanhtra::domain::TaxCode;

use crate::helpers::{TestApp, spawn_app};

fn generate(app: &TestApp, seed: u64) -> Tally {
    let agency = app.default_agency();
    let opts = Options { outlets: 200, findings: 1000, seed, batch: 64, submissions: 60, dossiers: 120 };
    let mut calls = 0;
    let t = app.with_conn(|c| thanhtra::demo::generate(c, &agency, &opts, 12, &mut |_| calls += 1).unwrap());
    // Four transactions of outlets, the team, at least fifteen of engagements, the end.
    assert!(calls >= 21, "progress after every transaction: {calls}");
    t
}

/// What a seed decides: each outlet's fields and each finding's item, result and note.
fn content(c: &mut DbConnection) -> (Vec<String>, Vec<String>) {
    type Outlet = (String, String, Option<String>, String, String, String, String, String);
    let mut o: Vec<String> = outlets::table
        .select((
            outlets::name,
            outlets::kind,
            outlets::tax_code,
            outlets::street,
            outlets::commune,
            outlets::province,
            outlets::phone,
            outlets::attributes,
        ))
        .load::<Outlet>(c)
        .unwrap()
        .into_iter()
        .map(|r| format!("{r:?}"))
        .collect();
    o.sort();
    let mut f: Vec<String> = findings::table
        .select((findings::item_code, findings::result, findings::note))
        .load::<(String, String, String)>(c)
        .unwrap()
        .into_iter()
        .map(|r| format!("{r:?}"))
        .collect();
    f.sort();
    (o, f)
}

#[actix_web::test]
async fn demo_data_is_valid_searchable_audited_and_the_same_for_a_seed() {
    let app = spawn_app().await;
    assert_eq!(app.with_conn(|c| thanhtra::demo::refusal(c).unwrap()), None, "a fresh install is accepted");
    let t = generate(&app, 7);

    // Counts, as the summary says and as stored.
    let (n_outlets, n_engagements, n_findings, n_items) = app.with_conn(|c| {
        (
            outlets::table.count().get_result::<i64>(c).unwrap() as usize,
            engagements::table.count().get_result::<i64>(c).unwrap() as usize,
            findings::table.count().get_result::<i64>(c).unwrap() as usize,
            plan_items::table.count().get_result::<i64>(c).unwrap() as usize,
        )
    });
    assert_eq!((t.outlets, n_outlets), (200, 200));
    assert!((1000..1010).contains(&t.findings), "whole checklists, at least what was asked: {}", t.findings);
    assert_eq!((t.engagements, t.findings, t.plan_items), (n_engagements, n_findings, n_items));
    assert_eq!((t.users, t.plan_items), (15, 2));
    assert!(t.engagements >= 150, "about six items a checklist: {}", t.engagements);

    // Submissions through the desk's own steps: stored, numbered, most handled, their letters drafted.
    let (n_subs, states, letters) = app.with_conn(|c| {
        use thanhtra::db::schema::{submission_documents, submissions};
        let n = submissions::table.count().get_result::<i64>(c).unwrap();
        let states: HashSet<String> =
            submissions::table.select(submissions::state).load::<String>(c).unwrap().into_iter().collect();
        let letters = submission_documents::table.count().get_result::<i64>(c).unwrap();
        (n, states, letters)
    });
    assert_eq!((t.submissions, n_subs), (60, 60));
    assert!(states.len() >= 4, "received, accepted, forwarded, guided…: {states:?}");
    assert!(letters >= 20, "each handling step drafts its letter: {letters}");

    // Dossiers as the desk's steps leave them: decided ones early, on time or late against their
    // legal clock, closed on the day of the decision; those under way with their clocks running.
    type Dossier = (String, String, Option<chrono::NaiveDate>, String);
    let (dossiers, clocks) = app.with_conn(|c| {
        use thanhtra::db::schema::{deadlines, dossiers};
        let d: Vec<Dossier> = dossiers::table
            .select((dossiers::id, dossiers::state, dossiers::decided_on, dossiers::on_time))
            .load(c)
            .unwrap();
        let k: Vec<(String, String, chrono::NaiveDate, Option<chrono::NaiveDateTime>)> = deadlines::table
            .filter(deadlines::record_type.eq("dossier"))
            .order(deadlines::start_date.asc())
            .select((deadlines::record_id, deadlines::label, deadlines::due_date, deadlines::closed_at))
            .load(c)
            .unwrap();
        (d, k)
    });
    assert_eq!((t.dossiers, dossiers.len()), (120, 120));
    let states: HashSet<&str> = dossiers.iter().map(|d| d.1.as_str()).collect();
    for s in ["issued", "appraising", "refused"] {
        assert!(states.contains(s), "{s} among {states:?}");
    }
    for (id, state, decided, on_time) in &dossiers {
        let mine: Vec<_> = clocks.iter().filter(|k| &k.0 == id).collect();
        let legal: Vec<_> = mine.iter().filter(|k| k.1 == "deadline.label.dossier_legal").collect();
        assert!(!legal.is_empty(), "every dossier has its legal clock");
        match decided {
            Some(day) => {
                assert!(mine.iter().all(|k| k.3.is_some()), "a decided dossier has no running clock");
                let due = legal.last().unwrap().2;
                let want = thanhtra::permits::rules::timeliness(*day, due).code();
                if state != "withdrawn" {
                    assert_eq!(on_time, want, "{day} against {due}");
                }
                assert_eq!(legal.last().unwrap().3.unwrap().date(), *day - chrono::Days::new(0));
            }
            None if state == "incomplete" => assert!(mine.iter().all(|k| k.3.is_some()), "clocks stop"),
            None => assert!(legal.last().unwrap().3.is_none(), "{state}: its legal clock runs"),
        }
    }

    // Every engagement has a leader of the agency's demo team and its findings.
    let (members, without_findings) = app.with_conn(|c| {
        let leaders: i64 =
            engagement_members::table.filter(engagement_members::role.eq("leader")).count().get_result(c).unwrap();
        let empty: i64 = engagements::table
            .filter(diesel::dsl::not(diesel::dsl::exists(
                findings::table.filter(findings::engagement_id.eq(engagements::id)),
            )))
            .count()
            .get_result(c)
            .unwrap();
        (leaders as usize, empty)
    });
    assert_eq!((members, without_findings), (t.engagements, 0));

    // Tax codes: each one valid, none twice, of the three shapes.
    let codes: Vec<String> = app
        .with_conn(|c| outlets::table.select(outlets::tax_code).load::<Option<String>>(c).unwrap())
        .into_iter()
        .flatten()
        .collect();
    assert!(codes.len() >= 190, "nearly every outlet has one: {}", codes.len());
    for code in &codes {
        assert_eq!(TaxCode::parse(code).map(|t| t.into_string()).as_deref(), Ok(code.as_str()));
    }
    assert_eq!(codes.iter().collect::<HashSet<_>>().len(), codes.len(), "unique");
    for len in [10, 12, 14] {
        assert!(codes.iter().any(|c| c.len() == len), "some codes of {len} characters");
    }

    // The registry's search finds an outlet by its name typed without diacritics or đ.
    let (id, name): (String, String) = app.with_conn(|c| {
        outlets::table
            .filter(outlets::name.like("%đ%").or(outlets::name.like("%Đ%")))
            .order(outlets::name.asc())
            .select((outlets::id, outlets::name))
            .first(c)
            .unwrap()
    });
    let typed = thanhtra::domain::text::fold(&name);
    assert!(typed.is_ascii(), "{typed}");
    let user = app.create_user("tra", Role::Inspector, &app.default_agency());
    let token = app.token_for(&user);
    let path = format!("/api/v1/outlets?q={}&per_page=100", thanhtra::auth::session::urlencode(&typed));
    let (status, v) = app.api(Method::GET, &path, &token, None).await;
    assert_eq!(status, 200, "{v}");
    let found: Vec<&str> = v["items"].as_array().unwrap().iter().map(|o| o["id"].as_str().unwrap()).collect();
    assert!(found.contains(&id.as_str()), "{typed:?} finds {name:?}: {v}");

    // The audit trail: the chain verifies, and every record written has its entries by `demo`.
    let outcome = app.with_conn(|c| thanhtra::audit::verify(c).unwrap());
    assert!(matches!(outcome, thanhtra::audit::VerifyOutcome::Ok { .. }), "{outcome:?}");
    let by_demo = |rt: &str| {
        app.with_conn(|c| {
            audit_log::table
                .filter(audit_log::actor_name.eq("demo"))
                .filter(audit_log::record_type.eq(rt.to_string()))
                .count()
                .get_result::<i64>(c)
                .unwrap() as usize
        })
    };
    assert_eq!(by_demo("outlet"), 200);
    assert!(by_demo("engagement") > t.engagements, "each engagement's creation and its findings");
    assert_eq!(by_demo("user"), 15);

    // The pages and the API read what was written: an engagement, its field page with the
    // checklist, the dashboard, the plan, the outlet and the history of its engagement in words.
    let (eng, outlet, plan): (String, String, String) = app.with_conn(|c| {
        let (e, o) = engagements::table.select((engagements::id, engagements::outlet_id)).first(c).unwrap();
        let p = thanhtra::db::schema::inspection_plans::table
            .select(thanhtra::db::schema::inspection_plans::id)
            .first(c)
            .unwrap();
        (e, o, p)
    });
    let (status, v) = app.api(Method::GET, &format!("/api/v1/engagements/{eng}"), &token, None).await;
    assert_eq!(status, 200, "{v}");
    app.login_as(Role::Leader).await;
    for path in [
        format!("/inspections/{eng}"),
        format!("/inspections/{eng}/field"),
        "/inspections".to_string(),
        format!("/inspections/plans/{plan}"),
        format!("/outlets/{outlet}"),
        "/admin/audit".to_string(),
        "/permits".to_string(),
        format!("/permits/{}", dossiers[0].0),
        "/permits/figures".to_string(),
    ] {
        let (status, html) = app.get_html(&path).await;
        assert_eq!(status, 200, "{path}: {html}");
    }
    let first: String = app.with_conn(|c| {
        findings::table
            .filter(findings::engagement_id.eq(&eng))
            .filter(findings::position.eq(1))
            .select(findings::item_text)
            .first(c)
            .unwrap()
    });
    let (_, html) = app.get_html(&format!("/inspections/{eng}/field")).await;
    assert!(html.contains(&first), "the checklist's first item: {first}");

    // The same seed on another fresh database writes the same things; another seed does not.
    let again = spawn_app().await;
    generate(&again, 7);
    let other = spawn_app().await;
    generate(&other, 8);
    let first = app.with_conn(content);
    assert_eq!(first, again.with_conn(content));
    assert_ne!(first.0, other.with_conn(content).0);

    // A second run adds to the first, with new tax codes; the team is found again.
    let t2 = generate(&app, 7);
    assert_eq!((t2.outlets, t2.users), (200, 15));
    let n: i64 = app.with_conn(|c| outlets::table.count().get_result(c).unwrap());
    assert_eq!(n, 400);
}

#[actix_web::test]
async fn the_command_refuses_a_database_where_people_have_worked() {
    let app = spawn_app().await;
    let url = match app.db_target() {
        thanhtra::db::DbTarget::Sqlite(p) => p.display().to_string(),
        thanhtra::db::DbTarget::Postgres(u) => u,
    };
    let demo = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_thanhtra"))
            .arg("demo")
            .args(["--outlets", "30", "--findings", "40", "--submissions", "20", "--dossiers", "20"])
            .args(args)
            .env("DATABASE_URL", &url)
            .env("RUST_LOG", "error")
            .output()
            .unwrap()
    };
    let out = demo(&[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("30 outlets") && said.contains("15 users"), "{said}");

    // Someone signs in and registers an outlet: the database now holds work.
    let user = app.create_user("tra", Role::Inspector, &app.default_agency());
    let token = app.token_for(&user);
    app.api_create_outlet(&token, crate::helpers::duc_huy()).await;
    let out = demo(&[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("refused") && err.contains("--force"), "{err}");
    let n: i64 = app.with_conn(|c| outlets::table.count().get_result(c).unwrap());
    assert_eq!(n, 31, "nothing written");

    let out = demo(&["--force"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let n: i64 = app.with_conn(|c| outlets::table.count().get_result(c).unwrap());
    assert_eq!(n, 61);
}
