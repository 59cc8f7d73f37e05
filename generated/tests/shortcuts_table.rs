//! Every object shortcut end to end: each one is called on a spec sample of its type (every
//! field set), sent through the test-kit (which validates the request against the spec), and the
//! parameters it pre-filled are compared with what `spec/shortcuts.toml` says they come from.
//! The list of shortcuts and their calls is generated (`every_shortcut/mod.rs`); the checks are
//! here, read from the table itself, so the two cannot agree by construction.

#[rustfmt::skip]
mod every_shortcut;

use botapi::Bot;
use botapi_spec::sample::Sampler;
use botapi_spec::{Family, Shortcuts, Spec};
use botapi_testkit::TestServer;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use every_shortcut::{SHORTCUT_COUNT, SHORTCUTS, call};

fn object<T: DeserializeOwned>(sample: &Value) -> T {
    serde_json::from_value(sample.clone()).expect("a spec sample deserializes")
}

fn arg<T: DeserializeOwned>(args: &Map<String, Value>, name: &str) -> T {
    serde_json::from_value(args[name].clone()).unwrap_or_else(|e| panic!("argument {name}: {e}"))
}

/// The value at a dotted field path, if every step is present.
fn at<'v>(value: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.').try_fold(value, |v, step| v.get(step))
}

/// Numbers compare by value (`1` and `1.0`).
fn same(a: &Value, b: &Value) -> bool {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

/// One case: an object sample and what the request must carry.
struct Case {
    label: String,
    sample: Value,
}

/// The samples a family is checked with: the plain one, and the variants its conditions need
/// (a group and a private chat for quoting replies; with and without an inline message id for
/// callback query edits).
fn cases(family: &Family, sample: &Value) -> Vec<Case> {
    let mut cases = vec![Case {
        label: "sample".into(),
        sample: sample.clone(),
    }];
    if family.quote {
        for chat_type in ["private", "supergroup"] {
            let mut variant = sample.clone();
            variant["chat"]["type"] = Value::from(chat_type);
            cases.push(Case {
                label: format!("in a {chat_type} chat"),
                sample: variant,
            });
        }
    }
    if family.message_fallback.is_some() {
        let mut variant = sample.clone();
        variant
            .as_object_mut()
            .expect("an object")
            .remove("inline_message_id");
        cases.push(Case {
            label: "without inline_message_id".into(),
            sample: variant,
        });
    }
    cases
}

/// What the family says the request carries, given the object and the arguments passed.
fn expected(
    family: &Family,
    method: &botapi_spec::Method,
    case: &Case,
    args: &Map<String, Value>,
) -> Vec<(String, Option<Value>)> {
    let has = |name: &str| method.params.iter().any(|p| p.name == name);
    let mut expected = Vec::new();
    for (param, source) in &family.fill {
        if !has(param) {
            continue;
        }
        let value = if let Some(value) = args.get(param) {
            Some(value.clone())
        } else if let Some(literal) = source.strip_prefix('=') {
            Some(Value::from(literal))
        } else {
            at(&case.sample, source).cloned()
        };
        expected.push((param.clone(), value));
    }
    for (name, value) in args {
        expected.push((name.clone(), Some(value.clone())));
    }
    if family.quote && has("reply_parameters") {
        let quoted = at(&case.sample, "chat.type") != Some(&Value::from("private"));
        let reply = quoted.then(|| serde_json::json!({"message_id": case.sample["message_id"]}));
        expected.push(("reply_parameters".into(), reply));
    }
    if let Some(field) = &family.message_fallback {
        if case.sample.get("inline_message_id").is_none() {
            let message = &case.sample[field.as_str()];
            expected.push(("chat_id".into(), at(message, "chat.id").cloned()));
            expected.push(("message_id".into(), message.get("message_id").cloned()));
        } else {
            expected.push(("chat_id".into(), None));
            expected.push(("message_id".into(), None));
        }
    }
    expected
}

#[tokio::test]
async fn every_shortcut_sends_the_parameters_its_table_entry_prefills() {
    let spec = Spec::bundled();
    let table = Shortcuts::bundled();
    let sampler = Sampler::new(&spec);
    let server = TestServer::start().await;
    let bot: Bot = Bot::builder(server.token())
        .base_url(server.url())
        .build()
        .expect("client builds")
        .into();

    let mut failures = Vec::new();
    let mut calls = 0;
    let mut per_type: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for (on, name, method_name, arg_names) in SHORTCUTS {
        *per_type.entry(on).or_default() += 1;
        let family = table
            .families
            .iter()
            .find(|f| f.on == *on && f.methods.iter().any(|(m, n)| m == method_name && n == name))
            .expect("every generated shortcut is in the table");
        let method = spec.method(method_name).expect("a method of the spec");
        let mut sample = sampler.object(on).expect("a sample of the type");
        if *method_name == "getFile" {
            // The test-kit only serves files it holds, like the real server.
            let (_, path) = family
                .fill
                .iter()
                .find(|(p, _)| p == "file_id")
                .expect("getFile takes file_id");
            sample[path.as_str()] = Value::from(server.add_file("shortcut/file", vec![0_u8]));
        }
        let all_args = sampler.params(method);
        let args: Map<String, Value> = arg_names
            .iter()
            .map(|n| ((*n).to_owned(), all_args[*n].clone()))
            .collect();
        for case in cases(family, &sample) {
            server.clear_requests();
            calls += 1;
            let label = format!("{on}.{name} ({})", case.label);
            if let Err(e) = call(&bot, on, name, &case.sample, &args).await {
                failures.push(format!("{label}: the call failed: {e}"));
                continue;
            }
            let sent = server.wait_for_request(method_name).await.params;
            for (param, value) in expected(family, method, &case, &args) {
                match (sent.get(&param), &value) {
                    (Some(got), Some(want)) if same(got, want) => {}
                    (None, None) => {}
                    (got, want) => {
                        failures.push(format!("{label}: `{param}` sent {got:?}, expected {want:?}"))
                    }
                }
            }
        }
    }
    println!("{calls} calls of {SHORTCUT_COUNT} shortcuts; per type: {per_type:?}");
    assert_eq!(
        SHORTCUTS.len(),
        table.families.iter().map(|f| f.methods.len()).sum::<usize>()
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
