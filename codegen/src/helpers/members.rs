//! Chat members: permission presets from the spec's boolean fields (python-telegram-bot's
//! `ChatPermissions.all_permissions()`, `ChatAdministratorRights.no_rights()`, ...) and what
//! changed in a `ChatMemberUpdated`.

use botapi_spec::Type;
use proc_macro2::TokenStream;
use quote::quote;

use crate::context::Context;
use crate::names::{field_name, ident};

/// `all()` and `none()` on an object of flags: every boolean field set to `value`.
fn presets(ctx: &Context<'_>, name: &str, what: &str) -> TokenStream {
    let object = ctx.object(name);
    let fields = |value: bool| {
        object.fields().iter().map(move |f| {
            let field = ident(&field_name(&f.name));
            match (&f.ty, f.required) {
                (Type::Boolean, true) => quote!(#field: #value,),
                (Type::Boolean, false) => quote!(#field: Some(#value),),
                (_, false) => quote!(#field: None,),
                (_, true) => panic!(
                    "{name}.{}: a required field that is not a flag; revisit codegen/src/helpers/members.rs",
                    f.name
                ),
            }
        })
    };
    let (all, none) = (fields(true), fields(false));
    let ty = ident(name);
    let all_doc = format!("Every {what} granted.");
    let none_doc = format!("Every {what} denied (each flag sent as `false`).");
    quote! {
        impl #ty {
            #[doc = #all_doc]
            pub fn all() -> Self {
                Self { #(#all)* }
            }

            #[doc = #none_doc]
            pub fn none() -> Self {
                Self { #(#none)* }
            }
        }
    }
}

pub(super) fn members(ctx: &Context<'_>) -> TokenStream {
    let permissions = presets(ctx, "ChatPermissions", "permission");
    let rights = presets(ctx, "ChatAdministratorRights", "administrator right");
    quote! {
        #permissions
        #rights

        impl ChatMemberUpdated {
            /// What changed between the old and the new member, field by field as sent on the
            /// wire (`status`, `until_date`, `can_*`, ...): each name maps to its old and new
            /// value, `None` where the field is absent (python-telegram-bot's `difference`).
            pub fn difference(&self) -> std::collections::BTreeMap<String, (Option<serde_json::Value>, Option<serde_json::Value>)> {
                let fields = |member: &ChatMember| match serde_json::to_value(member) {
                    Ok(serde_json::Value::Object(map)) => map,
                    _ => serde_json::Map::new(),
                };
                let (old, new) = (fields(&self.old_chat_member), fields(&self.new_chat_member));
                let mut changes = std::collections::BTreeMap::new();
                for name in old.keys().chain(new.keys()) {
                    let (before, after) = (old.get(name), new.get(name));
                    if before != after {
                        changes.insert(name.clone(), (before.cloned(), after.cloned()));
                    }
                }
                changes
            }
        }
    }
}
