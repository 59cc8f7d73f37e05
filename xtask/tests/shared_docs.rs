//! Tests over the real docs snapshots in `../shared/botapi`: counts, validation, the committed
//! `api.json`, freshness of everything regen writes, entry snapshots and the API diff goldens.
//!
//! The committed spec is compared with the page of the version it records, whatever that is;
//! the snapshots, goldens and counts are pinned to fixed pages ([`FIXTURE_VERSION`] and older).
//! Each test prints `SKIPPED: ...` and returns when the snapshots are absent.

mod common;

use botapi_spec::Spec;
use common::{FIXTURE_VERSION, assert_file, botapi_dir, committed_docs_page, crate_dir, docs_page, scraped};
use xtask::{diff, regen};

#[test]
fn each_version_has_the_documented_counts_and_validates() {
    // (version, methods, objects including unions, rows of all field and parameter tables, of
    // which required). The row counts were taken from the HTML independently of the scraper.
    let versions = [
        ("5.3", 78, 124, 1141, 485),
        ("9.2", 158, 278, 2198, 906),
        ("10.1", 180, 359, 2632, 1126),
    ];
    for (version, methods, objects, rows, required) in versions {
        let Some(page) = docs_page("counts", version) else {
            return;
        };
        let spec = scraped(&page);
        assert_eq!(spec.version, version);
        assert_eq!(spec.methods.len(), methods, "methods of {version}");
        assert_eq!(spec.objects.len(), objects, "objects of {version}");
        let fields = spec
            .objects
            .iter()
            .flat_map(|o| o.fields())
            .chain(spec.methods.iter().flat_map(|m| &m.params));
        let (all, mandatory) = fields.fold((0, 0), |(n, r), f| (n + 1, r + usize::from(f.required)));
        assert_eq!(
            (all, mandatory),
            (rows, required),
            "fields and parameters (all, required) of {version}"
        );
        if let Err(e) = spec.validate() {
            panic!("the scrape of {version} does not validate: {e}");
        }
    }
}

#[test]
fn release_facts_of_10_1() {
    let Some(page) = docs_page("release facts", FIXTURE_VERSION) else {
        return;
    };
    let spec = scraped(&page);
    assert_eq!(spec.release_date, "2026-06-11");
    assert!(
        spec.changelog
            .starts_with("**Bot API 10.1**\n\n**Rich Messages**\n\n- Added support for")
    );
    assert!(spec.changelog.contains("[sendRichMessage](#sendrichmessage)"));
}

#[test]
fn committed_api_json_is_the_scrape_of_its_docs_page() {
    let Some(page) = committed_docs_page("committed api.json") else {
        return;
    };
    let fresh = scraped(&page).to_json();
    let committed = botapi_spec::API_JSON.replace("\r\n", "\n");
    assert!(
        committed == fresh,
        "spec/api.json is not the scrape of {}: run `cargo xtask regen --html {}`",
        page.display(),
        page.display()
    );
    assert_eq!(Spec::from_json(&committed).unwrap(), scraped(&page));
    assert_eq!(
        regen::committed_docs_page(&regen::workspace_root()).unwrap(),
        regen::workspace_root().join(format!("../shared/botapi/api-{}.html", Spec::bundled().version)),
        "`--offline` reads the page this test compares with"
    );
}

/// What CI runs, `cargo xtask regen --check --offline` (the page of the committed version), so
/// that `cargo test` alone catches a stale api.json or generated crate.
#[test]
fn regen_outputs_are_fresh() {
    if committed_docs_page("regen freshness").is_none() {
        return;
    }
    let root = regen::workspace_root();
    let source = regen::Source::Offline(regen::Pick::Committed);
    let outputs = regen::outputs(&regen::load_spec(&root, &source).unwrap()).unwrap();
    let stale = regen::check(&root, &outputs).unwrap();
    assert!(
        stale.is_empty(),
        "{}",
        regen::stale_report(&stale, "regen", &source)
    );
}

/// Representative entries, committed as JSON: a plain object, the update envelope, a union with
/// a discriminator and its variants, a union without one, and two methods.
#[test]
fn representative_entries_match_their_snapshots() {
    let Some(page) = docs_page("entry snapshots", FIXTURE_VERSION) else {
        return;
    };
    let spec = scraped(&page);
    let objects = [
        "Message",
        "Update",
        "ChatMember",
        "ChatMemberOwner",
        "ChatMemberAdministrator",
        "ChatMemberMember",
        "ChatMemberRestricted",
        "ChatMemberLeft",
        "ChatMemberBanned",
        "InlineQueryResult",
    ];
    for name in objects {
        let object = spec.object(name).unwrap_or_else(|| panic!("no object {name}"));
        let json = serde_json::to_string_pretty(object).unwrap() + "\n";
        assert_file(
            &crate_dir().join(format!("tests/snapshots/{name}.json")),
            &json,
            "UPDATE_SNAPSHOTS",
        );
    }
    for name in ["sendMediaGroup", "getChatMember"] {
        let method = spec.method(name).unwrap_or_else(|| panic!("no method {name}"));
        let json = serde_json::to_string_pretty(method).unwrap() + "\n";
        assert_file(
            &crate_dir().join(format!("tests/snapshots/{name}.json")),
            &json,
            "UPDATE_SNAPSHOTS",
        );
    }
}

#[test]
fn diff_9_2_to_10_1_matches_golden() {
    let Some(dir) = botapi_dir("diff 9.2 → 10.1") else {
        return;
    };
    let (old, new) = (dir.join("api-9.2.html"), dir.join("api-10.1.html"));
    let changes = diff::diff(&scraped(&old), &scraped(&new));
    assert_eq!(
        changes.exit_code(true),
        1,
        "--exit-code exits 1 when there are differences"
    );
    assert_eq!(changes.exit_code(false), 0);
    assert_file(
        &crate_dir().join("tests/golden/diff-9.2-10.1.md"),
        &changes.to_markdown(),
        "UPDATE_GOLDEN",
    );
}

#[test]
fn diff_5_3_to_9_2_matches_golden() {
    let Some(dir) = botapi_dir("diff 5.3 → 9.2") else {
        return;
    };
    let (old, new) = (dir.join("api-5.3.html"), dir.join("api-9.2.html"));
    let changes = diff::diff(&scraped(&old), &scraped(&new));
    assert_eq!(changes.exit_code(true), 1);
    assert_file(
        &crate_dir().join("tests/golden/diff-5.3-9.2.md"),
        &changes.to_markdown(),
        "UPDATE_GOLDEN",
    );
}

#[test]
fn diff_loads_html_and_json_alike() {
    let Some(page) = committed_docs_page("diff loading") else {
        return;
    };
    let from_html = diff::load(&page).unwrap();
    let from_json = diff::load(&regen::workspace_root().join(regen::API_JSON)).unwrap();
    let changes = diff::diff(&from_html, &from_json);
    assert!(changes.is_empty(), "{}", changes.to_markdown());
    assert_eq!(
        changes.exit_code(true),
        0,
        "--exit-code exits 0 when there is no difference"
    );
}
