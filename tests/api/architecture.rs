//! The shape of the source tree, checked on every test run (so that a clone without the shared tools
//! is checked too): no import loop between source files (the same analysis as
//! `../shared/tools/module-cycles`), no oversized file, no database query in a page or API handler.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("read src") {
        let p = e.expect("dir entry").path();
        if p.is_dir() {
            out.extend(rust_files(&p));
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
    out.sort();
    out
}

type Module = Vec<String>;
/// from → to → the names that tie them.
type Edges = BTreeMap<Module, BTreeMap<Module, BTreeSet<String>>>;

fn module_of(src: &Path, path: &Path) -> Module {
    let rel = path.strip_prefix(src).expect("under src").with_extension("");
    let mut segs: Vec<String> = rel.iter().map(|s| s.to_string_lossy().into_owned()).collect();
    if matches!(segs.last().map(String::as_str), Some("mod" | "lib" | "main")) {
        segs.pop();
    }
    segs
}

/// Leaves out `#[cfg(test)] mod name { … }` blocks.
fn strip_tests(text: &str) -> String {
    let re = regex::Regex::new(r"#\[cfg\(test\)\]\s*(pub\s+)?mod\s+\w+\s*\{").expect("regex");
    let bytes = text.as_bytes();
    let (mut out, mut i) = (String::new(), 0usize);
    for m in re.find_iter(text) {
        if m.start() < i {
            continue;
        }
        out.push_str(&text[i..m.start()]);
        let (mut depth, mut j) = (1i32, m.end());
        while j < bytes.len() && depth > 0 {
            match bytes[j] {
                b'{' => depth += 1,
                b'}' => depth -= 1,
                _ => {}
            }
            j += 1;
        }
        i = j;
    }
    out.push_str(&text[i.min(text.len())..]);
    out
}

fn strip_comments_and_strings(text: &str) -> String {
    let text = regex::Regex::new(r"//[^\n]*").expect("regex").replace_all(text, "");
    let text = regex::Regex::new(r"(?s)/\*.*?\*/").expect("regex").replace_all(&text, "");
    regex::Regex::new(r#""(?:\\.|[^"\\])*""#).expect("regex").replace_all(&text, "\"\"").into_owned()
}

/// `a::{b, c::{d, e}}` → `a::b`, `a::c::d`, `a::c::e`.
fn expand(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(k) = tree.find('{') else {
        return vec![tree.split(" as ").next().unwrap_or_default().trim().to_string()];
    };
    let end = tree.rfind('}').filter(|e| *e > k).unwrap_or(tree.len() - 1).max(k + 1);
    let (head, body) = (&tree[..k], &tree[k + 1..end]);
    let (mut parts, mut depth, mut cur) = (Vec::new(), 0i32, String::new());
    for ch in body.chars() {
        if ch == ',' && depth == 0 {
            parts.push(std::mem::take(&mut cur));
            continue;
        }
        match ch {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        cur.push(ch);
    }
    parts.push(cur);
    parts.iter().filter(|p| !p.trim().is_empty()).flat_map(|p| expand(&format!("{head}{}", p.trim()))).collect()
}

fn resolve(segments: &[&str], here: &Module, files: &BTreeMap<Module, PathBuf>) -> Option<(Module, String)> {
    let first = *segments.first()?;
    let segs: Vec<String> = if first == "crate" {
        segments[1..].iter().map(|s| s.to_string()).collect()
    } else if first == "super" || first == "self" {
        let mut base = here.clone();
        let mut rest: Vec<&str> = segments.to_vec();
        while let Some(s) = rest.first().copied().filter(|s| *s == "super" || *s == "self") {
            rest.remove(0);
            if s == "super" {
                base.pop();
            }
        }
        base.extend(rest.iter().map(|s| s.to_string()));
        base
    } else {
        return None;
    };
    for n in (1..=segs.len()).rev() {
        let m: Module = segs[..n].to_vec();
        if files.contains_key(&m) {
            let name = segs.get(n).or_else(|| segs.get(n - 1)).cloned().unwrap_or_default();
            return Some((m, name));
        }
    }
    None
}

/// Import arrows between the library's files: from → to → the names that tie them.
fn import_graph() -> (BTreeMap<Module, PathBuf>, Edges) {
    let src = src_dir();
    let mut files = BTreeMap::new();
    for p in rust_files(&src) {
        let m = module_of(&src, &p);
        if m.is_empty() && p.file_name().is_some_and(|n| n == "main.rs") {
            continue; // the binary crate is not part of the library's graph
        }
        files.insert(m, p);
    }
    let use_re = regex::Regex::new(r"\buse\s+([^;]+);").expect("regex");
    let crate_re = regex::Regex::new(r"crate(?:::\w+)+").expect("regex");
    let mut edges: Edges = BTreeMap::new();
    for (m, path) in &files {
        let raw = std::fs::read_to_string(path).expect("read source");
        let text = strip_comments_and_strings(&strip_tests(&raw));
        let mut paths: Vec<String> = Vec::new();
        for c in use_re.captures_iter(&text) {
            paths.extend(expand(&c[1].replace('\n', " ")));
        }
        for hit in crate_re.find_iter(&text) {
            let before = text[..hit.start()].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            paths.push(hit.as_str().to_string());
        }
        for p in paths {
            let compact = p.replace(' ', "");
            let segs: Vec<&str> = compact.split("::").collect();
            if let Some((to, name)) = resolve(&segs, m, &files)
                && !to.is_empty()
                && &to != m
            {
                edges.entry(m.clone()).or_default().entry(to).or_default().insert(name);
            }
        }
    }
    (files, edges)
}

/// Strongly connected groups of two or more files (Tarjan).
fn cycles(files: &BTreeMap<Module, PathBuf>, edges: &Edges) -> Vec<Vec<Module>> {
    struct T<'a> {
        edges: &'a Edges,
        index: HashMap<Module, usize>,
        low: HashMap<Module, usize>,
        stack: Vec<Module>,
        on: BTreeSet<Module>,
        comps: Vec<Vec<Module>>,
        counter: usize,
    }
    fn visit(t: &mut T, v: &Module) {
        t.index.insert(v.clone(), t.counter);
        t.low.insert(v.clone(), t.counter);
        t.counter += 1;
        t.stack.push(v.clone());
        t.on.insert(v.clone());
        let next: Vec<Module> = t.edges.get(v).map(|e| e.keys().cloned().collect()).unwrap_or_default();
        for w in next {
            if !t.index.contains_key(&w) {
                visit(t, &w);
                let lw = t.low[&w];
                let lv = t.low.get_mut(v).expect("visited");
                *lv = (*lv).min(lw);
            } else if t.on.contains(&w) {
                let iw = t.index[&w];
                let lv = t.low.get_mut(v).expect("visited");
                *lv = (*lv).min(iw);
            }
        }
        if t.low[v] == t.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = t.stack.pop() {
                t.on.remove(&w);
                let done = &w == v;
                comp.push(w);
                if done {
                    break;
                }
            }
            if comp.len() > 1 {
                t.comps.push(comp);
            }
        }
    }
    let mut t = T {
        edges,
        index: HashMap::new(),
        low: HashMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        comps: Vec::new(),
        counter: 0,
    };
    for v in files.keys() {
        if !t.index.contains_key(v) {
            visit(&mut t, v);
        }
    }
    t.comps
}

