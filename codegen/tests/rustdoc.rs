//! What the generated crate's rustdoc shows, checked on codegen's output for the committed Bot
//! API spec: which items are documented, and that their docs speak Rust.

use std::collections::HashMap;
use std::sync::OnceLock;

use botapi_spec::Spec;
use syn::visit::Visit;
use syn::{Attribute, ImplItem, Item};

/// What the tests look at, read once from the generated files (`syn` trees are not `Sync`).
struct Facts {
    /// Every inherent `impl Bot` block: its file, whether it is hidden, and its methods.
    bot_impls: Vec<BotImpl>,
    /// Every API method: its `Method::NAME` and its `Bot` method.
    api_methods: Vec<(String, Function)>,
    /// Every named struct field and every one-value enum variant.
    fields: Vec<Documented>,
    /// Every setter: the struct whose field it sets, whether it is on `Request`, and itself.
    setters: Vec<(String, bool, Function)>,
    /// Every doc comment, with its file.
    docs: Vec<(String, String)>,
    /// The docs of `struct Update`.
    update_doc: String,
}

struct BotImpl {
    file: String,
    hidden: bool,
    methods: Vec<Function>,
}

struct Function {
    name: String,
    hidden: bool,
    alias: Option<String>,
    doc: String,
}

/// A documented struct field or enum variant.
struct Documented {
    /// `Owner.field` or `Enum::Variant`.
    name: String,
    /// The Rust type, without spaces (`Option<Vec<MessageEntity>>`).
    ty: String,
    doc: String,
}

impl Documented {
    fn assert_lacks(&self, words: &str) {
        assert!(
            !self.doc.contains(words),
            "{} ({}) still says {words}: {}",
            self.name,
            self.ty,
            self.doc
        );
    }
}

fn facts() -> &'static Facts {
    static FACTS: OnceLock<Facts> = OnceLock::new();
    FACTS.get_or_init(|| {
        let mut facts = Facts {
            bot_impls: Vec::new(),
            api_methods: Vec::new(),
            fields: Vec::new(),
            setters: Vec::new(),
            docs: Vec::new(),
            update_doc: String::new(),
        };
        for (path, text) in botapi_codegen::generate(&Spec::bundled()) {
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let path = path.to_string_lossy().into_owned();
            let file = syn::parse_file(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
            read_file(&mut facts, &path, &file);
        }
        facts
    })
}

fn read_file(facts: &mut Facts, path: &str, file: &syn::File) {
    let mut docs = Docs(path, Vec::new());
    docs.visit_file(file);
    facts.docs.extend(docs.1);
    let api_name = api_name(file);
    for item in &file.items {
        match item {
            Item::Impl(block) if block.trait_.is_none() => {
                match self_type(&block.self_ty) {
                    Some((name, None)) if name == "Bot" => {
                        // A method file's `impl Bot` holds that method alone.
                        if let (Some(api), Some(f)) = (&api_name, functions(block).next()) {
                            facts.api_methods.push((api.clone(), function(f)));
                        }
                        facts.bot_impls.push(BotImpl {
                            file: path.to_owned(),
                            hidden: is_doc_hidden(&block.attrs),
                            methods: functions(block).map(function).collect(),
                        });
                    }
                    Some((name, argument)) => {
                        let (owner, on_request) = match argument {
                            Some(payload) if name == "Request" => (payload, true),
                            _ => (name, false),
                        };
                        for f in functions(block).filter(|f| is_setter(f)) {
                            facts.setters.push((owner.clone(), on_request, function(f)));
                        }
                    }
                    None => {}
                }
            }
            Item::Struct(s) => {
                if s.ident == "Update" {
                    facts.update_doc = doc_text(&s.attrs);
                }
                for field in &s.fields {
                    let Some(ident) = &field.ident else { continue };
                    facts.fields.push(Documented {
                        name: format!("{}.{ident}", s.ident),
                        ty: type_text(&field.ty),
                        doc: doc_text(&field.attrs),
                    });
                }
            }
            Item::Enum(e) => {
                for variant in &e.variants {
                    let syn::Fields::Unnamed(fields) = &variant.fields else {
                        continue;
                    };
                    facts.fields.push(Documented {
                        name: format!("{}::{}", e.ident, variant.ident),
                        ty: type_text(&fields.unnamed[0].ty),
                        doc: doc_text(&variant.attrs),
                    });
                }
            }
            _ => {}
        }
    }
}

/// Collects every doc comment of a file.
struct Docs<'a>(&'a str, Vec<(String, String)>);

impl<'ast> Visit<'ast> for Docs<'_> {
    fn visit_attribute(&mut self, attr: &'ast Attribute) {
        let text = doc_text(std::slice::from_ref(attr));
        if !text.is_empty() {
            self.1.push((self.0.to_owned(), text));
        }
    }
}

