//! Filters: predicates over the whole update that compose with `&`, `|`, `!` and `^`
//! (python-telegram-bot's `telegram.ext.filters`).
//!
//! ```
//! use botapi_ext::filters::{self, Filter};
//!
//! let text_not_command: Filter = filters::TEXT & !filters::COMMAND;
//! let greeting = filters::regex(r"(?i)^(hi|hello)\b").unwrap() | filters::text(["hey"]);
//! let either = text_not_command ^ greeting;
//! # let _ = either;
//! ```
//!
//! Filters that match a pattern (regex) hand their captures to the handler
//! ([`Context::matches`](crate::Context::matches)).

use std::fmt;
use std::ops::{BitAnd, BitOr, BitXor, Not};
use std::sync::Arc;

use botapi::types::{Message, Update};
use regex::Regex;

use crate::matches::{Captures, Matches};

/// A check of an update: `fn(&Update, &mut Matches) -> bool`, implemented by closures too.
pub trait Check: Send + Sync + 'static {
    /// Whether the update passes; pattern checks add their captures to `matches`.
    fn check(&self, update: &Update, matches: &mut Matches) -> bool;
}

impl<F> Check for F
where
    F: Fn(&Update, &mut Matches) -> bool + Send + Sync + 'static,
{
    fn check(&self, update: &Update, matches: &mut Matches) -> bool {
        self(update, matches)
    }
}

/// The checks that need no allocation, so that ready-made filters can be `const`s.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Builtin {
    /// Every update.
    All,
    /// A message with text.
    Text,
    /// A message whose text starts with a bot command.
    Command,
}

impl Builtin {
    fn check(self, update: &Update) -> bool {
        match self {
            Builtin::All => true,
            Builtin::Text => update.effective_message().is_some_and(|m| m.text.is_some()),
            Builtin::Command => update.effective_message().is_some_and(starts_with_command),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Builtin::All => "ALL",
            Builtin::Text => "TEXT",
            Builtin::Command => "COMMAND",
        }
    }
}

/// Whether a message starts with a `bot_command` entity.
pub(crate) fn starts_with_command(message: &Message) -> bool {
    message.entities.as_deref().is_some_and(|entities| {
        entities
            .first()
            .is_some_and(|e| e.offset == 0 && e.kind == botapi::types::MessageEntityType::BotCommand)
    })
}

#[derive(Clone)]
enum Repr {
    Builtin(Builtin),
    Custom(Arc<dyn Check>, Arc<str>),
    Not(Arc<Filter>),
    And(Arc<Filter>, Arc<Filter>),
    Or(Arc<Filter>, Arc<Filter>),
    Xor(Arc<Filter>, Arc<Filter>),
}

/// A filter over updates; combine with `&`, `|`, `^` and `!` (or [`and`](Filter::and),
/// [`or`](Filter::or), [`xor`](Filter::xor), [`not`](Filter::not)).
#[derive(Clone)]
pub struct Filter {
    repr: Repr,
}

impl Filter {
    pub(crate) const fn builtin(builtin: Builtin) -> Filter {
        Filter {
            repr: Repr::Builtin(builtin),
        }
    }

    /// A filter from a check over the whole update, with a name for `Debug` output.
    pub fn new(name: impl Into<Arc<str>>, check: impl Check) -> Filter {
        Filter {
            repr: Repr::Custom(Arc::new(check), name.into()),
        }
    }

    /// A filter over the update's effective message (false for updates without one), like
    /// python-telegram-bot's `MessageFilter`.
    pub fn message(
        name: impl Into<Arc<str>>,
        check: impl Fn(&Message) -> bool + Send + Sync + 'static,
    ) -> Filter {
        Filter::new(name, move |update: &Update, _: &mut Matches| {
            update.effective_message().is_some_and(&check)
        })
    }

