use reqwest::{Method, StatusCode};
use serde_json::json;
use thanhtra::auth::Role;

use crate::helpers::{PASSWORD, spawn_app};

#[actix_web::test]
async fn the_api_lists_a_years_days_off_with_their_sources() {
    let app = spawn_app().await;
    let id = app.create_user("xem", Role::Viewer, &app.default_agency());
    let token = app.token_for(&id);
    let (s, v) = app.api(Method::GET, "/api/v1/calendar/holidays?year=2026", &token, None).await;
    assert_eq!(s, StatusCode::OK);
    let days: Vec<(&str, &str)> = v["days_off"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["date"].as_str().unwrap(), d["kind"].as_str().unwrap()))
        .collect();
    assert!(days.contains(&("2026-04-27", "compensatory")), "{days:?}");
    assert!(days.contains(&("2026-08-31", "extra_day_off")));
    assert!(days.contains(&("2026-11-24", "holiday")));
    assert_eq!(v["make_up_days"][0]["day"], "2026-08-22");
    assert!(v["days_off"][0]["legal_source"].as_str().unwrap().contains("Bộ luật Lao động"));
    for bad in ["abc", "1800", "2026-01"] {
        let (s, _) = app.api(Method::GET, &format!("/api/v1/calendar/holidays?year={bad}"), &token, None).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
    }
}

#[actix_web::test]
async fn the_api_computes_a_deadline_and_shows_its_working() {
    let app = spawn_app().await;
    let id = app.create_user("xem", Role::Viewer, &app.default_agency());
    let token = app.token_for(&id);
    let (s, v) =
        app.api(Method::GET, "/api/v1/calendar/deadline?start=2026-02-12&days=5&unit=working", &token, None).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["due"], "2026-02-26");
    assert_eq!(v["explanation"]["counted"].as_array().unwrap().len(), 5);
    assert!(
        v["explanation"]["skipped"].as_array().unwrap().iter().any(|s| s["reason"].as_str().unwrap().contains("Tết"))
    );
    assert!(v["lines"].as_array().unwrap().last().unwrap().as_str().unwrap().contains("26/02/2026"));

    let (s, v) = app
        .api(Method::GET, "/api/v1/calendar/deadline?start=2026-04-20&rule=complaint.acceptance", &token, None)
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["due"], "2026-05-04", "30/4 and 1/5, then the weekend");
    assert_eq!(v["rule"]["legal_source"], "Luật Khiếu nại 2011, Điều 27");
    assert_eq!(v["rule"]["verified"], false);

    for (q, field) in [
        ("start=2026-02-30&days=5", "start"),
        ("start=2026-02-12&days=-3", "days"),
        ("start=2026-02-12&days=99999", "days"),
        ("start=2026-02-12&days=5&unit=weeks", "unit"),
        ("start=2026-02-12&rule=no.such.rule", "rule"),
        ("days=5", "start"),
    ] {
        let (s, v) = app.api(Method::GET, &format!("/api/v1/calendar/deadline?{q}"), &token, None).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{q}: {v}");
        assert_eq!(v["errors"][0]["field"], field, "{q}");
    }
}

