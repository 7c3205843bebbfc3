use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use diesel::{Connection, QueryDsl, RunQueryDsl};
use thanhtra::auth::Role;

use crate::helpers::spawn_app;

#[actix_web::test]
async fn a_backup_taken_during_writes_holds_every_committed_row() {
    let app = spawn_app().await;
    let Some(db_path) = app.sqlite_path() else {
        return; // backup copies SQLite; PostgreSQL installations use pg_dump.
    };
    let id = app.create_user("tra", Role::Inspector, &app.default_agency());
    let token = app.token_for(&id);
    for i in 0..20 {
        app.api_create_outlet(
            &token,
            serde_json::json!({"name": format!("Cơ sở trước {i}"), "sector": "game", "province": "Hà Tĩnh"}),
        )
        .await;
    }
    // Writers keep going while the backup runs.
    let stop = Arc::new(AtomicBool::new(false));
    let mut writers = Vec::new();
    for w in 0..2 {
        let stop = stop.clone();
        let url = app.url("/api/v1/outlets");
        let token = token.clone();
        writers.push(actix_web::rt::spawn(async move {
            let client = reqwest::Client::new();
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) && n < 400 {
                let r = client.post(&url).bearer_auth(&token).json(&serde_json::json!({"name": format!("Cơ sở {w}-{n}"), "sector": "printing", "province": "Hà Tĩnh"})).send().await.unwrap();
                assert_eq!(r.status(), reqwest::StatusCode::CREATED);
                n += 1;
            }
            n
        }));
    }
    actix_web::rt::time::sleep(std::time::Duration::from_millis(150)).await;
    let committed_before: Vec<String> = app
        .with_conn(|c| thanhtra::db::schema::outlets::table.select(thanhtra::db::schema::outlets::id).load(c).unwrap());
    let dest = app.dir.path().join("backup.sqlite3");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_thanhtra"))
        .arg("backup")
        .arg(&dest)
        .env("DATABASE_URL", db_path.display().to_string())
        .env("RUST_LOG", "error")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    stop.store(true, Ordering::Relaxed);
    let mut written = 0;
    for w in writers {
        written += w.await.unwrap();
    }
    assert!(written > 0, "writes went on during the backup");

    let mut copy = diesel::SqliteConnection::establish(&dest.to_string_lossy()).unwrap();
    let ids: Vec<String> =
        thanhtra::db::schema::outlets::table.select(thanhtra::db::schema::outlets::id).load(&mut copy).unwrap();
    for id in &committed_before {
        assert!(ids.contains(id), "backup lacks a row committed before it started");
    }
    assert!(ids.len() >= committed_before.len());
    let mut copy = thanhtra::db::DbConnection::Sqlite(copy);
    let outcome = thanhtra::audit::verify(&mut copy).unwrap();
    assert!(
        matches!(outcome, thanhtra::audit::VerifyOutcome::Ok { .. }),
        "the copy's audit chain is whole: {outcome:?}"
    );
    let integrity: Vec<IntegrityRow> = diesel::sql_query("PRAGMA integrity_check").load(&mut copy).unwrap();
    assert_eq!(integrity[0].integrity_check, "ok");
    // A second backup to the same file is refused rather than overwriting it.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_thanhtra"))
        .arg("backup")
        .arg(&dest)
        .env("DATABASE_URL", db_path.display().to_string())
        .output()
        .unwrap();
    assert!(!out.status.success());
}

#[derive(diesel::QueryableByName)]
struct IntegrityRow {
    #[diesel(sql_type = diesel::sql_types::Text)]
    integrity_check: String,
}
