//! Every object type round-trips: a spec sample with every field set (valid discriminators,
//! nested objects to a bounded depth) deserializes and re-serializes to an equal JSON value.
//! The list of types is generated (`every_type/mod.rs`); the checks are here.

#[rustfmt::skip]
mod every_type;

use botapi_spec::Spec;
use botapi_spec::sample::Sampler;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Numbers compare by value: `1` and `1.0` are the same float on the wire.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

fn round_trip<T: Serialize + DeserializeOwned>(expected: &Value) -> Result<(), String> {
    let parsed: T = serde_json::from_value(expected.clone()).map_err(|e| format!("does not parse: {e}"))?;
    let written = serde_json::to_value(&parsed).map_err(|e| format!("does not serialize: {e}"))?;
    if same(&written, expected) {
        Ok(())
    } else {
        Err(format!(
            "changed in the round trip:\n  sample:  {expected}\n  written: {written}"
        ))
    }
}

/// Checks one struct. A union's variant struct writes its own tag, so the sample, which has
/// the variant's tag value, is compared whole.
fn check_object<T: Serialize + DeserializeOwned>(
    sampler: &Sampler<'_>,
    name: &str,
    failures: &mut Vec<String>,
) {
    let sample = sampler.object(name).expect("the object is in the spec");
    if let Err(e) = round_trip::<T>(&sample) {
        failures.push(format!("{name}: {e}"));
    }
}

/// Checks a union with a sample of each of its variants.
fn check_union<T: Serialize + DeserializeOwned>(
    sampler: &Sampler<'_>,
    name: &str,
    failures: &mut Vec<String>,
) {
    for (variant, sample) in sampler.variants(name) {
        if let Err(e) = round_trip::<T>(&sample) {
            failures.push(format!("{name} ({variant}): {e}"));
        }
    }
}

#[test]
fn every_object_type_round_trips() {
    let spec = Spec::bundled();
    let sampler = Sampler::new(&spec).max_depth(3);
    let mut failures = Vec::new();
    every_type::check_every_type(&sampler, &mut failures);
    assert!(
        every_type::TYPE_COUNT >= spec.objects.len() - 2,
        "every object but InputFile and Update is checked"
    );
    assert!(
        failures.is_empty(),
        "{} of {} types failed:\n{}",
        failures.len(),
        every_type::TYPE_COUNT,
        failures.join("\n")
    );
}
