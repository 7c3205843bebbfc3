//! Builds the application from checked settings: database, migrations, defaults, cookie key, routes.

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::cookie::Key;
use actix_web::dev::Server;
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, middleware, web};
use diesel::prelude::*;
use utoipa_actix_web::AppExt;

use crate::config::Checked;
use crate::db::schema::settings;
use crate::db::{Db, DbConnection, write_tx};
use crate::error::{ApiError, AppError};
use crate::state::AppState;

pub struct Application {
    port: u16,
    server: Server,
    stop: StopOnDrop,
    worker: Option<crate::mail::worker::WorkerHandle>,
}

/// Tells the background workers to stop when the server ends, or when the future running it is
/// dropped (a test's runtime ending): a worker never outlives its server holding database
/// connections.
struct StopOnDrop(Arc<std::sync::atomic::AtomicBool>);

impl Drop for StopOnDrop {
    fn drop(&mut self) {
        self.0.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

/// Opens the database, migrates it and makes sure the defaults exist. Used by `serve` and the CLI.
pub fn prepare_database(config: &Checked) -> anyhow::Result<Db> {
    let tuning = crate::db::SqliteTuning {
        cache_mib: config.settings.sqlite_cache_mib,
        mmap_mib: config.settings.sqlite_mmap_mib,
    };
    let db = Db::connect_tuned(&config.db, config.settings.db_pool_size, tuning)?;
    db.migrate()?;
    let mut conn = db.get().map_err(|e| anyhow::anyhow!("{e}"))?;
    crate::seed::ensure_defaults(&mut conn, config).map_err(|e| anyhow::anyhow!("seeding defaults: {e:?}"))?;
    Ok(db)
}

impl Application {
    pub fn build(config: Checked) -> anyhow::Result<Application> {
        let db = prepare_database(&config)?;
        let listener =
            TcpListener::bind(config.bind).map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", config.bind))?;
        Self::build_with(config, db, listener)
    }

    pub fn build_with(config: Checked, db: Db, listener: TcpListener) -> anyhow::Result<Application> {
        let port = listener.local_addr()?.port();
        let cookie_key = {
            let mut conn = db.get().map_err(|e| anyhow::anyhow!("{e}"))?;
            load_cookie_key(&mut conn, &config).map_err(|e| anyhow::anyhow!("cookie key: {e:?}"))?
        };
        let config = Arc::new(config);
        let (_, openapi) = App::new().into_utoipa_app().configure(crate::api::configure).split_for_parts();
        let openapi = crate::api::finish_openapi(openapi, config.settings.password_min_length);
        let files: Arc<dyn crate::files::FileStore> = Arc::new(crate::files::DbFileStore);
        let state_db = db.clone();
        let state = web::Data::new(AppState {
            db,
            config: config.clone(),
            cookie_key,
            openapi,
            files: files.clone(),
            vocabulary: vec![
                crate::inspections::history_words::WORDS,
                crate::complaints::history_words::WORDS,
                crate::reception::history_words::WORDS,
                crate::permits::history_words::WORDS,
            ],
        });
        let body_limit = config.settings.max_body_kib * 1024;
        let workers = config.settings.workers;
        // The outlet page's sections, contributed by the features that own them.
        let panels = web::Data::new(crate::outlets::panels::OutletPanels::new(vec![
            Box::new(crate::documents::pages::outlet_panel::DocumentsPanel),
            Box::new(crate::inspections::pages::outlet_panel::InspectionsPanel),
            Box::new(crate::complaints::pages::home::ComplaintsPanel),
            Box::new(crate::permits::pages::home::PermitsPanel),
        ]));
        let tiles = web::Data::new(crate::home::tiles::HomeTiles::new(vec![
            Box::new(crate::outlets::home_tile::OutletsTile),
            Box::new(crate::calendar::pages::home_tile::DeadlinesTile),
            Box::new(crate::inspections::pages::home_tile::EngagementsTile),
            Box::new(crate::complaints::pages::home::ComplaintsTile),
            Box::new(crate::permits::pages::home::PermitsTile),
            Box::new(crate::documents::pages::home_tile::DocumentsTile),
        ]));
        // The start page's first-run checklist, in the order an administrator works through it.
        let checks = web::Data::new(crate::home::checklist::SetupChecks::new(vec![
            Box::new(crate::agencies::pages::home_setup::AgencyReady),
            Box::new(crate::installation::pages::home_setup::PublicAddressSet {
                configured: config.settings.base_url.is_some(),
            }),
            Box::new(crate::users::pages::home_setup::StaffWithTitles),
            Box::new(crate::agencies::pages::home_setup::SectorsChosen),
            Box::new(crate::agencies::pages::home_setup::TreasurySet),
        ]));
        // "My work" on the start page: what waits for the reader, from the features that own it.
        let work = web::Data::new(crate::home::work::WorkSources::new(vec![
            Box::new(crate::inspections::pages::home_work::InspectionWork {
                soon_working_days: config.settings.due_soon_working_days,
            }),
            Box::new(crate::complaints::pages::home::ComplaintWork {
                soon_working_days: config.settings.due_soon_working_days,
            }),
            Box::new(crate::permits::pages::home::PermitWork {
                soon_working_days: config.settings.due_soon_working_days,
            }),
        ]));
        let mut server = HttpServer::new(move || {
            let (app, _) = App::new()
                .app_data(state.clone())
                .app_data(panels.clone())
                .app_data(work.clone())
                .app_data(tiles.clone())
                .app_data(checks.clone())
                .app_data(web::PayloadConfig::new(body_limit))
                .app_data(web::FormConfig::default().limit(body_limit))
                .app_data(crate::api::json_config(body_limit))
                .app_data(web::QueryConfig::default().error_handler(crate::api::query_error))
                .app_data(web::PathConfig::default().error_handler(crate::api::path_error))
                .wrap(middleware::from_fn(crate::web::middleware::observe))
                .wrap(middleware::Compress::default())
                .into_utoipa_app()
                .configure(crate::api::configure)
                .split_for_parts();
            app.configure(crate::web::assets::configure)
                .route("/healthz", web::get().to(healthz))
                .configure(crate::auth::configure)
                .configure(crate::home::configure)
                .configure(crate::outlets::configure)
                .configure(crate::users::configure)
                .configure(crate::agencies::configure)
                .configure(crate::sectors::configure)
                .configure(crate::installation::configure)
                .configure(crate::audit::configure)
                .configure(crate::calendar::configure)
                .configure(crate::documents::configure)
                .configure(crate::inspections::configure)
                .configure(crate::complaints::configure)
                .configure(crate::reception::configure)
                .configure(crate::permits::configure)
                .configure(crate::reports::configure)
                .default_service(web::to(not_found))
        });
        if workers > 0 {
            server = server.workers(workers);
        }
        // A request's head must arrive within the timeout (its body: web::body_deadline), and a
        // connection is dropped soon after its answer when the client does not close it.
        let head_timeout = std::time::Duration::from_secs(config.settings.request_timeout_seconds.into());
        server =
            server.client_request_timeout(head_timeout).client_disconnect_timeout(std::time::Duration::from_secs(2));
        let server = server.listen(listener)?.shutdown_timeout(10).run();
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let worker = if config.settings.mail_worker {
            let reminders = spawn_reminders(state_db.clone(), config.settings.clone(), stop.clone())?;
            Some(crate::mail::worker::spawn(state_db, files, config.settings.clone(), stop.clone())?.with(reminders))
        } else {
            None
        };
        Ok(Application { port, server, stop: StopOnDrop(stop), worker })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves until the server is stopped (SIGINT/SIGTERM), then stops the mail worker and waits
    /// for it to give back its unsent claims.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let stop = self.stop;
        let result = self.server.await;
        drop(stop);
        if let Some(worker) = self.worker {
            let _ = actix_web::rt::task::spawn_blocking(move || worker.join(std::time::Duration::from_secs(15))).await;
        }
        result
    }
}

/// Once an hour on every instance that sends mail: permits past their last day marked expired, and
/// the holders due a reminder of their permit's expiry (each permit claimed by one instance:
/// `permits::steps::register::expire`, `permits::steps::remind`); from the first working day of a
/// month, last month's report drafted for each agency with its due date
/// (`reports::steps::monthly`, each report drafted once).
fn spawn_reminders(
    db: crate::db::Db,
    settings: crate::config::Settings,
    stop: Arc<std::sync::atomic::AtomicBool>,
) -> std::io::Result<std::thread::JoinHandle<()>> {
    std::thread::Builder::new().name("permit-reminders".into()).spawn(move || {
        let domain = settings
            .base_url
            .as_deref()
            .and_then(|u| u.split("://").nth(1))
            .and_then(|h| h.split(['/', ':']).next())
            .unwrap_or("thanhtra.local")
            .to_string();
        let mail = crate::permits::steps::remind::Mail { from: &settings.mail_from, domain: &domain };
        let mut last: Option<std::time::Instant> = None;
        while !stop.load(std::sync::atomic::Ordering::Relaxed) {
            if last.is_none_or(|l| l.elapsed() >= std::time::Duration::from_secs(3600)) {
                last = Some(std::time::Instant::now());
                let r = db.get().map_err(|e| AppError::Internal(anyhow::anyhow!("{e}"))).and_then(|mut c| {
                    let today = crate::time::today_vn();
                    crate::permits::steps::register::expire(&mut c, today)?;
                    match crate::reports::steps::monthly::prepare(&mut c, today) {
                        Ok(0) => {}
                        Ok(n) => tracing::info!(reports = n, "monthly reports drafted"),
                        Err(e) => tracing::warn!(error = ?e, "monthly reports not drafted this hour"),
                    }
                    crate::permits::steps::remind::remind_due(&mut c, &mail, today)
                });
                match r {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(reminders = n, "permit expiry reminders queued"),
                    Err(e) => tracing::warn!(error = ?e, "permit reminders not sent this hour"),
                }
            }
            std::thread::sleep(std::time::Duration::from_millis(200));
        }
    })
}

/// Health for a load balancer: within a second, and saying what is down. The database is asked
/// with a short wait of its own (a quarter of a second while it is known to be away), and the
/// whole check gives up after 900 ms (the blocking pool may be busy).
async fn healthz(state: web::Data<AppState>) -> HttpResponse {
    let db = state.db.clone();
    let wait = if db.is_away() { crate::db::health::WAIT_WHEN_AWAY } else { std::time::Duration::from_millis(700) };
    let ask = actix_web::web::block(move || -> Result<(), AppError> {
        let mut conn = db.get_within(wait)?;
        diesel::sql_query("SELECT 1").execute(&mut *conn)?;
        Ok(())
    });
    let database = match actix_web::rt::time::timeout(std::time::Duration::from_millis(900), ask).await {
        Ok(Ok(Ok(()))) => "ok",
        Ok(Ok(Err(_))) | Ok(Err(_)) => "unreachable",
        Err(_) => "not_answering",
    };
    let backend = state.db.backend().as_str();
    if database == "ok" {
        return HttpResponse::Ok()
            .json(serde_json::json!({"status": "ok", "database": backend, "checks": {"database": "ok"}}));
    }
    HttpResponse::ServiceUnavailable()
        .insert_header((actix_web::http::header::RETRY_AFTER, crate::error::RETRY_AFTER_SECONDS.to_string()))
        .json(serde_json::json!({"status": "unavailable", "database": backend, "checks": {"database": database}, "down": ["database"]}))
}

async fn not_found(req: HttpRequest) -> Result<HttpResponse, actix_web::Error> {
    // Methods no route of this service takes are refused as such, whatever the path.
    if matches!(req.method().as_str(), "TRACE" | "CONNECT") {
        return Ok(HttpResponse::MethodNotAllowed()
            .insert_header((actix_web::http::header::ALLOW, "GET, HEAD, POST, PUT, PATCH, DELETE"))
            .finish());
    }
    if req.path().starts_with("/api/") {
        Err(ApiError::from(AppError::NotFound).into())
    } else {
        Err(AppError::NotFound.into())
    }
}

/// The key that signs cookies: from the settings, else the one kept in the database (generated once,
/// so that every instance on the same database shares it).
fn load_cookie_key(conn: &mut DbConnection, config: &Checked) -> Result<Key, AppError> {
    use base64::Engine;
    use secrecy::ExposeSecret;
    let engine = base64::engine::general_purpose::STANDARD;
    if let Some(k) = &config.settings.secret_key {
        let bytes = engine.decode(k.expose_secret().trim()).map_err(anyhow::Error::from)?;
        return Ok(Key::derive_from(&bytes));
    }
    let stored: Option<String> = write_tx(conn, |conn| {
        let existing: Option<String> =
            settings::table.find("cookie_key").select(settings::value).first(conn).optional()?;
        if existing.is_some() {
            return Ok::<_, AppError>(existing);
        }
        let mut buf = [0u8; 64];
        rand::RngCore::fill_bytes(&mut rand::rng(), &mut buf);
        let value = engine.encode(buf);
        diesel::insert_into(settings::table)
            .values((settings::key.eq("cookie_key"), settings::value.eq(&value)))
            .execute(conn)?;
        Ok(Some(value))
    })?;
    let bytes = engine.decode(stored.unwrap_or_default()).map_err(anyhow::Error::from)?;
    Ok(Key::derive_from(&bytes))
}
