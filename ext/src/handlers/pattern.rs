//! `Pattern`: what a handler matches a text of its update with (callback data, an inline
//! query, an invoice payload, ...).

use std::any::Any;
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use regex::Regex;

use crate::handler::{Matched, Parsed};
use crate::matches::Captures;

/// How a handler matches a text of its update: a regex (its captures reach the callback as
/// [`Context::captures`](crate::Context::captures)), an exact string, a predicate, or a type
/// the text must parse as (the value reaches the callback as
/// [`Context::parsed`](crate::Context::parsed)).
///
/// A `&str` or a [`Regex`] converts into a regex pattern. Like python-telegram-bot's handler
/// patterns (Python's `re.match`), a regex must match at the start of the text; end it with
/// `$` to match the whole text.
///
/// ```
/// use botapi_ext::handlers::Pattern;
///
/// let buy = Pattern::from(r"buy_(\d+)");
/// assert!(buy.matches("buy_42"));
/// assert!(!buy.matches("not buy_42"), "a regex matches at the start");
/// assert!(Pattern::exact("menu").matches("menu"));
/// assert!(Pattern::predicate(|data| data.len() < 4).matches("abc"));
/// assert!(Pattern::parse::<u32>().matches("7"));
/// ```
#[derive(Clone)]
pub struct Pattern {
    repr: Repr,
}

type Parse = Arc<dyn Fn(&str) -> Option<Parsed> + Send + Sync>;

#[derive(Clone)]
enum Repr {
    Regex(Regex),
    Exact(String),
    Predicate(Arc<dyn Fn(&str) -> bool + Send + Sync>),
    Parse(&'static str, Parse),
}

impl Pattern {
    /// A regex, matched at the start of the text.
    pub fn regex(pattern: &str) -> Result<Pattern, regex::Error> {
        Regex::new(pattern).map(Pattern::from)
    }

    /// The text must be exactly `text`.
    pub fn exact(text: impl Into<String>) -> Pattern {
        Pattern {
            repr: Repr::Exact(text.into()),
        }
    }

    /// The text must pass `predicate`.
    pub fn predicate(predicate: impl Fn(&str) -> bool + Send + Sync + 'static) -> Pattern {
        Pattern {
            repr: Repr::Predicate(Arc::new(predicate)),
        }
    }

    /// The text must parse as a `T` ([`FromStr`]); the value is
    /// [`Context::parsed::<T>()`](crate::Context::parsed).
    pub fn parse<T: FromStr + Any + Send + Sync>() -> Pattern {
        let parse: Parse = Arc::new(|text| {
            let value: Arc<dyn Any + Send + Sync> = Arc::new(text.parse::<T>().ok()?);
            Some(Parsed(value))
        });
        Pattern {
            repr: Repr::Parse(std::any::type_name::<T>(), parse),
        }
    }

    /// Whether `text` matches.
    pub fn matches(&self, text: &str) -> bool {
        self.check(text, &mut Matched::empty())
    }

    /// Whether `text` matches; what the match extracted is added to `matched`.
    pub(crate) fn check(&self, text: &str, matched: &mut Matched) -> bool {
        match &self.repr {
            Repr::Regex(regex) => match Captures::at_start(regex, text) {
                Some(captures) => {
                    matched.matches.push(captures);
                    true
                }
                None => false,
            },
            Repr::Exact(exact) => exact == text,
            Repr::Predicate(predicate) => predicate(text),
            Repr::Parse(_, parse) => match parse(text) {
                Some(value) => {
                    matched.parsed = Some(value);
                    true
                }
                None => false,
            },
        }
    }
}

impl From<Regex> for Pattern {
    fn from(regex: Regex) -> Self {
        Pattern {
            repr: Repr::Regex(regex),
        }
    }
}

impl From<&Regex> for Pattern {
    fn from(regex: &Regex) -> Self {
        Pattern::from(regex.clone())
    }
}

/// A regex.
///
/// # Panics
///
/// If `pattern` is not a valid regex: that is a bug in the bot, caught when it starts. Use
/// [`Pattern::regex`] to handle the error instead.
impl From<&str> for Pattern {
    fn from(pattern: &str) -> Self {
        Pattern::regex(pattern)
            .unwrap_or_else(|error| panic!("`{pattern}` is not a valid regex pattern: {error}"))
    }
}

impl fmt::Debug for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.repr {
            Repr::Regex(regex) => f.debug_tuple("Regex").field(&regex.as_str()).finish(),
            Repr::Exact(text) => f.debug_tuple("Exact").field(text).finish(),
            Repr::Predicate(_) => f.write_str("Predicate(..)"),
            Repr::Parse(type_name, _) => f.debug_tuple("Parse").field(type_name).finish(),
        }
    }
}
