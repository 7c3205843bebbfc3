//! The command line: `serve` (default), `migrate`, `user …`, `token create`, `backup`, `audit verify`,
//! `demo`.

use std::io::{BufRead, IsTerminal};
use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::audit::{Actor, AuditAction};
use crate::auth::Role;
use crate::config::{Checked, Settings};
use crate::db::Db;

#[derive(Debug, Parser)]
#[command(name = "thanhtra", version, about = "Casework for a provincial inspection team")]
pub struct Cli {
    /// Configuration file (default: ./thanhtra.toml when present; also THANHTRA_CONFIG).
    #[arg(long, global = true)]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the web service (the default).
    Serve {
        /// Address and port, e.g. 0.0.0.0:8080 (overrides `bind`).
        #[arg(long)]
        bind: Option<String>,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// Manage user accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Manage API tokens.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Write a consistent copy of the SQLite database to FILE (safe while the service runs).
    Backup { file: PathBuf },
    /// Check the audit trail.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Render sample documents of every type (and the benchmark conclusion) into a folder, for
    /// checking the layout by eye.
    Samples {
        #[arg(long, default_value = "./data/samples")]
        out: PathBuf,
    },
    /// The legal calendar and deadlines.
    Calendar {
        #[command(subcommand)]
        command: CalendarCommand,
    },
    /// Fill the database with realistic demo data: outlets across the 34 provinces, a team,
    /// engagements under way with their findings, next year's draft plan, all audited. Refuses a
    /// database that holds people's work (audit entries by signed-in users) unless --force.
    Demo {
        #[arg(long, default_value_t = 1000)]
        outlets: usize,
        /// At least this many findings (engagements take whole checklists).
        #[arg(long, default_value_t = 10_000)]
        findings: usize,
        /// The same seed on an empty database gives the same names, codes, addresses and results.
        #[arg(long, default_value_t = 2025)]
        seed: u64,
        /// The agency's code (default: the only agency in force; required when several are).
        #[arg(long)]
        agency: Option<String>,
        /// Outlets per transaction (engagements: about this many findings per transaction).
        #[arg(long, default_value_t = 1000)]
        batch: usize,
        /// Complaints, denunciations and petitions, handled through the desk's own steps.
        #[arg(long, default_value_t = 1000)]
        submissions: usize,
        /// Permit dossiers received over the last year, from receipt to decision (without their PDFs).
        #[arg(long, default_value_t = 1000)]
        dossiers: usize,
        /// Write even into a database that holds people's work.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum CalendarCommand {
    /// Print the days off of YEAR, one per line: YYYY-MM-DD<TAB>name.
    Holidays { year: String },
    /// Print the due date (first line, YYYY-MM-DD), then how it was computed.
    Deadline {
        /// The event date, YYYY-MM-DD (not counted).
        #[arg(long)]
        start: String,
        /// The duration (optional with --rule).
        #[arg(long, default_value = "")]
        days: String,
        /// working, calendar or months (default: the rule's, else working).
        #[arg(long, default_value = "")]
        unit: String,
        /// A deadline rule code, e.g. complaint.acceptance.
        #[arg(long, default_value = "")]
        rule: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user. The password comes from THANHTRA_PASSWORD or standard input.
    Add {
        username: String,
        /// installation_admin, admin, leader, inspector, permit_officer, reception_officer or viewer.
        #[arg(long)]
        role: String,
        /// The agency's code (default: the only agency in force; required when several are).
        #[arg(long)]
        agency: Option<String>,
        #[arg(long, default_value = "")]
        full_name: String,
        /// The official position printed in team tables (chức vụ), e.g. "Thanh tra viên".
        #[arg(long, default_value = "")]
        official_title: String,
        #[arg(long, default_value = "")]
        email: String,
    },
    /// Set a user's password (THANHTRA_PASSWORD or standard input); ends their sessions.
    Passwd { username: String },
    /// Disable a user: their sessions end and their API tokens are revoked.
    Disable { username: String },
    /// Enable a disabled user.
    Enable { username: String },
    /// List users.
    List,
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create an API token for USERNAME and print it once.
    Create {
        username: String,
        #[arg(long, default_value = "cli")]
        name: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Walk the hash chain; prints "ok" with the count, or the first broken link (exit code 1).
    Verify,
}

fn load(cli: &Cli) -> anyhow::Result<Checked> {
    Ok(Settings::load(cli.config.as_deref())?.check()?)
}

fn cli_actor() -> Actor {
    Actor::system("cli")
}

/// The password from THANHTRA_PASSWORD, else asked on the terminal (twice), else one line of stdin.
fn read_password(min: usize) -> anyhow::Result<String> {
    let pw = if let Ok(p) = std::env::var("THANHTRA_PASSWORD") {
        p
    } else if std::io::stdin().is_terminal() {
        let a = rpassword::prompt_password("Password: ")?;
        let b = rpassword::prompt_password("Repeat: ")?;
        if a != b {
            anyhow::bail!("the two passwords differ");
        }
        a
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        line.trim_end_matches(['\n', '\r']).to_string()
    };
    if pw.chars().count() < min {
        anyhow::bail!("the password needs at least {min} characters");
    }
    Ok(pw)
}

fn app_err(e: crate::error::AppError) -> anyhow::Error {
    match e {
        crate::error::AppError::Validation(fe) => anyhow::anyhow!(
            "{}",
            fe.0.iter()
                .map(|e| format!("{}: {}", e.field, e.message(crate::i18n::Lang::En)))
                .collect::<Vec<_>>()
                .join("; ")
        ),
        other => anyhow::anyhow!("{other:?}"),
    }
}

pub async fn run(cli: Cli) -> anyhow::Result<i32> {
    let mut config = load(&cli)?;
    let command = cli.command.unwrap_or(Command::Serve { bind: None });
    if let Command::Serve { bind: Some(b) } = &command {
        config.settings.bind = b.clone();
        config = config.settings.check()?;
    }
    let _log = crate::telemetry::init(&config.settings.log_format);
    match command {
        Command::Serve { .. } => {
            tracing::info!(bind = %config.bind, database = %config.db.describe(), "starting thanhtra");
            let app = crate::startup::Application::build(config)?;
            app.run_until_stopped().await?;
            Ok(0)
        }
        Command::Migrate => {
            let db = Db::connect(&config.db, 2)?;
            let applied = db.migrate()?;
            if applied.is_empty() {
                println!("database is up to date");
            } else {
                for m in applied {
                    println!("applied {m}");
                }
            }
            Ok(0)
        }
        Command::User { command } => user_command(&config, command).await,
        Command::Token { command: TokenCommand::Create { username, name } } => {
            let db = crate::startup::prepare_database(&config)?;
            let plain = db
                .run(move |conn| {
                    let u = crate::users::queries::find_by_username(conn, &username)?
                        .ok_or(crate::error::AppError::NotFound)?;
                    let (_, plain) = crate::users::steps::tokens::create_token(conn, &cli_actor(), &u.id, &name)?;
                    Ok(plain)
                })
                .await
                .map_err(app_err)?;
            println!("{plain}");
            eprintln!("Keep this token now: it is shown only once.");
            Ok(0)
        }
        Command::Backup { file } => {
            let db = crate::startup::prepare_database(&config)?;
            let dest = file.clone();
            db.run(move |conn| crate::db::backup_sqlite(conn, &dest).map_err(crate::error::AppError::Internal))
                .await
                .map_err(app_err)?;
            println!("backup written to {}", file.display());
            Ok(0)
        }
        Command::Calendar { command } => calendar_command(&config, command).await,
        Command::Demo { outlets, findings, seed, agency, batch, force, submissions, dossiers } => {
            let opts = crate::demo::Options { outlets, findings, seed, batch, submissions, dossiers };
            demo_command(&config, opts, agency, force).await
        }
        Command::Samples { out } => {
            std::fs::create_dir_all(&out)?;
            let mut specs = crate::documents::samples::all();
            let bench: crate::documents::samples::BenchDoc =
                serde_json::from_str(include_str!("../tests/data/conclusion.json"))?;
            specs.push(bench.to_spec());
            for (i, spec) in specs.iter().enumerate() {
                let bytes = crate::documents::render(spec)?;
                let name = format!("{:02}-{}.pdf", i + 1, spec.doc_type.code());
                std::fs::write(out.join(&name), &bytes)?;
                println!("{}\t{} bytes", out.join(&name).display(), bytes.len());
            }
            Ok(0)
        }
        Command::Audit { command: AuditCommand::Verify } => {
            let db = crate::startup::prepare_database(&config)?;
            let outcome = db.run(crate::audit::repo::verify).await.map_err(app_err)?;
            println!("{outcome}");
            Ok(if matches!(outcome, crate::audit::VerifyOutcome::Ok { .. }) { 0 } else { 1 })
        }
    }
}

async fn user_command(config: &Checked, command: UserCommand) -> anyhow::Result<i32> {
    let db = crate::startup::prepare_database(config)?;
    let min = config.settings.password_min_length;
    match command {
        UserCommand::Add { username, role, agency, full_name, official_title, email } => {
            if Role::parse(&role).is_none() {
                anyhow::bail!(
                    "unknown role {role:?}: use one of installation_admin, admin, leader, inspector, permit_officer, reception_officer, viewer"
                );
            }
            let all = db.run(crate::agencies::queries::list).await.map_err(app_err)?;
            let chosen = choose_agency(&all, agency.as_deref())?;
            let (agency_id, agency_label) = (chosen.id.clone(), format!("{} ({})", chosen.name, chosen.code));
            let password = read_password(min)?;
            let row = db
                .run(move |conn| {
                    let input = crate::users::forms::UserInput {
                        username,
                        full_name,
                        official_title,
                        email,
                        role,
                        password,
                        locale: "vi".into(),
                        agency_id: String::new(),
                    };
                    let new = input.validate(&agency_id, min, Role::InstallationAdmin)?;
                    crate::users::steps::accounts::create(conn, &cli_actor(), new)
                })
                .await
                .map_err(app_err)?;
            println!("user {} added ({}) to {agency_label}", row.username, row.role);
            let none_yet = db
                .run(|conn| {
                    let all = crate::users::queries::list(conn, None)?;
                    Ok(!all.iter().any(|u| u.role() == Role::InstallationAdmin && !u.disabled))
                })
                .await
                .map_err(app_err)?;
            if none_yet {
                println!(
                    "note: the installation has no installation administrator yet (who adds agencies, sectors, \
                     the calendar and the settings); add one with --role installation_admin"
                );
            }
            Ok(0)
        }
        UserCommand::Passwd { username } => {
            let password = read_password(min)?;
            let ended = db
                .run(move |conn| {
                    let u = crate::users::queries::find_by_username(conn, &username)?
                        .ok_or(crate::error::AppError::NotFound)?;
                    crate::users::steps::accounts::set_password(
                        conn,
                        &cli_actor(),
                        &u.id,
                        &password,
                        AuditAction::PasswordReset,
                        Default::default(),
                    )
                })
                .await
                .map_err(app_err)?;
            println!("password changed; {} sessions ended, {} API tokens revoked", ended.sessions, ended.tokens);
            Ok(0)
        }
        UserCommand::Disable { username } => set_disabled(&db, username, true).await,
        UserCommand::Enable { username } => set_disabled(&db, username, false).await,
        UserCommand::List => {
            let rows = db
                .run(|conn| {
                    let users = crate::users::queries::list(conn, None)?;
                    let agencies = crate::agencies::queries::list(conn)?;
                    Ok((users, agencies))
                })
                .await
                .map_err(app_err)?;
            for u in rows.0 {
                let agency = rows.1.iter().find(|a| a.id == u.agency_id).map(|a| a.code.clone()).unwrap_or_default();
                println!("{}\t{}\t{}\t{}", u.username, u.role, agency, if u.disabled { "disabled" } else { "active" });
            }
            Ok(0)
        }
    }
}

async fn set_disabled(db: &Db, username: String, disabled: bool) -> anyhow::Result<i32> {
    db.run(move |conn| {
        let u = crate::users::queries::find_by_username(conn, &username)?.ok_or(crate::error::AppError::NotFound)?;
        crate::users::steps::accounts::set_disabled(conn, &cli_actor(), &u.id, disabled)
    })
    .await
    .map_err(app_err)?;
    println!("{}", if disabled { "user disabled; sessions ended and tokens revoked" } else { "user enabled" });
    Ok(0)
}

async fn calendar_command(config: &Checked, command: CalendarCommand) -> anyhow::Result<i32> {
    let db = crate::startup::prepare_database(config)?;
    match command {
        CalendarCommand::Holidays { year } => {
            let y: i32 = match year.trim().parse() {
                Ok(y) if (1990..=2100).contains(&y) => y,
                _ => anyhow::bail!("the year must be a number from 1990 to 2100, not {year:?}"),
            };
            let cal = db.run(crate::calendar::queries::load_calendar).await.map_err(app_err)?;
            for d in cal.holidays(y) {
                println!("{}\t{}", d.date, d.name);
            }
            Ok(0)
        }
        CalendarCommand::Deadline { start, days, unit, rule } => {
            let q = crate::calendar::queries::CalcQuery { start, days, unit, rule };
            let c = db.run(move |conn| crate::calendar::queries::compute_query(conn, &q)).await.map_err(app_err)?;
            println!("{}", c.explanation.due);
            if let Some(r) = &c.rule {
                println!("Quy định: {} — {} ({})", r.code, r.name_vi, r.legal_source);
            }
            for l in c.explanation.lines(crate::i18n::Lang::Vi) {
                println!("{l}");
            }
            Ok(0)
        }
    }
}

/// `thanhtra demo`: progress on standard error about once a second, the summary on standard output.
async fn demo_command(
    config: &Checked,
    opts: crate::demo::Options,
    agency: Option<String>,
    force: bool,
) -> anyhow::Result<i32> {
    use crate::demo::{Phase, Tally};
    let db = crate::startup::prepare_database(config)?;
    if !force && let Some(why) = db.run(crate::demo::refusal).await.map_err(app_err)? {
        eprintln!("refused: {why}");
        return Ok(2);
    }
    let all = db.run(crate::agencies::queries::list).await.map_err(app_err)?;
    let chosen = choose_agency(&all, agency.as_deref())?;
    let (agency_id, label) = (chosen.id.clone(), chosen.code.clone());
    eprintln!(
        "demo: {} outlets, at least {} findings, seed {}, agency {label}, {}",
        opts.outlets,
        opts.findings,
        opts.seed,
        config.db.describe()
    );
    let overlap = config.settings.overlap_months;
    let seed = opts.seed;
    let tally = db
        .run(move |conn| {
            let mut last = std::time::Instant::now();
            let mut show = |t: &Tally| {
                if t.phase != Phase::Done && last.elapsed() >= std::time::Duration::from_secs(1) {
                    last = std::time::Instant::now();
                    eprintln!(
                        "  {:>11}: {} outlets, {} engagements, {} findings, {} submissions, {} dossiers ({:.0}/s)",
                        t.phase.name(),
                        t.outlets,
                        t.engagements,
                        t.findings,
                        t.submissions,
                        t.dossiers,
                        t.rate()
                    );
                }
            };
            let tally = crate::demo::generate(conn, &agency_id, &opts, overlap, &mut show)?;
            // Fresh statistics for the planner after a bulk load, as a server would gather over time.
            diesel::connection::SimpleConnection::batch_execute(conn, "ANALYZE;")
                .map_err(|e| crate::error::AppError::Internal(anyhow::anyhow!("analyze: {e}")))?;
            Ok(tally)
        })
        .await
        .map_err(app_err)?;
    for (phase, n, took) in &tally.finished {
        let secs = took.as_secs_f64();
        eprintln!("  {:>11}: {n} in {secs:.1} s ({:.0}/s)", phase.name(), *n as f64 / secs.max(1e-3));
    }
    println!(
        "demo data written in {:.1} s: {} outlets, {} users, {} engagements, {} findings, {} plan items, {} submissions, {} dossiers, {} audit entries (agency {label}, seed {seed})",
        tally.elapsed().as_secs_f64(),
        tally.outlets,
        tally.users,
        tally.engagements,
        tally.findings,
        tally.plan_items,
        tally.submissions,
        tally.dossiers,
        tally.audit_entries
    );
    Ok(0)
}

/// The agency a command acts for: the one with code `agency`, or without it the only agency in
/// force today; with several in force the operator must say which (a silent pick would put the
/// work in the wrong agency).
fn choose_agency<'a>(
    all: &'a [crate::agencies::model::AgencyRow],
    agency: Option<&str>,
) -> anyhow::Result<&'a crate::agencies::model::AgencyRow> {
    let chosen = match agency {
        Some(code) => all.iter().find(|a| a.code == code),
        None => {
            let today = crate::time::today_vn();
            match all.iter().filter(|a| a.in_force_on(today)).collect::<Vec<_>>().as_slice() {
                [one] => Some(*one),
                [] => None,
                several => anyhow::bail!(
                    "several agencies are in force ({}): name one with --agency CODE",
                    several.iter().map(|a| a.code.as_str()).collect::<Vec<_>>().join(", ")
                ),
            }
        }
    };
    chosen.ok_or_else(|| {
        anyhow::anyhow!(
            "no agency {}: the agencies are {}",
            agency.map(|c| format!("with code {c:?}")).unwrap_or_else(|| "is in force".into()),
            all.iter().map(|a| a.code.as_str()).collect::<Vec<_>>().join(", ")
        )
    })
}
