//! Bot-wide default values for parameters a call leaves unset (PTB's `Defaults`).
//!
//! Which parameters take which default is decided by codegen from the spec and handed to the
//! runtime as data: each method lists its [`DefaultSlot`]s, JSON paths into the serialized
//! payload (`parse_mode`, `media[*].parse_mode`, `reply_parameters.quote_parse_mode`,
//! `results[type=photo|gif|...].input_message_content.parse_mode`, ...). Defaults are applied
//! to the serialized copy of a payload at send time, so the caller's own values are never
//! changed, and a value set on the call always wins.

use std::fmt;
use std::sync::Arc;

use chrono::{NaiveDateTime, TimeZone};
use serde::Serialize;
use serde_json::Value;

/// What a default slot is filled with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DefaultKind {
    /// `parse_mode`, `explanation_parse_mode`, `question_parse_mode`, `text_parse_mode`,
    /// `quote_parse_mode`, ...
    ParseMode,
    /// `disable_notification`.
    DisableNotification,
    /// `protect_content`.
    ProtectContent,
    /// `allow_sending_without_reply` (inside `reply_parameters`).
    AllowSendingWithoutReply,
    /// `link_preview_options`, merged field by field with the call's own value.
    LinkPreviewOptions,
}

/// One step of a path into a serialized payload.
///
/// Hidden from the docs, like [`DefaultSlot`]: public for the generated `Method::DEFAULTS`
/// tables only.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathStep {
    /// Descend into the object under this key.
    Key(&'static str),
    /// Descend into every item of an array.
    Each,
    /// Continue only if the current object's `tag` field is one of `values` (a union variant
    /// that has the field, e.g. inline query results that carry a `parse_mode`).
    When {
        /// The discriminator field.
        tag: &'static str,
        /// The variants that have the defaulted field.
        values: &'static [&'static str],
    },
    /// Continue only if the current object has this key: identifies a variant of an untagged
    /// union by a required field only it has (`message_text` for InputTextMessageContent).
    Has(&'static str),
}

/// A parameter, possibly nested, that takes a bot-wide default.
///
/// Hidden from the docs: public for the generated `Method::DEFAULTS` tables only.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DefaultSlot {
    /// Where the object holding the field is, from the payload's top level.
    pub path: &'static [PathStep],
    /// The field filled in that object.
    pub field: &'static str,
    /// Which default fills it.
    pub kind: DefaultKind,
}

/// Bot-wide default values, applied to every call that leaves the parameter unset.
///
/// ```
/// use botapi_runtime::Defaults;
/// let defaults = Defaults::new()
///     .parse_mode("HTML")
///     .protect_content(true)
///     .link_preview_options(serde_json::json!({ "is_disabled": true }));
/// # let _ = defaults;
/// ```
///
/// What each default fills is decided per method by codegen (see the module docs): every
/// `parse_mode`-like parameter (`parse_mode`, `explanation_parse_mode`, `question_parse_mode`,
/// `text_parse_mode` of poll options, `quote_parse_mode` of reply parameters), including the
/// ones nested in media groups, inline query results and their message contents. A value set on
/// the call wins, the caller's own payload is never changed, and a call can opt out of a kind.
#[derive(Clone, Default)]
pub struct Defaults {
    pub(crate) parse_mode: Option<Value>,
    pub(crate) disable_notification: Option<Value>,
    pub(crate) protect_content: Option<Value>,
    pub(crate) allow_sending_without_reply: Option<Value>,
    pub(crate) link_preview_options: Option<Value>,
    do_quote: Option<bool>,
    time_zone: Option<Arc<dyn DateTimeZone>>,
}

impl Defaults {
    /// No defaults.
    pub fn new() -> Self {
        Self::default()
    }

    /// Default `parse_mode` and every derived `*_parse_mode` (`"HTML"`, `"MarkdownV2"`, or the
    /// generated `ParseMode` enum).
    pub fn parse_mode(mut self, parse_mode: impl Into<String>) -> Self {
        self.parse_mode = Some(Value::String(parse_mode.into()));
        self
    }

    /// Default `disable_notification`.
    pub fn disable_notification(mut self, disable_notification: bool) -> Self {
        self.disable_notification = Some(Value::Bool(disable_notification));
        self
    }

