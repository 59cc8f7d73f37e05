//! `PreCheckoutQueryHandler`: the last confirmation before a payment.

use crate::UpdateType;
use crate::handler::Callback;
use crate::handlers::base::{Base, handler};
use crate::handlers::pattern::Pattern;

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

handler!(
    PreCheckoutQueryHandler { pattern },
    filter,
    users,
    text(PreCheckoutQuery.invoice_payload)
);

impl<D: Send + Sync + 'static> PreCheckoutQueryHandler<D> {
    /// Handles every pre-checkout query.
    pub fn new(callback: impl Callback<D>) -> Self {
        PreCheckoutQueryHandler {
            base: Base::new(&[UpdateType::PreCheckoutQuery], callback),
            pattern: None,
        }
    }
}
