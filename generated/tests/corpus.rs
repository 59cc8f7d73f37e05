//! The real-payload corpus (`../shared/corpus`): 260 updates and 79 API responses captured from
//! public projects' fixtures and the official docs.
//!
//! Every update must deserialize without a malformed or unknown kind and re-serialize without
//! losing a field the spec knows, unless it is on the allow-list below with the reason it
//! cannot. Every response's `result` must deserialize as the type the manifest names. The test
//! prints a per-file report and fails on any file not in the expected state, in either
//! direction, so an improvement also shows up (and shrinks the list).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use botapi::types::*;
use botapi_spec::{Spec, Type};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Updates that cannot be read as the current spec describes them, and why. Each reads as an
/// update whose kind is `UpdateKind::Malformed`, keeping its raw JSON: nothing is lost.
const MALFORMED_ALLOWED: &[(&str, &str)] = &[
    (
        "updates/001.json",
        "docs example predates the required `Chat.type`",
    ),
    (
        "updates/008.json",
        "docs example predates the required `Audio.file_unique_id` (Bot API 4.5)",
    ),
    (
        "updates/009.json",
        "docs example predates the required `Voice.file_unique_id` (Bot API 4.5)",
    ),
    (
        "updates/010.json",
        "docs example predates the required `Document.file_unique_id` (Bot API 4.5)",
    ),
    (
        "updates/011.json",
        "docs example sends `InlineQuery.id` as a number; the spec says String",
    ),
    (
        "updates/013.json",
        "docs example predates the required `CallbackQuery.chat_instance`",
    ),
    (
        "updates/104.json",
        "`subscription` is not an update kind of this spec: kept as UpdateKind::Unknown",
    ),
    ("updates/117.json", "capture predates the required `Chat.type`"),
    ("updates/118.json", "capture predates the required `Chat.type`"),
    ("updates/119.json", "capture predates the required `Chat.type`"),
    (
        "updates/134.json",
        "capture predates the required `Sticker.type` (Bot API 6.0)",
    ),
    (
        "updates/136.json",
        "capture predates the required `PollOption.persistent_id`",
    ),
    (
        "updates/193.json",
        "synthetic fixture sends `option_persistent_ids` items as numbers; the spec says String",
    ),
    (
        "updates/208.json",
        "synthetic fixture lacks the required `CallbackQuery.chat_instance`",
    ),
    (
        "updates/211.json",
        "synthetic fixture lacks the required `ChatJoinRequest.user_chat_id`",
    ),
    (
        "updates/226.json",
        "synthetic fixture lacks the required `PollOption.voter_count`",
    ),
    (
        "updates/227.json",
        "synthetic fixture sends `PreCheckoutQuery.id` as a number; the spec says String",
    ),
    (
        "updates/237.json",
        "synthetic fixture lacks the required `PollOption.persistent_id`",
    ),
];

/// Responses whose `result` cannot be read as the current spec describes it, and why.
const RESPONSE_FAILURE_ALLOWED: &[(&str, &str)] = &[
    (
        "responses/003.json",
        "capture predates the required `ChatFullInfo.accent_color_id` (Bot API 7.0)",
    ),
    (
        "responses/013.json",
        "capture predates the required `PollOption.persistent_id`",
    ),
    ("responses/016.json", "capture predates the required `Chat.type`"),
    (
        "responses/043.json",
        "capture predates the required `PollOption.persistent_id`",
    ),
    (
        "responses/065.json",
        "synthetic fixture lacks the required `PollOption.persistent_id`",
    ),
    (
        "responses/069.json",
        "synthetic fixture lacks the required `PhotoSize.file_unique_id`",
    ),
    (
        "responses/070.json",
        "synthetic fixture lacks the required `File.file_unique_id`",
    ),
    (
        "responses/071.json",
        "synthetic fixture lacks the required `file_unique_id` of its stickers",
    ),
];

fn corpus_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    dir.is_dir().then_some(dir)
}

fn manifest(dir: &Path) -> BTreeMap<String, (String, String)> {
    let text = std::fs::read_to_string(dir.join("MANIFEST.tsv")).expect("MANIFEST.tsv");
    text.lines()
        .skip(1)
        .filter_map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            Some((
                cols.first()?.to_string(),
                (cols.get(3)?.to_string(), cols.get(5).unwrap_or(&"").to_string()),
            ))
        })
        .collect()
}

