//! Reads the routes registered in `src/pages/**` and `src/api/**` from the source, so that a
//! route added without a row in the permission table fails the suite.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::table::Method;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The prefix a file's routes are mounted under (`lib.rs` nests `api::routes()` at `/api`;
/// `api/mod.rs` nests every other API module at `/v1`).
fn prefix(relative: &Path) -> &'static str {
    if relative.starts_with("api/mod.rs") {
        "/api"
    } else if relative.starts_with("api") {
        "/api/v1"
    } else {
        ""
    }
}

/// The index just past the parenthesis that closes the one opened before `start`, skipping
/// string literals.
fn call_end(src: &[u8], start: usize) -> usize {
    let (mut depth, mut i, mut in_str) = (1usize, start, false);
    while i < src.len() && depth > 0 {
        match (in_str, src[i]) {
            (true, b'\\') => i += 1,
            (true, b'"') | (false, b'"') => in_str = !in_str,
            (false, b'(') => depth += 1,
            (false, b')') => depth -= 1,
            _ => {}
        }
        i += 1;
    }
    i
}

/// The HTTP methods named in a `.route(…)` call's method router (`get(…).post(…)`).
fn methods(args: &str) -> Vec<Method> {
    let mut found = Vec::new();
    for (name, method) in [("get(", Method::Get), ("post(", Method::Post)] {
        let mut from = 0;
        while let Some(i) = args[from..].find(name) {
            let at = from + i;
            let before = args[..at].chars().next_back();
            if !before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                found.push(method);
            }
            from = at + name.len();
        }
    }
    for other in ["put(", "patch(", "delete(", "any("] {
        assert!(
            !args.contains(other),
            "the guard reads only GET and POST; teach it {other}"
        );
    }
    found
}

/// `(method, full path)` of every `.route("…", …)` in one file.
fn routes_in(src: &str, prefix: &str, file: &Path, out: &mut BTreeSet<(Method, String)>) {
    let bytes = src.as_bytes();
    let mut from = 0;
    while let Some(i) = src[from..].find(".route(") {
        let open = from + i + ".route(".len();
        let rest = src[open..].trim_start();
        let path_start = src.len() - rest.len();
        let path = rest
            .strip_prefix('"')
            .and_then(|r| r.split('"').next())
            .unwrap_or_else(|| panic!("{}: a .route( whose path is not a literal", file.display()));
        let end = call_end(bytes, open);
        let found = methods(&src[path_start + path.len() + 2..end]);
        assert!(
            !found.is_empty(),
            "{}: no method for {path}",
            file.display()
        );
        for m in found {
            out.insert((m, format!("{prefix}{path}")));
        }
        from = end;
    }
}

/// Every route the page and API modules register.
pub fn registered_routes() -> BTreeSet<(Method, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = BTreeSet::new();
    for area in ["pages", "api"] {
        let mut files = Vec::new();
        rust_files(&src.join(area), &mut files);
        for file in files {
            let text = std::fs::read_to_string(&file).expect("source file");
            // Comment lines may quote `.route(`; only code counts.
            let code: String = text
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .map(|l| format!("{l}\n"))
                .collect();
            let relative = file.strip_prefix(&src).expect("under src");
            routes_in(&code, prefix(relative), &file, &mut out);
        }
    }
    out
}
