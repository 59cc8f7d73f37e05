//! `CallbackQueryHandler`: presses of inline keyboard buttons.

use std::any::Any;
use std::str::FromStr;

use crate::UpdateType;
use crate::handler::{BotInfo, Callback, Matched};
use crate::handlers::base::{Base, handler, payload};
use crate::handlers::pattern::Pattern;
use crate::incoming::Incoming;

/// Handles callback queries (presses of inline keyboard buttons), all of them or those whose
/// data matches a [`Pattern`]: a regex (captures in
/// [`Context::captures`](crate::Context::captures)), an exact string, a predicate, or a type
/// the data parses as ([`CallbackQueryHandler::typed`]). Queries of games match a
/// [`game_pattern`](CallbackQueryHandler::game_pattern) on their `game_short_name`.
///
/// When either pattern is given, a query with data must match `pattern` and a query of a
/// game must match `game_pattern`, as in python-telegram-bot.
///
/// ```
/// use botapi_ext::{Context, HandlerResult, handlers::CallbackQueryHandler};
///
/// async fn buy(ctx: Context) -> HandlerResult {
///     let item = ctx.captures().and_then(|c| c.get(1)).unwrap_or_default().to_owned();
///     let query = ctx.callback_query()?;
///     ctx.bot.answer_callback_query(&query.id).text(format!("Bought {item}")).await?;
///     Ok(())
/// }
///
/// let handler = CallbackQueryHandler::new(buy).pattern(r"^buy_(\w+)$");
/// # let _ = handler;
/// ```
///
/// Typed data: anything that implements [`FromStr`].
///
/// ```
/// use std::str::FromStr;
/// use botapi_ext::{Context, HandlerResult, handlers::CallbackQueryHandler};
///
/// enum Vote { Up, Down }
///
/// impl FromStr for Vote {
///     type Err = ();
///     fn from_str(data: &str) -> Result<Self, ()> {
///         match data { "up" => Ok(Vote::Up), "down" => Ok(Vote::Down), _ => Err(()) }
///     }
/// }
///
/// async fn vote(ctx: Context) -> HandlerResult {
///     let text = match ctx.parsed::<Vote>()? { Vote::Up => "👍", Vote::Down => "👎" };
///     ctx.bot.answer_callback_query(&ctx.callback_query()?.id).text(text).await?;
///     Ok(())
/// }
///
/// let handler = CallbackQueryHandler::typed::<Vote>(vote);
/// # let _ = handler;
/// ```
pub struct CallbackQueryHandler<D = ()> {
    base: Base<D>,
    pattern: Option<Pattern>,
    game_pattern: Option<Pattern>,
}

handler!(
    CallbackQueryHandler {
        pattern,
        game_pattern
    },
    filter,
    users
);

impl<D: Send + Sync + 'static> CallbackQueryHandler<D> {
    /// Handles every callback query (narrow with [`pattern`](Self::pattern)).
    pub fn new(callback: impl Callback<D>) -> Self {
        CallbackQueryHandler {
            base: Base::new(&[UpdateType::CallbackQuery], callback),
            pattern: None,
            game_pattern: None,
        }
    }

    /// Handles the callback queries whose data parses as a `T`; the callback gets the value
    /// with [`Context::parsed::<T>()`](crate::Context::parsed).
    pub fn typed<T: FromStr + Any + Send + Sync>(callback: impl Callback<D>) -> Self {
        Self::new(callback).pattern(Pattern::parse::<T>())
    }

    /// Only queries whose data matches `pattern` (a `&str` is a regex).
    pub fn pattern(mut self, pattern: impl Into<Pattern>) -> Self {
        self.pattern = Some(pattern.into());
        self
    }

    /// Only queries of games whose `game_short_name` matches `pattern`.
    pub fn game_pattern(mut self, pattern: impl Into<Pattern>) -> Self {
        self.game_pattern = Some(pattern.into());
        self
    }

    fn select(&self, incoming: &Incoming, _bot: &BotInfo) -> Option<Matched> {
        let update = self.base.admit(incoming)?;
        let query = payload!(update, CallbackQuery);
        let mut matched = Matched::empty();
        if self.pattern.is_some() || self.game_pattern.is_some() {
            let (pattern, text) = match (&query.data, &query.game_short_name) {
                (Some(data), _) => (self.pattern.as_ref(), data),
                (None, Some(game)) => (self.game_pattern.as_ref(), game),
                (None, None) => return None,
            };
            if !pattern?.check(text, &mut matched) {
                return None;
            }
        }
        self.base.finish(update, matched)
    }
}