    /// Whether `update` passes; the captures of pattern filters that took part in the
    /// result are added to `matches`.
    pub fn check(&self, update: &Update, matches: &mut Matches) -> bool {
        match &self.repr {
            Repr::Builtin(builtin) => builtin.check(update),
            Repr::Custom(check, _) => check.check(update, matches),
            Repr::Not(inner) => !inner.check(update, &mut Matches::new()),
            Repr::And(left, right) => {
                let mut found = Matches::new();
                if left.check(update, &mut found) && right.check(update, &mut found) {
                    matches.extend(found);
                    true
                } else {
                    false
                }
            }
            Repr::Or(left, right) => {
                let mut found = Matches::new();
                if left.check(update, &mut found) {
                    matches.extend(found);
                    return true;
                }
                let mut found = Matches::new();
                if right.check(update, &mut found) {
                    matches.extend(found);
                    return true;
                }
                false
            }
            Repr::Xor(left, right) => {
                let (mut a, mut b) = (Matches::new(), Matches::new());
                match (left.check(update, &mut a), right.check(update, &mut b)) {
                    (true, false) => {
                        matches.extend(a);
                        true
                    }
                    (false, true) => {
                        matches.extend(b);
                        true
                    }
                    _ => false,
                }
            }
        }
    }

    /// Whether `update` passes, ignoring captures.
    pub fn matches(&self, update: &Update) -> bool {
        self.check(update, &mut Matches::new())
    }

    /// Both must pass.
    pub fn and(self, other: Filter) -> Filter {
        Filter {
            repr: Repr::And(Arc::new(self), Arc::new(other)),
        }
    }

    /// Either must pass (the right one is not checked when the left one passes).
    pub fn or(self, other: Filter) -> Filter {
        Filter {
            repr: Repr::Or(Arc::new(self), Arc::new(other)),
        }
    }

    /// Exactly one must pass.
    pub fn xor(self, other: Filter) -> Filter {
        Filter {
            repr: Repr::Xor(Arc::new(self), Arc::new(other)),
        }
    }

    /// Inverts the filter (a method form of `!filter`).
    #[allow(clippy::should_implement_trait)] // `Not` is implemented too; this reads in chains
    pub fn not(self) -> Filter {
        Filter {
            repr: Repr::Not(Arc::new(self)),
        }
    }
}

impl fmt::Debug for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.repr {
            Repr::Builtin(builtin) => f.write_str(builtin.name()),
            Repr::Custom(_, name) => f.write_str(name),
            Repr::Not(inner) => write!(f, "!{inner:?}"),
            Repr::And(a, b) => write!(f, "({a:?} & {b:?})"),
            Repr::Or(a, b) => write!(f, "({a:?} | {b:?})"),
            Repr::Xor(a, b) => write!(f, "({a:?} ^ {b:?})"),
        }
    }
}

impl BitAnd for Filter {
    type Output = Filter;
    fn bitand(self, rhs: Filter) -> Filter {
        self.and(rhs)
    }
}

impl BitOr for Filter {
    type Output = Filter;
    fn bitor(self, rhs: Filter) -> Filter {
        self.or(rhs)
    }
}

impl BitXor for Filter {
    type Output = Filter;
    fn bitxor(self, rhs: Filter) -> Filter {
        self.xor(rhs)
    }
}

impl Not for Filter {
    type Output = Filter;
    fn not(self) -> Filter {
        Filter::not(self)
    }
}

/// Every update.
pub const ALL: Filter = Filter::builtin(Builtin::All);
/// Messages with text (commands included; combine with `!COMMAND` to leave them out).
pub const TEXT: Filter = Filter::builtin(Builtin::Text);
/// Messages that start with a bot command (`/start`).
pub const COMMAND: Filter = Filter::builtin(Builtin::Command);

/// Messages whose text is exactly one of `strings` (python-telegram-bot's `filters.Text([..])`,
/// handy for reply keyboard buttons).
pub fn text<I, S>(strings: I) -> Filter
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    let strings: Vec<String> = strings.into_iter().map(Into::into).collect();
    Filter::message(format!("Text({strings:?})"), move |message| {
        message
            .text
            .as_deref()
            .is_some_and(|text| strings.iter().any(|s| s == text))
    })
}

/// Messages whose text or caption matches `pattern`; its captures reach the handler.
pub fn regex(pattern: &str) -> Result<Filter, regex::Error> {
    let regex = Regex::new(pattern)?;
    let name = format!("Regex({pattern:?})");
    Ok(Filter::new(
        name,
        move |update: &Update, matches: &mut Matches| {
            let Some(message) = update.effective_message() else {
                return false;
            };
            let Some(text) = message.text.as_deref().or(message.caption.as_deref()) else {
                return false;
            };
            match Captures::of(&regex, text) {
                Some(found) => {
                    matches.push(found);
                    true
                }
                None => false,
            }
        },
    ))
}
