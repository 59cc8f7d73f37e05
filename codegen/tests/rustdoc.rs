//! What the generated crate's rustdoc shows, checked on codegen's output for the committed Bot
//! API spec: which items are documented, and that their docs speak Rust.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use botapi_spec::Spec;
use syn::{Attribute, ImplItem, Item};

/// Every generated file of the committed spec.
fn sources() -> &'static [(PathBuf, String)] {
    static SOURCES: OnceLock<Vec<(PathBuf, String)>> = OnceLock::new();
    SOURCES.get_or_init(|| botapi_codegen::generate(&Spec::bundled()))
}

/// Every generated Rust file, parsed (`syn` trees are not `Sync`, so each test parses).
fn files() -> Vec<(&'static Path, syn::File)> {
    sources()
        .iter()
        .filter(|(path, _)| path.extension().is_some_and(|e| e == "rs"))
        .map(|(path, text)| {
            let file = syn::parse_file(text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (path.as_path(), file)
        })
        .collect()
}

fn file(path: &str) -> syn::File {
    let (_, text) = sources()
        .iter()
        .find(|(p, _)| p.ends_with(path))
        .unwrap_or_else(|| panic!("codegen produced no `{path}`"));
    syn::parse_file(text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn is_doc_hidden(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|attr| {
        let mut hidden = false;
        if attr.path().is_ident("doc") {
            let _ = attr.parse_nested_meta(|meta| {
                hidden |= meta.path.is_ident("hidden");
                Ok(())
            });
        }
        hidden
    })
}

fn doc_alias(attrs: &[Attribute]) -> Option<String> {
    let mut alias = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("doc")) {
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("alias") {
                alias = Some(meta.value()?.parse::<syn::LitStr>()?.value());
            }
            Ok(())
        });
    }
    alias
}

/// The `impl Bot` blocks of a file.
fn bot_impls(file: &syn::File) -> impl Iterator<Item = &syn::ItemImpl> {
    file.items.iter().filter_map(|item| match item {
        Item::Impl(block) if block.trait_.is_none() && is_bot(&block.self_ty) => Some(block),
        _ => None,
    })
}

fn is_bot(ty: &syn::Type) -> bool {
    matches!(ty, syn::Type::Path(p) if p.path.is_ident("Bot"))
}

fn methods(block: &syn::ItemImpl) -> impl Iterator<Item = &syn::ImplItemFn> {
    block.items.iter().filter_map(|item| match item {
        ImplItem::Fn(f) => Some(f),
        _ => None,
    })
}

#[test]
fn camel_case_aliases_are_hidden_from_the_bot_page() {
    let aliases = file("generated/src/aliases.rs");
    let blocks: Vec<_> = bot_impls(&aliases).collect();
    assert_eq!(blocks.len(), 1, "aliases.rs holds one `impl Bot`");
    assert!(
        is_doc_hidden(&blocks[0].attrs),
        "the aliases' `impl Bot` must be #[doc(hidden)]: rendered, its ~180 methods come before Bot::new"
    );
    let forwards: Vec<_> = methods(blocks[0]).collect();
    assert!(forwards.len() > 150, "{} aliases", forwards.len());
    for f in forwards {
        assert!(
            is_doc_hidden(&f.attrs),
            "alias `{}` is not #[doc(hidden)]",
            f.sig.ident
        );
    }
}

#[test]
fn the_constructors_are_the_only_visible_bot_methods_outside_the_api_methods() {
    // rustdoc renders a type's inherent impls in the order it meets them; hidden ones not at
    // all. The API methods live in `methods/`, declared after `bot`; any other visible
    // `impl Bot` could come first.
    for (path, file) in files() {
        let path = path.to_string_lossy();
        if path.ends_with("generated/src/bot.rs") || path.contains("generated/src/methods/") {
            continue;
        }
        for block in bot_impls(&file) {
            assert!(is_doc_hidden(&block.attrs), "{path} has a visible `impl Bot`");
        }
    }
    let bot = file("generated/src/bot.rs");
    let names: Vec<String> = bot_impls(&bot)
        .flat_map(methods)
        .map(|f| f.sig.ident.to_string())
        .collect();
    assert_eq!(names, ["new", "builder", "with_client", "client", "execute"]);
}

/// The `NAME` of a file's `impl Method for ..`.
fn api_name(file: &syn::File) -> Option<String> {
    file.items.iter().find_map(|item| match item {
        Item::Impl(block) if block.trait_.is_some() => block.items.iter().find_map(|item| match item {
            ImplItem::Const(c) if c.ident == "NAME" => match &c.expr {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(s.value()),
                _ => None,
            },
            _ => None,
        }),
        _ => None,
    })
}

#[test]
fn canonical_methods_are_found_under_the_api_name() {
    let mut checked = 0;
    for (path, file) in files()
        .iter()
        .filter(|(p, _)| p.starts_with("generated/src/methods"))
    {
        let Some(name) = api_name(file) else {
            continue;
        };
        let f = bot_impls(file)
            .flat_map(methods)
            .next()
            .unwrap_or_else(|| panic!("{} has no Bot method", path.display()));
        let expected = (f.sig.ident != name).then(|| name.clone());
        assert_eq!(doc_alias(&f.attrs), expected, "Bot::{}", f.sig.ident);
        assert!(!is_doc_hidden(&f.attrs), "Bot::{} is hidden", f.sig.ident);
        checked += 1;
    }
    assert_eq!(checked, Spec::bundled().methods.len());
}
