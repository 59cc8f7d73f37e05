//! Generates the `botapi` crate's sources from the Bot API spec.
//!
//! Pure: [`generate`] takes the spec and returns file paths (relative to the workspace root)
//! with their contents; `cargo xtask regen` writes them. Two stages: `context` lowers the
//! spec to the decisions rendering needs (types, boxing, enums, names), then the render modules
//! turn each item into tokens, formatted with prettyplease.

mod bot;
mod constants;
mod context;
mod docs;
mod enums;
mod ext;
mod helpers;
mod methods;
mod names;
mod render;
mod roundtrip;
mod shortcut_tests;
mod shortcuts;
mod string_enums;
mod types;

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::PathBuf;

use botapi_spec::{Helpers, ObjectKind, Overrides, Shortcuts, Spec};
use proc_macro2::TokenStream;
use quote::quote;
use syn::visit::{self, Visit};

use crate::context::{Context, RUNTIME_OBJECTS};
use crate::names::{ident, snake_case};

/// Where the generated sources go, relative to the workspace root.
const SRC: &str = "generated/src";

/// Every generated file, with the committed curated tables.
pub fn generate(spec: &Spec) -> Vec<(PathBuf, String)> {
    generate_with_tables(
        spec,
        &Overrides::bundled(),
        &Shortcuts::bundled(),
        &Helpers::bundled(),
    )
}

/// Every generated file for `spec` with the given curated tables.
///
/// # Panics
///
/// When the spec is inconsistent, an override no longer matches the spec, or the spec holds a
/// construct codegen has no rule for; the message names the item and what to change.
pub fn generate_with(spec: &Spec, overrides: &Overrides) -> Vec<(PathBuf, String)> {
    generate_with_tables(spec, overrides, &Shortcuts::default(), &Helpers::default())
}

/// Every generated file for `spec` with the given curated tables, shortcut table and helper
/// table.
///
/// # Panics
///
/// As [`generate_with`], and when a shortcut or helper entry refers to a method, parameter,
/// field or bound that the spec no longer has.
pub fn generate_with_tables(
    spec: &Spec,
    overrides: &Overrides,
    shortcut_table: &Shortcuts,
    helper_table: &Helpers,
) -> Vec<(PathBuf, String)> {
    if let Err(problems) = shortcut_table.check(spec) {
        panic!(
            "spec/shortcuts.toml does not match the spec:\n  - {}",
            problems.join("\n  - ")
        );
    }
    generate_inner(spec, overrides, shortcut_table, helper_table)
}

/// The `shortcuts/` module: one file per type with shortcuts.
fn shortcut_files(
    ctx: &Context<'_>,
    table: &Shortcuts,
    type_names: &BTreeSet<String>,
    method_types: &BTreeSet<String>,
) -> Vec<(PathBuf, String)> {
    if table.families.is_empty() {
        return Vec::new();
    }
    let version = ctx.spec.version.as_str();
    let mut by_type: Vec<_> = shortcuts::shortcuts(ctx, table).into_iter().collect();
    by_type.sort_by_key(|(_, (index, _))| *index);
    let mut files = Vec::new();
    let mut modules = Vec::new();
    for (on, (_, items)) in by_type {
        let module = snake_case(&on);
        let do_quote = shortcuts::do_quote_impls(ctx, table, &on);
        let on = ident(&on);
        let body = quote! {
            impl #on {
                #(#items)*
            }
            #do_quote
        };
        let body = with_imports_from(
            body,
            &BTreeSet::new(),
            &[(type_names, "crate::types"), (method_types, "crate::methods")],
        );
        files.push((
            PathBuf::from(format!("{SRC}/shortcuts/{module}.rs")),
            render::file(version, body),
        ));
        modules.push(module);
    }
    let mods = modules.iter().map(|m| ident(m));
    let doc = "Object shortcuts (`message.reply_text(&bot, ..)`) from `spec/shortcuts.toml`.";
    let tokens = quote! {
        #![doc = #doc]
        #(mod #mods;)*
    };
    files.push((
        PathBuf::from(format!("{SRC}/shortcuts/mod.rs")),
        render::file(version, tokens),
    ));
    files
}