    /// Default `protect_content`.
    pub fn protect_content(mut self, protect_content: bool) -> Self {
        self.protect_content = Some(Value::Bool(protect_content));
        self
    }

    /// Default `allow_sending_without_reply` of `reply_parameters`.
    pub fn allow_sending_without_reply(mut self, allow: bool) -> Self {
        self.allow_sending_without_reply = Some(Value::Bool(allow));
        self
    }

    /// Default `link_preview_options` (a `LinkPreviewOptions` or any value serializing to a JSON
    /// object). Merged field by field with the options a call sets. A value that does not
    /// serialize to an object is ignored.
    pub fn link_preview_options(mut self, options: impl Serialize) -> Self {
        self.link_preview_options = serde_json::to_value(options).ok().filter(Value::is_object);
        self
    }

    /// Default for whether reply shortcuts (`message.reply_text`) quote the message they
    /// answer. Read by the shortcuts, not applied to raw calls.
    pub fn do_quote(mut self, do_quote: bool) -> Self {
        self.do_quote = Some(do_quote);
        self
    }

    /// The time zone naive date-times are in (see [`Defaults::unix_time`]); UTC when unset.
    /// Takes any `chrono` time zone: `chrono::Utc`, a `chrono::FixedOffset`, or a
    /// `chrono_tz::Tz` from the `chrono-tz` crate.
    pub fn time_zone<Tz>(mut self, time_zone: Tz) -> Self
    where
        Tz: TimeZone + Send + Sync + fmt::Debug + 'static,
    {
        self.time_zone = Some(Arc::new(time_zone));
        self
    }

    /// The configured `do_quote`, for reply shortcuts.
    pub fn do_quote_default(&self) -> Option<bool> {
        self.do_quote
    }

    /// Converts a date-time without a zone (`until_date`, `close_date`, `send_date`, ...) to
    /// unix seconds, reading it in the configured time zone (UTC when unset). `None` when the
    /// time does not exist in that zone (skipped by a daylight-saving change); an ambiguous time
    /// takes the earlier instant.
    pub fn unix_time(&self, naive: NaiveDateTime) -> Option<i64> {
        match &self.time_zone {
            Some(tz) => tz.unix_time(naive),
            None => Some(naive.and_utc().timestamp()),
        }
    }

    /// The value a slot of this kind is filled with, if that default is set.
    pub(crate) fn value(&self, kind: DefaultKind) -> Option<&Value> {
        match kind {
            DefaultKind::ParseMode => self.parse_mode.as_ref(),
            DefaultKind::DisableNotification => self.disable_notification.as_ref(),
            DefaultKind::ProtectContent => self.protect_content.as_ref(),
            DefaultKind::AllowSendingWithoutReply => self.allow_sending_without_reply.as_ref(),
            DefaultKind::LinkPreviewOptions => self.link_preview_options.as_ref(),
        }
    }

    /// Whether any of `slots` would be filled by a default that the call did not opt out of.
    pub(crate) fn applies_to(&self, slots: &[DefaultSlot], without: &[DefaultKind]) -> bool {
        slots
            .iter()
            .any(|slot| self.value(slot.kind).is_some() && !without.contains(&slot.kind))
    }
}

impl fmt::Debug for Defaults {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Defaults")
            .field("parse_mode", &self.parse_mode)
            .field("disable_notification", &self.disable_notification)
            .field("protect_content", &self.protect_content)
            .field("allow_sending_without_reply", &self.allow_sending_without_reply)
            .field("link_preview_options", &self.link_preview_options)
            .field("do_quote", &self.do_quote)
            .field("time_zone", &self.time_zone)
            .finish()
    }
}

/// A time zone that naive date-times can be read in: implemented for every `chrono` time zone.
pub trait DateTimeZone: Send + Sync + fmt::Debug {
    /// Unix seconds of `naive` read in this zone; `None` if that local time does not exist.
    fn unix_time(&self, naive: NaiveDateTime) -> Option<i64>;
}

impl<Tz> DateTimeZone for Tz
where
    Tz: TimeZone + Send + Sync + fmt::Debug,
{
    fn unix_time(&self, naive: NaiveDateTime) -> Option<i64> {
        self.from_local_datetime(&naive)
            .earliest()
            .map(|dt| dt.timestamp())
    }
}
