//! Lists at a scale where the shortcuts matter (issue 12): more outlets than a search reads in
//! order before it turns to the trigram index, more matches than a list counts. Every page is
//! compared with the plain answer (every live outlet holding every folded word, in order), on
//! whichever backend the suite runs.

use diesel::prelude::*;
use thanhtra::db::schema::outlets;
use thanhtra::domain::OutletId;
use thanhtra::domain::text::fold;
use thanhtra::outlets::model::OutletRow;
use thanhtra::outlets::queries::{self, COUNT_CAP, OutletFilter, SortKey};

use crate::helpers::spawn_app;

const NAMES: [&str; 6] = [
    "Bưu cục {}",
    "Cơ sở photocopy {}",
    "Công ty TNHH In {}",
    "Công ty Cổ phần Bưu chính {}",
    "Hộ kinh doanh {}",
    "Điểm trò chơi điện tử {}",
];
const WORDS: [&str; 8] =
    ["Hoàng Long", "Phương Nam", "Sao Mai", "Đại Phát", "Hồng Hà", "Bình Minh", "An Phú", "Kim Ngân"];
const PROVINCES: [&str; 4] = ["Hà Tĩnh", "Nghệ An", "Quảng Trị", "Huế"];

/// `n` outlets written straight into the table (the API would take minutes), names and places
/// drawn so that some words are in most outlets and some in a handful.
fn fill(conn: &mut thanhtra::db::DbConnection, agency: &str, n: usize) -> Vec<OutletRow> {
    let mut rng = fastrand::Rng::with_seed(12);
    let now = thanhtra::time::now();
    let rows: Vec<OutletRow> = (0..n)
        .map(|i| {
            let word = match rng.u32(0..100) {
                0 => format!("Hiếm {}", rng.u32(0..5)),
                _ => format!("{} {}", WORDS[rng.usize(0..WORDS.len())], rng.u32(1..400)),
            };
            let name = NAMES[rng.usize(0..NAMES.len())].replace("{}", &word);
            let province = PROVINCES[rng.usize(0..PROVINCES.len())].to_string();
            let commune = format!("Phường {}", rng.u32(1..30));
            let street = format!("{} đường Trần Phú", rng.u32(1..300));
            OutletRow {
                id: OutletId::generate(),
                sector_code: ["printing", "postal", "game"][i % 3].into(),
                kind: "enterprise".into(),
                tax_code: Some(format!("{:010}", 4_000_000_000u64 + i as u64)),
                business_reg_no: String::new(),
                search_text: fold(&[name.as_str(), &street, &commune, &province].join(" ")),
                sort_name: fold(&name),
                name,
                street,
                commune,
                province,
                legal_representative: String::new(),
                phone: String::new(),
                notice_emails: "[]".into(),
                attributes: "{}".into(),
                status: if i % 17 == 0 { "suspended" } else { "active" }.into(),
                notes: String::new(),
                created_by_agency_id: agency.to_string(),
                version: 1,
                created_at: now,
                updated_at: now - chrono::Duration::seconds(rng.i64(0..1_000_000)),
                deleted_at: (i % 101 == 0).then_some(now),
            }
        })
        .collect();
    conn.transaction::<_, diesel::result::Error, _>(|c| {
        for row in &rows {
            diesel::insert_into(outlets::table).values(row).execute(c)?;
        }
        Ok(())
    })
    .unwrap();
    rows
}

/// The plain answer: every live outlet the filter keeps, in the filter's order.
fn expected<'a>(all: &'a [OutletRow], f: &OutletFilter) -> Vec<&'a OutletRow> {
    let words = queries::search_words(&f.q);
    let mut v: Vec<&OutletRow> = all
        .iter()
        .filter(|o| o.deleted_at.is_none())
        .filter(|o| words.iter().all(|w| o.search_text.contains(w.as_str())))
        .filter(|o| f.province.as_ref().is_none_or(|p| &o.province == p))
        .filter(|o| f.status.as_ref().is_none_or(|s| &o.status == s))
        .collect();
    v.sort_by(|a, b| {
        let o = match f.sort {
            SortKey::Name => a.sort_name.cmp(&b.sort_name),
            SortKey::Updated => a.updated_at.cmp(&b.updated_at),
            SortKey::TaxCode => a.tax_code.cmp(&b.tax_code),
            SortKey::Province => a.province.cmp(&b.province),
        };
        let o = if f.desc { o.reverse() } else { o };
        let o = match f.sort {
            SortKey::Province => o.then_with(|| a.sort_name.cmp(&b.sort_name)),
            _ => o,
        };
        match (f.desc && f.sort != SortKey::Province, o) {
            (true, std::cmp::Ordering::Equal) => b.id.as_str().cmp(a.id.as_str()),
            (_, std::cmp::Ordering::Equal) => a.id.as_str().cmp(b.id.as_str()),
            (_, o) => o,
        }
    });
    v
}

