//! Starts the application on a random port with a fresh database per test: a SQLite file in a
//! temporary folder, or, when THANHTRA_TEST_PG_URL names a PostgreSQL server (an admin URL such as
//! postgres://postgres@127.0.0.1:5433/postgres), a new database on it.

use std::net::TcpListener;
use std::sync::LazyLock;

use reqwest::StatusCode;
use reqwest::redirect::Policy;
use serde_json::Value;
use thanhtra::audit::Actor;
use thanhtra::auth::Role;
use thanhtra::config::Settings;
use thanhtra::db::{Db, DbConnection, DbTarget};

pub const PASSWORD: &str = "mat-khau-rat-dai-2026";

static TRACING: LazyLock<()> = LazyLock::new(thanhtra::telemetry::init_for_tests);

pub struct TestApp {
    pub address: String,
    pub db: Db,
    pub client: reqwest::Client,
    pub dir: tempfile::TempDir,
    pub db_url: Option<String>,
}

pub fn pg_admin_url() -> Option<String> {
    std::env::var("THANHTRA_TEST_PG_URL").ok().filter(|s| !s.is_empty())
}

fn fresh_pg_database(admin: &str) -> String {
    use diesel::{Connection, RunQueryDsl};
    let name = format!("t_{}", uuid::Uuid::new_v4().simple());
    let mut conn = diesel::PgConnection::establish(admin).expect("connect to the PostgreSQL test server");
    diesel::sql_query(format!("CREATE DATABASE {name}")).execute(&mut conn).expect("create test database");
    let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(admin);
    format!("{base}/{name}")
}

pub fn test_settings(dir: &std::path::Path) -> (Settings, Option<String>) {
    let mut s = Settings {
        bind: "127.0.0.1:0".into(),
        data_dir: dir.join("data"),
        db_pool_size: 4,
        workers: 1,
        base_url: Some("https://thanhtra.test".into()),
        ..Settings::default()
    };
    let url = pg_admin_url().map(|admin| fresh_pg_database(&admin));
    s.database_url = url.clone();
    (s, url)
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

pub async fn spawn_app_with(adjust: impl FnOnce(&mut Settings)) -> TestApp {
    LazyLock::force(&TRACING);
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut settings, db_url) = test_settings(dir.path());
    adjust(&mut settings);
    let checked = settings.check().expect("test settings are valid");
    let db = thanhtra::startup::prepare_database(&checked).expect("database ready");
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let app = thanhtra::startup::Application::build_with(checked, db.clone(), listener).expect("app builds");
    let address = format!("http://127.0.0.1:{}", app.port());
    actix_web::rt::spawn(app.run_until_stopped());
    // The server closes an idle connection after its keep-alive (5 s); on a loaded CI machine a
    // test can sit idle that long and then send on a socket the server is closing. Dropping idle
    // connections well before that removes the race.
    let client = reqwest::Client::builder()
        .redirect(Policy::none())
        .cookie_store(true)
        .pool_idle_timeout(std::time::Duration::from_secs(1))
        .build()
        .expect("client");
    TestApp { address, db, client, dir, db_url }
}

pub fn valid_mst(seq: u32) -> String {
    let body = format!("01{seq:07}");
    let w = [31u32, 29, 23, 19, 17, 13, 7, 5, 3];
    for bump in 0..100u32 {
        let body = format!("01{:07}", seq + bump);
        let total: u32 = body.bytes().zip(w).map(|(b, w)| u32::from(b - b'0') * w).sum();
        let check = 10 - (total % 11);
        if check <= 9 {
            return format!("{body}{check}");
        }
    }
    panic!("no valid tax code near {body}");
}