fn generate_inner(
    spec: &Spec,
    overrides: &Overrides,
    shortcut_table: &Shortcuts,
    helper_table: &Helpers,
) -> Vec<(PathBuf, String)> {
    if let Err(problems) = overrides.check(spec) {
        panic!(
            "spec/overrides.toml does not match the spec:\n  - {}",
            problems.join("\n  - ")
        );
    }
    let augmented = overrides.apply(spec);
    let spec = &augmented;
    let ctx = Context::new(spec, overrides);
    let mut files = Vec::new();
    let version = spec.version.as_str();
    let type_names = all_type_names(&ctx);

    // Types: a union with its variants in one file, every other object in its own.
    let mut families: BTreeMap<String, (usize, Vec<TokenStream>, BTreeSet<String>)> = BTreeMap::new();
    for (index, object) in spec.objects.iter().enumerate() {
        if RUNTIME_OBJECTS.contains(&object.name.as_str()) {
            continue;
        }
        let family = match (&object.kind, ctx.union_of(&object.name)) {
            (ObjectKind::Fields(_), Some(union)) if union.name != "MaybeInaccessibleMessage" => &union.name,
            _ => &object.name,
        };
        let entry = families
            .entry(snake_case(family))
            .or_insert_with(|| (index, Vec::new(), BTreeSet::new()));
        entry.1.push(types::object(&ctx, object));
        entry.2.insert(object.name.clone());
        if object.name == "Update" {
            entry
                .2
                .extend(["UpdateKind", "RawUpdateKind", "MalformedUpdateKind"].map(String::from));
        }
    }
    let mut ordered: Vec<_> = families.into_iter().collect();
    ordered.sort_by_key(|(_, (index, _, _))| *index);
    let mut modules = Vec::new();
    for (module, (_, items, defined)) in ordered {
        let body = quote!(#(#items)*);
        let text = render::file(version, with_imports(body, &defined, &type_names, "crate::types"));
        files.push((PathBuf::from(format!("{SRC}/types/{module}.rs")), text));
        modules.push(module);
    }
    // String enums and the edit-result type.
    let enums = ctx.enums.enums.iter().map(string_enums::string_enum);
    let enum_names: BTreeSet<String> = ctx.enums.enums.iter().map(|e| e.name.clone()).collect();
    let text = render::file(
        version,
        with_imports(quote!(#(#enums)*), &enum_names, &type_names, "crate::types"),
    );
    files.push((PathBuf::from(format!("{SRC}/types/enums.rs")), text));
    modules.push("enums".to_owned());
    let defined = BTreeSet::from(["MessageOrTrue".to_owned()]);
    let text = render::file(
        version,
        with_imports(
            string_enums::message_or_true(),
            &defined,
            &type_names,
            "crate::types",
        ),
    );
    files.push((PathBuf::from(format!("{SRC}/types/message_or_true.rs")), text));
    modules.push("message_or_true".to_owned());
    files.push((
        PathBuf::from(format!("{SRC}/types/mod.rs")),
        module_file(
            version,
            &modules,
            "Every Bot API object, and the string enums of documented values.",
        ),
    ));

    // Methods: one file each.
    let mut method_modules = Vec::new();
    for method in &spec.methods {
        let module = ctx.method_fn(&method.name);
        let body = methods::method(&ctx, method);
        let defined = BTreeSet::from([ctx.method_type(&method.name)]);
        let text = render::file(version, with_imports(body, &defined, &type_names, "crate::types"));
        files.push((PathBuf::from(format!("{SRC}/methods/{module}.rs")), text));
        method_modules.push(module);
    }
    files.push((
        PathBuf::from(format!("{SRC}/methods/mod.rs")),
        module_file(
            version,
            &method_modules,
            "The parameters of every Bot API method, and the `Bot` methods that send them.",
        ),
    ));

    // camelCase aliases.
    let aliases: Vec<TokenStream> = spec
        .methods
        .iter()
        .filter_map(|m| methods::alias(&ctx, m))
        .collect();
    let method_types: BTreeSet<String> = spec.methods.iter().map(|m| ctx.method_type(&m.name)).collect();
    // Hidden as a whole, so that rustdoc renders no empty `impl Bot` block either.
    let body = quote! {
        #[allow(non_snake_case, reason = "aliases carry the Bot API's own camelCase method names")]
        #[doc(hidden)]
        impl Bot {
            #(#aliases)*
        }
    };
    let body = with_imports_from(
        body,
        &BTreeSet::new(),
        &[(&type_names, "crate::types"), (&method_types, "crate::methods")],
    );
    files.push((
        PathBuf::from(format!("{SRC}/aliases.rs")),
        render::file(version, body),
    ));

    files.push((
        PathBuf::from(format!("{SRC}/bot.rs")),
        render::file(version, bot::bot()),
    ));
    if helpers::NEEDS.iter().all(|name| spec.object(name).is_some()) {
        files.extend(helper_files(&ctx, helper_table, &type_names));
        files.push((
            PathBuf::from(format!("{SRC}/constants.rs")),
            render::file(version, constants::constants(&ctx, helper_table)),
        ));
    }
    files.push((
        PathBuf::from("generated/tests/every_type/mod.rs"),
        render::file(version, roundtrip::test_file(&ctx)),
    ));
    if !shortcut_table.families.is_empty() {
        files.push((
            PathBuf::from("generated/tests/every_shortcut/mod.rs"),
            render::file(version, shortcut_tests::test_file(&ctx, shortcut_table)),
        ));
    }
    files.extend(shortcut_files(&ctx, shortcut_table, &type_names, &method_types));
    if spec.object("Update").is_some() {
        files.extend(ext::files(&ctx));
    }
    files
}

/// The `helpers/` module: one file per concern, and `mod.rs` re-exporting the types they define.
fn helper_files(ctx: &Context<'_>, table: &Helpers, type_names: &BTreeSet<String>) -> Vec<(PathBuf, String)> {
    if let Err(problems) = table.check(ctx.spec) {
        panic!(
            "spec/helpers.toml does not match the spec:\n  - {}",
            problems.join("\n  - ")
        );
    }
    let version = ctx.spec.version.as_str();
    let modules = helpers::modules(ctx, table);
    let exported: BTreeSet<String> = modules
        .iter()
        .flat_map(|m| m.exports.iter().map(|e| (*e).to_owned()))
        .collect();
    let mut files = Vec::new();
    for module in &modules {
        let defined: BTreeSet<String> = module.exports.iter().map(|e| (*e).to_owned()).collect();
        let body = with_imports_from(
            module.body.clone(),
            &defined,
            &[(type_names, "crate::types"), (&exported, "crate::helpers")],
        );
        let doc = format!(" {}", module.doc);
        let uses_text = module.body.to_string().contains("text ::");
        let text_use = if uses_text {
            quote!(
                use botapi_runtime::text;
            )
        } else {
            quote!()
        };
        let tokens = quote! {
            #![doc = #doc]
            #text_use
            #body
        };
        files.push((
            PathBuf::from(format!("{SRC}/helpers/{}.rs", module.name)),
            render::file(version, tokens),
        ));
    }
    let cfg = |m: &helpers::Module| match m.feature {
        Some(feature) => quote!(#[cfg(feature = #feature)]),
        None => quote!(),
    };
    let mods = modules.iter().map(|m| {
        let (cfg, module) = (cfg(m), ident(m.name));
        quote!(#cfg mod #module;)
    });
    let exports = modules.iter().filter(|m| !m.exports.is_empty()).map(|m| {
        let (cfg, module) = (cfg(m), ident(m.name));
        let names = m.exports.iter().map(|e| ident(e));
        quote!(#cfg pub use self::#module::{#(#names),*};)
    });
    let tokens = quote! {
        //! Helpers on objects that are not requests (see each module), over `botapi_runtime::text`
        //! and `botapi_runtime::passport`.
        #(#mods)*
        #(#exports)*
    };
    files.push((
        PathBuf::from(format!("{SRC}/helpers/mod.rs")),
        render::file(version, tokens),
    ));
    files
}

/// Names of every generated type, to resolve imports.
fn all_type_names(ctx: &Context<'_>) -> BTreeSet<String> {
    let mut names: BTreeSet<String> = ctx
        .spec
        .objects
        .iter()
        .filter(|o| !RUNTIME_OBJECTS.contains(&o.name.as_str()))
        .map(|o| o.name.clone())
        .collect();
    names.extend(ctx.enums.enums.iter().map(|e| e.name.clone()));
    names.extend(
        [
            "MessageOrTrue",
            "UpdateKind",
            "RawUpdateKind",
            "MalformedUpdateKind",
        ]
        .map(String::from),
    );
    names
}

/// `mod.rs` of a folder of generated files: every module, glob re-exported.
fn module_file(version: &str, modules: &[String], doc: &str) -> String {
    let mods = modules.iter().map(|m| ident(m));
    let mods2 = mods.clone();
    let tokens = quote! {
        #![doc = #doc]
        #(mod #mods;)*
        #(pub use self::#mods2::*;)*
    };
    render::file(version, tokens)
}

/// Prepends the `use` lines a file's items need: generated types from `local` that are not
/// defined in the file, runtime types, and serde traits.
fn with_imports(
    body: TokenStream,
    defined: &BTreeSet<String>,
    known: &BTreeSet<String>,
    local: &str,
) -> TokenStream {
    with_imports_from(body, defined, &[(known, local)])
}

/// [`with_imports`] with several groups of generated names, each from its own module.
fn with_imports_from(
    body: TokenStream,
    defined: &BTreeSet<String>,
    groups: &[(&BTreeSet<String>, &str)],
) -> TokenStream {
    let mut idents = HashSet::new();
    let mut modules = BTreeSet::new();
    collect_idents(body.clone(), &mut idents, &mut modules);
    let mut uses = Vec::new();
    let serde: Vec<_> = ["Deserialize", "Deserializer", "Serialize", "Serializer"]
        .into_iter()
        .filter(|n| idents.contains(*n))
        .map(ident)
        .collect();
    if !serde.is_empty() {
        uses.push(quote!(use serde::{#(#serde),*};));
    }
    if idents.contains("custom") {
        uses.push(quote!(
            use serde::de::Error as _;
        ));
    }
    if idents.contains("RawValue") {
        uses.push(quote!(
            use serde_json::value::RawValue;
        ));
    }
    let mut runtime: Vec<_> = [
        "ByteStream",
        "Bytes",
        "ChatId",
        "DefaultKind",
        "DefaultSlot",
        "Error",
        "InputFile",
        "Method",
        "PathStep",
    ]
    .into_iter()
    .filter(|n| idents.contains(*n))
    .map(ident)
    .collect();
    // The runtime's modules (`de::`, `ser::`) come first, as rustfmt orders them.
    for module in modules.iter().rev() {
        runtime.insert(0, ident(module));
    }
    if !runtime.is_empty() {
        uses.push(quote!(use botapi_runtime::{#(#runtime),*};));
    }
    let crate_items: Vec<_> = ["Bot", "Request"]
        .into_iter()
        .filter(|n| idents.contains(*n))
        .map(ident)
        .collect();
    if !crate_items.is_empty() {
        uses.push(quote!(use crate::{#(#crate_items),*};));
    }
    for (known, local) in groups {
        let locals: Vec<_> = known
            .iter()
            .filter(|n| idents.contains(n.as_str()) && !defined.contains(*n))
            .map(|n| ident(n))
            .collect();
        if !locals.is_empty() {
            let path: syn::Path = syn::parse_str(local).expect("a module path");
            uses.push(quote!(use #path::{#(#locals),*};));
        }
    }
    quote!(#(#uses)* #body)
}

/// Collects the names a file uses: the first segment of every path (types, expressions,
/// traits, derives). Enum variant names and `Self::X` segments are not names to import.
/// `modules` receives the runtime modules (`de`, `ser`) used as path prefixes.
fn collect_idents(tokens: TokenStream, out: &mut HashSet<String>, modules: &mut BTreeSet<String>) {
    struct Names<'a> {
        out: &'a mut HashSet<String>,
        modules: &'a mut BTreeSet<String>,
    }

    impl<'ast> Visit<'ast> for Names<'_> {
        fn visit_path(&mut self, path: &'ast syn::Path) {
            if let Some(first) = path.segments.first() {
                let name = first.ident.to_string();
                if (name == "de" || name == "ser") && path.segments.len() > 1 {
                    self.modules.insert(name.clone());
                }
                self.out.insert(name);
            }
            // `D::Error::custom` needs `serde::de::Error` in scope.
            if path.segments.first().is_some_and(|s| s.ident == "D")
                && path.segments.iter().any(|s| s.ident == "custom")
            {
                self.out.insert("custom".to_owned());
            }
            visit::visit_path(self, path);
        }

        fn visit_attribute(&mut self, attr: &'ast syn::Attribute) {
            if attr.path().is_ident("derive") {
                let _ = attr.parse_nested_meta(|meta| {
                    self.visit_path(&meta.path);
                    Ok(())
                });
            }
        }
    }

    let file: syn::File = syn::parse2(tokens.clone())
        .unwrap_or_else(|e| panic!("codegen produced invalid Rust ({e}):\n{tokens}"));
    Names { out, modules }.visit_file(&file);
}