fn rel(p: &Path) -> String {
    p.strip_prefix(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap_or(p).display().to_string()
}

#[test]
fn no_source_file_imports_itself_through_others() {
    let (files, edges) = import_graph();
    let found = cycles(&files, &edges);
    let mut report = String::new();
    for comp in &found {
        report.push_str(&format!("cycle of {} files:\n", comp.len()));
        let members: BTreeSet<&Module> = comp.iter().collect();
        for a in comp {
            for (b, names) in edges.get(a).into_iter().flatten() {
                if members.contains(b) {
                    let names: Vec<&str> = names.iter().map(String::as_str).collect();
                    report.push_str(&format!("  {} -> {}: {}\n", rel(&files[a]), rel(&files[b]), names.join(", ")));
                }
            }
        }
    }
    assert!(found.is_empty(), "shared code belongs below the features that use it:\n{report}");
}

#[test]
fn the_cycle_check_finds_a_loop_when_there_is_one() {
    let mut files = BTreeMap::new();
    for m in ["a", "b", "c"] {
        files.insert(vec![m.to_string()], PathBuf::from(format!("{m}.rs")));
    }
    let mut edges: Edges = BTreeMap::new();
    let arrow = |edges: &mut Edges, a: &str, b: &str| {
        edges.entry(vec![a.into()]).or_default().entry(vec![b.into()]).or_default().insert("x".into());
    };
    arrow(&mut edges, "a", "b");
    arrow(&mut edges, "b", "c");
    assert!(cycles(&files, &edges).is_empty());
    arrow(&mut edges, "c", "a");
    assert_eq!(cycles(&files, &edges).len(), 1);
    assert_eq!(expand("crate::a::{b, c::{d, e as f}}"), ["crate::a::b", "crate::a::c::d", "crate::a::c::e"]);
}

/// The features that build on the shared registries; the registries never reach back into them.
const FEATURES: [&str; 7] = ["inspections", "documents", "calendar", "complaints", "permits", "reports", "home"];

#[test]
fn the_shared_registry_and_the_start_page_depend_on_no_feature() {
    let (files, edges) = import_graph();
    let mut found = Vec::new();
    for (from, tos) in &edges {
        let Some(top) = from.first().map(String::as_str) else { continue };
        if top != "outlets" && top != "home" {
            continue;
        }
        for to in tos.keys() {
            let target = to.first().map(String::as_str).unwrap_or_default();
            if FEATURES.contains(&target) && target != top && !(top == "outlets" && target == "home") {
                found.push(format!("{} -> {}", rel(&files[from]), rel(&files[to])));
            }
        }
    }
    assert!(found.is_empty(), "features contribute panels and tiles instead: {found:#?}");
}

fn is_handler_file(p: &Path) -> bool {
    let s = p.to_string_lossy();
    s.contains("/pages/") || s.ends_with("/pages.rs") || s.ends_with("/api.rs") || s.contains("/api/")
}

#[test]
fn page_and_api_handlers_never_query_the_database_themselves() {
    let mut found = Vec::new();
    for p in rust_files(&src_dir()).into_iter().filter(|p| is_handler_file(p)) {
        let text = strip_comments_and_strings(&strip_tests(&std::fs::read_to_string(&p).expect("read")));
        for marker in
            ["diesel::", "schema::", "sql_query", ".execute(conn", ".get_result(conn", ".first(conn", "::table"]
        {
            if text.contains(marker) {
                found.push(format!("{}: {marker}", rel(&p)));
            }
        }
    }
    assert!(found.is_empty(), "reads belong in the feature's queries, writes in its steps: {found:#?}");
}

#[test]
fn no_source_file_grows_past_six_hundred_lines() {
    let long: Vec<String> = rust_files(&src_dir())
        .into_iter()
        .filter_map(|p| {
            let n = std::fs::read_to_string(&p).expect("read").lines().count();
            (n > 620).then(|| format!("{}: {n} lines", rel(&p)))
        })
        .collect();
    assert!(long.is_empty(), "split these along their parts: {long:#?}");
}

#[test]
fn every_feature_has_its_route_table_in_its_mod_file() {
    for feature in ["agencies", "calendar", "documents", "inspections", "outlets", "sectors", "users"] {
        let dir = src_dir().join(feature);
        let m = std::fs::read_to_string(dir.join("mod.rs")).expect("mod.rs");
        assert!(
            m.contains("pub fn configure(") && m.contains("pub fn configure_api("),
            "{feature}: mod.rs lists the routes"
        );
        for part in ["queries", "pages", "steps"] {
            assert!(dir.join(part).exists() || dir.join(format!("{part}.rs")).exists(), "{feature} has no {part}");
        }
        let elsewhere: Vec<String> = rust_files(&dir)
            .into_iter()
            .filter(|p| !p.ends_with("mod.rs") || p.parent() != Some(dir.as_path()))
            .filter(|p| std::fs::read_to_string(p).expect("read").contains("pub fn configure("))
            .map(|p| rel(&p))
            .collect();
        assert!(elsewhere.is_empty(), "{feature}: one route table, in mod.rs: {elsewhere:?}");
    }
}

fn vietnamese(s: &str) -> bool {
    s.chars().any(|c| {
        "ăâđêôơưĂÂĐÊÔƠƯ".contains(c)
            || ('\u{1EA0}'..='\u{1EF9}').contains(&c)
            || "àáãèéìíòóõùúýỳÀÁÃÈÉÌÍÒÓÕÙÚÝ".contains(c)
    })
}

fn files_under(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("read dir") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            out.extend(files_under(&p, ext));
        } else if p.extension().is_some_and(|x| x == ext) {
            out.push(p);
        }
    }
    out
}

