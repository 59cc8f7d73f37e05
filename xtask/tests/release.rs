//! A Bot API release, simulated in a temporary folder: a scratch workspace holding the committed
//! `spec/api.json`, and a docs folder beside it with the committed version's page and a "next
//! version" made from it (a new changelog entry and a new field). Release day must be: save the
//! page beside the others, run `cargo xtask regen --offline`, commit; after that,
//! `cargo xtask regen --check --offline` (what CI runs) follows the new version by itself.
//!
//! The same functions as the command line are called (`load_spec`, `outputs`, `write`, `check`).
//! Each test prints `SKIPPED: ...` and returns when the docs snapshots are absent.

mod common;

use std::fs;
use std::path::PathBuf;

use botapi_spec::Spec;
use common::committed_docs_page;
use xtask::regen::{self, Pick, Source};

/// A scratch workspace `ws/` with the committed `spec/api.json`, and `shared/botapi/` beside it
/// with the committed version's page.
struct Release {
    _dir: tempfile::TempDir,
    root: PathBuf,
    docs: PathBuf,
    /// The committed version's page, as text.
    page: String,
}

impl Release {
    fn new(test: &str) -> Option<Release> {
        let page_path = committed_docs_page(test)?;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("ws");
        fs::create_dir_all(root.join("spec")).unwrap();
        // `ws/../shared/botapi`, spelled as `--offline` finds it.
        let docs = root.join(regen::DOCS_DIR);
        fs::create_dir_all(&docs).unwrap();
        fs::write(root.join(regen::API_JSON), botapi_spec::API_JSON).unwrap();
        let page = fs::read_to_string(&page_path).unwrap();
        fs::write(docs.join(page_path.file_name().unwrap()), &page).unwrap();
        Some(Release {
            _dir: dir,
            root,
            docs,
            page,
        })
    }

    /// Saves `html` as the docs page named after `version`.
    fn save(&self, version: &str, html: &str) -> PathBuf {
        let path = self.docs.join(format!("api-{version}.html"));
        fs::write(&path, html).unwrap();
        path
    }
}

/// The version after `version`: `10.1` -> `10.2`.
fn next(version: &str) -> String {
    let (major, minor) = version.rsplit_once('.').unwrap();
    format!("{major}.{}", minor.parse::<u32>().unwrap() + 1)
}

/// `html` with a newer "Recent changes" entry on top, announcing Bot API `version`.
fn announce(html: &str, version: &str) -> String {
    let marker = "</blockquote>\n<h4>";
    let at = html
        .find(marker)
        .expect("the \"Recent changes\" quote, then the newest entry")
        + "</blockquote>\n".len();
    let entry = format!(
        "<h4><a class=\"anchor\" name=\"december-31-2099\" href=\"#december-31-2099\"><i class=\"anchor-icon\"></i></a>December 31, 2099</h4>\n\
         <p><strong>Bot API {version}</strong></p>\n<ul>\n<li>Added a field.</li>\n</ul>\n"
    );
    format!("{}{entry}{}", &html[..at], &html[at..])
}

/// `html` with a row for a new optional field after the row of `after` in the table of the
/// object whose anchor is `anchor`.
fn add_field(html: &str, anchor: &str, after: &str, row: &str) -> String {
    let object = html
        .find(&format!("name=\"{anchor}\""))
        .unwrap_or_else(|| panic!("no #{anchor}"));
    let cell = object
        + html[object..]
            .find(&format!("<td>{after}</td>"))
            .unwrap_or_else(|| panic!("#{anchor} has no row `{after}`"));
    let end = cell + html[cell..].find("</tr>").unwrap() + "</tr>".len();
    format!("{}\n{row}{}", &html[..end], &html[end..])
}

const NEW_USER_FIELD: &str = "<tr>\n<td>can_time_travel</td>\n<td>Boolean</td>\n<td><em>Optional</em>. <em>True</em>, if the bot can travel in time.</td>\n</tr>";