/// Paths of `original` that `written` lost or changed, for a value of spec type `ty`. Keys the
/// spec does not know for that object (legacy fields such as `forward_from`) may be dropped;
/// numbers compare by value.
fn losses(spec: &Spec, ty: &Type, original: &Value, written: &Value, path: &str, out: &mut Vec<String>) {
    match (ty, original, written) {
        (Type::Ref(name), Value::Object(a), Value::Object(b)) => {
            for (key, value) in a {
                let here = format!("{path}.{key}");
                let Some(field_ty) = field_type(spec, name, key, a) else {
                    continue;
                };
                match b.get(key) {
                    Some(w) => losses(spec, &field_ty, value, w, &here, out),
                    None if !value.is_null() => out.push(format!("{here} lost")),
                    None => {}
                }
            }
        }
        (Type::Array(inner), Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                losses(spec, inner, x, y, &format!("{path}[{i}]"), out);
            }
        }
        (_, Value::Number(x), Value::Number(y)) if x.as_f64() == y.as_f64() => {}
        (_, a, b) if a == b => {}
        (Type::OneOf(_) | Type::Ref(_), Value::Object(_), _) | (_, Value::Array(_), Value::Array(_)) => {
            out.push(format!("{path} changed"))
        }
        (_, a, b) => out.push(format!("{path} changed: {a} -> {b}")),
    }
}

/// The spec type of `object.key`; for a union, of the variant the value's tag names (or any
/// variant that has the key).
fn field_type(spec: &Spec, object: &str, key: &str, value: &serde_json::Map<String, Value>) -> Option<Type> {
    let object = spec.object(object)?;
    match object.union() {
        None => object
            .fields()
            .iter()
            .find(|f| f.name == key)
            .map(|f| f.ty.clone()),
        Some(union) => {
            let tagged = union.discriminator.as_ref().and_then(|tag| {
                let value = value.get(tag)?.as_str()?;
                union.variants.iter().find(|v| v.value.as_deref() == Some(value))
            });
            let candidates: Vec<&str> = match tagged {
                Some(variant) => vec![variant.name.as_str()],
                None => union.variants.iter().map(|v| v.name.as_str()).collect(),
            };
            candidates
                .iter()
                .find_map(|name| field_type(spec, name, key, value))
        }
    }
}