/// The value of `name="csrf_token"` in a page.
pub fn csrf_in(html: &str) -> String {
    let marker = "name=\"csrf_token\" value=\"";
    let start = html.find(marker).map(|i| i + marker.len()).expect("page has a csrf_token field");
    html[start..].split('"').next().unwrap_or_default().to_string()
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub fn conn(&self) -> thanhtra::db::PooledConn {
        self.db.get().expect("db connection")
    }

    pub fn agency_id(&self, code: &str) -> String {
        let mut c = self.conn();
        thanhtra::agencies::queries::find_by_code(&mut c, code).unwrap().expect("agency exists").id
    }

    /// The agency a fresh install creates.
    pub fn default_agency(&self) -> String {
        self.agency_id("TTT")
    }

    /// Adds a second agency (e.g. Sở Văn hóa, Thể thao và Du lịch) and returns its id.
    pub fn add_agency(&self, code: &str, name: &str) -> String {
        let mut c = self.conn();
        let input = thanhtra::agencies::forms::AgencyInput {
            code: code.into(),
            governing_body: "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH".into(),
            name: name.into(),
            abbreviation: code.into(),
            place_name: "Hà Tĩnh".into(),
            province: "Hà Tĩnh".into(),
            valid_from: "2025-07-01".into(),
            sectors: vec!["printing".into(), "press".into(), "game".into()],
            ..Default::default()
        };
        let id = uuid::Uuid::now_v7().to_string();
        let full = input
            .validate(
                &id,
                &["printing".into(), "press".into(), "game".into(), "postal".into(), "online_info".into()],
                thanhtra::time::now(),
            )
            .unwrap();
        thanhtra::agencies::steps::register::create(&mut c, &Actor::system("test"), full).unwrap();
        id
    }

    pub fn create_user(&self, username: &str, role: Role, agency_id: &str) -> String {
        let mut c = self.conn();
        let input = thanhtra::users::forms::UserInput {
            username: username.into(),
            full_name: format!("Người dùng {username}"),
            official_title: match role {
                Role::Leader => "Phó Chánh Thanh tra".into(),
                Role::Inspector => "Thanh tra viên".into(),
                _ => String::new(),
            },
            email: String::new(),
            role: role.code().into(),
            password: PASSWORD.into(),
            locale: "vi".into(),
            agency_id: String::new(),
        };
        let new = input.validate(agency_id, 10, Role::InstallationAdmin).unwrap();
        thanhtra::users::steps::accounts::create(&mut c, &Actor::system("test"), new).unwrap().id
    }

    pub fn token_for(&self, user_id: &str) -> String {
        let mut c = self.conn();
        thanhtra::users::steps::tokens::create_token(&mut c, &Actor::system("test"), user_id, "test").unwrap().1
    }

    /// A user of the default agency, signed in on this app's client.
    pub async fn login_as(&self, role: Role) -> String {
        let name = format!("{}1", role.code().replace('_', ""));
        let id = self.create_user(&name, role, &self.default_agency());
        let r = self.login(&name, PASSWORD).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "login of {name} should redirect");
        id
    }

    pub async fn login(&self, username: &str, password: &str) -> reqwest::Response {
        let page = self.client.get(self.url("/login")).send().await.unwrap().text().await.unwrap();
        let csrf = csrf_in(&page);
        self.client
            .post(self.url("/login"))
            .form(&[("csrf_token", csrf.as_str()), ("username", username), ("password", password), ("next", "/")])
            .send()
            .await
            .unwrap()
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    pub async fn get_html(&self, path: &str) -> (StatusCode, String) {
        let r = self.get(path).await;
        let s = r.status();
        (s, r.text().await.unwrap())
    }

    /// The session's CSRF token, read from a page.
    pub async fn csrf(&self) -> String {
        let (_, html) = self.get_html("/account").await;
        csrf_in(&html)
    }

    /// Posts a form with the session's CSRF token added.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let csrf = self.csrf().await;
        let mut all: Vec<(&str, &str)> = vec![("csrf_token", csrf.as_str())];
        all.extend_from_slice(fields);
        self.client.post(self.url(path)).form(&all).send().await.unwrap()
    }

    pub async fn api(
        &self,
        method: reqwest::Method,
        path: &str,
        token: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut rb = reqwest::Client::new().request(method, self.url(path)).bearer_auth(token);
        if let Some(b) = body {
            rb = rb.json(&b);
        }
        let r = rb.send().await.unwrap();
        let status = r.status();
        let text = r.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
    }

    /// `GET path` with the token, which must answer 200: the JSON.
    pub async fn api_get(&self, path: impl AsRef<str>, token: &str) -> Value {
        let path = path.as_ref();
        let (s, v) = self.api(reqwest::Method::GET, path, token, None).await;
        assert_eq!(s, StatusCode::OK, "{path}: {v}");
        v
    }

    pub async fn api_create_outlet(&self, token: &str, body: Value) -> Value {
        let (s, v) = self.api(reqwest::Method::POST, "/api/v1/outlets", token, Some(body)).await;
        assert_eq!(s, StatusCode::CREATED, "outlet created: {v}");
        v
    }

    pub fn with_conn<T>(&self, f: impl FnOnce(&mut DbConnection) -> T) -> T {
        let mut c = self.conn();
        f(&mut c)
    }

    pub fn sqlite_path(&self) -> Option<std::path::PathBuf> {
        match self.db_url {
            Some(_) => None,
            None => Some(self.dir.path().join("data").join("thanhtra.sqlite3")),
        }
    }

    pub fn db_target(&self) -> DbTarget {
        match &self.db_url {
            Some(u) => DbTarget::Postgres(u.clone()),
            None => DbTarget::Sqlite(self.dir.path().join("data").join("thanhtra.sqlite3")),
        }
    }
}

/// A few outlets used by several tests.
pub fn ghtk(tax: &str) -> Value {
    serde_json::json!({
        "name": "Công ty Cổ phần Giao Hàng Tiết Kiệm - Chi nhánh Hà Tĩnh",
        "sector": "postal",
        "kind": "branch",
        "tax_code": tax,
        "address": "Số 12 đường Trần Phú",
        "commune": "Phường Thành Sen",
        "province": "Hà Tĩnh",
        "notice_emails": ["hatinh@ghtk.vn"],
        "attributes": {"licence_number": "123/GP-BC"}
    })
}

pub fn hong_lam(tax: &str) -> Value {
    serde_json::json!({
        "name": "Công ty TNHH In Hồng Lam",
        "sector": "printing",
        "kind": "enterprise",
        "tax_code": tax,
        "address": "Số 25 đường Nguyễn Du",
        "commune": "Phường Thành Sen",
        "province": "Hà Tĩnh",
        "legal_representative": "Trần Văn Lam",
        "notice_emails": ["inhonglam@gmail.com"],
        "attributes": {"licence_number": "05/GP-STTTT"}
    })
}

pub fn duc_huy() -> Value {
    serde_json::json!({
        "name": "Điểm trò chơi điện tử Đức Huy",
        "sector": "game",
        "kind": "household",
        "address": "Thôn Đông",
        "commune": "Xã Thạch Hà",
        "province": "Hà Tĩnh",
        "notice_emails": ["duchuy.game@gmail.com"],
        "attributes": {"machines": 24, "school_distance_m": 350}
    })
}

/// A document's PDF as the API serves it (the frozen original once issued, else a preview).
pub async fn pdf_bytes(app: &TestApp, token: &str, id: &str) -> Vec<u8> {
    reqwest::Client::new()
        .get(app.url(&format!("/api/v1/documents/{id}/pdf")))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap()
        .to_vec()
}

/// The text of every page of a PDF, runs of whitespace as one space.
pub fn pdf_text_words(bytes: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
}
