//! The parts of the application framework (`ext/`) that follow from the spec: the update
//! types, the context's accessor per update kind, and a handler for every update kind that
//! has no hand-written handler. A new update kind in a Bot API release brings all three.

use std::collections::BTreeSet;
use std::path::PathBuf;

use botapi_spec::{Field, ObjectKind, Type};
use proc_macro2::TokenStream;
use quote::quote;

use crate::context::Context;
use crate::names::{ident, pascal_case};
use crate::render::{self, doc_attrs};

/// Where the framework's generated sources go, relative to the workspace root.
const SRC: &str = "ext/src/generated";

/// Update kinds handled by the framework's hand-written handlers (they have options a generic
/// handler lacks), with the handler. Kinds whose payload is a `Message` are all taken by
/// `MessageHandler`. Every other kind gets a generated `{Payload}Handler`.
const HAND_WRITTEN: &[(&str, &str)] = &[
    ("business_connection", "BusinessConnectionHandler"),
    ("deleted_business_messages", "BusinessMessagesDeletedHandler"),
    ("message_reaction", "MessageReactionHandler"),
    ("message_reaction_count", "MessageReactionHandler"),
    ("inline_query", "InlineQueryHandler"),
    ("chosen_inline_result", "ChosenInlineResultHandler"),
    ("callback_query", "CallbackQueryHandler"),
    ("pre_checkout_query", "PreCheckoutQueryHandler"),
    ("purchased_paid_media", "PaidMediaPurchasedHandler"),
    ("my_chat_member", "ChatMemberHandler"),
    ("chat_member", "ChatMemberHandler"),
    ("chat_join_request", "ChatJoinRequestHandler"),
    ("chat_boost", "ChatBoostHandler"),
    ("removed_chat_boost", "ChatBoostHandler"),
    ("managed_bot", "ManagedBotUpdatedHandler"),
];

/// `Context` methods a generated accessor must not shadow.
const CONTEXT_METHODS: &[&str] = &[
    "app",
    "args",
    "bot",
    "captures",
    "chat",
    "command",
    "custom",
    "data",
    "effective_chat",
    "effective_message",
    "effective_user",
    "error",
    "incoming",
    "matches",
    "message",
    "missing",
    "parsed",
    "spawn",
    "stop_running",
    "update",
    "user",
];

/// One update kind: a field of `Update` after `update_id`.
struct Kind<'a> {
    field: &'a Field,
    variant: proc_macro2::Ident,
    payload: String,
    boxed: bool,
}

impl Kind<'_> {
    fn name(&self) -> &str {
        &self.field.name
    }

    fn is_message(&self) -> bool {
        self.payload == "Message"
    }

    /// Tokens that borrow the payload out of `UpdateKind::Variant(x)` as `&Payload`.
    fn borrow(&self) -> TokenStream {
        if self.boxed { quote!(&**x) } else { quote!(x) }
    }

    /// The first sentence of the docs' description, for item docs.
    fn summary(&self, ctx: &Context<'_>) -> String {
        let text = ctx.doc_plain(self.field.description.trim_start_matches("*Optional*. "));
        let text = text.replace("(crate::", "(botapi::");
        text.lines()
            .next()
            .unwrap_or_default()
            .trim_end_matches('.')
            .to_owned()
    }
}

fn kinds<'a>(ctx: &Context<'a>) -> Vec<Kind<'a>> {
    let update = ctx.object("Update");
    let ObjectKind::Fields(fields) = &update.kind else {
        panic!("Update is no longer an object with fields: revisit codegen/src/ext.rs")
    };
    fields
        .iter()
        .skip(1)
        .map(|field| {
            let Type::Ref(payload) = &field.ty else {
                panic!(
                    "the update kind `{}` is not a named object: revisit codegen/src/ext.rs",
                    field.name
                )
            };
            Kind {
                field,
                variant: ident(&pascal_case(&field.name).expect("update kinds are identifiers")),
                payload: payload.clone(),
                boxed: ctx.update_kind_boxed(field),
            }
        })
        .collect()
}

