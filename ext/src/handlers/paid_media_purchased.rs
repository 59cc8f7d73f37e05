//! `PaidMediaPurchasedHandler`: a user bought paid media the bot sent.

use crate::UpdateType;
use crate::handler::Callback;
use crate::handlers::base::{Base, handler};
use crate::handlers::pattern::Pattern;

/// Handles purchases of paid media (`purchased_paid_media`), all of them or those whose
/// `paid_media_payload` matches a [`Pattern`], optionally only from some users. The payload
/// is `ctx.purchased_paid_media()?`.
///
/// ```
/// use botapi_ext::{Context, HandlerResult, handlers::PaidMediaPurchasedHandler};
///
/// async fn bought(ctx: Context) -> HandlerResult {
///     let purchase = ctx.purchased_paid_media()?;
///     ctx.bot.send_message(purchase.from.id, "Enjoy!").await?;
///     Ok(())
/// }
///
/// let handler = PaidMediaPurchasedHandler::new(bought).pattern("^album-");
/// # let _ = handler;
/// ```
pub struct PaidMediaPurchasedHandler<D = ()> {
    base: Base<D>,
    pattern: Option<Pattern>,
}

handler!(
    PaidMediaPurchasedHandler { pattern },
    filter,
    users,
    text(PurchasedPaidMedia.paid_media_payload)
);

impl<D: Send + Sync + 'static> PaidMediaPurchasedHandler<D> {
    /// Handles every purchase.
    pub fn new(callback: impl Callback<D>) -> Self {
        PaidMediaPurchasedHandler {
            base: Base::new(&[UpdateType::PurchasedPaidMedia], callback),
            pattern: None,
        }
    }
}