/// `Bot` as `("Bot", None)`, `Request<SendMessage>` as `("Request", Some("SendMessage"))`.
fn self_type(ty: &syn::Type) -> Option<(String, Option<String>)> {
    let syn::Type::Path(path) = ty else { return None };
    let last = path.path.segments.last()?;
    let argument = match &last.arguments {
        syn::PathArguments::AngleBracketed(args) => {
            Some(quote::quote!(#args).to_string().replace([' ', '<', '>'], ""))
        }
        _ => None,
    };
    Some((last.ident.to_string(), argument))
}

fn functions(block: &syn::ItemImpl) -> impl Iterator<Item = &syn::ImplItemFn> {
    block.items.iter().filter_map(|item| match item {
        ImplItem::Fn(f) => Some(f),
        _ => None,
    })
}

fn function(f: &syn::ImplItemFn) -> Function {
    Function {
        name: f.sig.ident.to_string(),
        hidden: is_doc_hidden(&f.attrs),
        alias: doc_alias(&f.attrs),
        doc: doc_text(&f.attrs),
    }
}

/// `fn x(mut self, value: ..) -> Self`.
fn is_setter(f: &syn::ImplItemFn) -> bool {
    f.sig.inputs.len() == 2
        && matches!(f.sig.inputs.first(), Some(syn::FnArg::Receiver(r)) if r.mutability.is_some())
        && matches!(&f.sig.output, syn::ReturnType::Type(_, ty) if type_text(ty) == "Self")
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

/// The rustdoc text of an item: its `#[doc = ".."]` lines, joined.
fn doc_text(attrs: &[Attribute]) -> String {
    let lines: Vec<String> = attrs
        .iter()
        .filter_map(|attr| match &attr.meta {
            syn::Meta::NameValue(nv) if nv.path.is_ident("doc") => match &nv.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(s.value()),
                _ => None,
            },
            _ => None,
        })
        .collect();
    lines
        .iter()
        .map(|line| line.strip_prefix(' ').unwrap_or(line))
        .collect::<Vec<_>>()
        .join("\n")
}

fn type_text(ty: &syn::Type) -> String {
    quote::quote!(#ty).to_string().replace(' ', "")
}

#[test]
fn camel_case_aliases_are_hidden_from_the_bot_page() {
    let aliases: Vec<_> = facts()
        .bot_impls
        .iter()
        .filter(|b| b.file.ends_with("generated/src/aliases.rs"))
        .collect();
    assert_eq!(aliases.len(), 1, "aliases.rs holds one `impl Bot`");
    assert!(
        aliases[0].hidden,
        "the aliases' `impl Bot` must be #[doc(hidden)]: rendered, its ~180 methods come before Bot::new"
    );
    assert!(
        aliases[0].methods.len() > 150,
        "{} aliases",
        aliases[0].methods.len()
    );
    for f in &aliases[0].methods {
        assert!(f.hidden, "alias `{}` is not #[doc(hidden)]", f.name);
    }
}

#[test]
fn the_constructors_are_the_only_visible_bot_methods_outside_the_api_methods() {
    // rustdoc renders a type's inherent impls in the order it meets them, hidden ones not at
    // all. The API methods live in `methods/`, declared after `bot`; any other visible
    // `impl Bot` could come first.
    let mut constructors = Vec::new();
    for block in &facts().bot_impls {
        if block.file.ends_with("generated/src/bot.rs") {
            constructors.extend(block.methods.iter().map(|f| f.name.as_str()));
        } else if !block.file.contains("generated/src/methods/") {
            assert!(block.hidden, "{} has a visible `impl Bot`", block.file);
        }
    }
    assert_eq!(
        constructors,
        ["new", "builder", "with_client", "client", "execute"]
    );
}

#[test]
fn canonical_methods_are_found_under_the_api_name() {
    let methods = &facts().api_methods;
    assert_eq!(methods.len(), Spec::bundled().methods.len());
    for (api, f) in methods {
        let expected = (f.name != *api).then(|| api.clone());
        assert_eq!(f.alias, expected, "Bot::{}", f.name);
        assert!(!f.hidden, "Bot::{} is hidden", f.name);
    }
}

#[test]
fn option_fields_do_not_say_optional() {
    let mut options = 0;
    for field in &facts().fields {
        options += usize::from(field.ty.starts_with("Option<"));
        field.assert_lacks("*Optional*");
    }
    assert!(options > 1000, "{options} Option fields");
}

#[test]
fn lists_and_objects_are_not_described_by_their_json_encoding() {
    let mut checked = 0;
    for field in &facts().fields {
        let inner = field.ty.trim_start_matches("Option<").trim_start_matches("Box<");
        // A String documented as JSON-serialized data does hold JSON text.
        if ["String", "bool", "i64", "f64"]
            .iter()
            .any(|t| inner.starts_with(t))
        {
            continue;
        }
        checked += 1;
        field.assert_lacks("JSON-serialized");
    }
    assert!(checked > 1000, "{checked} list and object fields");
}

#[test]
fn boolean_literals_are_rust_literals() {
    for (path, doc) in &facts().docs {
        for literal in ["*True*", "*False*", "*true*", "*false*"] {
            assert!(!doc.contains(literal), "{path}: `{literal}` in: {doc}");
        }
    }
    let bools = facts()
        .fields
        .iter()
        .filter(|f| (f.ty == "bool" || f.ty == "Option<bool>") && f.doc.contains("`true`"))
        .count();
    assert!(bools > 300, "only {bools} bool fields mention `true`");
}

#[test]
fn update_describes_its_kind_not_optional_fields() {
    let doc = &facts().update_doc;
    assert!(!doc.contains("optional fields"), "{doc}");
    assert!(
        doc.contains("[`kind`](Self::kind)") && doc.contains("(UpdateKind)"),
        "{doc}"
    );
}

#[test]
fn setters_link_their_field_and_summarize_it() {
    let fields: HashMap<&str, &str> = facts()
        .fields
        .iter()
        .map(|f| (f.name.as_str(), f.doc.as_str()))
        .collect();
    // Counted on `Request` setters only: which received objects keep setters is not this
    // test's business.
    let (mut checked, mut shortened) = (0, 0);
    for (owner, on_request, f) in &facts().setters {
        let Some(field_doc) = fields.get(format!("{owner}.{}", f.name).as_str()) else {
            continue;
        };
        let name = &f.name;
        let link = if *on_request {
            format!("Sets [`{name}`](field@crate::methods::{owner}::{name})")
        } else {
            format!("Sets [`{name}`](field@Self::{name})")
        };
        let summary = f
            .doc
            .strip_prefix(&link)
            .unwrap_or_else(|| panic!("{owner}::{name}: `{}` does not start with `{link}`", f.doc));
        let summary = summary.strip_prefix(": ").unwrap_or(summary);
        assert!(
            !f.doc.contains('\n'),
            "{owner}::{name}: the setter doc is not one line: {}",
            f.doc
        );
        assert!(
            field_doc.starts_with(summary),
            "{owner}::{name}: `{summary}` does not summarize the field doc `{field_doc}`"
        );
        if *on_request {
            shortened += usize::from(summary.len() < field_doc.len());
            checked += 1;
        }
    }
    assert!(checked > 500, "{checked} request setters");
    assert!(
        shortened > 200,
        "only {shortened} request setters are shorter than their field's doc"
    );
}

#[test]
fn a_setter_doc_is_the_first_sentence_of_its_field() {
    let (_, _, f) = facts()
        .setters
        .iter()
        .find(|(owner, on_request, f)| owner == "SendMessage" && *on_request && f.name == "parse_mode")
        .expect("Request<SendMessage>::parse_mode");
    assert_eq!(
        f.doc,
        "Sets [`parse_mode`](field@crate::methods::SendMessage::parse_mode): Mode for parsing entities \
         in the message text."
    );
}

/// A hand-written runtime source file, parsed.
fn runtime_file(name: &str) -> syn::File {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../runtime/src")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn runtime_plumbing_for_generated_code_is_hidden() {
    // Public because the generated code names them, but no user reads or writes them: they
    // would only crowd `Method`'s page, every payload's `impl Method` and the runtime's index.
    let method = runtime_file("method.rs");
    let defaults = method
        .items
        .iter()
        .find_map(|item| match item {
            Item::Trait(t) if t.ident == "Method" => t.items.iter().find_map(|item| match item {
                syn::TraitItem::Const(c) if c.ident == "DEFAULTS" => Some(c),
                _ => None,
            }),
            _ => None,
        })
        .expect("Method::DEFAULTS");
    assert!(is_doc_hidden(&defaults.attrs), "Method::DEFAULTS is documented");
    let defaults = runtime_file("defaults.rs");
    for name in ["DefaultSlot", "PathStep"] {
        let attrs = defaults
            .items
            .iter()
            .find_map(|item| match item {
                Item::Struct(s) if s.ident == name => Some(&s.attrs),
                Item::Enum(e) if e.ident == name => Some(&e.attrs),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no {name}"));
        assert!(is_doc_hidden(attrs), "{name} is documented");
    }
    for module in ["de.rs", "ser.rs"] {
        assert!(
            is_doc_hidden(&runtime_file(module).attrs),
            "runtime::{module} is documented"
        );
    }
    // What users do need stays documented.
    assert!(!is_doc_hidden(
        &defaults
            .items
            .iter()
            .find_map(|item| match item {
                Item::Enum(e) if e.ident == "DefaultKind" => Some(e.attrs.clone()),
                _ => None,
            })
            .expect("DefaultKind")
    ));
}
