//! The generated half of the end-to-end shortcut test: every shortcut of `spec/shortcuts.toml`,
//! callable by name with sampled arguments. The hand-written `generated/tests/shortcuts_table.rs`
//! sends each through the test-kit and checks the parameters it pre-filled against the table.

use botapi_spec::Shortcuts;
use proc_macro2::TokenStream;
use quote::quote;

use crate::context::Context;
use crate::names::ident;
use crate::shortcuts::arguments;

pub(crate) fn test_file(ctx: &Context<'_>, table: &Shortcuts) -> TokenStream {
    let mut entries = Vec::new();
    let mut arms = Vec::new();
    for family in &table.families {
        let on = ident(&family.on);
        let on_name = family.on.as_str();
        for (method, name) in &family.methods {
            let arguments = arguments(ctx, family, method);
            let arg_names: Vec<&str> = arguments.iter().map(|a| a.name.as_str()).collect();
            entries.push(quote!((#on_name, #name, #method, &[#(#arg_names),*]),));
            let values = arguments.iter().map(|a| {
                let ty = ctx.value_type(method, a, &a.ty);
                let api_name = &a.name;
                quote!(arg::<#ty>(args, #api_name))
            });
            let call = ident(name);
            arms.push(quote! {
                (#on_name, #name) => object::<#on>(sample).#call(bot, #(#values),*).await.map(drop),
            });
        }
    }
    let count = entries.len();
    let arms_text = quote!(#(#arms)*).to_string();
    let runtime = ["ChatId", "InputFile"]
        .into_iter()
        .filter(|name| arms_text.contains(name))
        .map(ident);
    quote! {
        //! Every object shortcut, callable by name, for the end-to-end test in `../shortcuts_table.rs`.

        use botapi::types::*;
        use botapi::{Bot, Error, #(#runtime),*};
        use serde_json::{Map, Value};

        use super::{arg, object};

        /// How many shortcuts there are.
        pub(crate) const SHORTCUT_COUNT: usize = #count;

        /// `(type, shortcut, API method, names of the shortcut's arguments)` of every shortcut.
        pub(crate) const SHORTCUTS: &[(&str, &str, &str, &[&str])] = &[
            #(#entries)*
        ];

        /// Calls the shortcut `name` of the type `on` on the object `sample`, with the arguments
        /// `args` (by API parameter name).
        pub(crate) async fn call(
            bot: &Bot,
            on: &str,
            name: &str,
            sample: &Value,
            args: &Map<String, Value>,
        ) -> Result<(), Error> {
            match (on, name) {
                #(#arms)*
                _ => panic!("no shortcut {on}.{name}"),
            }
        }
    }
}