#[actix_web::test]
async fn searches_over_thousands_of_outlets_give_exactly_the_matches_in_order_with_an_honest_count() {
    let app = spawn_app().await;
    let agency = app.default_agency();
    let all = app.with_conn(|c| fill(c, &agency, 6_000));
    // (search, sort, descending, province, status, offset)
    type Case<'a> = (&'a str, SortKey, bool, Option<&'a str>, Option<&'a str>, i64);
    let cases: Vec<Case> = vec![
        // No words: the list and a bounded count.
        ("", SortKey::Name, false, None, None, 0),
        ("", SortKey::Name, true, None, None, 100),
        ("", SortKey::Updated, true, None, Some("suspended"), 0),
        // Words most outlets hold: read in order, counted up to the cap.
        ("cong ty", SortKey::Name, false, None, None, 0),
        ("Công ty", SortKey::Name, false, None, None, 950),
        ("cong ty in", SortKey::Name, true, Some("Huế"), None, 50),
        // Words in a few outlets: read from the index, counted exactly.
        ("hiem 3", SortKey::Name, false, None, None, 0),
        ("HIẾM", SortKey::TaxCode, false, None, None, 0),
        ("hoang long 12", SortKey::Name, false, None, None, 0),
        ("đại phát", SortKey::Province, false, None, None, 0),
        ("dai phat", SortKey::Name, false, Some("Nghệ An"), None, 0),
        // Short words (no trigram) and words no outlet holds.
        ("in 7", SortKey::Name, false, None, None, 0),
        ("xyzzy", SortKey::Name, false, None, None, 0),
        ("tran phu ha tinh", SortKey::Updated, false, None, None, 0),
    ];
    for (q, sort, desc, province, status, offset) in cases {
        let f = OutletFilter {
            q: q.into(),
            sort,
            desc,
            province: province.map(str::to_string),
            status: status.map(str::to_string),
            ..OutletFilter::default()
        };
        let want = expected(&all, &f);
        let (rows, total) = app.with_conn(|c| queries::list(c, &f, offset, 50).unwrap());
        let got: Vec<&str> = rows.iter().map(|o| o.id.as_str()).collect();
        let page: Vec<&str> = want.iter().skip(offset as usize).take(50).map(|o| o.id.as_str()).collect();
        assert_eq!(got, page, "the page of {q:?} by {sort:?} desc={desc} in {province:?} from {offset}");
        let n = want.len() as i64;
        assert_eq!(
            (total.n, total.more),
            (n.min(COUNT_CAP), n > COUNT_CAP),
            "the count of {q:?} ({n} match) by {sort:?} in {province:?}"
        );
    }
}

#[actix_web::test]
async fn the_filter_choices_follow_every_write_and_a_backup_searches_like_the_original() {
    let app = spawn_app().await;
    let agency = app.default_agency();
    let all = app.with_conn(|c| fill(c, &agency, 300));
    let places = |app: &crate::helpers::TestApp| app.with_conn(|c| queries::places(c).unwrap());
    let (communes, provinces) = places(&app);
    let mut live_provinces: Vec<String> =
        all.iter().filter(|o| o.deleted_at.is_none()).map(|o| o.province.clone()).collect();
    live_provinces.sort();
    live_provinces.dedup();
    assert_eq!(provinces, live_provinces);
    assert!(communes.contains(&"Phường 1".to_string()), "{communes:?}");

    // A new place appears with the outlet that brings it; it goes when its last outlet moves or
    // is deleted.
    let one = all.iter().find(|o| o.deleted_at.is_none()).unwrap();
    app.with_conn(|c| {
        diesel::update(outlets::table.find(one.id.as_str()))
            .set((outlets::commune.eq("Xã Kỳ Anh Mới"), outlets::province.eq("Đắk Lắk")))
            .execute(c)
            .unwrap()
    });
    let (communes, provinces) = places(&app);
    assert!(communes.contains(&"Xã Kỳ Anh Mới".to_string()) && provinces.contains(&"Đắk Lắk".to_string()));
    app.with_conn(|c| {
        diesel::update(outlets::table.find(one.id.as_str()))
            .set(outlets::deleted_at.eq(Some(thanhtra::time::now())))
            .execute(c)
            .unwrap()
    });
    let (communes, provinces) = places(&app);
    assert!(!communes.contains(&"Xã Kỳ Anh Mới".to_string()) && !provinces.contains(&"Đắk Lắk".to_string()));
    assert_eq!(provinces, live_provinces, "the others stay");

    // The trigram index of a backup copy finds what the original finds.
    let Some(_) = app.sqlite_path() else { return };
    assert_eq!(integrity(&app), "ok");
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.db");
    app.with_conn(|c| thanhtra::db::backup_sqlite(c, &copy).unwrap());
    let target = thanhtra::db::DbTarget::parse(&copy.to_string_lossy()).unwrap();
    let db = thanhtra::db::Db::connect(&target, 1).unwrap();
    let f = OutletFilter { q: "hiem".into(), ..OutletFilter::default() };
    let (original, _) = app.with_conn(|c| queries::list(c, &f, 0, 200).unwrap());
    let (copied, _) = queries::list(&mut db.get().unwrap(), &f, 0, 200).unwrap();
    assert!(!original.is_empty());
    assert_eq!(
        copied.iter().map(|o| &o.name).collect::<Vec<_>>(),
        original.iter().map(|o| &o.name).collect::<Vec<_>>()
    );
}