/// Interface text lives in the i18n tables (`src/i18n/`). Vietnamese may stand elsewhere only as
/// the wording of documents (`src/documents`, `compose`, seeds, mail to businesses), or marked
/// `lang="vi"` in a template (a document's header shown as it prints).
#[test]
fn no_vietnamese_interface_text_is_written_outside_the_i18n_tables() {
    let mut found = Vec::new();
    let tags = regex::Regex::new(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}").expect("regex");
    let templates = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    for p in files_under(&templates, "html") {
        let s = p.to_string_lossy();
        if s.contains("/defaults/") || s.contains("/email/") {
            continue;
        }
        for (i, line) in std::fs::read_to_string(&p).expect("read").lines().enumerate() {
            if line.contains("lang=\"vi\"") {
                continue;
            }
            if vietnamese(&tags.replace_all(line, "")) {
                found.push(format!("{}:{}", rel(&p), i + 1));
            }
        }
    }
    let literal = regex::Regex::new(r#""((?:\\.|[^"\\])*)""#).expect("regex");
    for p in rust_files(&src_dir()) {
        let s = p.to_string_lossy();
        let screen = s.contains("/pages/") || s.ends_with("/pages.rs") || s.ends_with("/api.rs") || s.contains("/api/");
        let rules = s.ends_with("/state.rs") || s.ends_with("/choices.rs") || s.contains("/queries");
        let shared = s.contains("/src/web/") || s.contains("/src/home/") || s.contains("/src/error/");
        if !(screen || rules || shared) || (s.contains("/src/documents/") && !screen) {
            continue;
        }
        let text = strip_tests(&std::fs::read_to_string(&p).expect("read"));
        for (i, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            if literal.captures_iter(line).any(|c| vietnamese(&c[1])) {
                found.push(format!("{}:{}", rel(&p), i + 1));
            }
        }
    }
    assert!(found.is_empty(), "put these strings in the i18n tables: {found:#?}");
}