#[test]
fn a_release_is_one_command_and_the_check_follows_it() {
    let Some(release) = Release::new("release simulation") else {
        return;
    };
    let root = &release.root;
    let committed = Spec::bundled().version;
    let new = next(&committed);
    let page = add_field(
        &announce(&release.page, &new),
        "user",
        "first_name",
        NEW_USER_FIELD,
    );
    let new_page = release.save(&new, &page);
    assert_eq!(
        regen::newer_page(root).unwrap(),
        Some(new_page.clone()),
        "the check notices the saved page"
    );

    // `cargo xtask regen --offline`: the newest page.
    let spec = regen::load_spec(root, &Source::Offline(Pick::Newest)).unwrap();
    assert_eq!(spec.version, new);
    let user = spec.object("User").unwrap();
    assert!(user.fields().iter().any(|f| f.name == "can_time_travel"));
    let outputs = regen::outputs(&spec).unwrap();
    let written = regen::write(root, &outputs).unwrap();
    assert_eq!(
        written.changed.len(),
        outputs.len(),
        "api.json rewritten, the rest created"
    );
    let user_rs = fs::read_to_string(root.join("generated/src/types/user.rs")).unwrap();
    assert!(
        user_rs.contains(&format!("from Bot API {new}")),
        "{}",
        &user_rs[..200]
    );
    assert!(user_rs.contains("pub can_time_travel: Option<bool>"));

    // `cargo xtask regen --check --offline`: now reads the new page, and finds all fresh.
    assert_eq!(regen::committed_version(root).unwrap(), new);
    assert_eq!(
        regen::offline_page(root, Pick::Committed).unwrap(),
        (new.clone(), new_page)
    );
    assert_eq!(regen::newer_page(root).unwrap(), None);
    let spec = regen::load_spec(root, &Source::Offline(Pick::Committed)).unwrap();
    let stale = regen::check(root, &regen::outputs(&spec).unwrap()).unwrap();
    assert!(stale.is_empty(), "{stale:?}");

    // The real workspace, still on the committed version, is stale against the new page.
    let stale = regen::check(&regen::workspace_root(), &outputs).unwrap();
    assert!(
        stale.contains(&regen::Stale::Differs(regen::API_JSON.into())),
        "{stale:?}"
    );
}

#[test]
fn a_release_with_an_unclassified_message_field_fails_saying_where_to_classify_it() {
    let Some(release) = Release::new("unclassified Message field") else {
        return;
    };
    let new = next(&Spec::bundled().version);
    // After `text`, where an unlisted field used to become a new message type silently.
    let row = "<tr>\n<td>story_reaction</td>\n<td>String</td>\n<td><em>Optional</em>. Service message: a story was reacted to</td>\n</tr>";
    let page = add_field(&announce(&release.page, &new), "message", "text", row);
    release.save(&new, &page);

    let spec = regen::load_spec(&release.root, &Source::Offline(Pick::Newest)).unwrap();
    let err = regen::outputs(&spec).unwrap_err().to_string();
    assert!(
        err.contains(&format!(
            "spec/helpers.toml does not match the Bot API {new} spec"
        )),
        "{err}"
    );
    assert!(
        err.contains("`Message.story_reaction` is not classified: add it to one of `header`, `content`, `service` or `details` under [message] in spec/helpers.toml"),
        "{err}"
    );
}

#[test]
fn a_page_named_after_another_version_is_refused() {
    let Some(release) = Release::new("misnamed page") else {
        return;
    };
    let committed = Spec::bundled().version;
    let page = release.save(&next(&next(&committed)), &release.page);
    let err = regen::load_spec(&release.root, &Source::Offline(Pick::Newest))
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        format!(
            "{} documents Bot API {committed}, not {}: name it api-{committed}.html",
            page.display(),
            next(&next(&committed))
        )
    );
}
