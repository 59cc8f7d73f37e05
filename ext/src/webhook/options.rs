//! `WebhookOptions`: where the webhook server listens, what it tells Telegram, its limits.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use botapi::InputFile;

use super::secret::Secret;
use crate::error::Error;

/// The largest request body taken by default: 1 MiB. An update is a few KiB at most (a
/// message with 4096 characters of text and its entities stays far below 64 KiB); the limit
/// only bounds what a stray client can make the server buffer.
pub const DEFAULT_MAX_BODY_BYTES: usize = 1024 * 1024;

/// How many webhook requests are handled at once by default (Telegram's own default
/// `max_connections` is 40).
pub const DEFAULT_CONCURRENT_REQUESTS: usize = 100;

/// Webhook settings: the local server (address, port, path, limits) and what `setWebhook`
/// tells Telegram (the public URL, the secret token, `max_connections`, ...).
///
/// The secret token is generated at random by [`new`](Self::new) (32 bytes from the
/// operating system, as 64 hex digits) unless [`secret_token`](Self::secret_token) gives
/// one; clones share it. It is never shown by `Debug`.
#[derive(Clone)]
#[non_exhaustive]
pub struct WebhookOptions {
    pub(crate) listen: IpAddr,
    pub(crate) port: u16,
    pub(crate) url_path: String,
    pub(crate) webhook_url: Option<String>,
    pub(crate) secret: Secret,
    pub(crate) max_body_bytes: usize,
    pub(crate) concurrent_requests: usize,
    pub(crate) max_connections: Option<u8>,
    pub(crate) ip_address: Option<String>,
    pub(crate) certificate: Option<InputFile>,
    pub(crate) drop_pending_updates: bool,
    pub(crate) allowed_updates: Option<Vec<String>>,
    pub(crate) delete_webhook_on_stop: bool,
    #[cfg(feature = "webhook-tls")]
    pub(crate) tls: Option<super::WebhookTls>,
}

impl Default for WebhookOptions {
    fn default() -> Self {
        WebhookOptions::new()
    }
}

impl WebhookOptions {
    /// The defaults: listen on 127.0.0.1, port 80, path `/` (python-telegram-bot's), a
    /// random secret token, bodies up to [`DEFAULT_MAX_BODY_BYTES`], at most
    /// [`DEFAULT_CONCURRENT_REQUESTS`] requests at once. A public
    /// [`webhook_url`](Self::webhook_url) is required to start the server.
    pub fn new() -> Self {
        WebhookOptions {
            listen: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 80,
            url_path: "/".to_owned(),
            webhook_url: None,
            secret: Secret::generate(),
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            concurrent_requests: DEFAULT_CONCURRENT_REQUESTS,
            max_connections: None,
            ip_address: None,
            certificate: None,
            drop_pending_updates: false,
            allowed_updates: None,
            delete_webhook_on_stop: false,
            #[cfg(feature = "webhook-tls")]
            tls: None,
        }
    }

    /// The address to listen on (default 127.0.0.1, for a reverse proxy in front; `0.0.0.0`
    /// to be reached directly).
    pub fn listen(mut self, addr: IpAddr) -> Self {
        self.listen = addr;
        self
    }

    /// The port to listen on (default 80; 0 picks a free one, which
    /// [`start_webhook`](crate::Application::start_webhook) returns).
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// The path the server takes updates on (default `/`); a leading `/` is added if
    /// missing. Use something unguessable-looking if you like, but the secret token is what
    /// authenticates Telegram.
    pub fn url_path(mut self, path: impl Into<String>) -> Self {
        let path = path.into();
        self.url_path = if path.starts_with('/') {
            path
        } else {
            format!("/{path}")
        };
        self
    }

    /// The public HTTPS URL Telegram posts to (given to `setWebhook`), for example
    /// `https://bot.example.com/telegram`. Required to start the server.
    pub fn webhook_url(mut self, url: impl Into<String>) -> Self {
        self.webhook_url = Some(url.into());
        self
    }

