//! `BusinessConnectionHandler`: the bot connected to or disconnected from a business account.

use crate::UpdateType;
use crate::handler::Callback;
use crate::handlers::base::{Base, handler};

/// Handles business connections (a business account connected the bot, changed its rights
/// or disconnected it), optionally only of some users. The payload is
/// `ctx.business_connection()?`.
///
/// ```
/// use botapi_ext::{Context, HandlerResult, handlers::BusinessConnectionHandler};
///
/// async fn connected(ctx: Context) -> HandlerResult {
///     let connection = ctx.business_connection()?;
///     let state = if connection.is_enabled { "on" } else { "off" };
///     ctx.bot.send_message(connection.user_chat_id, format!("Connection {state}")).await?;
///     Ok(())
/// }
///
/// let handler = BusinessConnectionHandler::new(connected).user_ids([42]);
/// # let _ = handler;
/// ```
pub struct BusinessConnectionHandler<D = ()> {
    base: Base<D>,
}

handler!(BusinessConnectionHandler {}, filter, select, users);

impl<D: Send + Sync + 'static> BusinessConnectionHandler<D> {
    /// Handles every business connection update.
    pub fn new(callback: impl Callback<D>) -> Self {
        BusinessConnectionHandler {
            base: Base::new(&[UpdateType::BusinessConnection], callback),
        }
    }
}
