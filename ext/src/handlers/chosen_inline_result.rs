//! `ChosenInlineResultHandler`: inline results a user chose and sent.

use crate::UpdateType;
use crate::handler::{BotInfo, Callback, Matched};
use crate::handlers::base::{Base, handler, payload};
use crate::handlers::pattern::Pattern;
use crate::incoming::Incoming;

/// Handles chosen inline results (enable them with @BotFather's `/setinlinefeedback`), all of
/// them or those whose `result_id` matches a [`Pattern`].
///
/// ```
/// use botapi_ext::{Context, HandlerResult, handlers::ChosenInlineResultHandler};
///
/// async fn chosen(ctx: Context) -> HandlerResult {
///     let result = ctx.chosen_inline_result()?;
///     println!("{} chose {}", result.from.id, result.result_id);
///     Ok(())
/// }
///
/// let handler = ChosenInlineResultHandler::new(chosen).pattern(r"^article-(\d+)$");
/// # let _ = handler;
/// ```
pub struct ChosenInlineResultHandler<D = ()> {
    base: Base<D>,
    pattern: Option<Pattern>,
}

handler!(ChosenInlineResultHandler { pattern }, filter, users);

impl<D: Send + Sync + 'static> ChosenInlineResultHandler<D> {
    /// Handles every chosen inline result.
    pub fn new(callback: impl Callback<D>) -> Self {
        ChosenInlineResultHandler {
            base: Base::new(&[UpdateType::ChosenInlineResult], callback),
            pattern: None,
        }
    }

    /// Only results whose `result_id` matches `pattern` (a `&str` is a regex).
    pub fn pattern(mut self, pattern: impl Into<Pattern>) -> Self {
        self.pattern = Some(pattern.into());
        self
    }

    fn select(&self, incoming: &Incoming, _bot: &BotInfo) -> Option<Matched> {
        self.base.select_text(incoming, self.pattern.as_ref(), |update| {
            Some(&payload!(update, ChosenInlineResult).result_id)
        })
    }
}
