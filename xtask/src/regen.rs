//! `cargo xtask regen`: docs HTML -> `spec/api.json` -> generated sources (and `cargo xtask
//! scrape`, the first half alone).
//!
//! Writing touches only files whose content changed, and deletes generated files (those under
//! `generated/src/` starting with `// @generated`) that codegen no longer produces. `--check`
//! writes nothing and reports what is stale, the rust-analyzer way.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use botapi_spec::Spec;

use crate::scrape;

/// Where `api.json` lives, relative to the workspace root.
pub const API_JSON: &str = "spec/api.json";
/// The folder codegen writes into, relative to the workspace root.
pub const GENERATED_SRC: &str = "generated/src";
/// Every folder codegen writes into: the bindings and the framework's spec-derived part.
pub const GENERATED_DIRS: [&str; 2] = [GENERATED_SRC, "ext/src/generated"];
/// The first line of every generated file starts with this.
pub const GENERATED_MARKER: &str = "// @generated";

/// Where the docs come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A saved docs page.
    Html(PathBuf),
    /// A URL to fetch (the official page by default).
    Url(String),
}

impl Default for Source {
    fn default() -> Source {
        Source::Url(scrape::DOCS_URL.to_string())
    }
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Html(path) => write!(f, "--html {}", path.display()),
            Source::Url(url) => write!(f, "--url {url}"),
        }
    }
}

/// The workspace root: the parent of this crate's folder.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives inside the workspace")
        .to_path_buf()
}

/// Reads (or fetches) the docs, scrapes them and validates the result.
pub fn load_spec(source: &Source) -> Result<Spec> {
    let html = match source {
        Source::Html(path) => fs::read_to_string(path)
            .with_context(|| format!("cannot read the docs page {}", path.display()))?,
        Source::Url(url) => scrape::fetch(url)?,
    };
    let spec =
        scrape::scrape_html(&html).with_context(|| format!("cannot scrape the docs page ({source})"))?;
    spec.validate()
        .with_context(|| format!("the spec scraped from {source} does not validate"))?;
    Ok(spec)
}

/// Every file regen produces from a spec: `api.json` then codegen's files, paths relative to
/// the workspace root.
pub fn outputs(spec: &Spec) -> Vec<(PathBuf, String)> {
    let mut files = vec![(PathBuf::from(API_JSON), spec.to_json())];
    files.extend(botapi_codegen::generate(spec));
    files
}

/// What a write changed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Written {
    /// Files created or rewritten.
    pub changed: Vec<PathBuf>,
    /// Stale generated files removed.
    pub deleted: Vec<PathBuf>,
    /// Files already up to date.
    pub unchanged: usize,
}

/// Writes the outputs under `root`, touching only changed files, and deletes generated files
/// that are no longer produced.
pub fn write(root: &Path, outputs: &[(PathBuf, String)]) -> Result<Written> {
    let mut written = write_files(root, outputs)?;
    for path in extra_generated(root, outputs)? {
        fs::remove_file(root.join(&path)).with_context(|| format!("cannot delete {}", path.display()))?;
        written.deleted.push(path);
    }
    Ok(written)
}

/// Writes the outputs under `root`, touching only changed files; deletes nothing (for
/// `cargo xtask scrape`, which writes `api.json` alone).
pub fn write_files(root: &Path, outputs: &[(PathBuf, String)]) -> Result<Written> {
    let mut written = Written::default();
    for (path, content) in outputs {
        let full = root.join(path);
        if read_normalized(&full).as_deref() == Some(content.as_str()) {
            written.unchanged += 1;
            continue;
        }
        if let Some(dir) = full.parent() {
            fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        }
        fs::write(&full, content).with_context(|| format!("cannot write {}", full.display()))?;
        written.changed.push(path.clone());
    }
    Ok(written)
}

/// Why a committed file does not match what regen would write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stale {
    /// The content differs.
    Differs(PathBuf),
    /// The file should exist but does not.
    Missing(PathBuf),
    /// A generated file that is no longer produced.
    Extra(PathBuf),
}

impl std::fmt::Display for Stale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Stale::Differs(path) => write!(f, "stale:   {}", path.display()),
            Stale::Missing(path) => write!(f, "missing: {}", path.display()),
            Stale::Extra(path) => write!(f, "extra:   {} (no longer generated)", path.display()),
        }
    }
}

/// Compares the outputs with the files under `root`, writing nothing. CRLF line endings in
/// the committed files (a Windows checkout) do not count as a difference.
pub fn check(root: &Path, outputs: &[(PathBuf, String)]) -> Result<Vec<Stale>> {
    let mut stale = check_files(root, outputs);
    stale.extend(extra_generated(root, outputs)?.into_iter().map(Stale::Extra));
    Ok(stale)
}

/// Compares the outputs with the files under `root`, without looking for extra generated files
/// (for `cargo xtask scrape --check`).
pub fn check_files(root: &Path, outputs: &[(PathBuf, String)]) -> Vec<Stale> {
    let mut stale = Vec::new();
    for (path, content) in outputs {
        match read_normalized(&root.join(path)) {
            None => stale.push(Stale::Missing(path.clone())),
            Some(committed) if committed != content.replace("\r\n", "\n") => {
                stale.push(Stale::Differs(path.clone()))
            }
            Some(_) => {}
        }
    }
    stale
}

