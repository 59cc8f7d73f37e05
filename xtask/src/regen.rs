//! `cargo xtask regen`: docs HTML -> `spec/api.json` -> generated sources (and `cargo xtask
//! scrape`, the first half alone).
//!
//! Writing touches only files whose content changed, and deletes generated files (those under
//! `generated/src/` starting with `// @generated`) that codegen no longer produces. `--check`
//! writes nothing and reports what is stale, the rust-analyzer way.
//!
//! The saved docs pages live in [`DOCS_DIR`] as `api-{version}.html`. `--offline` reads one of
//! them instead of fetching the live page: the page of the version `spec/api.json` records
//! when checking, the newest one when writing. A Bot API release is then: save the new page
//! beside the others, run `cargo xtask regen --offline`, commit.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use botapi_spec::{Helpers, Overrides, Shortcuts, Spec};

use crate::scrape;

/// Where `api.json` lives, relative to the workspace root.
pub const API_JSON: &str = "spec/api.json";
/// The folder codegen writes into, relative to the workspace root.
pub const GENERATED_SRC: &str = "generated/src";
/// Every folder codegen writes into: the bindings and the framework's spec-derived part.
pub const GENERATED_DIRS: [&str; 2] = [GENERATED_SRC, "ext/src/generated"];
/// The first line of every generated file starts with this.
pub const GENERATED_MARKER: &str = "// @generated";
/// The saved docs pages (`api-{version}.html`), relative to the workspace root.
pub const DOCS_DIR: &str = "../shared/botapi";

/// Where the docs come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A saved docs page.
    Html(PathBuf),
    /// A URL to fetch (the official page by default).
    Url(String),
    /// A page of the docs folder ([`DOCS_DIR`]).
    Offline(Pick),
}

/// Which page of the docs folder [`Source::Offline`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// The page of the version `spec/api.json` records: what `regen --check --offline`
    /// compares the committed files with.
    Committed,
    /// The newest page: on release day, the one just saved beside the others.
    Newest,
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
            Source::Offline(_) => f.write_str("--offline"),
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

/// The Bot API version the committed `spec/api.json` under `root` records.
pub fn committed_version(root: &Path) -> Result<String> {
    let path = root.join(API_JSON);
    let text = fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let spec = Spec::from_json(&text).with_context(|| format!("{} is not a spec", path.display()))?;
    Ok(spec.version)
}

/// The saved docs page of `version` under `root`: `../shared/botapi/api-{version}.html`.
pub fn docs_page(root: &Path, version: &str) -> PathBuf {
    root.join(DOCS_DIR).join(format!("api-{version}.html"))
}

/// The docs page of the committed version; an error saying what to do when it is absent.
pub fn committed_docs_page(root: &Path) -> Result<PathBuf> {
    let version = committed_version(root)?;
    let page = docs_page(root, &version);
    if !page.is_file() {
        bail!(
            "no docs page of Bot API {version} (the version {API_JSON} records): expected {}; \
             save the page there, or pass --html FILE",
            page.display()
        );
    }
    Ok(page)
}

/// Every `api-{version}.html` in the docs folder, oldest version first (`9.2` before `10.1`).
pub fn docs_pages(root: &Path) -> Result<Vec<(String, PathBuf)>> {
    let dir = root.join(DOCS_DIR);
    let entries =
        fs::read_dir(&dir).with_context(|| format!("cannot list the docs folder {}", dir.display()))?;
    let mut pages = Vec::new();
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot list {}", dir.display()))?;
        let name = entry.file_name();
        let Some(version) = name
            .to_str()
            .and_then(|n| n.strip_prefix("api-"))
            .and_then(|n| n.strip_suffix(".html"))
            .filter(|v| version_key(v).is_some())
        else {
            continue;
        };
        pages.push((version.to_owned(), entry.path()));
    }
    pages.sort_by_key(|(version, _)| version_key(version));
    Ok(pages)
}

/// `10.1` -> `[10, 1]`, so that versions compare as numbers; `None` for anything else.
fn version_key(version: &str) -> Option<Vec<u32>> {
    version.split('.').map(|part| part.parse().ok()).collect()
}

/// The page `pick` chooses, with the version its name says.
pub fn offline_page(root: &Path, pick: Pick) -> Result<(String, PathBuf)> {
    match pick {
        Pick::Committed => {
            let page = committed_docs_page(root)?;
            Ok((committed_version(root)?, page))
        }
        Pick::Newest => docs_pages(root)?.pop().with_context(|| {
            format!(
                "no api-X.Y.html page in {}: save the docs page there, or pass --html FILE or --url URL",
                root.join(DOCS_DIR).display()
            )
        }),
    }
}

/// A docs page newer than the committed version, if one was saved: the release
/// `cargo xtask regen --offline` would bring in.
pub fn newer_page(root: &Path) -> Result<Option<PathBuf>> {
    let committed = version_key(&committed_version(root)?);
    Ok(docs_pages(root)?
        .into_iter()
        .rfind(|(version, _)| version_key(version) > committed)
        .map(|(_, page)| page))
}

