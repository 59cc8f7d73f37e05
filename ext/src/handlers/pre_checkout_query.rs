//! `PreCheckoutQueryHandler`: the last confirmation before a payment.

use crate::UpdateType;
use crate::handler::{BotInfo, Callback, Matched};
use crate::handlers::base::{Base, handler, payload};
use crate::handlers::pattern::Pattern;
use crate::incoming::Incoming;

/// Handles pre-checkout queries (answer them within 10 seconds with
/// `answerPreCheckoutQuery`), all of them or those whose `invoice_payload` matches a
/// [`Pattern`]. The payload is `ctx.pre_checkout_query()?`.
///
/// ```
/// use botapi_ext::{Context, HandlerResult, handlers::PreCheckoutQueryHandler};
///
/// async fn checkout(ctx: Context) -> HandlerResult {
///     let query = ctx.pre_checkout_query()?;
///     ctx.bot.answer_pre_checkout_query(&query.id, true).await?;
///     Ok(())
/// }
///
/// let handler = PreCheckoutQueryHandler::new(checkout).pattern(r"^order-\d+$");
/// # let _ = handler;
/// ```
pub struct PreCheckoutQueryHandler<D = ()> {
    base: Base<D>,
    pattern: Option<Pattern>,
}

handler!(PreCheckoutQueryHandler { pattern }, filter, users);

impl<D: Send + Sync + 'static> PreCheckoutQueryHandler<D> {
    /// Handles every pre-checkout query.
    pub fn new(callback: impl Callback<D>) -> Self {
        PreCheckoutQueryHandler {
            base: Base::new(&[UpdateType::PreCheckoutQuery], callback),
            pattern: None,
        }
    }

    /// Only queries whose `invoice_payload` matches `pattern` (a `&str` is a regex).
    pub fn pattern(mut self, pattern: impl Into<Pattern>) -> Self {
        self.pattern = Some(pattern.into());
        self
    }

    fn select(&self, incoming: &Incoming, _bot: &BotInfo) -> Option<Matched> {
        self.base.select_text(incoming, self.pattern.as_ref(), |update| {
            Some(&payload!(update, PreCheckoutQuery).invoice_payload)
        })
    }
}
