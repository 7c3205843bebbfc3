//! `cargo bench`: the document renderer on the shared reference input (../shared/bench/conclusion.json,
//! a four-page conclusion, copied to tests/data) and the outbox's throughput to a local SMTP server.
//! Goals (issue 4): render under 20 ms in release, file under 150 KB.

use std::sync::{Arc, Mutex};
use std::time::Instant;

use mailin_embedded::response::{self, Response};
use mailin_embedded::{Handler, Server};

#[derive(Clone)]
struct Count(Arc<Mutex<usize>>);

impl Handler for Count {
    fn data_end(&mut self) -> Response {
        *self.0.lock().unwrap() += 1;
        response::OK
    }
}

fn render() {
    let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/conclusion.json")).unwrap();
    let spec = serde_json::from_str::<thanhtra::documents::samples::BenchDoc>(&json).unwrap().to_spec();
    for _ in 0..3 {
        thanhtra::documents::render(&spec).unwrap();
    }
    let mut times = Vec::new();
    let mut bytes = Vec::new();
    for _ in 0..30 {
        let t = Instant::now();
        bytes = thanhtra::documents::render(&spec).unwrap();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let pages = lopdf::Document::load_mem(&bytes).unwrap().get_pages().len();
    println!("render conclusion.json: {pages} pages, {} KB", bytes.len() / 1024);
    println!(
        "  time per render (30 runs): min {:.1} ms, median {:.1} ms, max {:.1} ms   [goal < 20 ms, < 150 KB]",
        times[0], times[15], times[29]
    );
}

fn outbox() {
    let count = Arc::new(Mutex::new(0usize));
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let mut server = Server::new(Count(count.clone()));
    server.with_name("bench").with_num_threads(4).with_tcp_listener(listener);
    std::thread::spawn(move || {
        let _ = server.serve();
    });

    let dir = tempfile::tempdir().unwrap();
    let settings = thanhtra::config::Settings {
        data_dir: dir.path().to_path_buf(),
        smtp: Some(thanhtra::config::SmtpSettings {
            host: "127.0.0.1".into(),
            port: Some(port),
            security: "none".into(),
            username: None,
            password: None,
        }),
        mail_worker: false,
        ..Default::default()
    };
    let checked = settings.clone().check().unwrap();
    let db = thanhtra::startup::prepare_database(&checked).unwrap();
    let files = thanhtra::files::DbFileStore;
    let pdf = thanhtra::documents::render(&thanhtra::documents::samples::all().remove(2)).unwrap();
    let n = 300;
    {
        use thanhtra::files::FileStore;
        let mut conn = db.get().unwrap();
        let agency = thanhtra::agencies::queries::list(&mut conn).unwrap().remove(0).id;
        thanhtra::db::write_tx(&mut conn, |conn| {
            let sha = files.put(conn, &pdf, "application/pdf")?;
            for i in 0..n {
                thanhtra::mail::enqueue(
                    conn,
                    thanhtra::mail::NewMessage {
                        agency_id: agency.clone(),
                        record_type: "bench".into(),
                        record_id: i.to_string(),
                        from: "Thanh tra <thanhtra@example.vn>".into(),
                        subject: format!("Thông báo số {i:02}/TB-TTr"),
                        body_text: "Kính gửi Quý cơ sở. Văn bản gửi kèm.".into(),
                        body_html: "<p>Kính gửi Quý cơ sở. Văn bản gửi kèm.</p>".into(),
                        attachments: vec![thanhtra::mail::outbox::AttachmentRef {
                            sha256: sha.clone(),
                            file_name: "TB.pdf".into(),
                            content_type: "application/pdf".into(),
                        }],
                        recipients: vec![thanhtra::domain::Email::parse(&format!("co-so-{i}@example.vn")).unwrap()],
                        created_by: "bench".into(),
                        domain: "example.vn".into(),
                    },
                )?;
            }
            Ok::<_, thanhtra::error::AppError>(())
        })
        .unwrap();
    }
    let mailer = thanhtra::mail::transport::Mailer::from_settings(&settings).unwrap();
    let t = Instant::now();
    let mut sent = 0;
    while sent < n {
        sent += thanhtra::mail::worker::run_once(&db, &files, &mailer, &settings, 50).unwrap();
    }
    let secs = t.elapsed().as_secs_f64();
    assert_eq!(*count.lock().unwrap(), n);
    println!(
        "outbox to a local SMTP server: {n} messages with a {} KB PDF in {secs:.2} s = {:.0} messages/s (one worker, SQLite)",
        pdf.len() / 1024,
        n as f64 / secs
    );
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    render();
    outbox();
}