#[test]
fn every_corpus_update_deserializes_and_round_trips() {
    let Some(dir) = corpus_dir() else {
        println!("SKIPPED: ../shared/corpus is absent; the corpus test did not run");
        return;
    };
    let spec = Spec::bundled();
    let allowed: BTreeMap<&str, &str> = MALFORMED_ALLOWED.iter().copied().collect();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("updates"))
        .expect("updates/")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    assert!(
        files.len() >= 260,
        "expected the 260 corpus updates, found {}",
        files.len()
    );

    let mut problems = Vec::new();
    let (mut clean, mut malformed) = (0, 0);
    for file in &files {
        let name = format!("updates/{}", file.file_name().unwrap().to_string_lossy());
        let text = std::fs::read_to_string(file).expect("readable");
        let original: Value = serde_json::from_str(&text).expect("valid JSON");
        let update: Update = match serde_json::from_str(&text) {
            Ok(update) => update,
            Err(e) => {
                problems.push(format!("{name}: does not deserialize at all: {e}"));
                continue;
            }
        };
        let written = serde_json::to_value(&update).expect("serializes");
        let mut lost = Vec::new();
        losses(
            &spec,
            &Type::Ref("Update".into()),
            &original,
            &written,
            "",
            &mut lost,
        );
        if !lost.is_empty() {
            problems.push(format!("{name}: the round trip lost data: {}", lost.join("; ")));
        }
        match (&update.kind, allowed.get(name.as_str())) {
            (UpdateKind::Malformed(m), Some(reason)) => {
                malformed += 1;
                println!("{name}: malformed as allowed ({reason}): {}", m.error);
            }
            (UpdateKind::Malformed(m), None) => {
                problems.push(format!("{name}: kind `{}` is malformed: {}", m.raw.name, m.error))
            }
            (UpdateKind::Unknown(raw), Some(reason)) => {
                malformed += 1;
                println!("{name}: unknown kind `{}` as allowed ({reason})", raw.name);
            }
            (UpdateKind::Unknown(raw), None) => problems.push(format!("{name}: unknown kind `{}`", raw.name)),
            (kind, Some(_)) => problems.push(format!(
                "{name}: allow-listed but now reads fine as `{}`",
                kind.name()
            )),
            (kind, None) => {
                clean += 1;
                println!("{name}: ok ({})", kind.name());
            }
        }
    }
    println!(
        "corpus updates: {clean} clean, {malformed} malformed as allowed, {} problems",
        problems.len()
    );
    assert!(
        problems.is_empty(),
        "{} corpus updates regressed:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

fn check<T: Serialize + DeserializeOwned>(result: &Value) -> Result<(), String> {
    let parsed: T = serde_json::from_value(result.clone()).map_err(|e| e.to_string())?;
    serde_json::to_value(&parsed).map(drop).map_err(|e| e.to_string())
}

#[test]
fn every_corpus_response_deserializes_as_its_type() {
    let Some(dir) = corpus_dir() else {
        println!("SKIPPED: ../shared/corpus is absent; the corpus test did not run");
        return;
    };
    let manifest = manifest(&dir);
    let allowed: BTreeMap<&str, &str> = RESPONSE_FAILURE_ALLOWED.iter().copied().collect();
    let mut problems = Vec::new();
    let mut checked = 0;
    for (file, (kind, _notes)) in manifest.iter().filter(|(f, _)| f.starts_with("responses/")) {
        let text = std::fs::read_to_string(dir.join(file)).expect("readable");
        let envelope: Value = serde_json::from_str(&text).expect("valid JSON");
        let result = envelope.get("result").cloned().unwrap_or(Value::Null);
        let outcome = match kind.trim_start_matches("response:ok:") {
            "Message" => check::<Message>(&result),
            "Array of Update" => check::<Vec<Update>>(&result),
            "ChatMember" => check::<ChatMember>(&result),
            "User(getMe)" => check::<User>(&result),
            "ChatInviteLink" => check::<ChatInviteLink>(&result),
            "Array of Message" => check::<Vec<Message>>(&result),
            "Array of ChatMember" => check::<Vec<ChatMember>>(&result),
            "WebhookInfo" => check::<WebhookInfo>(&result),
            "UserProfilePhotos" => check::<UserProfilePhotos>(&result),
            "String" => check::<String>(&result),
            "StickerSet" => check::<StickerSet>(&result),
            "Poll" => check::<Poll>(&result),
            "MessageId" => check::<MessageId>(&result),
            "Integer" => check::<i64>(&result),
            "File" => check::<File>(&result),
            "ChatFullInfo" => check::<ChatFullInfo>(&result),
            "Boolean" => check::<bool>(&result),
            "Array(empty)" => check::<Vec<Update>>(&result),
            "Array of BotCommand" => check::<Vec<BotCommand>>(&result),
            error if error.starts_with("response:error:") => {
                if envelope.get("ok") == Some(&Value::Bool(false)) {
                    Ok(())
                } else {
                    Err("an error response without ok:false".into())
                }
            }
            other => Err(format!("no type for manifest kind `{other}`")),
        };
        checked += 1;
        match (outcome, allowed.get(file.as_str())) {
            (Ok(()), None) => println!("{file}: ok ({kind})"),
            (Ok(()), Some(_)) => problems.push(format!("{file}: allow-listed but now reads fine")),
            (Err(e), Some(reason)) => println!("{file}: fails as allowed ({reason}): {e}"),
            (Err(e), None) => problems.push(format!("{file} ({kind}): {e}")),
        }
    }
    assert!(checked >= 79, "expected the 79 corpus responses, found {checked}");
    println!(
        "corpus responses: {checked} checked, {} allowed failures, {} problems",
        allowed.len(),
        problems.len()
    );
    assert!(
        problems.is_empty(),
        "{} corpus responses failed:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