/// The generated files of the framework.
pub(crate) fn files(ctx: &Context<'_>) -> Vec<(PathBuf, String)> {
    let version = ctx.spec.version.as_str();
    let kinds = kinds(ctx);
    check_hand_written(&kinds);
    vec![
        (
            PathBuf::from(format!("{SRC}/update_type.rs")),
            render::file(version, update_type(ctx, &kinds)),
        ),
        (
            PathBuf::from(format!("{SRC}/accessors.rs")),
            render::file(version, accessors(ctx, &kinds)),
        ),
        (
            PathBuf::from(format!("{SRC}/kind_handlers.rs")),
            render::file(version, kind_handlers(ctx, &kinds)),
        ),
        (
            PathBuf::from(format!("{SRC}/mod.rs")),
            render::file(
                version,
                quote! {
                    //! What the framework derives from the spec: update types, the context's
                    //! accessors and the handlers of plain update kinds.
                    pub(crate) mod accessors;
                    pub(crate) mod kind_handlers;
                    pub(crate) mod update_type;
                },
            ),
        ),
    ]
}

fn check_hand_written(kinds: &[Kind<'_>]) {
    for (name, handler) in HAND_WRITTEN {
        assert!(
            kinds.iter().any(|k| k.name() == *name),
            "codegen/src/ext.rs lists `{name}` as handled by {handler}, but Update has no such field \
             any more: remove the entry (and adapt the handler)"
        );
    }
}

/// `UpdateType`: every update kind, for `allowed_updates`, filters and handlers.
fn update_type(ctx: &Context<'_>, kinds: &[Kind<'_>]) -> TokenStream {
    let variants = kinds.iter().map(|k| {
        let docs = doc_attrs(&format!("`{}`: {}.", k.name(), k.summary(ctx)));
        let v = &k.variant;
        quote!(#docs #v,)
    });
    let all = kinds.iter().map(|k| &k.variant);
    let messages = kinds.iter().filter(|k| k.is_message()).map(|k| &k.variant);
    let name_arms = kinds.iter().map(|k| {
        let (v, n) = (&k.variant, k.name());
        quote!(UpdateType::#v => #n,)
    });
    let from_arms = kinds.iter().map(|k| {
        let (v, n) = (&k.variant, k.name());
        quote!(#n => UpdateType::#v,)
    });
    let of_arms = kinds.iter().map(|k| {
        let v = &k.variant;
        quote!(UpdateKind::#v(_) => UpdateType::#v,)
    });
    quote! {
        use botapi::types::{Update, UpdateKind};

        /// The kinds of Telegram update (the fields of [`Update`] besides its id), in the
        /// docs' order: for `allowed_updates`, `filters::update_type`
        /// and [`KindHandler`](crate::handlers::KindHandler).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum UpdateType {
            #(#variants)*
        }

        impl UpdateType {
            /// Every update kind of this Bot API version.
            pub const ALL: &'static [UpdateType] = &[#(UpdateType::#all),*];

            /// The kinds whose payload is a [`Message`](botapi::types::Message).
            pub const MESSAGES: &'static [UpdateType] = &[#(UpdateType::#messages),*];

            /// The wire name, as used in `allowed_updates` (`callback_query`).
            pub fn name(self) -> &'static str {
                match self {
                    #(#name_arms)*
                }
            }

            /// The kind with this wire name.
            pub fn from_name(name: &str) -> Option<UpdateType> {
                Some(match name {
                    #(#from_arms)*
                    _ => return None,
                })
            }

            /// The kind of an update; `None` for kinds this version does not know or could not
            /// read.
            pub fn of(update: &Update) -> Option<UpdateType> {
                Some(match &update.kind {
                    #(#of_arms)*
                    _ => return None,
                })
            }

            /// Whether the payload of this kind is a [`Message`](botapi::types::Message).
            pub fn is_message(self) -> bool {
                Self::MESSAGES.contains(&self)
            }
        }

        impl std::fmt::Display for UpdateType {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.name())
            }
        }
    }
}

