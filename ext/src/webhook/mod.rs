//! Webhooks on axum: a server started and stopped with the application
//! ([`Application::run_webhook`], [`Application::start_webhook`]), or a `Router` to nest in
//! your own axum app ([`Application::webhook_router`]). Both take updates through the one
//! dispatch path every source shares.

use std::net::SocketAddr;

use tokio_util::sync::CancellationToken;

use crate::application::{Application, Phase, RunningSource, lock};
use crate::error::Error;

mod options;
mod router;
mod secret;
mod server;
#[cfg(feature = "webhook-tls")]
mod tls;

pub use options::{DEFAULT_CONCURRENT_REQUESTS, DEFAULT_MAX_BODY_BYTES, WebhookOptions};
#[cfg(feature = "webhook-tls")]
pub use tls::WebhookTls;

impl<D: Send + Sync + 'static> Application<D> {
    /// The common case with a webhook: initialize, start, serve the webhook and set it with
    /// `setWebhook`, and on Ctrl-C, SIGTERM or [`stop_running`](Self::stop_running) stop
    /// gracefully and shut down. Returns a fatal error (a rejected token, a port that cannot
    /// be bound, a missing [`webhook_url`](WebhookOptions::webhook_url)).
    pub async fn run_webhook(&self, options: WebhookOptions) -> Result<(), Error> {
        self.run_with(async { self.start_webhook(options).await.map(|_| ()) })
            .await
    }

    /// Starts the webhook server in the background (after [`start`](Self::start)): binds
    /// `listen:port`, then calls `setWebhook` with the URL, the secret token and the other
    /// options (allowed updates derived from the handlers unless given). Returns the bound
    /// address (useful with port 0). [`stop`](Self::stop) stops accepting requests, lets
    /// those in flight be answered within the grace period, and calls `deleteWebhook` if
    /// [asked](WebhookOptions::delete_webhook_on_stop).
    pub async fn start_webhook(&self, options: WebhookOptions) -> Result<SocketAddr, Error> {
        if *lock(&self.shared.phase) != Phase::Running {
            return Err(Error::State("start the application before the webhook".into()));
        }
        if lock(&self.shared.source).is_some() {
            return Err(Error::State(
                "an update source (polling or webhook) is already running".into(),
            ));
        }
        options.check()?;
        if options.webhook_url.is_none() {
            return Err(Error::State(
                "the webhook needs its public URL: set WebhookOptions::webhook_url".into(),
            ));
        }
        let router = self.webhook_router(&options)?;
        let (listener, addr) = server::bind(options.bind_addr()).await?;
        self.set_webhook(&options).await?;
        tracing::info!(%addr, path = %options.url_path, "the webhook server is listening");
        let stop = CancellationToken::new();
        let grace = self.shared.config.grace_period;
        let app = self.clone();
        let token = stop.clone();
        let delete = options.delete_webhook_on_stop;
        #[cfg(feature = "webhook-tls")]
        let tls = options.tls.clone();
        let task = tokio::spawn(async move {
            #[cfg(feature = "webhook-tls")]
            let served = match tls {
                Some(tls) => match tls::TlsListener::new(listener, &tls) {
                    Ok(listener) => server::serve(listener, router, token, grace).await,
                    Err(source) => Err(Error::Io {
                        context: "starting the webhook's TLS listener".into(),
                        source,
                    }),
                },
                None => server::serve(listener, router, token, grace).await,
            };
            #[cfg(not(feature = "webhook-tls"))]
            let served = server::serve(listener, router, token, grace).await;
            if served.is_err() {
                app.stop_running();
            }
            if delete {
                if let Err(error) = app.bot().delete_webhook().await {
                    tracing::warn!(error = %crate::application::DisplayChain(&error), "deleteWebhook failed at stop; the webhook stays set");
                }
            }
            served.map(|()| None)
        });
        self.set_source(RunningSource {
            stop,
            task,
            polled: None,
        })?;
        Ok(addr)
    }

    /// An axum [`Router`](axum::Router) that takes Telegram's requests on `POST url_path`,
    /// to merge or nest into your own app beside your own routes; serve it yourself and call
    /// [`set_webhook`](Self::set_webhook) (python-telegram-bot's custom webhook bot). Every
    /// request must carry the options' secret token; bodies over
    /// [`max_body_bytes`](WebhookOptions::max_body_bytes) are answered 413, bodies that are
    /// not an update 400, accepted updates 200 once they are queued. Updates are handled in
    /// any phase, like [`process_update`](Self::process_update); call
    /// [`start`](Self::start) and [`stop`](Self::stop) around serving it for the hooks and
    /// the graceful stop.
    pub fn webhook_router(&self, options: &WebhookOptions) -> Result<axum::Router, Error> {
        options.check()?;
        Ok(router::router(
            self.clone(),
            &options.url_path,
            options.secret.clone(),
            options.max_body_bytes,
            options.concurrent_requests,
        ))
    }

    /// Calls `setWebhook` with the options (with the bootstrap retries; a rejected token is
    /// fatal at once). [`start_webhook`](Self::start_webhook) does it for you.
    pub async fn set_webhook(&self, options: &WebhookOptions) -> Result<(), Error> {
        options.check()?;
        let Some(url) = options.webhook_url.clone() else {
            return Err(Error::State(
                "the webhook needs its public URL: set WebhookOptions::webhook_url".into(),
            ));
        };
        let allowed = options
            .allowed_updates
            .clone()
            .unwrap_or_else(|| self.derived_allowed_updates());
        self.bootstrap("setWebhook", || {
            let mut request = self
                .bot()
                .set_webhook(url.clone())
                .secret_token(options.secret.as_str())
                .allowed_updates(allowed.clone())
                .drop_pending_updates(options.drop_pending_updates);
            if let Some(max) = options.max_connections {
                request = request.max_connections(i64::from(max));
            }
            if let Some(ip) = &options.ip_address {
                request = request.ip_address(ip.clone());
            }
            if let Some(certificate) = &options.certificate {
                request = request.certificate(certificate.clone());
            }
            async move { request.await }
        })
        .await?;
        Ok(())
    }
}
