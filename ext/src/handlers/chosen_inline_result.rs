//! `ChosenInlineResultHandler`: inline results a user chose and sent.

use crate::UpdateType;
use crate::handler::Callback;
use crate::handlers::base::{Base, handler};
use crate::handlers::pattern::Pattern;

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

handler!(
    ChosenInlineResultHandler { pattern },
    filter,
    users,
    text(ChosenInlineResult.result_id)
);

impl<D: Send + Sync + 'static> ChosenInlineResultHandler<D> {
    /// Handles every chosen inline result.
    pub fn new(callback: impl Callback<D>) -> Self {
        ChosenInlineResultHandler {
            base: Base::new(&[UpdateType::ChosenInlineResult], callback),
            pattern: None,
        }
    }
}
