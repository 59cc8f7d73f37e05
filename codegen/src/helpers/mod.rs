//! Object helpers that are not requests, one generated module each: `Update::effective_*`, what
//! a message is, message text rendering, entity parsing, names and mentions, keyboards, chat
//! member presets, Telegram Passport decryption. Logic lives in the hand-written
//! `botapi_runtime::text` and `botapi_runtime::passport`; this is the glue, derived from the spec
//! and `spec/helpers.toml` where the docs state the facts.

mod business;
mod content;
mod entities;
mod keyboards;
mod members;
mod message;
mod names;
mod passport;
mod update;

use botapi_spec::Helpers;
use proc_macro2::TokenStream;

use crate::context::Context;

/// One generated helper module.
pub(crate) struct Module {
    /// File and module name.
    pub name: &'static str,
    /// The module's doc line.
    pub doc: &'static str,
    pub body: TokenStream,
    /// Public types it defines, re-exported at the crate root.
    pub exports: &'static [&'static str],
    /// The cargo feature of the generated crate the module is compiled under, if any.
    pub feature: Option<&'static str>,
}

/// The objects the helpers read (absent from small test specs, which get no helpers).
pub(crate) const NEEDS: &[&str] = &[
    "Update",
    "Message",
    "MessageEntity",
    "User",
    "Chat",
    "ChatFullInfo",
    "SharedUser",
    "ChatShared",
    "InlineKeyboardMarkup",
    "ReplyKeyboardMarkup",
    "ReplyParameters",
    "ChatPermissions",
    "ChatAdministratorRights",
    "ChatMemberUpdated",
    "BusinessOpeningHours",
    "BusinessOpeningHoursInterval",
    "PassportData",
    "EncryptedCredentials",
    "EncryptedPassportElement",
    "PassportFile",
    "File",
];

pub(crate) fn modules(ctx: &Context<'_>, table: &Helpers) -> Vec<Module> {
    vec![
        Module {
            name: "update",
            doc: "`Update::effective_user`, `effective_chat`, `effective_message`, `effective_sender`.",
            body: update::effective(ctx),
            exports: &["Sender"],
            feature: None,
        },
        Module {
            name: "content",
            doc: "What a message is: `Message::effective_message_type` and `effective_attachment`.",
            body: content::content(ctx, table),
            exports: &["MessageType", "Attachment"],
            feature: None,
        },
        Module {
            name: "message",
            doc: "`Message` links, text and caption rendered as HTML or Markdown, quoting replies.",
            body: message::message(),
            exports: &[],
            feature: None,
        },
        Module {
            name: "entities",
            doc: "`parse_*_entities` on every object holding a text with entities.",
            body: entities::entities(ctx),
            exports: &[],
            feature: None,
        },
        Module {
            name: "names",
            doc: "Names, links and mentions of users and chats.",
            body: names::names(),
            exports: &[],
            feature: None,
        },
        Module {
            name: "keyboards",
            doc: "Buttons and keyboards without struct literals.",
            body: keyboards::keyboards(),
            exports: &[],
            feature: None,
        },
        Module {
            name: "members",
            doc: "Chat permission presets and member changes.",
            body: members::members(ctx),
            exports: &[],
            feature: None,
        },
        Module {
            name: "business",
            doc: "Business opening hours as weekdays and times.",
            body: business::business(),
            exports: &[],
            feature: None,
        },
        Module {
            name: "passport",
            doc: "Telegram Passport decryption on the passport objects, over `botapi_runtime::passport`.",
            body: passport::passport(),
            exports: &[],
            feature: Some("passport"),
        },
    ]
}
