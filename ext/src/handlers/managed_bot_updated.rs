//! `ManagedBotUpdatedHandler`: a bot managed by this bot was created or changed.

use crate::UpdateType;
use crate::handler::Callback;
use crate::handlers::base::{Base, handler};

/// Handles `managed_bot` updates (a user created a bot managed by this one, or its token or
/// owner changed), optionally only from some users. The payload is `ctx.managed_bot()?`, a
/// [`ManagedBotUpdated`](botapi::types::ManagedBotUpdated).
///
/// ```
/// use botapi_ext::{Context, HandlerResult, handlers::ManagedBotUpdatedHandler};
///
/// async fn managed(ctx: Context) -> HandlerResult {
///     let update = ctx.managed_bot()?;
///     println!("{} manages bot {}", update.user.id, update.bot.id);
///     Ok(())
/// }
///
/// let handler = ManagedBotUpdatedHandler::new(managed).user_ids([42]);
/// # let _ = handler;
/// ```
pub struct ManagedBotUpdatedHandler<D = ()> {
    base: Base<D>,
}

handler!(ManagedBotUpdatedHandler {}, filter, select, users);

impl<D: Send + Sync + 'static> ManagedBotUpdatedHandler<D> {
    /// Handles every managed bot update.
    pub fn new(callback: impl Callback<D>) -> Self {
        ManagedBotUpdatedHandler {
            base: Base::new(&[UpdateType::ManagedBot], callback),
        }
    }
}
