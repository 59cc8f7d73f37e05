//! The test-kit against the committed Bot API spec: every method gets a valid answer, and every
//! sample the spec crate builds passes the server's own validation.

use botapi_runtime::Client;
use botapi_spec::sample::Sampler;
use botapi_spec::{Spec, Type};
use botapi_testkit::{TestServer, check_value};
use serde_json::{Value, json};

fn spec() -> Spec {
    let spec = Spec::bundled();
    assert!(
        spec.methods.len() >= 150,
        "the committed spec has {} methods",
        spec.methods.len()
    );
    spec
}

#[tokio::test]
async fn every_method_answers_a_valid_result_of_its_return_type() {
    let spec = spec();
    let server = TestServer::start().await;
    let client = Client::builder(server.token())
        .base_url(server.url())
        .build()
        .unwrap();
    let sampler = Sampler::new(&spec).optional_fields(false);
    let file_id = server.add_file("documents/file_1.pdf", &b"%PDF"[..]);
    for method in &spec.methods {
        let mut params = sampler.params(method);
        if method.name == "getFile" {
            params.insert("file_id".into(), json!(file_id));
        }
        let result = client.call_raw(&method.name, Value::Object(params.clone())).await;
        let result = result.unwrap_or_else(|err| panic!("{} with {params:?}: {err}", method.name));
        if let Err(err) = check_value(&spec, &method.returns, &result) {
            panic!(
                "{} answered {result} which is not a {}: {err}",
                method.name, method.returns
            );
        }
    }
    assert_eq!(server.requests().len(), spec.methods.len());
    assert!(server.requests().iter().all(|r| r.status == 200));
}

#[tokio::test]
async fn every_method_accepts_a_call_with_every_parameter_set() {
    let spec = spec();
    let server = TestServer::start().await;
    let client = Client::builder(server.token())
        .base_url(server.url())
        .build()
        .unwrap();
    let sampler = Sampler::new(&spec).max_depth(1);
    for method in spec.methods.iter().filter(|m| m.name != "getFile") {
        let params = sampler.params(method);
        if let Err(err) = client.call_raw(&method.name, Value::Object(params.clone())).await {
            panic!("{} rejected {params:?}: {err}", method.name);
        }
    }
}

#[tokio::test]
async fn every_object_sample_is_valid_with_every_field_set() {
    let spec = spec();
    for seed in 0..3 {
        let sampler = Sampler::new(&spec).max_depth(2).seed(seed);
        for object in &spec.objects {
            let value = sampler.object(&object.name).unwrap();
            let ty = Type::Ref(object.name.clone());
            if let Err(err) = check_value(&spec, &ty, &value) {
                panic!(
                    "sample of {} (seed {seed}) is invalid: {err}\n{value:#}",
                    object.name
                );
            }
        }
    }
}

#[tokio::test]
async fn every_union_variant_sample_is_valid() {
    let spec = spec();
    let sampler = Sampler::new(&spec).max_depth(1);
    let mut variants = 0;
    for union in spec.objects.iter().filter(|o| o.union().is_some()) {
        for (name, value) in sampler.variants(&union.name) {
            variants += 1;
            let ty = Type::Ref(union.name.clone());
            check_value(&spec, &ty, &value).unwrap_or_else(|err| panic!("{}::{name}: {err}", union.name));
        }
    }
    assert!(variants > 50, "{variants}");
}

#[tokio::test]
async fn real_methods_are_checked_like_telegram() {
    let spec = spec();
    let server = TestServer::start().await;
    let client = Client::builder(server.token())
        .base_url(server.url())
        .build()
        .unwrap();
    let err = client
        .call_raw("sendMessage", json!({"chat_id": 1}))
        .await
        .unwrap_err();
    assert_eq!(err.description(), Some("Bad Request: text is empty"));
    let err = client
        .call_raw("sendMessage", json!({"chat_id": {"id": 1}, "text": "x"}))
        .await
        .unwrap_err();
    assert_eq!(
        err.description(),
        Some("Bad Request: field \"chat_id\" must be of type Integer or String")
    );
    let err = client
        .call_raw(
            "sendMediaGroup",
            json!({"chat_id": 1, "media": [{"type": "sticker", "media": "x"}]}),
        )
        .await
        .unwrap_err();
    assert_eq!(err.api_code(), Some(400), "{err}");
    let message = client
        .call_raw("sendMessage", json!({"chat_id": "5", "text": "hi"}))
        .await
        .unwrap();
    check_value(&spec, &Type::Ref("Message".into()), &message).unwrap();
    assert_eq!(message["chat"]["id"], 5);
    assert_eq!(message["text"], "hi");
}

#[test]
fn the_update_builders_make_valid_updates() {
    let spec = spec();
    let update = Type::Ref("Update".into());
    for (i, mut built) in [
        botapi_testkit::updates::text_message(42, 42, "/start now"),
        botapi_testkit::updates::text_message(42, -100500, "hello group"),
        botapi_testkit::updates::callback_query(42, "data=x"),
    ]
    .into_iter()
    .enumerate()
    {
        built["update_id"] = json!(i + 1);
        check_value(&spec, &update, &built).unwrap_or_else(|err| panic!("{built}: {err}"));
    }
}
