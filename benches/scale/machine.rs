//! What the figures ran on: the machine, the disk under the data, and the database backend.

use std::path::Path;

use diesel::Connection;
use diesel::RunQueryDsl;
use diesel::dsl::sql;
use diesel::sql_types::Text;

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

pub fn cpu() -> String {
    let info = read("/proc/cpuinfo");
    let model = info
        .lines()
        .find_map(|l| l.strip_prefix("model name").and_then(|r| r.split_once(':')).map(|(_, m)| m.trim().to_string()))
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mem = read("/proc/meminfo")
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or_else(|| "?".into(), |kb| format!("{:.0} GB", kb / 1024.0 / 1024.0));
    format!("{model}, {cores} cores available, {mem} memory")
}

pub fn kernel() -> String {
    format!("Linux {}", read("/proc/sys/kernel/osrelease").trim())
}

/// The file system holding `path`: its device, type and mount point, and whether the device rotates.
pub fn disk(path: &Path) -> String {
    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let mut best: Option<(String, String, String)> = None;
    for line in read("/proc/self/mountinfo").lines() {
        let fields: Vec<&str> = line.split(' ').collect();
        let Some(dash) = fields.iter().position(|f| *f == "-") else { continue };
        let (Some(mount), Some(fstype), Some(source)) = (fields.get(4), fields.get(dash + 1), fields.get(dash + 2))
        else {
            continue;
        };
        if path.starts_with(mount) && best.as_ref().is_none_or(|(m, _, _)| mount.len() >= m.len()) {
            best = Some((mount.to_string(), fstype.to_string(), source.to_string()));
        }
    }
    let Some((mount, fstype, source)) = best else { return "unknown disk".into() };
    let name = source.trim_start_matches("/dev/");
    let kind = ["queue/rotational", "../queue/rotational"]
        .iter()
        .map(|q| read(&format!("/sys/class/block/{name}/{q}")))
        .find(|r| !r.is_empty())
        .map(|r| if r.trim() == "1" { ", reported as rotating" } else { ", reported as not rotating" })
        .unwrap_or("");
    format!("{source} ({fstype}) mounted on {mount}{kind}")
}

/// The backend, its version and the settings that decide what a commit costs.
pub fn backend(pg_url: Option<&str>, sqlite: &Path) -> String {
    match pg_url {
        Some(url) => match diesel::PgConnection::establish(url) {
            Ok(mut c) => {
                let mut setting = |name: &str| {
                    diesel::select(sql::<Text>(&format!("current_setting('{name}')")))
                        .get_result::<String>(&mut c)
                        .unwrap_or_else(|_| "?".into())
                };
                let version = setting("server_version");
                let (fsync, sync) = (setting("fsync"), setting("synchronous_commit"));
                let dir = setting("data_directory");
                let disk = if dir == "?" { String::new() } else { format!(", data on {}", disk(Path::new(&dir))) };
                format!("PostgreSQL {version} (fsync = {fsync}, synchronous_commit = {sync}{disk})")
            }
            Err(e) => format!("PostgreSQL (cannot connect from the bench: {e})"),
        },
        None => {
            let path = sqlite.to_string_lossy();
            let mut conn = diesel::SqliteConnection::establish(&path).ok();
            let mut ask = |q: &str| {
                conn.as_mut()
                    .and_then(|c| diesel::select(sql::<Text>(q)).get_result::<String>(c).ok())
                    .unwrap_or_else(|| "?".into())
            };
            let version = ask("sqlite_version()");
            let journal = ask("(SELECT journal_mode FROM pragma_journal_mode)");
            format!("SQLite {version} (journal_mode = {journal}; the service sets its own synchronous level)")
        }
    }
}
