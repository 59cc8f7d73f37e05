//! The generated round-trip test: every object type, from a spec sample with every field set,
//! deserializes and re-serializes to an equal JSON value.

use botapi_spec::ObjectKind;
use proc_macro2::TokenStream;
use quote::quote;

use crate::context::{Context, RUNTIME_OBJECTS};
use crate::names::ident;

pub(crate) fn test_file(ctx: &Context<'_>) -> TokenStream {
    let mut checks = Vec::new();
    for object in &ctx.spec.objects {
        let name = object.name.as_str();
        if RUNTIME_OBJECTS.contains(&name) || name == "Update" {
            continue;
        }
        let ty = ident(name);
        match &object.kind {
            ObjectKind::Union(_) => checks.push(quote!(check_union::<#ty>(&sampler, #name, &mut failures);)),
            ObjectKind::Fields(_) => {
                let tag = ctx.tag_field_of(name).unwrap_or("");
                checks.push(quote!(check_object::<#ty>(&sampler, #name, #tag, &mut failures);));
            }
        }
    }
    let count = checks.len();
    quote! {
        //! Every object type round-trips: a sample with every field set (valid discriminators,
        //! nested objects to a bounded depth) deserializes and re-serializes to an equal value.

        use botapi::types::*;
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
                Err(format!("changed in the round trip:\n  sample:  {expected}\n  written: {written}"))
            }
        }

        fn check_object<T: Serialize + DeserializeOwned>(sampler: &Sampler<'_>, name: &str, tag: &str, failures: &mut Vec<String>) {
            let mut sample = sampler.object(name).expect("the object is in the spec");
            // A union's variant struct leaves its tag to the union.
            if let Some(map) = sample.as_object_mut() {
                map.remove(tag);
            }
            if let Err(e) = round_trip::<T>(&sample) {
                failures.push(format!("{name}: {e}"));
            }
        }

        fn check_union<T: Serialize + DeserializeOwned>(sampler: &Sampler<'_>, name: &str, failures: &mut Vec<String>) {
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
            #(#checks)*
            assert!(failures.is_empty(), "{} of {} types failed:\n{}", failures.len(), #count, failures.join("\n"));
        }
    }
}