    /// The secret token (1-256 characters of `A-Z`, `a-z`, `0-9`, `_` and `-`) Telegram
    /// sends in the `X-Telegram-Bot-Api-Secret-Token` header of every request; requests
    /// without it are answered 401, with a wrong one 403. Default: a random one.
    pub fn secret_token(mut self, token: impl Into<String>) -> Self {
        self.secret = Secret::unchecked(token.into());
        self
    }

    /// The secret token in use (generated or given), for setting the webhook yourself.
    pub fn secret(&self) -> &str {
        self.secret.as_str()
    }

    /// The largest request body accepted; larger ones are answered 413 (default
    /// [`DEFAULT_MAX_BODY_BYTES`], 1 MiB).
    pub fn max_body_bytes(mut self, max: usize) -> Self {
        self.max_body_bytes = max;
        self
    }

    /// How many requests are handled at once; further requests wait for a free slot before
    /// their body is read (default [`DEFAULT_CONCURRENT_REQUESTS`]).
    pub fn concurrent_requests(mut self, max: usize) -> Self {
        self.concurrent_requests = max.max(1);
        self
    }

    /// `setWebhook`'s `max_connections`: how many connections Telegram opens at most,
    /// 1-100 (Telegram's default: 40).
    pub fn max_connections(mut self, max: u8) -> Self {
        self.max_connections = Some(max.clamp(1, 100));
        self
    }

    /// `setWebhook`'s `ip_address`: the fixed IP Telegram sends to instead of resolving the
    /// URL's host.
    pub fn ip_address(mut self, ip: impl Into<String>) -> Self {
        self.ip_address = Some(ip.into());
        self
    }

    /// `setWebhook`'s `certificate`: the public key certificate (PEM) of a self-signed
    /// server, uploaded so that Telegram trusts it.
    pub fn certificate(mut self, certificate: impl Into<InputFile>) -> Self {
        self.certificate = Some(certificate.into());
        self
    }

    /// Drops the updates that waited while the bot was offline (`setWebhook`'s
    /// `drop_pending_updates`).
    pub fn drop_pending_updates(mut self, drop: bool) -> Self {
        self.drop_pending_updates = drop;
        self
    }

    /// The update kinds to ask for (default: derived from the handlers,
    /// [`Application::derived_allowed_updates`](crate::Application::derived_allowed_updates)).
    pub fn allowed_updates<I, S>(mut self, kinds: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.allowed_updates = Some(kinds.into_iter().map(Into::into).collect());
        self
    }

    /// Calls `deleteWebhook` when the application stops (default: no, the webhook stays set
    /// and Telegram keeps the updates for the next start).
    pub fn delete_webhook_on_stop(mut self, delete: bool) -> Self {
        self.delete_webhook_on_stop = delete;
        self
    }

    /// Serves HTTPS with this certificate and key (the `webhook-tls` feature); without it the
    /// server speaks plain HTTP, for a reverse proxy that terminates TLS in front.
    #[cfg(feature = "webhook-tls")]
    pub fn tls(mut self, tls: super::WebhookTls) -> Self {
        self.tls = Some(tls);
        self
    }

    /// The socket address to bind.
    pub(crate) fn bind_addr(&self) -> SocketAddr {
        SocketAddr::new(self.listen, self.port)
    }

    /// Refuses settings Telegram or the server would refuse.
    pub(crate) fn check(&self) -> Result<(), Error> {
        self.secret.check().map_err(Error::State)
    }
}

impl fmt::Debug for WebhookOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut f = f.debug_struct("WebhookOptions");
        f.field("listen", &self.listen)
            .field("port", &self.port)
            .field("url_path", &self.url_path)
            .field("webhook_url", &self.webhook_url)
            .field("secret_token", &self.secret)
            .field("max_body_bytes", &self.max_body_bytes)
            .field("concurrent_requests", &self.concurrent_requests)
            .field("max_connections", &self.max_connections)
            .field("ip_address", &self.ip_address)
            .field("certificate", &self.certificate.is_some())
            .field("drop_pending_updates", &self.drop_pending_updates)
            .field("allowed_updates", &self.allowed_updates)
            .field("delete_webhook_on_stop", &self.delete_webhook_on_stop);
        #[cfg(feature = "webhook-tls")]
        f.field("tls", &self.tls.is_some());
        f.finish()
    }
}