#[actix_web::test]
async fn the_command_line_prints_holidays_and_deadlines() {
    let app = spawn_app().await;
    let url = match app.db_target() {
        thanhtra::db::DbTarget::Sqlite(p) => p.display().to_string(),
        thanhtra::db::DbTarget::Postgres(u) => u,
    };
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_thanhtra"))
            .args(args)
            .env("DATABASE_URL", &url)
            .env("RUST_LOG", "error")
            .output()
            .unwrap()
    };
    let out = run(&["calendar", "holidays", "2026"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().any(|l| l == "2026-04-27\tNghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch) (26/04)"), "{text}");
    assert!(text.lines().all(|l| l.len() > 11 && &l[10..11] == "\t"));
    let out = run(&["calendar", "deadline", "--start", "2026-08-28", "--days", "2", "--unit", "working"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().next(), Some("2026-09-04"));
    assert!(text.contains("Nghỉ hoán đổi dịp Quốc khánh"), "{text}");
    let out = run(&["calendar", "deadline", "--start", "2026-13-01", "--days", "2"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("start"));
    let out = run(&["calendar", "holidays", "next year"]);
    assert!(!out.status.success());
}

#[actix_web::test]
async fn a_calendar_change_recomputes_open_deadlines_and_says_so() {
    let app = spawn_app().await;
    let agency = app.default_agency();
    let staff = app.create_user("tiep", Role::ReceptionOfficer, &agency);
    let admin = app.create_user("boss", Role::InstallationAdmin, &agency);
    let (staff_t, admin_t) = (app.token_for(&staff), app.token_for(&admin));
    let (s, v) = app
        .api(
            Method::POST,
            "/api/v1/deadlines",
            &staff_t,
            Some(json!({"label": "Trả lời công dân Nguyễn Văn A", "start": "2026-12-01", "rule": "reception.reply"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["due"], "2026-12-15");
    let id = v["id"].as_str().unwrap().to_string();
    // The Government announces an extra day off on 10/12/2026.
    let (s, v) = app
        .api(Method::POST, "/api/v1/calendar/overrides", &admin_t, Some(json!({"day": "2026-12-10", "kind": "day_off", "name": "Nghỉ thêm (giả định)", "legal_source": "Thông báo thử nghiệm"})))
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["deadlines_moved"], 1);
    let (_, v) = app.api(Method::GET, &format!("/api/v1/deadlines/{id}"), &staff_t, None).await;
    assert_eq!(v["due"], "2026-12-16");
    let (_, v) =
        app.api(Method::GET, &format!("/api/v1/audit?record_type=deadline&record_id={id}"), &admin_t, None).await;
    let actions: Vec<&str> = v["items"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, vec!["recompute", "create"]);
    assert!(v["items"][0]["changes"].to_string().contains("2026-12-16"));
    // The staff member's deadline page shows it.
    app.login("tiep", PASSWORD).await;
    let (_, html) = app.get_html(&format!("/deadlines/{id}")).await;
    assert!(html.contains("Tính lại hạn do lịch thay đổi"));
    assert!(html.contains("Nghỉ thêm (giả định)"));
    // Only an admin edits the calendar.
    let (s, _) = app
        .api(
            Method::POST,
            "/api/v1/calendar/overrides",
            &staff_t,
            Some(json!({"day": "2026-12-11", "kind": "day_off", "name": "x", "legal_source": "y"})),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // Removing the day moves it back.
    let (s, v) = app.api(Method::DELETE, "/api/v1/calendar/overrides/2026-12-10", &admin_t, None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["deadlines_moved"], 1);
}

#[actix_web::test]
async fn extensions_and_pauses_follow_the_rule() {
    let app = spawn_app().await;
    let id = app.create_user("tra", Role::Inspector, &app.default_agency());
    let token = app.token_for(&id);
    let (_, v) = app
        .api(
            Method::POST,
            "/api/v1/deadlines",
            &token,
            Some(json!({"label": "Giải quyết tố cáo số 12", "start": "2026-03-02", "rule": "denunciation.resolution"})),
        )
        .await;
    let did = v["id"].as_str().unwrap().to_string();
    assert_eq!(v["due"], "2026-04-01");
    let path = format!("/api/v1/deadlines/{did}/adjust");
    let (s, v) = app
        .api(
            Method::POST,
            &path,
            &token,
            Some(json!({"action": "extend", "duration": 30, "reason": "Vụ việc phức tạp"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["due"], "2026-05-04", "1/5 and the weekend push it to Monday");
    let (s, _) = app
        .api(
            Method::POST,
            &path,
            &token,
            Some(json!({"action": "extend", "duration": 30, "reason": "Đặc biệt phức tạp"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, v) = app
        .api(Method::POST, &path, &token, Some(json!({"action": "extend", "duration": 30, "reason": "Lần ba"})))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "only two extensions: {v}");
    let (s, _) = app.api(Method::POST, &path, &token, Some(json!({"action": "extend", "duration": 30}))).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "a reason is required");
    let (s, v) = app
        .api(
            Method::POST,
            &path,
            &token,
            Some(json!({"action": "pause", "date": "2026-03-10", "reason": "Chờ kết quả giám định"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, _) = app
        .api(Method::POST, &path, &token, Some(json!({"action": "pause", "date": "2026-03-11", "reason": "again"})))
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, v) = app.api(Method::POST, &path, &token, Some(json!({"action": "resume", "date": "2026-03-19"}))).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["adjustments"].as_array().unwrap().len(), 3);
    // A rule that cannot pause refuses.
    let (_, v) = app
        .api(
            Method::POST,
            "/api/v1/deadlines",
            &token,
            Some(json!({"label": "Thụ lý", "start": "2026-03-02", "rule": "complaint.acceptance"})),
        )
        .await;
    let (s, _) = app
        .api(
            Method::POST,
            &format!("/api/v1/deadlines/{}/adjust", v["id"].as_str().unwrap()),
            &token,
            Some(json!({"action": "pause", "date": "2026-03-03", "reason": "x"})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    // Another agency cannot see or touch it.
    let other = app.add_agency("SKHCN", "SỞ KHOA HỌC VÀ CÔNG NGHỆ");
    let outsider = app.create_user("ngoai", Role::Admin, &other);
    let ot = app.token_for(&outsider);
    let (s, _) = app.api(Method::GET, &format!("/api/v1/deadlines/{did}"), &ot, None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) =
        app.api(Method::POST, &path, &ot, Some(json!({"action": "extend", "duration": 5, "reason": "x"}))).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (_, v) = app.api(Method::GET, "/api/v1/deadlines", &ot, None).await;
    assert!(v["items"].as_array().unwrap().is_empty());
}

#[actix_web::test]
async fn the_calendar_pages_render() {
    let app = spawn_app().await;
    app.login_as(Role::InstallationAdmin).await;
    let (s, html) = app.get_html("/calendar?year=2026").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("Thông báo 9441/TB-BNV"));
    assert!(html.contains("class=\"day comp\" title=\"Nghỉ bù Giỗ Tổ"));
    let (s, html) = app.get_html("/deadlines/calculator?start=2026-02-12&days=5&unit=working").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("26/02/2026"));
    let (s, html) = app.get_html("/deadlines/calculator?start=2026-02-31&days=x").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Ngày không hợp lệ"));
    let (s, _) = app.get_html("/calendar/rules").await;
    assert_eq!(s, StatusCode::OK);
    let r = app
        .post_form(
            "/calendar/overrides",
            &[("day", "2026-12-31"), ("kind", "day_off"), ("name", ""), ("legal_source", "")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = app
        .post_form(
            "/calendar/overrides",
            &[("day", "2026-12-31"), ("kind", "day_off"), ("name", "Nghỉ cuối năm"), ("legal_source", "Thông báo thử")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = app.get_html("/calendar?year=2026").await;
    assert!(html.contains("Nghỉ cuối năm"));
}

#[actix_web::test]
async fn rules_change_over_time_without_losing_the_old_versions() {
    let app = spawn_app().await;
    let admin = app.login_as(Role::InstallationAdmin).await;
    let token = app.token_for(&admin);
    let rule_id: String = app.with_conn(|c| {
        thanhtra::calendar::queries::rule_in_force(
            c,
            "complaint.acceptance",
            chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        )
        .unwrap()
        .unwrap()
        .id
    });
    let r =
        app.post_form(&format!("/calendar/deadline-rules/{rule_id}/versions"), &[("valid_from", "2027-01-01")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let new_id = r.headers()["location"]
        .to_str()
        .unwrap()
        .trim_start_matches("/calendar/deadline-rules/")
        .split('?')
        .next()
        .unwrap()
        .to_string();
    let fields = [
        ("name_vi", "Thụ lý khiếu nại"),
        ("name_en", "Accept a complaint"),
        ("duration", "15"),
        ("unit", "working"),
        ("start_event", "complaint_received"),
        ("extension_max", "0"),
        ("extension_duration", "0"),
        ("valid_from", "2027-01-01"),
        ("legal_source", "Luật sửa đổi (giả định)"),
    ];
    let r = app.post_form(&format!("/calendar/deadline-rules/{new_id}"), &fields).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, v) = app
        .api(Method::GET, "/api/v1/calendar/deadline?start=2026-12-01&rule=complaint.acceptance", &token, None)
        .await;
    assert_eq!(v["rule"]["duration"], 10, "the old version still governs 2026");
    assert_eq!(v["due"], "2026-12-11");
    let (_, v) = app
        .api(Method::GET, "/api/v1/calendar/deadline?start=2027-03-01&rule=complaint.acceptance", &token, None)
        .await;
    assert_eq!(v["rule"]["duration"], 15);
    assert_eq!(v["rule"]["legal_source"], "Luật sửa đổi (giả định)");
    // A version cannot start before the one it replaces.
    let r =
        app.post_form(&format!("/calendar/deadline-rules/{new_id}/versions"), &[("valid_from", "2020-01-01")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // A new statutory holiday moves open deadlines.
    let (_, v) = app
        .api(
            Method::POST,
            "/api/v1/deadlines",
            &token,
            Some(json!({"label": "Xử lý đơn", "start": "2027-06-01", "days": 5, "unit": "working"})),
        )
        .await;
    assert_eq!(v["due"], "2027-06-08");
    let r = app
        .post_form(
            "/calendar/holiday-rules",
            &[
                ("code", "test_day"),
                ("kind", "solar"),
                ("name_vi", "Ngày nghỉ thử"),
                ("day", "3"),
                ("month", "6"),
                ("days", "1"),
                ("valid_from", "2027-01-01"),
                ("legal_source", "Nghị quyết thử"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, v) = app.api(Method::GET, &format!("/api/v1/deadlines/{}", v["id"].as_str().unwrap()), &token, None).await;
    assert_eq!(v["due"], "2027-06-09");
    let (_, v) = app.api(Method::GET, "/api/v1/calendar/holidays?year=2027", &token, None).await;
    assert!(
        v["days_off"].as_array().unwrap().iter().any(|d| d["date"] == "2027-06-03" && d["name"] == "Ngày nghỉ thử")
    );
    let (_, v) = app.api(Method::GET, "/api/v1/calendar/holidays?year=2026", &token, None).await;
    assert!(!v["days_off"].as_array().unwrap().iter().any(|d| d["date"] == "2026-06-03"), "not before it took effect");
}

#[actix_web::test]
async fn running_deadlines_are_listed_a_page_at_a_time_by_kind_and_closeness_with_rule_and_record_in_words() {
    let app = spawn_app().await;
    let agency = app.default_agency();
    let staff = app.create_user("tiep", Role::ReceptionOfficer, &agency);
    let t = app.token_for(&staff);
    let today = thanhtra::time::today_vn();
    let track = |body: serde_json::Value| {
        let app = &app;
        let t = &t;
        async move {
            let (s, v) = app.api(Method::POST, "/api/v1/deadlines", t, Some(body)).await;
            assert_eq!(s, StatusCode::CREATED, "{v}");
        }
    };
    // One past its day, one due tomorrow's working day, 53 far off, one by a rule; and a complaint's
    // own clock.
    let long_ago = (today - chrono::Days::new(60)).to_string();
    track(json!({"label": "Việc đã quá hạn", "start": long_ago, "days": 5, "unit": "working"})).await;
    track(json!({"label": "Việc sắp đến hạn", "start": today.to_string(), "days": 1, "unit": "working"})).await;
    for i in 0..53 {
        track(json!({"label": format!("Việc còn xa số {i}"), "start": today.to_string(), "days": 30 + i, "unit": "working"}))
            .await;
    }
    track(json!({"label": "Trả lời công dân", "start": today.to_string(), "rule": "reception.reply"})).await;
    let (s, sub) = app
        .api(
            Method::POST,
            "/api/v1/complaints",
            &t,
            Some(json!({
                "received_on": today.to_string(), "channel": "walk_in", "kind": "complaint",
                "kind_reason": "Khiếu nại quyết định hành chính", "competence": "within",
                "subject": "Khiếu nại quyết định xử phạt", "content": "Không đồng ý.",
                "people": [{"full_name": "Nguyễn Văn Khiếu", "phone": "0912345678"}],
            })),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{sub}");
    let sub_id = sub["id"].as_str().unwrap().to_string();

    // The API: every running one, soonest first, each with its status and working.
    let (s, all) = app.api(Method::GET, "/api/v1/deadlines", &t, None).await;
    assert_eq!(s, StatusCode::OK, "{all}");
    let items = all["items"].as_array().unwrap();
    assert_eq!((all["total"].as_i64(), all["more"].as_bool(), items.len()), (Some(57), Some(false), 57));
    let dues: Vec<&str> = items.iter().map(|d| d["due"].as_str().unwrap()).collect();
    assert!(dues.windows(2).all(|w| w[0] <= w[1]), "soonest first: {dues:?}");
    assert_eq!((items[0]["label"].as_str(), items[0]["status"].as_str()), (Some("Việc đã quá hạn"), Some("overdue")));
    assert!(items.iter().all(|d| !d["lines"].as_array().unwrap().is_empty()), "each with its working");
    let get = |q: &str| app.api_get(format!("/api/v1/deadlines?{q}"), &t);
    let overdue = get("due=overdue").await;
    assert_eq!(overdue["total"], 1, "{overdue}");
    let soon = get("due=due_soon").await;
    let soon_labels: Vec<&str> =
        soon["items"].as_array().unwrap().iter().map(|d| d["label"].as_str().unwrap()).collect();
    assert!(soon_labels.contains(&"Việc sắp đến hạn"), "{soon_labels:?}");
    assert!(
        soon["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| matches!(d["status"].as_str(), Some("due_soon" | "due_today"))),
        "{soon}"
    );
    let on_track = get("due=on_track").await;
    assert!(on_track["items"].as_array().unwrap().iter().all(|d| d["status"] == "on_track"), "{on_track}");
    assert_eq!(
        overdue["total"].as_i64().unwrap() + soon["total"].as_i64().unwrap() + on_track["total"].as_i64().unwrap(),
        57,
        "the three parts make the whole"
    );
    let complaints = get("kind=submission").await;
    assert_eq!(complaints["total"], 1, "{complaints}");
    assert_eq!(complaints["items"][0]["record_id"], sub_id.as_str());
    assert_eq!(get("kind=manual").await["total"], 56);
    assert_eq!(get("kind=manual&due=overdue").await["total"], 1);
    // Another agency sees none of them.
    let other = app.add_agency("SKHCN", "SỞ KHOA HỌC VÀ CÔNG NGHỆ");
    let ot = app.token_for(&app.create_user("ngoai", Role::Admin, &other));
    let (_, v) = app.api(Method::GET, "/api/v1/deadlines", &ot, None).await;
    assert_eq!((v["total"].as_i64(), v["items"].as_array().map(Vec::len)), (Some(0), Some(0)), "{v}");

    // The page: fifty to a page, the rule by its name, the complaint's clock opening the complaint.
    app.login("tiep", PASSWORD).await;
    let (s, page) = app.get_html("/deadlines").await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("57 thời hạn đang chạy"), "{page}");
    assert_eq!(page.matches("class=\"dl-row-").count(), 50);
    assert!(!page.contains(">reception.reply<"), "no rule code in the list");
    assert!(page.contains("href=\"/deadlines?kind=&#38;due=&amp;page=2\""), "the next page: {page}");
    let (_, second) = app.get_html("/deadlines?page=2").await;
    assert_eq!(second.matches("class=\"dl-row-").count(), 7);
    let (_, on_track) = app.get_html("/deadlines?due=on_track").await;
    assert!(on_track.contains("Trả lời việc thụ lý tại nơi tiếp công dân"), "the rule by name: {on_track}");
    assert!(!on_track.contains("Việc đã quá hạn") && !on_track.contains("Việc sắp đến hạn"), "only those far off");
    let (_, mine) = app.get_html("/deadlines?kind=submission").await;
    assert_eq!(mine.matches("class=\"dl-row-").count(), 1);
    let named = format!(
        "<a href=\"/complaints/{sub_id}\">{}/{} — Khiếu nại quyết định xử phạt</a>",
        sub["number"], sub["year"]
    );
    assert!(mine.contains(&named) && mine.contains("Đơn khiếu nại, tố cáo, kiến nghị"), "{named} in {mine}");
    assert!(mine.contains("<option value=\"submission\" selected>"), "the filter kept");
    let clock = complaints["items"][0]["id"].as_str().unwrap();
    let (_, one) = app.get_html(&format!("/deadlines/{clock}")).await;
    assert!(one.contains(&named) && one.contains("Công việc: Đơn khiếu nại, tố cáo, kiến nghị"), "{one}");

    // Permit staff may not read complaints: their clocks are neither listed, counted, shown nor
    // closed for them; everything else is.
    let desk = app.create_user("motcua", Role::PermitOfficer, &agency);
    let dt = app.token_for(&desk);
    let (_, v) = app.api(Method::GET, "/api/v1/deadlines", &dt, None).await;
    assert_eq!(v["total"], 56, "{v}");
    assert!(v["items"].as_array().unwrap().iter().all(|d| d["record_type"] != "submission"));
    let (_, v) = app.api(Method::GET, "/api/v1/deadlines?kind=submission", &dt, None).await;
    assert_eq!(v["total"], 0);
    for (method, path) in [
        (Method::GET, format!("/api/v1/deadlines/{clock}")),
        (Method::POST, format!("/api/v1/deadlines/{clock}/close")),
    ] {
        let (s, _) = app.api(method, &path, &dt, None).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{path}");
    }
    let (s, v) = app.api(Method::GET, &format!("/api/v1/deadlines/{clock}"), &t, None).await;
    assert_eq!((s, v["status"].as_str().is_some()), (StatusCode::OK, true), "still running for the desk: {v}");
    app.post_form("/logout", &[]).await;
    app.login("motcua", PASSWORD).await;
    let (_, page) = app.get_html("/deadlines").await;
    assert!(page.contains("56 thời hạn đang chạy") && !page.contains("value=\"submission\""), "{page}");
    let (s, _) = app.get_html(&format!("/deadlines/{clock}")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (_, home) = app.get_html("/").await;
    assert!(
        home.contains("href=\"/deadlines\"") && home.contains(">56<"),
        "the start page counts what the list shows: {home}"
    );
}
