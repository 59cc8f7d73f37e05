//! Snapshot tests: codegen's output for a tiny hand-written spec, committed so that a change in
//! codegen shows up as a reviewable diff. `UPDATE_SNAPSHOTS=1 cargo test -p botapi-codegen`
//! rewrites them.
//!
//! The fixture covers a small object with a keyword field and a documented value list, a
//! recursive reference, a tagged union, a method with a file parameter, a method without
//! parameters returning `True`, and the camelCase aliases (hidden from rustdoc).

use std::path::Path;

use botapi_spec::{Overrides, Spec};

fn check(fixture: &str, files: &[&str]) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let spec =
        Spec::from_json(&std::fs::read_to_string(dir.join("fixtures").join(fixture)).unwrap()).unwrap();
    spec.validate().expect("the fixture is a valid spec");
    let generated = botapi_codegen::generate_with(&spec, &Overrides::default());
    for file in files {
        let (_, text) = generated
            .iter()
            .find(|(path, _)| path.ends_with(file))
            .unwrap_or_else(|| panic!("codegen produced no `{file}`"));
        let snapshot = dir.join("snapshots").join(file.replace('/', "__"));
        if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
            std::fs::write(&snapshot, text).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&snapshot)
            .unwrap_or_else(|_| panic!("no snapshot {}: run with UPDATE_SNAPSHOTS=1", snapshot.display()));
        assert!(
            expected.replace("\r\n", "\n") == *text,
            "{file} differs from its snapshot {}; review the change and run with UPDATE_SNAPSHOTS=1",
            snapshot.display()
        );
    }
}

#[test]
fn small_object_union_and_methods() {
    check(
        "mini.json",
        &[
            "types/chat.rs",
            "types/message.rs",
            "types/shape.rs",
            "types/enums.rs",
            "methods/send_document.rs",
            "methods/close.rs",
            "aliases.rs",
        ],
    );
}

#[test]
fn generation_is_deterministic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let spec = Spec::from_json(&std::fs::read_to_string(dir.join("mini.json")).unwrap()).unwrap();
    let first = botapi_codegen::generate_with(&spec, &Overrides::default());
    let second = botapi_codegen::generate_with(&spec, &Overrides::default());
    assert_eq!(first, second);
}

#[test]
#[should_panic(expected = "does not match the spec")]
fn a_stale_override_is_an_error() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let spec = Spec::from_json(&std::fs::read_to_string(dir.join("mini.json")).unwrap()).unwrap();
    let overrides = Overrides::from_toml("[enum_names]\n\"Chat.kind\" = \"ChatKind\"\n").unwrap();
    botapi_codegen::generate_with(&spec, &overrides);
}