/// SQLite's own check of the file, the trigram index included.
fn integrity(app: &crate::helpers::TestApp) -> String {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::Text)]
        integrity_check: String,
    }
    app.with_conn(|c| {
        let rows: Vec<Row> = diesel::sql_query("PRAGMA integrity_check").load(c).unwrap();
        rows.into_iter().map(|r| r.integrity_check).collect::<Vec<_>>().join("; ")
    })
}

#[actix_web::test]
async fn the_audit_list_stops_counting_at_a_thousand_and_says_so_on_the_page_and_in_the_api() {
    let app = spawn_app().await;
    let agency = app.default_agency();
    let rows = app.with_conn(|c| fill(c, &agency, 1_050));
    let actor = thanhtra::audit::Actor { user_id: None, name: "nhap".into(), agency_id: Some(agency.clone()) };
    app.with_conn(|c| {
        thanhtra::db::write_tx(c, |c| {
            for r in &rows {
                thanhtra::audit::record(c, &actor, thanhtra::audit::AuditEntry::created(r))?;
            }
            Ok::<_, thanhtra::error::AppError>(())
        })
        .unwrap()
    });
    let admin = app.create_user("quantri", thanhtra::auth::Role::Admin, &agency);
    let token = app.token_for(&admin);
    let (_, v) = app.api(reqwest::Method::GET, "/api/v1/audit", &token, None).await;
    assert_eq!((v["total"].as_i64(), v["more"].as_bool()), (Some(COUNT_CAP), Some(true)), "{}", v["total"]);
    let (_, v) = app.api(reqwest::Method::GET, "/api/v1/audit?actor=nobody", &token, None).await;
    assert_eq!((v["total"].as_i64(), v["more"].as_bool()), (Some(0), Some(false)));

    app.login_as(thanhtra::auth::Role::Admin).await;
    let (_, html) = app.get_html("/admin/audit").await;
    assert!(html.contains("Hơn 1.000"), "{html}");
    let (_, html) = app.get_html("/admin/audit?page=21").await;
    assert!(html.contains("Trang 21") && html.contains("Hơn 1.000"), "past the count, pages still open");
}

#[actix_web::test]
async fn the_dashboard_counts_by_state_follow_every_step_without_counting_the_table() {
    use crate::builders::{EngagementBuilder, EngagementState, OutletBuilder, UserBuilder, agency_with_signer};
    let app = spawn_app().await;
    let signer = agency_with_signer(&app);
    let leader = UserBuilder::leader("truongdoan").build(&app);
    let token = app.token_for(&leader);
    let outlet = OutletBuilder::printing(8801).build(&app, &token).await;
    for state in
        [EngagementState::Planned, EngagementState::Preparation, EngagementState::OnSite, EngagementState::OnSite]
    {
        EngagementBuilder::check(&outlet, &leader, &signer).state(state).build(&app, &token).await;
    }
    let kept = |app: &crate::helpers::TestApp| {
        app.with_conn(|c| {
            use thanhtra::db::schema::{engagement_state_counts as k, engagements as e};
            let counted: Vec<(String, i64)> = e::table
                .group_by(e::state)
                .select((e::state, diesel::dsl::count_star()))
                .order(e::state)
                .load(c)
                .unwrap();
            let kept: Vec<(String, i64)> =
                k::table.filter(k::n.gt(0)).select((k::state, k::n)).order(k::state).load(c).unwrap();
            (counted, kept)
        })
    };
    let (counted, kept_now) = kept(&app);
    assert_eq!(kept_now, counted);
    assert_eq!(counted, vec![("on_site".into(), 2), ("planned".into(), 1), ("preparation".into(), 1)]);
    // The dashboard's tiles say the same.
    app.login("truongdoan", crate::helpers::PASSWORD).await;
    let (_, html) = app.get_html("/inspections").await;
    assert!(html.contains("<span class=\"tile-num\">2</span>"), "two on site");
}
