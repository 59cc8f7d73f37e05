//! Object shortcuts from `spec/shortcuts.toml`: inherent methods that return a method's request
//! builder with parameters pre-filled from the object.

use std::collections::BTreeMap;

use botapi_spec::{Family, Field, PathField, Shortcuts, Type, resolve_path};
use proc_macro2::TokenStream;
use quote::quote;

use crate::context::Context;
use crate::names::{field_name, ident, snake_case};
use crate::render::doc_attrs;

/// The shortcut methods, per target type (in table order).
pub(crate) fn shortcuts(ctx: &Context<'_>, table: &Shortcuts) -> BTreeMap<String, (usize, Vec<TokenStream>)> {
    let mut by_type: BTreeMap<String, (usize, Vec<TokenStream>)> = BTreeMap::new();
    for (index, family) in table.families.iter().enumerate() {
        let entry = by_type
            .entry(family.on.clone())
            .or_insert_with(|| (index, Vec::new()));
        for (method, name) in &family.methods {
            entry.1.push(shortcut(ctx, family, method, name));
        }
    }
    by_type
}

fn shortcut(ctx: &Context<'_>, family: &Family, method_name: &str, name: &str) -> TokenStream {
    let method = ctx.spec.method(method_name).expect("checked by Shortcuts::check");
    let fn_name = ident(name);
    let method_fn = ident(&ctx.method_fn(method_name));
    let request_ty = ident(&ctx.method_type(method_name));
    let literals: Vec<TokenStream> = family
        .fill
        .iter()
        .filter_map(|(param, value)| {
            let value = value.strip_prefix('=')?;
            let field = method.params.iter().find(|p| &p.name == param)?;
            let target = ident(&field_name(&field.name));
            Some(quote!(request.payload.#target = Some(#value.into());))
        })
        .collect();
    let fills: Vec<(&Field, Vec<PathField>)> = family
        .fill
        .iter()
        .filter(|(_, path)| !path.starts_with('='))
        .filter_map(|(param, path)| {
            let field = method.params.iter().find(|p| &p.name == param)?;
            let steps = resolve_path(ctx.spec, &family.on, path).expect("checked by Shortcuts::check");
            Some((field, steps))
        })
        .collect();
    let filled = |p: &Field| fills.iter().find(|(f, _)| f.name == p.name);

    let arguments = arguments(ctx, family, method_name);
    let mut args = Vec::new();
    let mut call_args = Vec::new();
    let mut sets = Vec::new();
    for param in &method.params {
        if arguments.iter().any(|a| a.name == param.name) {
            let arg = ident(&field_name(&param.name));
            let ty = ctx.value_type(method_name, param, &param.ty);
            args.push(quote!(#arg: impl Into<#ty>));
            call_args.push(quote!(#arg));
            continue;
        }
        match (param.required, filled(param)) {
            (true, Some((_, steps))) => call_args.push(path_expr(steps).0),
            (true, None) => unreachable!("required parameters not filled are arguments"),
            (false, Some((_, steps))) => {
                let target = ident(&field_name(&param.name));
                let (expr, optional) = path_expr(steps);
                let same = steps.last().map(|s| &s.ty) == Some(&param.ty);
                let value = match (optional, same) {
                    (true, true) => expr,
                    (true, false) => quote!(#expr.map(Into::into)),
                    (false, true) => quote!(Some(#expr)),
                    (false, false) => quote!(Some(#expr.into())),
                };
                sets.push(quote!(request.payload.#target = #value;));
            }
            (false, None) => {}
        }
    }
    let quote_reply = if family.quote && method.params.iter().any(|p| p.name == "reply_parameters") {
        quote! {
            let quote = bot.client().defaults().do_quote_default().unwrap_or(self.chat.kind != ChatType::Private);
            if quote {
                request.payload.reply_parameters = Some(ReplyParameters::new(self.message_id));
            }
            request.quote_target = Some(self.message_id);
        }
    } else {
        quote!()
    };
    let filled_names: Vec<String> = fills
        .iter()
        .filter(|(f, steps)| !(f.required && path_expr(steps).1))
        .map(|(f, _)| format!("`{}`", f.name))
        .collect();
    let doc = format!(
        "{}\n\nShortcut for [`Bot::{}`](crate::Bot::{}) with {} taken from this `{}`; returns the request, so every optional parameter can still be set.",
        family.doc,
        snake_case(method_name),
        snake_case(method_name),
        if filled_names.is_empty() {
            "nothing".to_owned()
        } else {
            filled_names.join(", ")
        },
        family.on,
    );
    let docs = doc_attrs(&doc);
    let allow = if args.len() > 6 {
        quote!(#[allow(clippy::too_many_arguments)])
    } else {
        quote!()
    };
    sets.extend(literals);
    if let Some(field) = &family.message_fallback {
        let has = |name: &str| method.params.iter().any(|p| p.name == name);
        assert!(
            has("chat_id") && has("message_id") && has("inline_message_id"),
            "shortcut {}.{name}: message_fallback needs chat_id, message_id and inline_message_id",
            family.on
        );
        let field = ident(&field_name(field));
        sets.push(quote! {
            if request.payload.inline_message_id.is_none() {
                if let Some(message) = &self.#field {
                    request.payload.chat_id = Some(message.chat().id.into());
                    request.payload.message_id = Some(message.message_id());
                }
            }
        });
    }
    let body = if sets.is_empty() && quote_reply.is_empty() {
        quote!(bot.#method_fn(#(#call_args),*))
    } else {
        quote! {
            let mut request = bot.#method_fn(#(#call_args),*);
            #(#sets)*
            #quote_reply
            request
        }
    };
    quote! {
        #docs
        #allow
        pub fn #fn_name(&self, bot: &Bot, #(#args),*) -> Request<#request_ty> {
            #body
        }
    }
}

/// The parameters of `method` a shortcut of `family` takes as arguments, in order: the required
/// ones the family does not fill, and those it fills from a path the object may not hold
/// (sendChecklist's business connection on a message).
pub(crate) fn arguments<'s>(ctx: &Context<'s>, family: &Family, method: &str) -> Vec<&'s Field> {
    let method = ctx.spec.method(method).expect("checked by Shortcuts::check");
    method
        .params
        .iter()
        .filter(|p| p.required)
        .filter(|p| {
            let path = family
                .fill
                .iter()
                .find(|(param, path)| param == &p.name && !path.starts_with('='))
                .map(|(_, path)| path);
            match path {
                None => true,
                Some(path) => resolve_path(ctx.spec, &family.on, path)
                    .expect("checked by Shortcuts::check")
                    .iter()
                    .any(|step| step.optional),
            }
        })
        .collect()
}

/// `Request::do_quote` for each request type a quoting family of `on` returns: the per-call
/// override of the quote rule (python-telegram-bot's `do_quote=` argument).
pub(crate) fn do_quote_impls(ctx: &Context<'_>, table: &Shortcuts, on: &str) -> TokenStream {
    let request_types: std::collections::BTreeSet<String> = table
        .families
        .iter()
        .filter(|f| f.quote && f.on == on)
        .flat_map(|f| &f.methods)
        .filter(|(method, _)| {
            ctx.spec
                .method(method)
                .is_some_and(|m| m.params.iter().any(|p| p.name == "reply_parameters"))
        })
        .map(|(method, _)| ctx.method_type(method))
        .collect();
    let impls = request_types.iter().map(|ty| {
        let ty = ident(ty);
        quote! {
            impl Request<#ty> {
                /// Whether this reply quotes the message it answers, overriding the chat-type
                /// rule and `Defaults::do_quote` for this call (python-telegram-bot's
                /// `do_quote=`). Only requests made by a reply shortcut know their message;
                /// on others `do_quote(true)` keeps the reply parameters as they are.
                pub fn do_quote(mut self, quote: bool) -> Self {
                    if !quote {
                        self.payload.reply_parameters = None;
                    } else if let (None, Some(message_id)) = (&self.payload.reply_parameters, self.quote_target) {
                        self.payload.reply_parameters = Some(ReplyParameters::new(message_id));
                    }
                    self
                }
            }
        }
    });
    quote!(#(#impls)*)
}

/// The expression reading a field path from `self`, and whether it is an `Option`.
fn path_expr(steps: &[PathField]) -> (TokenStream, bool) {
    let copy = |ty: &Type| matches!(ty, Type::Integer | Type::Float | Type::Boolean | Type::True);
    let (first, rest) = steps.split_first().expect("paths have a step");
    let field = ident(&field_name(&first.name));
    let mut expr = quote!(self.#field);
    let mut optional = first.optional;
    if rest.is_empty() {
        if !copy(&first.ty) {
            expr = quote!(#expr.clone());
        }
        return (expr, optional);
    }
    for (i, step) in rest.iter().enumerate() {
        let field = ident(&field_name(&step.name));
        let last = i + 1 == rest.len();
        let read = if last && !copy(&step.ty) {
            quote!(v.#field.clone())
        } else {
            quote!(v.#field)
        };
        expr = match (optional, step.optional) {
            (false, _) if !last => quote!(#expr.#field),
            (false, _) => {
                if copy(&step.ty) {
                    quote!(#expr.#field)
                } else {
                    quote!(#expr.#field.clone())
                }
            }
            (true, false) => quote!(#expr.as_ref().map(|v| #read)),
            (true, true) => quote!(#expr.as_ref().and_then(|v| #read)),
        };
        optional |= step.optional;
    }
    (expr, optional)
}