/// Reads (or fetches) the docs, scrapes them and validates the result. `root` is the workspace
/// whose `spec/api.json` and docs folder [`Source::Offline`] looks at.
pub fn load_spec(root: &Path, source: &Source) -> Result<Spec> {
    let read = |path: &Path| {
        fs::read_to_string(path).with_context(|| format!("cannot read the docs page {}", path.display()))
    };
    let (html, named) = match source {
        Source::Html(path) => (read(path)?, None),
        Source::Url(url) => (scrape::fetch(url)?, None),
        Source::Offline(pick) => {
            let (version, page) = offline_page(root, *pick)?;
            (read(&page)?, Some((version, page)))
        }
    };
    let spec =
        scrape::scrape_html(&html).with_context(|| format!("cannot scrape the docs page ({source})"))?;
    spec.validate()
        .with_context(|| format!("the spec scraped from {source} does not validate"))?;
    if let Some((version, page)) = named {
        if spec.version != version {
            bail!(
                "{} documents Bot API {}, not {version}: name it api-{}.html",
                page.display(),
                spec.version,
                spec.version
            );
        }
    }
    Ok(spec)
}

/// Checks the curated tables (`spec/overrides.toml`, `shortcuts.toml`, `helpers.toml`) against
/// `spec`: an entry that matches nothing, or a `Message` field that `helpers.toml` does not
/// classify, is an error listing what to change.
pub fn check_tables(spec: &Spec) -> Result<()> {
    let checks = [
        ("spec/overrides.toml", Overrides::bundled().check(spec)),
        ("spec/shortcuts.toml", Shortcuts::bundled().check(spec)),
        ("spec/helpers.toml", Helpers::bundled().check(spec)),
    ];
    let mut report = String::new();
    for (file, result) in checks {
        if let Err(problems) = result {
            report.push_str(&format!(
                "{file} does not match the Bot API {} spec:\n",
                spec.version
            ));
            for problem in problems {
                report.push_str(&format!("  - {problem}\n"));
            }
        }
    }
    if report.is_empty() {
        Ok(())
    } else {
        bail!("{}", report.trim_end())
    }
}

/// Every file regen produces from a spec: `api.json` then codegen's files, paths relative to
/// the workspace root.
///
/// # Errors
///
/// When a curated table does not match the spec ([`check_tables`]).
pub fn outputs(spec: &Spec) -> Result<Vec<(PathBuf, String)>> {
    check_tables(spec)?;
    let mut files = vec![(PathBuf::from(API_JSON), spec.to_json())];
    files.extend(botapi_codegen::generate(spec));
    Ok(files)
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
        let report = stale_report(&stale, "regen", &Source::Offline(Pick::Committed));
        assert!(report.contains("stale:   spec/api.json"), "{report}");
        assert!(
            report.contains("run `cargo xtask regen --offline` and commit"),
            "{report}"
        );
        let report = stale_report(&stale, "scrape", &Source::Html("saved/api.html".into()));
        assert!(
            report.contains("run `cargo xtask scrape --html saved/api.html` and commit"),
            "{report}"
        );
        // Nothing was written.
        assert_eq!(
            fs::read_to_string(ws.0.join("spec/api.json")).unwrap(),
            "{ \"old\": 1 }\n"
        );
    }

    /// A spec file recording `version`, and nothing else.
    fn spec_json(version: &str) -> String {
        format!(
            "{{\"version\":\"{version}\",\"release_date\":\"\",\"changelog\":\"\",\"objects\":[],\"methods\":[]}}"
        )
    }

    #[test]
    fn offline_picks_the_committed_or_the_newest_page() {
        // `ws` is the workspace, `shared/botapi` the docs folder beside it.
        let tmp = Scratch::new("offline");
        let root = tmp.0.join("ws");
        tmp.put("ws/spec/api.json", &spec_json("9.2"));
        for version in ["10.1", "5.3", "9.2"] {
            tmp.put(&format!("shared/botapi/api-{version}.html"), "<html></html>");
        }
        tmp.put("shared/botapi/api-draft.html", "");
        tmp.put("shared/botapi/README.md", "");
        let page = |version: &str| docs_page(&root, version);

        let versions: Vec<String> = docs_pages(&root).unwrap().into_iter().map(|(v, _)| v).collect();
        assert_eq!(
            versions,
            ["5.3", "9.2", "10.1"],
            "numeric order, other files ignored"
        );
        assert_eq!(
            offline_page(&root, Pick::Committed).unwrap(),
            ("9.2".to_owned(), page("9.2"))
        );
        assert_eq!(
            offline_page(&root, Pick::Newest).unwrap(),
            ("10.1".to_owned(), page("10.1"))
        );
        assert_eq!(newer_page(&root).unwrap(), Some(page("10.1")));

        tmp.put("ws/spec/api.json", &spec_json("10.1"));
        assert_eq!(newer_page(&root).unwrap(), None);

        tmp.put("ws/spec/api.json", &spec_json("10.2"));
        let err = offline_page(&root, Pick::Committed).unwrap_err().to_string();
        assert!(
            err.contains("no docs page of Bot API 10.2 (the version spec/api.json records)")
                && err.contains("api-10.2.html; save the page there, or pass --html FILE"),
            "{err}"
        );
    }

    #[test]
    fn offline_without_pages_says_what_to_do() {
        let tmp = Scratch::new("no-pages");
        tmp.put("ws/spec/api.json", &spec_json("10.1"));
        let root = tmp.0.join("ws");
        let err = format!("{:#}", offline_page(&root, Pick::Newest).unwrap_err());
        assert!(err.contains("cannot list the docs folder"), "{err}");
        tmp.put("shared/botapi/README.md", "");
        let err = offline_page(&root, Pick::Newest).unwrap_err().to_string();
        assert!(
            err.contains("no api-X.Y.html page in") && err.contains("save the docs page there"),
            "{err}"
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
