fn names(dir: &str) -> Vec<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations").join(dir);
    let mut v: Vec<String> = std::fs::read_dir(path)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| !n.starts_with('.') && n != "README.md")
        .collect();
    v.sort();
    v
}

#[test]
fn both_backends_have_the_same_migrations() {
    let sqlite = names("sqlite");
    let postgres = names("postgres");
    assert!(!sqlite.is_empty());
    assert_eq!(sqlite, postgres, "migrations/sqlite and migrations/postgres must list the same folders");
    for n in &sqlite {
        for f in ["up.sql", "down.sql"] {
            for d in ["sqlite", "postgres"] {
                let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations").join(d).join(n).join(f);
                assert!(p.exists(), "{} missing", p.display());
            }
        }
    }
}
