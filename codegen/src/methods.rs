//! Rendering of methods: payload struct, `Method` impl, request setters and the `Bot` method.

use std::collections::HashSet;

use botapi_spec::{Field, Method, ObjectKind, Type};
use proc_macro2::TokenStream;
use quote::quote;

use crate::context::Context;
use crate::names::{field_name, ident};
use crate::render::doc_attrs;
use crate::types::{default_impl, serialize_impl, setter};

/// Everything generated for one method.
pub(crate) fn method(ctx: &Context<'_>, method: &Method) -> TokenStream {
    let ty = ident(&ctx.method_type(&method.name));
    let fn_name = ident(&ctx.method_fn(&method.name));
    let api_name = &method.name;
    let doc = ctx.doc(&method.description, Some(&method.anchor));
    let payload_doc = doc_attrs(&format!(
        "Parameters of [`{api_name}`](crate::Bot::{fn_name}).\n\n{}",
        ctx.doc(&method.description, Some(&method.anchor))
    ));
    let bot_doc = doc_attrs(&doc);

    let fields = method.params.iter().map(|f| {
        let rust = field_name(&f.name);
        let ident = ident(&rust);
        let ty = ctx.field_type(&method.name, f);
        let docs = doc_attrs(&ctx.field_doc(f));
        let ty = if f.required { ty } else { quote!(Option<#ty>) };
        quote!(#docs pub #ident: #ty,)
    });
    let required: Vec<&Field> = method.params.iter().filter(|f| f.required).collect();
    let args: Vec<TokenStream> = required
        .iter()
        .map(|f| {
            let ident = ident(&field_name(&f.name));
            let ty = ctx.value_type(&method.name, f, &f.ty);
            quote!(#ident: impl Into<#ty>)
        })
        .collect();
    let arg_names: Vec<_> = required.iter().map(|f| ident(&field_name(&f.name))).collect();
    let inits = method.params.iter().map(|f| {
        let ident = ident(&field_name(&f.name));
        if f.required {
            quote!(#ident: #ident.into())
        } else {
            quote!(#ident: None)
        }
    });
    let setters = method
        .params
        .iter()
        .filter(|f| !f.required)
        .map(|f| setter(ctx, &method.name, f, quote!(self.payload)));
    let output = return_type(&method.returns);
    let may_upload = method
        .params
        .iter()
        .any(|f| ctx.may_upload(&f.ty, &mut HashSet::new()));
    let slots = default_slots(ctx, method).into_iter().map(|slot| slot.tokens());
    let long_poll = if method.name == "getUpdates" {
        quote! {
            fn long_poll_timeout(&self) -> Option<u64> {
                self.timeout.and_then(|t| u64::try_from(t).ok())
            }
        }
    } else {
        quote!()
    };
    let allow = if required.len() > 7 {
        quote!(#[allow(clippy::too_many_arguments)])
    } else {
        quote!()
    };
    let new_doc = format!(" Creates the parameters of `{api_name}` from the required ones.");
    let alias_attr = if fn_name == api_name.as_str() {
        quote!()
    } else {
        quote!(#[doc(alias = #api_name)])
    };
    for f in method.params.iter().filter(|f| !f.required) {
        assert!(
            !REQUEST_METHODS.contains(&field_name(&f.name).as_str()),
            "{api_name}.{}: the setter would clash with a method of `Request`; rename one of them",
            f.name
        );
    }
    let body = if method.params.is_empty() {
        quote!({})
    } else {
        quote!({ #(#fields)* })
    };

    let default = default_impl(&ty, required.is_empty());
    let params: Vec<&Field> = method.params.iter().collect();
    let serialize = serialize_impl(&ty, None, &params);
    quote! {
        #payload_doc
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub struct #ty #body

        #serialize

        #default

        impl #ty {
            #[doc = #new_doc]
            #allow
            pub fn new(#(#args),*) -> Self {
                Self { #(#inits),* }
            }
        }

        impl Method for #ty {
            const NAME: &'static str = #api_name;
            const MAY_UPLOAD: bool = #may_upload;
            const DEFAULTS: &'static [DefaultSlot] = &[#(#slots),*];
            type Output = #output;
            #long_poll
        }

        impl Request<#ty> {
            #(#setters)*
        }

        impl Bot {
            #bot_doc
            #alias_attr
            #allow
            pub fn #fn_name(&self, #(#args),*) -> Request<#ty> {
                Request::new(self.clone(), #ty::new(#(#arg_names),*))
            }
        }
    }
}

/// Methods of the generated `Request` type, which parameter setters must not shadow.
const REQUEST_METHODS: &[&str] = &[
    "new",
    "params",
    "params_mut",
    "into_params",
    "extra",
    "without_default",
    "send",
];

/// The camelCase alias of a method, if it differs from the snake_case name.
///
/// Hidden from rustdoc: ~180 forwards would otherwise fill the `Bot` page before its
/// constructors. The canonical method carries `#[doc(alias = "camelCase")]` instead, so the
/// docs search still finds it under the API's own name.
pub(crate) fn alias(ctx: &Context<'_>, method: &Method) -> Option<TokenStream> {
    let snake = ctx.method_fn(&method.name);
    if snake == method.name {
        return None;
    }
    let ty = ident(&ctx.method_type(&method.name));
    let camel = ident(&method.name);
    let snake_ident = ident(&snake);
    let args: Vec<TokenStream> = method
        .params
        .iter()
        .filter(|f| f.required)
        .map(|f| {
            let ident = ident(&field_name(&f.name));
            let ty = ctx.value_type(&method.name, f, &f.ty);
            quote!(#ident: impl Into<#ty>)
        })
        .collect();
    let names: Vec<_> = method
        .params
        .iter()
        .filter(|f| f.required)
        .map(|f| ident(&field_name(&f.name)))
        .collect();
    let doc = format!(
        " Alias of [`{snake}`](Self::{snake}), under the API's own name `{}`.",
        method.name
    );
    let allow = if args.len() > 7 {
        quote!(#[allow(clippy::too_many_arguments)])
    } else {
        quote!()
    };
    Some(quote! {
        #[doc = #doc]
        #[doc(hidden)]
        #[inline]
        #allow
        pub fn #camel(&self, #(#args),*) -> Request<#ty> {
            self.#snake_ident(#(#names),*)
        }
    })
}

/// The Rust type of a method's result.
fn return_type(ty: &Type) -> TokenStream {
    match ty {
        Type::Integer => quote!(i64),
        Type::Float => quote!(f64),
        Type::String => quote!(String),
        Type::Boolean | Type::True => quote!(bool),
        Type::Ref(name) => {
            let name = ident(name);
            quote!(#name)
        }
        Type::Array(inner) => {
            let inner = return_type(inner);
            quote!(Vec<#inner>)
        }
        Type::OneOf(alts) if alts.len() == 2 && alts.contains(&Type::True) => {
            let other = alts.iter().find(|t| **t != Type::True).expect("two alternatives");
            match other {
                Type::Ref(name) if name == "Message" => quote!(MessageOrTrue),
                _ => panic!("no Rust type for the return type `{ty}`: add one in codegen/src/methods.rs"),
            }
        }
        Type::OneOf(_) => {
            panic!("no Rust type for the return type `{ty}`: add one in codegen/src/methods.rs")
        }
    }
}

/// A parameter, possibly nested, that takes a bot-wide default.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Slot {
    pub(crate) path: Vec<Step>,
    pub(crate) field: String,
    pub(crate) kind: &'static str,
}

/// Mirror of `botapi_runtime::PathStep`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Step {
    Key(String),
    Each,
    When { tag: String, values: Vec<String> },
    Has(String),
}

impl Slot {
    fn tokens(&self) -> TokenStream {
        let steps = self.path.iter().map(|step| match step {
            Step::Key(key) => quote!(PathStep::Key(#key)),
            Step::Each => quote!(PathStep::Each),
            Step::When { tag, values } => quote!(PathStep::When { tag: #tag, values: &[#(#values),*] }),
            Step::Has(key) => quote!(PathStep::Has(#key)),
        });
        let field = &self.field;
        let kind = ident(self.kind);
        quote!(DefaultSlot { path: &[#(#steps),*], field: #field, kind: DefaultKind::#kind })
    }
}

/// Which default a parameter of this name takes, decided from the spec's field names.
fn default_kind(field: &Field) -> Option<&'static str> {
    let name = field.name.as_str();
    match name {
        "parse_mode" => Some("ParseMode"),
        _ if name.ends_with("_parse_mode") => Some("ParseMode"),
        "disable_notification" => Some("DisableNotification"),
        "protect_content" => Some("ProtectContent"),
        "allow_sending_without_reply" => Some("AllowSendingWithoutReply"),
        "link_preview_options" => Some("LinkPreviewOptions"),
        _ => None,
    }
}

/// Every slot of a method: its own parameters and those nested in input objects.
pub(crate) fn default_slots(ctx: &Context<'_>, method: &Method) -> Vec<Slot> {
    let mut slots = Vec::new();
    walk_fields(ctx, &method.params, &[], &mut Vec::new(), &mut slots);
    merge_variant_slots(slots)
}

fn walk_fields(
    ctx: &Context<'_>,
    fields: &[Field],
    path: &[Step],
    stack: &mut Vec<String>,
    out: &mut Vec<Slot>,
) {
    for field in fields {
        if let Some(kind) = default_kind(field) {
            out.push(Slot {
                path: path.to_vec(),
                field: field.name.clone(),
                kind,
            });
            continue;
        }
        let mut inner = path.to_vec();
        inner.push(Step::Key(field.name.clone()));
        walk_type(ctx, &field.ty, &inner, stack, out);
    }
}

fn walk_type(ctx: &Context<'_>, ty: &Type, path: &[Step], stack: &mut Vec<String>, out: &mut Vec<Slot>) {
    match ty {
        Type::Array(inner) => {
            let mut path = path.to_vec();
            path.push(Step::Each);
            walk_type(ctx, inner, &path, stack, out);
        }
        Type::OneOf(alts) => {
            if let Some(union) = ctx.union_covering(alts) {
                walk_type(ctx, &Type::Ref(union.name.clone()), path, stack, out);
            }
        }
        Type::Ref(name) if name != "InputFile" && !stack.contains(name) && stack.len() < 4 => {
            let object = ctx.object(name);
            stack.push(name.clone());
            match &object.kind {
                ObjectKind::Fields(fields) => walk_fields(ctx, fields, path, stack, out),
                ObjectKind::Union(union) => {
                    for variant in &union.variants {
                        let target = ctx.object(&variant.name);
                        let guard = match (&union.discriminator, &variant.value) {
                            (Some(tag), Some(value)) => Step::When {
                                tag: tag.clone(),
                                values: vec![value.clone()],
                            },
                            _ => {
                                let Some(key) = distinguishing_field(ctx, &union.variants, &variant.name)
                                else {
                                    continue;
                                };
                                Step::Has(key)
                            }
                        };
                        let mut path = path.to_vec();
                        path.push(guard);
                        if !stack.contains(&variant.name) {
                            stack.push(variant.name.clone());
                            walk_fields(ctx, target.fields(), &path, stack, out);
                            stack.pop();
                        }
                    }
                }
            }
            stack.pop();
        }
        _ => {}
    }
}

/// A required field of `variant` that no other variant of the union has.
fn distinguishing_field(
    ctx: &Context<'_>,
    variants: &[botapi_spec::Variant],
    variant: &str,
) -> Option<String> {
    let others: Vec<&str> = variants
        .iter()
        .filter(|v| v.name != variant)
        .flat_map(|v| ctx.object(&v.name).fields().iter().map(|f| f.name.as_str()))
        .collect();
    ctx.object(variant)
        .fields()
        .iter()
        .find(|f| f.required && !others.contains(&f.name.as_str()))
        .map(|f| f.name.clone())
}

/// Slots that differ only in the values of one `When` step are merged into one slot.
fn merge_variant_slots(slots: Vec<Slot>) -> Vec<Slot> {
    let mut merged: Vec<Slot> = Vec::new();
    for slot in slots {
        let target = merged.iter_mut().find(|m| {
            m.field == slot.field
                && m.kind == slot.kind
                && m.path.len() == slot.path.len()
                && m.path.iter().zip(&slot.path).all(|(a, b)| match (a, b) {
                    (Step::When { tag: t1, .. }, Step::When { tag: t2, .. }) => t1 == t2,
                    _ => a == b,
                })
                && m.path.iter().zip(&slot.path).filter(|(a, b)| a != b).count() <= 1
        });
        match target {
            Some(existing) => {
                for (a, b) in existing.path.iter_mut().zip(&slot.path) {
                    if let (Step::When { values, .. }, Step::When { values: new, .. }) = (a, b) {
                        for value in new {
                            if !values.contains(value) {
                                values.push(value.clone());
                            }
                        }
                    }
                }
            }
            None => merged.push(slot),
        }
    }
    merged
}
