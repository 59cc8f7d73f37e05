//! Rendering of objects: structs, unions and the `Update` envelope.

use botapi_spec::{Field, Object, ObjectKind, Type, Union};
use proc_macro2::TokenStream;
use quote::quote;

use crate::context::Context;
use crate::docs::wording;
use crate::names::{field_name, ident, pascal_case};
use crate::render::doc_attrs;

/// The rendered items of one object (a struct, or a union with its conversions).
pub(crate) fn object(ctx: &Context<'_>, object: &Object) -> TokenStream {
    match (&object.kind, object.name.as_str()) {
        (ObjectKind::Fields(fields), "Update") => update(ctx, object, fields),
        (ObjectKind::Fields(fields), "File") => {
            let structure = structure(ctx, object, fields);
            let downloads = file_downloads();
            quote!(#structure #downloads)
        }
        (ObjectKind::Fields(fields), _) => structure(ctx, object, fields),
        (ObjectKind::Union(_), "MaybeInaccessibleMessage") => maybe_inaccessible_message(ctx, object),
        (ObjectKind::Union(union), _) => match &union.discriminator {
            Some(tag) => tagged_union(ctx, object, union, tag),
            None => untagged_union(ctx, object, union),
        },
    }
}

/// The fields a struct stores: all of them, minus the discriminator its union owns.
pub(crate) fn stored_fields<'f>(ctx: &Context<'_>, object: &Object, fields: &'f [Field]) -> Vec<&'f Field> {
    let tag = ctx.tag_field_of(&object.name);
    fields.iter().filter(|f| Some(f.name.as_str()) != tag).collect()
}

fn structure(ctx: &Context<'_>, object: &Object, fields: &[Field]) -> TokenStream {
    let name = ident(&object.name);
    let mut doc = ctx.doc(&object.description, Some(&object.anchor));
    let tag = variant_tag(ctx, &object.name);
    if let (Some(union), Some((tag, value))) = (ctx.union_of(&object.name), tag) {
        doc.push_str(&format!(
            "\n\nA variant of [`{}`]: it serializes with `\"{tag}\": \"{value}\"`, a field it \
             does not store.",
            union.name
        ));
    }
    let docs = doc_attrs(&doc);
    let fields = stored_fields(ctx, object, fields);
    // serde is implemented by hand (see `serialize_impl` and `deserialize_impl`).
    let derives = derives(ctx, &object.name);
    let serialize = serialize_impl(&name, tag, &fields);
    let deserialize = deserialize_impl(ctx, &object.name, &name, &fields);
    let serde = quote!(#serialize #deserialize);

    let field_defs = fields.iter().map(|f| {
        let rust = field_name(&f.name);
        let ident = ident(&rust);
        let ty = ctx.field_type(&object.name, f);
        let mut doc = ctx.field_doc(f);
        let ty = if f.required {
            // Required fields that Telegram added later are missing from older servers and
            // captures. Booleans read as false and arrays as empty, which loses nothing; any
            // other missing required field fails the object (and an update keeps its raw JSON).
            // (Applied by `deserialize_impl`.)
            if matches!(f.ty, Type::Boolean | Type::True) {
                doc.push_str("\n\nRead as `false` when absent.");
            } else if matches!(f.ty, Type::Array(_)) {
                doc.push_str("\n\nRead as empty when absent.");
            }
            ty
        } else {
            quote!(Option<#ty>)
        };
        let docs = doc_attrs(&doc);
        quote! {
            #docs
            pub #ident: #ty,
        }
    });

    // A required field with a documented fixed value ("must be *article*") is set by `new`.
    let required: Vec<&&Field> = fields
        .iter()
        .filter(|f| f.required && f.facts.constant.is_none())
        .collect();
    let new_args = required.iter().map(|f| {
        let ident = ident(&field_name(&f.name));
        let ty = ctx.value_type(&object.name, f, &f.ty);
        quote!(#ident: impl Into<#ty>)
    });
    let inits = fields.iter().map(|f| {
        let ident = ident(&field_name(&f.name));
        if !f.required {
            quote!(#ident: None)
        } else if let Some(constant) = &f.facts.constant {
            quote!(#ident: #constant.into())
        } else if ctx.is_boxed(&object.name, &f.name) {
            quote!(#ident: Box::new(#ident.into()))
        } else {
            quote!(#ident: #ident.into())
        }
    });
    let setters = fields
        .iter()
        .filter(|f| !f.required)
        .map(|f| setter(ctx, &object.name, f, quote!(self)));
    let new_doc = format!(" Creates a `{}` from its required fields.", object.name);
    let allow = if required.len() > 7 {
        quote!(#[allow(clippy::too_many_arguments)])
    } else {
        quote!()
    };
    let empty = fields.is_empty();
    let body = if empty {
        quote!({})
    } else {
        quote!({ #(#field_defs)* })
    };

    let default = default_impl(&name, required.is_empty());
    quote! {
        #docs
        #derives
        #[non_exhaustive]
        pub struct #name #body

        #serde
        #default

        impl #name {
            #[doc = #new_doc]
            #allow
            pub fn new(#(#new_args),*) -> Self {
                Self { #(#inits),* }
            }
            #(#setters)*
        }
    }
}

/// The discriminator `(field, value)` a tagged union's variant struct is written with.
fn variant_tag<'a>(ctx: &Context<'a>, name: &str) -> Option<(&'a str, &'a str)> {
    let tag = ctx.tag_field_of(name)?;
    let union = ctx.union_of(name)?.union()?;
    let variant = union.variants.iter().find(|v| v.name == name)?;
    Some((tag, variant.value.as_deref()?))
}

/// A `Serialize` impl for a struct: its fields as a map in doc order, optional ones only when
/// set. Written out rather than derived for the same reason as [`deserialize_impl`].
pub(crate) fn serialize_impl(
    name: &proc_macro2::Ident,
    tag: Option<(&str, &str)>,
    fields: &[&Field],
) -> TokenStream {
    if tag.is_none() && fields.is_empty() {
        return quote! {
            impl Serialize for #name {
                fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    ser::Fields::new(serializer)?.end()
                }
            }
        };
    }
    let tag = tag.map(|(field, value)| quote!(map.field(#field, #value);));
    let entries = fields.iter().map(|f| {
        let field = ident(&field_name(&f.name));
        let api = &f.name;
        if f.required {
            quote!(map.field(#api, &self.#field);)
        } else {
            quote!(map.opt(#api, &self.#field);)
        }
    });
    quote! {
        impl Serialize for #name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = ser::Fields::new(serializer)?;
                #tag
                #(#entries)*
                map.end()
            }
        }
    }
}

/// A `Deserialize` impl for a struct: one visitor over the object's keys, matched by name.
///
/// serde's derive also generates field-index visitors, sequence support and duplicate checks,
/// about ten times the code per field; this crate's objects only ever come as JSON objects,
/// and the generated crate's compile time is dominated by that code. Each key is read by a
/// shared runtime function (`de::req`/`de::opt`) and the error checked once per key, which
/// keeps every arm a single call. Unknown keys are skipped (fields from a newer Bot API); a
/// repeated key keeps its last value. An object without fields reads any object.
fn deserialize_impl(
    ctx: &Context<'_>,
    owner: &str,
    name: &proc_macro2::Ident,
    fields: &[&Field],
) -> TokenStream {
    let expecting = format!("a {name} object");
    let locals: Vec<_> = fields
        .iter()
        .map(|f| ident(&format!("f_{}", field_name(&f.name))))
        .collect();
    let decls = fields.iter().zip(&locals).map(|(f, local)| {
        let ty = ctx.field_type(owner, f);
        quote!(let mut #local: Option<#ty> = None;)
    });
    let arms = fields.iter().zip(&locals).map(|(f, local)| {
        let api = &f.name;
        if f.required {
            quote!(#api => de::req(&mut map, &mut #local),)
        } else {
            quote!(#api => de::opt(&mut map, &mut #local),)
        }
    });
    let finals = fields.iter().zip(&locals).map(|(f, local)| {
        let field = ident(&field_name(&f.name));
        let api = &f.name;
        let defaulted = matches!(f.ty, Type::Boolean | Type::True | Type::Array(_));
        match (f.required, defaulted) {
            (false, _) => quote!(#field: #local),
            (true, true) => quote!(#field: #local.unwrap_or_default()),
            (true, false) => quote!(#field: de::required(#local, #api)?),
        }
    });
    let body = if fields.is_empty() {
        quote! {
            de::skip_entries(&mut map)?;
            Ok(#name {})
        }
    } else {
        quote! {
            #(#decls)*
            while let Some(key) = map.next_key::<de::Key<'de>>()? {
                match key.as_str() {
                    #(#arms)*
                    _ => de::skip_value(&mut map),
                }?;
            }
            Ok(#name { #(#finals),* })
        }
    };
    quote! {
        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                de::object(deserializer)
            }
        }

        impl<'de> de::FromMap<'de> for #name {
            const EXPECTING: &'static str = #expecting;

            fn from_map<A: serde::de::MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
                #body
            }
        }
    }
}

/// A `Serialize` impl for an enum whose variants each hold one serializable value: the value
/// is written as it is (a tagged union's variant structs write their own tag).
pub(crate) fn delegating_serialize(
    name: &proc_macro2::Ident,
    variants: &[proc_macro2::Ident],
) -> TokenStream {
    quote! {
        impl Serialize for #name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(Self::#variants(value) => value.serialize(serializer),)*
                }
            }
        }
    }
}

/// The Rust names of a union's variants: its objects, its other forms, then `Unknown`.
fn union_variant_names(ctx: &Context<'_>, object: &Object, union: &Union) -> Vec<proc_macro2::Ident> {
    let mut names: Vec<_> = union
        .variants
        .iter()
        .map(|v| ident(&ctx.variant_name(&object.name, &v.name)))
        .collect();
    for other in &union.other_types {
        names.push(ident(other_form_variant(object, other)));
    }
    names.push(ident("Unknown"));
    names
}

/// `Default` for a type whose `new` takes no argument.
pub(crate) fn default_impl(name: &proc_macro2::Ident, no_args: bool) -> TokenStream {
    if !no_args {
        return quote!();
    }
    quote! {
        impl Default for #name {
            fn default() -> Self {
                Self::new()
            }
        }
    }
}

/// A chainable setter for an optional field. `target` is the expression holding the field.
pub(crate) fn setter(ctx: &Context<'_>, owner: &str, f: &Field, target: TokenStream) -> TokenStream {
    let rust = field_name(&f.name);
    let ident = ident(&rust);
    let ty = ctx.value_type(owner, f, &f.ty);
    let value = if ctx.is_boxed(owner, &f.name) {
        quote!(Box::new(value.into()))
    } else {
        quote!(value.into())
    };
    let docs = doc_attrs(&ctx.setter_doc(owner, f));
    quote! {
        #docs
        pub fn #ident(mut self, value: impl Into<#ty>) -> Self {
            #target.#ident = Some(#value);
            self
        }
    }
}

/// `#[derive(...)]` for a generated type: `Eq` and `Hash` when every field allows them.
fn derives(ctx: &Context<'_>, name: &str) -> TokenStream {
    let eq = ctx.allows_eq(name);
    let hash = eq;
    let mut list = vec![quote!(Debug), quote!(Clone), quote!(PartialEq)];
    if eq {
        list.push(quote!(Eq));
    }
    if hash {
        list.push(quote!(Hash));
    }
    quote!(#[derive(#(#list),*)])
}

fn variant_type(ctx: &Context<'_>, variant: &str) -> TokenStream {
    let ty = ident(variant);
    if ctx.variant_boxed(variant) {
        quote!(Box<#ty>)
    } else {
        quote!(#ty)
    }
}

fn variant_value(ctx: &Context<'_>, variant: &str, value: TokenStream) -> TokenStream {
    if ctx.variant_boxed(variant) {
        quote!(Box::new(#value))
    } else {
        value
    }
}

fn union_variants(ctx: &Context<'_>, object: &Object, union: &Union) -> Vec<TokenStream> {
    union
        .variants
        .iter()
        .map(|v| {
            let vname = ident(&ctx.variant_name(&object.name, &v.name));
            let ty = variant_type(ctx, &v.name);
            let target = ctx.object(&v.name);
            let doc = format!(
                "{}\n\nSee [`{}`].",
                wording::summary(&ctx.doc_plain(&target.description)),
                v.name
            );
            let docs = doc_attrs(&doc);
            quote! {
                #docs
                #vname(#ty),
            }
        })
        .collect()
}

fn variant_froms(ctx: &Context<'_>, object: &Object, union: &Union) -> Vec<TokenStream> {
    let name = ident(&object.name);
    union
        .variants
        .iter()
        .map(|v| {
            let vname = ident(&ctx.variant_name(&object.name, &v.name));
            let ty = ident(&v.name);
            let value = variant_value(ctx, &v.name, quote!(value));
            quote! {
                impl From<#ty> for #name {
                    fn from(value: #ty) -> Self {
                        Self::#vname(#value)
                    }
                }
            }
        })
        .collect()
}

const UNKNOWN_DOC: &str =
    " A variant this version of the crate does not know (from a newer Bot API), kept as raw JSON.";

fn tagged_union(ctx: &Context<'_>, object: &Object, union: &Union, tag: &str) -> TokenStream {
    let name = ident(&object.name);
    let docs = doc_attrs(&ctx.doc(&object.description, Some(&object.anchor)));
    let variants = union_variants(ctx, object, union);
    let froms = variant_froms(ctx, object, union);
    let derives = derives(ctx, &object.name);
    let serialize = delegating_serialize(&name, &union_variant_names(ctx, object, union));
    let arms = union.variants.iter().map(|v| {
        let vname = ident(&ctx.variant_name(&object.name, &v.name));
        let value = v
            .value
            .as_deref()
            .expect("tagged unions have a value per variant");
        let parsed = variant_value(ctx, &v.name, quote!(de::from_raw(json)?));
        quote!(Some(#value) => Self::#vname(#parsed),)
    });
    let (other_variants, other_arms, other_froms, other_tag_arms) = other_forms(ctx, object, union);
    let tag_doc = format!(" The `{tag}` value of this variant, as sent on the wire.");
    let tag_arms = union.variants.iter().map(|v| {
        let vname = ident(&ctx.variant_name(&object.name, &v.name));
        let value = v
            .value
            .as_deref()
            .expect("tagged unions have a value per variant");
        quote!(Self::#vname(_) => Some(#value),)
    });
    quote! {
        #docs
        #derives
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            #(#other_variants)*
            #[doc = #UNKNOWN_DOC]
            Unknown(serde_json::Value),
        }

        #serialize

        impl #name {
            #[doc = #tag_doc]
            ///
            /// `None` for [`Self::Unknown`] values whose tag is missing or not a string.
            pub fn tag(&self) -> Option<&str> {
                match self {
                    #(#tag_arms)*
                    #(#other_tag_arms)*
                    Self::Unknown(value) => value.get(#tag).and_then(serde_json::Value::as_str),
                }
            }
        }

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let raw = Box::<RawValue>::deserialize(deserializer)?;
                let json = raw.get();
                #(#other_arms)*
                Ok(match de::peek_tag(json, #tag).map_err(D::Error::custom)?.as_deref() {
                    #(#arms)*
                    _ => Self::Unknown(de::from_raw(json)?),
                })
            }
        }

        #(#froms)*
        #(#other_froms)*
    }
}

/// Forms a union takes besides its object variants (RichText: a plain string, or an array of
/// rich texts). They are told apart from the objects by the first character of their JSON.
fn other_forms(
    ctx: &Context<'_>,
    object: &Object,
    union: &Union,
) -> (
    Vec<TokenStream>,
    Vec<TokenStream>,
    Vec<TokenStream>,
    Vec<TokenStream>,
) {
    let name = ident(&object.name);
    let (mut variants, mut arms, mut froms, mut tag_arms) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for other in &union.other_types {
        let v = ident(other_form_variant(object, other));
        match other {
            Type::String => {
                variants.push(quote! {
                    /// Plain text.
                    #v(String),
                });
                arms.push(quote! {
                    if json.starts_with('"') {
                        return Ok(Self::#v(de::from_raw(json)?));
                    }
                });
                froms.push(quote! {
                    impl From<String> for #name {
                        fn from(value: String) -> Self {
                            Self::#v(value)
                        }
                    }
                    impl From<&str> for #name {
                        fn from(value: &str) -> Self {
                            Self::#v(value.to_owned())
                        }
                    }
                });
                tag_arms.push(quote!(Self::#v(_) => None,));
            }
            Type::Array(inner) => {
                let field = botapi_spec::Field {
                    name: String::new(),
                    ty: other.clone(),
                    required: true,
                    description: String::new(),
                    facts: Default::default(),
                };
                let inner_ty = ctx.value_type(&object.name, &field, inner);
                variants.push(quote! {
                    /// A sequence of parts, concatenated.
                    #v(Vec<#inner_ty>),
                });
                arms.push(quote! {
                    if json.starts_with('[') {
                        return Ok(Self::#v(de::from_raw(json)?));
                    }
                });
                froms.push(quote! {
                    impl From<Vec<#inner_ty>> for #name {
                        fn from(value: Vec<#inner_ty>) -> Self {
                            Self::#v(value)
                        }
                    }
                });
                tag_arms.push(quote!(Self::#v(_) => None,));
            }
            _ => unreachable!("other_form_variant rejects it"),
        }
    }
    (variants, arms, froms, tag_arms)
}

/// The Rust variant name of a union's non-object alternative.
fn other_form_variant(object: &Object, ty: &Type) -> &'static str {
    match ty {
        Type::String => "Plain",
        Type::Array(_) => "Concat",
        other => panic!(
            "{}: no Rust form for the union alternative `{other}`",
            object.name
        ),
    }
}

fn untagged_union(ctx: &Context<'_>, object: &Object, union: &Union) -> TokenStream {
    assert!(
        union.other_types.is_empty(),
        "{}: untagged unions with other forms need a rule",
        object.name
    );
    let name = ident(&object.name);
    let docs = doc_attrs(&ctx.doc(&object.description, Some(&object.anchor)));
    let variants = union_variants(ctx, object, union);
    let froms = variant_froms(ctx, object, union);
    let derives = derives(ctx, &object.name);
    let serialize = delegating_serialize(&name, &union_variant_names(ctx, object, union));
    // Without a tag, try the variants with the most required fields first, so that a variant
    // whose required fields are a subset of another's does not capture it.
    let mut order: Vec<_> = union.variants.iter().enumerate().collect();
    order.sort_by_key(|(i, v)| {
        (
            std::cmp::Reverse(ctx.object(&v.name).fields().iter().filter(|f| f.required).count()),
            *i,
        )
    });
    let attempt = |v: &botapi_spec::Variant| {
        let vname = ident(&ctx.variant_name(&object.name, &v.name));
        let ty = ident(&v.name);
        let value = variant_value(ctx, &v.name, quote!(value));
        quote! {
            if let Ok(value) = serde_json::from_str::<#ty>(json) {
                return Ok(Self::#vname(#value));
            }
        }
    };
    // Where every variant pins a shared field but values repeat (InlineQueryResult: `audio` is
    // both InlineQueryResultAudio and InlineQueryResultCachedAudio), the value narrows the
    // candidates before trying them.
    let attempts = match shared_constant_field(ctx, union) {
        Some(field) => {
            let mut values: Vec<&str> = Vec::new();
            for v in &union.variants {
                let value = constant_of(ctx, &v.name, &field);
                if !values.contains(&value) {
                    values.push(value);
                }
            }
            let arms = values.iter().map(|value| {
                let tries = order
                    .iter()
                    .filter(|(_, v)| constant_of(ctx, &v.name, &field) == *value)
                    .map(|(_, v)| attempt(v));
                quote!(Some(#value) => { #(#tries)* })
            });
            quote! {
                match de::peek_tag(json, #field).map_err(D::Error::custom)?.as_deref() {
                    #(#arms)*
                    _ => {}
                }
            }
        }
        None => {
            let tries = order.iter().map(|(_, v)| attempt(v));
            quote!(#(#tries)*)
        }
    };
    quote! {
        #docs
        #derives
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            #[doc = #UNKNOWN_DOC]
            Unknown(serde_json::Value),
        }

        #serialize

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let raw = Box::<RawValue>::deserialize(deserializer)?;
                let json = raw.get();
                #attempts
                Ok(Self::Unknown(de::from_raw(json)?))
            }
        }

        #(#froms)*
    }
}

/// A field every variant of the union pins to a constant, if there is one.
fn shared_constant_field(ctx: &Context<'_>, union: &Union) -> Option<String> {
    let first = ctx.object(&union.variants.first()?.name);
    first
        .fields()
        .iter()
        .filter(|f| f.facts.constant.is_some())
        .map(|f| f.name.clone())
        .find(|name| {
            union.variants.iter().all(|v| {
                ctx.object(&v.name)
                    .fields()
                    .iter()
                    .any(|f| &f.name == name && f.facts.constant.is_some())
            })
        })
}

fn constant_of<'a>(ctx: &Context<'a>, variant: &str, field: &str) -> &'a str {
    ctx.object(variant)
        .fields()
        .iter()
        .find(|f| f.name == field)
        .and_then(|f| f.facts.constant.as_deref())
        .expect("checked by shared_constant_field")
}

/// `MaybeInaccessibleMessage` has no tag: an inaccessible message is one whose `date` is 0
/// (documented on InaccessibleMessage.date). It is read as a `Message` (whose required fields
/// are exactly InaccessibleMessage's) and converted when the date is 0.
fn maybe_inaccessible_message(ctx: &Context<'_>, object: &Object) -> TokenStream {
    let inaccessible = ctx.object("InaccessibleMessage");
    let mut fields: Vec<&str> = inaccessible.fields().iter().map(|f| f.name.as_str()).collect();
    fields.sort_unstable();
    assert_eq!(
        fields,
        ["chat", "date", "message_id"],
        "InaccessibleMessage changed shape: revisit MaybeInaccessibleMessage's rule in codegen/src/types.rs"
    );
    let docs = doc_attrs(&ctx.doc(&object.description, Some(&object.anchor)));
    let serialize = delegating_serialize(
        &ident("MaybeInaccessibleMessage"),
        &[ident("Message"), ident("InaccessibleMessage")],
    );
    let chat = if ctx.is_boxed("Message", "chat") {
        quote!(*message.chat)
    } else {
        quote!(message.chat)
    };
    quote! {
        #docs
        ///
        /// An inaccessible message is recognized by its `date` of 0.
        #[derive(Debug, Clone, PartialEq)]
        pub enum MaybeInaccessibleMessage {
            /// A message accessible to the bot.
            Message(Box<Message>),
            /// A message that was deleted or is otherwise inaccessible to the bot.
            InaccessibleMessage(InaccessibleMessage),
        }

        impl MaybeInaccessibleMessage {
            /// The message, if it is accessible.
            pub fn accessible(&self) -> Option<&Message> {
                match self {
                    Self::Message(message) => Some(message),
                    Self::InaccessibleMessage(_) => None,
                }
            }

            /// Whether the message is accessible to the bot.
            pub fn is_accessible(&self) -> bool {
                matches!(self, Self::Message(_))
            }

            /// The chat the message belongs to.
            pub fn chat(&self) -> &Chat {
                match self {
                    Self::Message(message) => &message.chat,
                    Self::InaccessibleMessage(message) => &message.chat,
                }
            }

            /// The message's unique identifier inside its chat.
            pub fn message_id(&self) -> i64 {
                match self {
                    Self::Message(message) => message.message_id,
                    Self::InaccessibleMessage(message) => message.message_id,
                }
            }
        }

        #serialize

        impl<'de> Deserialize<'de> for MaybeInaccessibleMessage {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let message = Message::deserialize(deserializer)?;
                Ok(if message.date == 0 {
                    Self::InaccessibleMessage(InaccessibleMessage::new(#chat, message.message_id, 0))
                } else {
                    Self::Message(Box::new(message))
                })
            }
        }

        impl From<Message> for MaybeInaccessibleMessage {
            fn from(value: Message) -> Self {
                Self::Message(Box::new(value))
            }
        }

        impl From<InaccessibleMessage> for MaybeInaccessibleMessage {
            fn from(value: InaccessibleMessage) -> Self {
                Self::InaccessibleMessage(value)
            }
        }
    }
}

/// `Update` becomes an id plus an enum of kinds ([`UpdateKind`]): at most one kind is present
/// per update, which the type then states. Unknown kinds (from a newer Bot API) and kinds
/// whose payload does not parse are kept with their raw JSON, so no update is ever lost.
fn update(ctx: &Context<'_>, object: &Object, fields: &[Field]) -> TokenStream {
    let description = wording::update_description(&object.description).expect(
        "Update's description no longer states its one-kind rule: revisit wording::update_description",
    );
    let docs = doc_attrs(&ctx.doc(&description, Some(&object.anchor)));
    let (id_field, kinds) = fields.split_first().expect("Update has fields");
    assert_eq!(
        id_field.name, "update_id",
        "Update's first field changed: revisit codegen/src/types.rs"
    );
    let id_doc = doc_attrs(&ctx.field_doc(id_field));
    let variant_idents: Vec<_> = kinds
        .iter()
        .map(|f| ident(&pascal_case(&f.name).expect("update kinds are identifiers")))
        .collect();
    let variants = kinds.iter().zip(&variant_idents).map(|(f, v)| {
        let docs = doc_attrs(&ctx.field_doc(f));
        let ty = ctx.value_type("Update", f, &f.ty);
        let ty = if ctx.update_kind_boxed(f) {
            quote!(Box<#ty>)
        } else {
            ty
        };
        quote!(#docs #v(#ty),)
    });
    let names: Vec<&str> = kinds.iter().map(|f| f.name.as_str()).collect();
    let name_arms = names
        .iter()
        .zip(&variant_idents)
        .map(|(n, v)| quote!(Self::#v(_) => #n,));
    let ser_arms = names
        .iter()
        .zip(&variant_idents)
        .map(|(n, v)| quote!(UpdateKind::#v(value) => map.serialize_entry(#n, value)?,));
    let de_arms = kinds.iter().zip(&variant_idents).map(|(f, v)| {
        let n = &f.name;
        if ctx.update_kind_boxed(f) {
            quote!(#n => serde_json::from_str(json).map(|value| UpdateKind::#v(Box::new(value))),)
        } else {
            quote!(#n => serde_json::from_str(json).map(UpdateKind::#v),)
        }
    });
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub struct Update {
            #id_doc
            pub update_id: i64,
            /// What happened: exactly one kind per update.
            pub kind: UpdateKind,
        }

        /// The kind of an [`Update`], with its payload.
        ///
        /// [`UpdateKind::Unknown`] holds kinds from a newer Bot API and
        /// [`UpdateKind::Malformed`] kinds whose payload this version could not read; both keep
        /// the raw JSON.
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum UpdateKind {
            #(#variants)*
            /// An update kind this version of the crate does not know.
            Unknown(Box<RawUpdateKind>),
            /// A known update kind whose payload could not be read; see the error.
            Malformed(Box<MalformedUpdateKind>),
        }

        /// The raw JSON of an update kind: its field name and value.
        #[derive(Debug, Clone, PartialEq)]
        pub struct RawUpdateKind {
            /// The field name, e.g. `message`.
            pub name: String,
            /// The field's value as sent.
            pub value: serde_json::Value,
        }

        /// A known update kind whose payload did not match the spec.
        #[derive(Debug, Clone, PartialEq)]
        pub struct MalformedUpdateKind {
            /// The field name and raw value.
            pub raw: RawUpdateKind,
            /// Why it could not be read.
            pub error: String,
        }

        impl Update {
            /// Creates an update.
            pub fn new(update_id: i64, kind: impl Into<UpdateKind>) -> Self {
                Self { update_id, kind: kind.into() }
            }
        }

        impl UpdateKind {
            /// The update kind's field name on the wire (`message`, `callback_query`, ...), the
            /// name used in `allowed_updates`.
            pub fn name(&self) -> &str {
                match self {
                    #(#name_arms)*
                    Self::Unknown(raw) => &raw.name,
                    Self::Malformed(malformed) => &malformed.raw.name,
                }
            }
        }

        impl Serialize for Update {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                let mut map = serializer.serialize_map(Some(2))?;
                map.serialize_entry("update_id", &self.update_id)?;
                match &self.kind {
                    #(#ser_arms)*
                    UpdateKind::Unknown(raw) => map.serialize_entry(&raw.name, &raw.value)?,
                    UpdateKind::Malformed(malformed) => map.serialize_entry(&malformed.raw.name, &malformed.raw.value)?,
                }
                map.end()
            }
        }

        impl<'de> Deserialize<'de> for Update {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_map(UpdateVisitor)
            }
        }

        struct UpdateVisitor;

        impl<'de> serde::de::Visitor<'de> for UpdateVisitor {
            type Value = Update;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an Update object")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Update, A::Error> {
                let mut update_id = None;
                let mut kind = None;
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    if key == "update_id" {
                        update_id = Some(map.next_value::<i64>()?);
                    } else if kind.is_none() {
                        // Captured raw first, so a payload that does not parse is kept, not lost.
                        let raw = map.next_value::<Box<RawValue>>()?;
                        kind = Some(update_kind(&key, &raw));
                    } else {
                        map.next_value::<serde::de::IgnoredAny>()?;
                    }
                }
                let update_id = update_id.ok_or_else(|| serde::de::Error::missing_field("update_id"))?;
                let kind = kind.ok_or_else(|| serde::de::Error::custom("the update has no kind"))?;
                Ok(Update { update_id, kind })
            }
        }

        /// Reads the payload of the update kind `name`, keeping the raw JSON when it does not
        /// parse.
        ///
        /// `#[inline]` keeps this function, and the parser of every type behind it, out of
        /// this crate's own build: like serde-derived code, it is compiled by the crate whose
        /// code reads updates (a bot, or a framework it uses). That takes about 15% off this
        /// crate's build and costs such a crate a fraction of a second.
        #[inline]
        fn update_kind(name: &str, raw: &RawValue) -> UpdateKind {
            let json = raw.get();
            let parsed = match name {
                #(#de_arms)*
                _ => {
                    let value = serde_json::from_str(json).unwrap_or(serde_json::Value::Null);
                    return UpdateKind::Unknown(Box::new(RawUpdateKind { name: name.to_owned(), value }));
                }
            };
            parsed.unwrap_or_else(|error| {
                let value = serde_json::from_str(json).unwrap_or(serde_json::Value::Null);
                UpdateKind::Malformed(Box::new(MalformedUpdateKind {
                    raw: RawUpdateKind { name: name.to_owned(), value },
                    error: error.to_string(),
                }))
            })
        }
    }
}

/// Downloads of a [`File`] from `getFile`: into memory, to a path, or as a stream, through the
/// bot's client (which reads the path directly in local mode).
fn file_downloads() -> TokenStream {
    quote! {
        impl File {
            /// Downloads the file into memory.
            ///
            /// Fails with [`Error::InvalidRequest`] when `file_path` is missing (it is set by
            /// [`getFile`](crate::Bot::get_file)).
            pub async fn download(&self, bot: &Bot) -> Result<Bytes, Error> {
                bot.client().download_file(self.download_path()?).await
            }

            /// Downloads the file to `dest`, streaming it to disk; returns the number of bytes
            /// written.
            pub async fn download_to(&self, bot: &Bot, dest: impl AsRef<std::path::Path>) -> Result<u64, Error> {
                bot.client().download_file_to(self.download_path()?, dest).await
            }

            /// Opens the file as a stream of byte chunks.
            pub async fn download_stream(&self, bot: &Bot) -> Result<ByteStream, Error> {
                bot.client().download_stream(self.download_path()?).await
            }

            fn download_path(&self) -> Result<&str, Error> {
                self.file_path.as_deref().ok_or_else(|| Error::InvalidRequest {
                    message: "the File has no file_path: get it with getFile first".to_owned(),
                    source: None,
                })
            }
        }
    }
}