/// The message `--check` prints for stale files; `command` is `regen` or `scrape`.
pub fn stale_report(stale: &[Stale], command: &str, source: &Source) -> String {
    let mut out = format!("{} generated file(s) are out of date:\n", stale.len());
    for item in stale {
        out.push_str(&format!("  {item}\n"));
    }
    out.push_str(&format!(
        "run `cargo xtask {command} {source}` and commit the result\n"
    ));
    out
}

fn read_normalized(path: &Path) -> Option<String> {
    fs::read_to_string(path)
        .ok()
        .map(|text| text.replace("\r\n", "\n"))
}

/// Files under the generated folders that start with the generated marker but are not in `outputs`.
/// Hand-written files there (without the marker) are never touched.
fn extra_generated(root: &Path, outputs: &[(PathBuf, String)]) -> Result<Vec<PathBuf>> {
    let produced: BTreeSet<&Path> = outputs.iter().map(|(path, _)| path.as_path()).collect();
    let mut found = Vec::new();
    for dir in GENERATED_DIRS {
        collect_files(root, Path::new(dir), &mut found)?;
    }
    found.sort();
    Ok(found
        .into_iter()
        .filter(|path| !produced.contains(path.as_path()))
        .filter(|path| {
            read_normalized(&root.join(path)).is_some_and(|text| {
                text.lines()
                    .next()
                    .is_some_and(|line| line.starts_with(GENERATED_MARKER))
            })
        })
        .collect())
}

fn collect_files(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let entries = match fs::read_dir(root.join(dir)) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e).with_context(|| format!("cannot list {}", dir.display())),
    };
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot list {}", dir.display()))?;
        let path = dir.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            collect_files(root, &path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scratch workspace in the temp folder, removed on drop.
    struct Scratch(PathBuf);

    impl Scratch {
        fn new(name: &str) -> Scratch {
            let dir = std::env::temp_dir().join(format!("xtask-regen-{name}-{}", std::process::id()));
            let _ = fs::remove_dir_all(&dir);
            fs::create_dir_all(&dir).unwrap();
            Scratch(dir)
        }

        fn put(&self, path: &str, content: &str) {
            let full = self.0.join(path);
            fs::create_dir_all(full.parent().unwrap()).unwrap();
            fs::write(full, content).unwrap();
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    fn outputs() -> Vec<(PathBuf, String)> {
        vec![
            (PathBuf::from("spec/api.json"), "{}\n".to_string()),
            (
                PathBuf::from("generated/src/types.rs"),
                "// @generated\nstruct A;\n".to_string(),
            ),
        ]
    }

    #[test]
    fn writes_only_changes_and_removes_stale_generated_files() {
        let ws = Scratch::new("write");
        ws.put("spec/api.json", "{}\n");
        ws.put("generated/src/old.rs", "// @generated by cargo xtask codegen\n");
        ws.put("generated/src/lib.rs", "// hand-written\n");

        let written = write(&ws.0, &outputs()).unwrap();
        assert_eq!(written.changed, [PathBuf::from("generated/src/types.rs")]);
        assert_eq!(written.deleted, [PathBuf::from("generated/src/old.rs")]);
        assert_eq!(written.unchanged, 1);
        assert!(
            ws.0.join("generated/src/lib.rs").exists(),
            "hand-written files stay"
        );
        assert_eq!(check(&ws.0, &outputs()).unwrap(), []);

        // A second run changes nothing.
        assert_eq!(
            write(&ws.0, &outputs()).unwrap(),
            Written {
                unchanged: 2,
                ..Written::default()
            }
        );
    }

    #[test]
    fn check_lists_stale_missing_and_extra_files() {
        let ws = Scratch::new("check");
        ws.put("spec/api.json", "{ \"old\": 1 }\n");
        ws.put("generated/src/gone.rs", "// @generated\n");
        let stale = check(&ws.0, &outputs()).unwrap();
        assert_eq!(
            stale,
            [
                Stale::Differs("spec/api.json".into()),
                Stale::Missing("generated/src/types.rs".into()),
                Stale::Extra("generated/src/gone.rs".into()),
            ]
        );
        assert_eq!(check_files(&ws.0, &outputs()), stale[..2]);
        let report = stale_report(
            &stale,
            "regen",
            &Source::Html("../shared/botapi/api-10.1.html".into()),
        );
        assert!(report.contains("stale:   spec/api.json"), "{report}");
        assert!(report.contains("run `cargo xtask regen --html ../shared/botapi/api-10.1.html` and commit"));
        // Nothing was written.
        assert_eq!(
            fs::read_to_string(ws.0.join("spec/api.json")).unwrap(),
            "{ \"old\": 1 }\n"
        );
    }

    #[test]
    fn check_ignores_crlf() {
        let ws = Scratch::new("crlf");
        ws.put("spec/api.json", "{}\r\n");
        ws.put("generated/src/types.rs", "// @generated\r\nstruct A;\r\n");
        assert_eq!(check(&ws.0, &outputs()).unwrap(), []);
    }
}
