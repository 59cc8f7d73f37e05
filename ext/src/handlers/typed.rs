//! `TypeHandler`: updates of your own types (python-telegram-bot's `TypeHandler`).

use std::any::Any;
use std::marker::PhantomData;
use std::sync::Arc;

use crate::context::Context;
use crate::error::HandlerError;
use crate::handler::{BotInfo, BoxFuture, Callback, Flow, Handler, Matched, UpdateKinds};
use crate::incoming::Incoming;

/// Handles custom updates of type `T`, given to
/// [`Application::process_custom`](crate::Application::process_custom), an
/// [`UpdateSender`](crate::UpdateSender) or a webhook route of your own. The value is
/// `ctx.custom::<T>()`.
///
/// ```
/// use botapi_ext::{Context, HandlerResult, handlers::TypeHandler};
///
/// struct Payment { user_id: i64, amount: u64 }
///
/// async fn on_payment(ctx: Context) -> HandlerResult {
///     let payment = ctx.custom::<Payment>().expect("a TypeHandler<Payment> runs on payments");
///     ctx.bot.send_message(payment.user_id, format!("Received {}", payment.amount)).await?;
///     Ok(())
/// }
///
/// let handler = TypeHandler::<Payment>::new(on_payment);
/// # let _ = handler;
/// ```
pub struct TypeHandler<T, D = ()> {
    callback: Arc<dyn Callback<D>>,
    blocking: bool,
    _type: PhantomData<fn() -> T>,
}

impl<T, D> std::fmt::Debug for TypeHandler<T, D> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TypeHandler")
            .field("type", &std::any::type_name::<T>())
            .finish_non_exhaustive()
    }
}

impl<T: Any + Send + Sync, D: Send + Sync + 'static> TypeHandler<T, D> {
    /// Handles values of type `T`.
    pub fn new(callback: impl Callback<D>) -> Self {
        TypeHandler {
            callback: Arc::new(callback),
            blocking: true,
            _type: PhantomData,
        }
    }

    /// Whether the update's key waits for this handler (default `true`).
    pub fn blocking(mut self, blocking: bool) -> Self {
        self.blocking = blocking;
        self
    }
}

impl<T: Any + Send + Sync, D: Send + Sync + 'static> Handler<D> for TypeHandler<T, D> {
    fn check(&self, update: &Incoming, _bot: &BotInfo) -> Option<Matched> {
        update.downcast_ref::<T>().map(|_| Matched::empty())
    }

    fn handle(&self, ctx: Context<D>) -> BoxFuture<Result<Flow, HandlerError>> {
        self.callback.call(ctx)
    }

    fn blocking(&self) -> bool {
        self.blocking
    }

    fn update_kinds(&self) -> UpdateKinds {
        UpdateKinds::None
    }
}
