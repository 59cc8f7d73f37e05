//! Shared helpers of the integration tests: where the docs snapshots are, cached scrapes, and
//! snapshot files that `UPDATE_SNAPSHOTS=1` / `UPDATE_GOLDEN=1` rewrite.

#![allow(dead_code, unreachable_pub)] // Each test binary uses a different part of this module.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use botapi_spec::Spec;

/// `../shared/botapi` beside the workspace, or None after printing why the test is skipped.
pub fn botapi_dir(test: &str) -> Option<PathBuf> {
    let dir = xtask::regen::workspace_root().join("../shared/botapi");
    if dir.is_dir() {
        Some(dir)
    } else {
        println!(
            "SKIPPED: {test}: the docs snapshots folder {} is absent",
            dir.display()
        );
        None
    }
}

/// The docs page whose scrapes the snapshots, goldens and counts of these tests pin: a fixed page,
/// so that committing a new Bot API release does not touch them.
pub const FIXTURE_VERSION: &str = "10.1";

/// The docs page of `version` (`10.1`), or None after printing why the test is skipped.
pub fn docs_page(test: &str, version: &str) -> Option<PathBuf> {
    let path = botapi_dir(test)?.join(format!("api-{version}.html"));
    if path.is_file() {
        Some(path)
    } else {
        println!("SKIPPED: {test}: {} is absent", path.display());
        None
    }
}

/// The docs page of the version the committed `spec/api.json` records (what `cargo xtask regen
/// --check --offline` reads), or None after printing why the test is skipped.
pub fn committed_docs_page(test: &str) -> Option<PathBuf> {
    docs_page(test, &Spec::bundled().version)
}

/// The scrape of a docs page, cached per test binary (scraping in debug builds is slow-ish).
pub fn scraped(path: &Path) -> Spec {
    static CACHE: OnceLock<Mutex<HashMap<PathBuf, Spec>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(spec) = cache.lock().unwrap().get(path) {
        return spec.clone();
    }
    let html = std::fs::read_to_string(path).unwrap();
    let spec = xtask::scrape::scrape_html(&html)
        .unwrap_or_else(|e| panic!("scraping {} failed: {e}", path.display()));
    cache.lock().unwrap().insert(path.to_path_buf(), spec.clone());
    spec
}

/// Compares `actual` with the committed file, or rewrites the file when `env_var` is set.
pub fn assert_file(path: &Path, actual: &str, env_var: &str) {
    if std::env::var_os(env_var).is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, actual).unwrap();
        println!("updated {}", path.display());
        return;
    }
    let expected = std::fs::read_to_string(path)
        .unwrap_or_else(|_| panic!("{} is missing: run the test with {env_var}=1", path.display()))
        .replace("\r\n", "\n");
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        panic!(
            "{} is out of date (first difference at line {}):\n  committed: {:?}\n  actual:    {:?}\n\
             rerun with {env_var}=1 to rewrite it, and review the diff",
            path.display(),
            line + 1,
            expected.lines().nth(line).unwrap_or(""),
            actual.lines().nth(line).unwrap_or(""),
        );
    }
}

/// This crate's folder.
pub fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}
