//! The generated half of the round-trip test: the list of every object type. The hand-written
//! `generated/tests/roundtrip.rs` samples each and checks that it deserializes and
//! re-serializes to an equal JSON value.

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
            ObjectKind::Union(_) => checks.push(quote!(check_union::<#ty>(sampler, #name, failures);)),
            ObjectKind::Fields(_) => checks.push(quote!(check_object::<#ty>(sampler, #name, failures);)),
        }
    }
    let count = checks.len();
    quote! {
        //! The list of every object type, for the round-trip test in `../roundtrip.rs`.

        use botapi::types::*;
        use botapi_spec::sample::Sampler;

        use super::{check_object, check_union};

        /// How many types [`check_every_type`] checks.
        pub(crate) const TYPE_COUNT: usize = #count;

        /// Round-trips a sample of every object type, collecting failures.
        pub(crate) fn check_every_type(sampler: &Sampler<'_>, failures: &mut Vec<String>) {
            #(#checks)*
        }
    }
}
