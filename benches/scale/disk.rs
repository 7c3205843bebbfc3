//! The disk's own limit, measured beside the writes: 8 threads, each writing 4 KiB and calling
//! fdatasync on its own file in the database's directory, as a database's log does per commit.

use std::os::unix::fs::FileExt;
use std::path::Path;
use std::time::{Duration, Instant};

const BLOCK: usize = 4096;
/// Each file is written once to this size, then overwritten in turn (no growth, as a reset log).
const FILE: u64 = 1 << 20;

/// Synced 4 KiB writes per second, over `threads` threads for `duration`.
pub fn fsync_rate(dir: &Path, threads: usize, duration: Duration) -> std::io::Result<f64> {
    let mut files = Vec::new();
    for i in 0..threads {
        let path = dir.join(format!("bench-fsync-{i}"));
        let f = std::fs::OpenOptions::new().create(true).truncate(false).read(true).write(true).open(&path)?;
        if f.metadata()?.len() < FILE {
            f.write_all_at(&vec![0u8; FILE as usize], 0)?;
            f.sync_all()?;
        }
        files.push(f);
    }
    let start = Instant::now();
    let deadline = start + duration;
    let counts = std::thread::scope(|s| {
        let handles: Vec<_> = files
            .iter()
            .enumerate()
            .map(|(i, f)| {
                s.spawn(move || -> std::io::Result<u64> {
                    let block = [i as u8; BLOCK];
                    let mut n = 0u64;
                    while Instant::now() < deadline {
                        f.write_all_at(&block, (n * BLOCK as u64) % FILE)?;
                        f.sync_data()?;
                        n += 1;
                    }
                    Ok(n)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("an fsync thread does not panic")).collect::<Vec<_>>()
    });
    let total: u64 = counts.into_iter().sum::<std::io::Result<u64>>()?;
    Ok(total as f64 / start.elapsed().as_secs_f64())
}

/// Removes the fsync loop's files.
pub fn clean(dir: &Path, threads: usize) {
    for i in 0..threads {
        let _ = std::fs::remove_file(dir.join(format!("bench-fsync-{i}")));
    }
}