/// `Context::callback_query()` and friends: the payload of the update kind, or a
/// `MissingPayload` error. Message kinds share `Context::message()`.
fn accessors(ctx: &Context<'_>, kinds: &[Kind<'_>]) -> TokenStream {
    let mut payloads = BTreeSet::new();
    let methods: Vec<TokenStream> = kinds
        .iter()
        .filter(|k| !k.is_message())
        .map(|k| {
            assert!(
                !CONTEXT_METHODS.contains(&k.name()),
                "the update kind `{}` would shadow Context::{}: rename its accessor in codegen/src/ext.rs",
                k.name(),
                k.name()
            );
            payloads.insert(k.payload.clone());
            let (method, v, n) = (ident(k.name()), &k.variant, k.name());
            let payload = ident(&k.payload);
            let borrow = k.borrow();
            let doc = doc_attrs(&format!(
                "The `{n}` of the update ({}), or an error saying the update is of another kind:\n`let x = ctx.{n}()?;`",
                k.summary(ctx)
            ));
            quote! {
                #doc
                pub fn #method(&self) -> Result<&#payload, MissingPayload> {
                    match self.update().map(|u| &u.kind) {
                        Some(UpdateKind::#v(x)) => Ok(#borrow),
                        _ => Err(self.missing(#n)),
                    }
                }
            }
        })
        .collect();
    let payloads = payloads.iter().map(|p| ident(p));
    quote! {
        use botapi::types::{UpdateKind, #(#payloads),*};

        use crate::context::Context;
        use crate::error::MissingPayload;

        /// The payload of each update kind.
        impl<D: Send + Sync + 'static> Context<D> {
            #(#methods)*
        }
    }
}

/// A handler for each update kind without a hand-written one, over `KindHandler`.
fn kind_handlers(ctx: &Context<'_>, kinds: &[Kind<'_>]) -> TokenStream {
    let mut seen = BTreeSet::new();
    let handlers = kinds
        .iter()
        .filter(|k| !k.is_message() && !HAND_WRITTEN.iter().any(|(n, _)| *n == k.name()));
    let items: Vec<TokenStream> = handlers
        .map(|k| {
            let name = format!("{}Handler", k.payload);
            assert!(
                !HAND_WRITTEN.iter().any(|(_, h)| *h == name) && seen.insert(name.clone()),
                "the generated handler `{name}` for `{}` collides with another handler: list the \
                 kind in codegen/src/ext.rs HAND_WRITTEN or rename",
                k.name()
            );
            let handler = ident(&name);
            let v = &k.variant;
            let doc = doc_attrs(&format!(
                "Handles `{}` updates ({}); the payload is `ctx.{}()?`.",
                k.name(),
                k.summary(ctx),
                k.name()
            ));
            quote! {
                #doc
                pub struct #handler<D = ()> {
                    inner: KindHandler<D>,
                }

                impl<D: Send + Sync + 'static> #handler<D> {
                    /// A handler running `callback` for every such update.
                    pub fn new(callback: impl Callback<D>) -> Self {
                        Self { inner: KindHandler::new(UpdateType::#v, callback) }
                    }

                    /// Only updates that also pass `filter`.
                    pub fn filter(self, filter: Filter) -> Self {
                        Self { inner: self.inner.filter(filter) }
                    }

                    /// Whether the update's key waits for this handler (default `true`).
                    pub fn blocking(self, blocking: bool) -> Self {
                        Self { inner: self.inner.blocking(blocking) }
                    }
                }

                impl<D> std::fmt::Debug for #handler<D> {
                    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.debug_struct(stringify!(#handler)).finish_non_exhaustive()
                    }
                }

                impl<D: Send + Sync + 'static> Handler<D> for #handler<D> {
                    fn check(&self, update: &Incoming, bot: &BotInfo) -> Option<Matched> {
                        self.inner.check(update, bot)
                    }

                    fn handle(&self, ctx: Context<D>) -> BoxFuture<Result<Flow, HandlerError>> {
                        self.inner.handle(ctx)
                    }

                    fn blocking(&self) -> bool {
                        Handler::blocking(&self.inner)
                    }

                    fn update_kinds(&self) -> UpdateKinds {
                        self.inner.update_kinds()
                    }
                }
            }
        })
        .collect();
    quote! {
        use crate::context::Context;
        use crate::error::HandlerError;
        use crate::filters::Filter;
        use crate::handler::{BotInfo, BoxFuture, Callback, Flow, Handler, Matched, UpdateKinds};
        use crate::handlers::KindHandler;
        use crate::incoming::Incoming;
        use crate::UpdateType;

        #(#items)*
    }
}
