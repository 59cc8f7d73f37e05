//! `ClientBuilder` and `Timeouts`: everything configurable about a [`Client`].

use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use tokio::sync::Semaphore;

use crate::client::{Inner, Lane};
use crate::{Client, Defaults, Error, Token};

/// The Bot API server used unless [`ClientBuilder::base_url`] says otherwise.
pub const DEFAULT_BASE_URL: &str = "https://api.telegram.org/bot";
/// The file server used unless [`ClientBuilder::base_file_url`] says otherwise.
pub const DEFAULT_BASE_FILE_URL: &str = "https://api.telegram.org/file/bot";

/// How long each phase of a request may take.
///
/// The defaults are python-telegram-bot's: 5 s to connect, 5 s to read, 1 s to get a connection
/// slot; the write limit is 20 s (PTB's media write timeout) because it only matters for
/// uploads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Timeouts {
    /// Establishing a TCP (and TLS) connection.
    pub connect: Duration,
    /// Waiting for the response once the request is sent, and for each chunk of a response
    /// or download body. For `getUpdates` the call's own `timeout` is added; for a request with
    /// uploads, `write` is added (Telegram processes the file before it answers).
    pub read: Duration,
    /// The longest pause while sending an upload: between two chunks of a streamed body. A
    /// small body held in memory is written at once and is covered by `read`.
    pub write: Duration,
    /// Waiting for a free slot when `pool_size` requests are already in flight.
    pub pool: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            connect: Duration::from_secs(5),
            read: Duration::from_secs(5),
            write: Duration::from_secs(20),
            pool: Duration::from_secs(1),
        }
    }
}

impl Timeouts {
    /// The same limit for every phase.
    pub fn uniform(limit: Duration) -> Self {
        Timeouts {
            connect: limit,
            read: limit,
            write: limit,
            pool: limit,
        }
    }

    /// Sets the connect limit.
    pub fn connect(mut self, limit: Duration) -> Self {
        self.connect = limit;
        self
    }

    /// Sets the read limit.
    pub fn read(mut self, limit: Duration) -> Self {
        self.read = limit;
        self
    }

    /// Sets the write limit.
    pub fn write(mut self, limit: Duration) -> Self {
        self.write = limit;
        self
    }

    /// Sets the pool limit.
    pub fn pool(mut self, limit: Duration) -> Self {
        self.pool = limit;
        self
    }
}

/// Configures a [`Client`]; from [`Client::builder`].
///
/// ```
/// use std::time::Duration;
/// use botapi_runtime::{Client, Defaults, Timeouts};
/// let client = Client::builder("123456:ABC")
///     .base_url("http://localhost:8081/bot{token}")
///     .local_mode(true)
///     .timeouts(Timeouts::default().read(Duration::from_secs(10)))
///     .defaults(Defaults::new().parse_mode("HTML"))
///     .build()?;
/// # let _ = client;
/// # Ok::<(), botapi_runtime::Error>(())
/// ```
#[derive(Debug)]
#[must_use = "call .build() to get a Client"]
pub struct ClientBuilder {
    token: Token,
    base_url: String,
    base_file_url: String,
    local_mode: bool,
    timeouts: Timeouts,
    poll_timeouts: Timeouts,
    pool_size: usize,
    poll_pool_size: usize,
    http: Option<reqwest::Client>,
    poll_http: Option<reqwest::Client>,
    proxy: Option<reqwest::Proxy>,
    defaults: Defaults,
}

impl ClientBuilder {
    pub(crate) fn new(token: Token) -> Self {
        ClientBuilder {
            token,
            base_url: DEFAULT_BASE_URL.to_owned(),
            base_file_url: DEFAULT_BASE_FILE_URL.to_owned(),
            local_mode: false,
            timeouts: Timeouts::default(),
            poll_timeouts: Timeouts::default(),
            pool_size: 256,
            poll_pool_size: 4,
            http: None,
            poll_http: None,
            proxy: None,
            defaults: Defaults::default(),
        }
    }

    /// The Bot API server: `{token}` in it is replaced by the token, otherwise the token is
    /// appended (python-telegram-bot's rule). Calls go to `<url>/<methodName>`. Default:
    /// [`DEFAULT_BASE_URL`].
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// The file server for downloads, same `{token}` rule; files are fetched from
    /// `<url>/<file_path>`. Default: [`DEFAULT_BASE_FILE_URL`].
    pub fn base_file_url(mut self, url: impl Into<String>) -> Self {
        self.base_file_url = url.into();
        self
    }

    /// Talk to a Local Bot API Server started with `--local`: [`InputFile::path`] uploads are
    /// sent as `file://` URIs that the server reads itself, and downloads of absolute
    /// `file_path`s read the local file.
    ///
    /// [`InputFile::path`]: crate::InputFile::path
    pub fn local_mode(mut self, local_mode: bool) -> Self {
        self.local_mode = local_mode;
        self
    }

    /// Timeouts of ordinary calls and downloads.
    pub fn timeouts(mut self, timeouts: Timeouts) -> Self {
        self.timeouts = timeouts;
        self
    }

    /// Timeouts of `getUpdates`, which has its own connection pool (the read limit is extended
    /// by the call's long-polling `timeout`).
    pub fn poll_timeouts(mut self, timeouts: Timeouts) -> Self {
        self.poll_timeouts = timeouts;
        self
    }

    /// How many ordinary calls may be in flight at once (default 256); more wait up to the
    /// pool timeout for a slot.
    pub fn pool_size(mut self, size: usize) -> Self {
        self.pool_size = size.max(1);
        self
    }

    /// How many `getUpdates` calls may be in flight at once (default 4).
    pub fn poll_pool_size(mut self, size: usize) -> Self {
        self.poll_pool_size = size.max(1);
        self
    }

    /// Use this `reqwest::Client` for ordinary calls and downloads instead of building one.
    /// The connect timeout and proxy set here then do not apply to it; the other timeouts do.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Use this `reqwest::Client` for `getUpdates`.
    pub fn poll_http_client(mut self, client: reqwest::Client) -> Self {
        self.poll_http = Some(client);
        self
    }

    /// Send everything through a proxy: `reqwest::Proxy::all("http://proxy:3128")`, or a
    /// `socks5://` URL with the default `socks` feature.
    pub fn proxy(mut self, proxy: reqwest::Proxy) -> Self {
        self.proxy = Some(proxy);
        self
    }

    /// Bot-wide defaults applied to every call.
    pub fn defaults(mut self, defaults: Defaults) -> Self {
        self.defaults = defaults;
        self
    }

    /// Builds the client.
    ///
    /// Fails with [`Error::InvalidRequest`] when a base URL does not parse (the message never
    /// repeats the URL, which holds the token), or [`Error::Network`] when the HTTP client
    /// cannot be built.
    pub fn build(self) -> Result<Client, Error> {
        let api_url = with_token(&self.base_url, &self.token);
        let file_url = with_token(&self.base_file_url, &self.token);
        for (what, url) in [("base URL", &api_url), ("base file URL", &file_url)] {
            if reqwest::Url::parse(url).is_err() {
                return Err(Error::invalid_request(format!(
                    "the {what} does not parse as a URL"
                )));
            }
        }
        let main = match self.http {
            Some(http) => http,
            None => http_client(self.timeouts, self.proxy.clone())?,
        };
        let poll = match self.poll_http {
            Some(http) => http,
            None => http_client(self.poll_timeouts, self.proxy)?,
        };
        Ok(Client::from_inner(Inner {
            token: self.token,
            api_url,
            file_url,
            local_mode: self.local_mode,
            main: Lane {
                http: main,
                timeouts: self.timeouts,
                slots: Arc::new(Semaphore::new(self.pool_size)),
            },
            poll: Lane {
                http: poll,
                timeouts: self.poll_timeouts,
                slots: Arc::new(Semaphore::new(self.poll_pool_size)),
            },
            defaults: self.defaults,
            token_accepted: AtomicBool::new(false),
        }))
    }
}

/// Applies PTB's base URL rule and drops a trailing slash (a `/` is added before each path).
fn with_token(base: &str, token: &Token) -> String {
    let url = if base.contains("{token}") {
        base.replace("{token}", token.expose())
    } else {
        format!("{base}{}", token.expose())
    };
    url.trim_end_matches('/').to_owned()
}

fn http_client(timeouts: Timeouts, proxy: Option<reqwest::Proxy>) -> Result<reqwest::Client, Error> {
    let mut builder = reqwest::Client::builder()
        .connect_timeout(timeouts.connect)
        .tcp_nodelay(true);
    if let Some(proxy) = proxy {
        builder = builder.proxy(proxy);
    }
    builder
        .build()
        .map_err(|err| Error::transport(err, "building the HTTP client"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_follow_the_token_rule() {
        let token = Token::new("1:T");
        assert_eq!(
            with_token("https://api.telegram.org/bot", &token),
            "https://api.telegram.org/bot1:T"
        );
        assert_eq!(
            with_token("http://h:8081/bot{token}/", &token),
            "http://h:8081/bot1:T"
        );
        assert_eq!(with_token("http://h/{token}/x", &token), "http://h/1:T/x");
    }

    #[test]
    fn a_bad_base_url_error_does_not_repeat_the_token() {
        let err = Client::builder("1:SECRET")
            .base_url("not a url {token}")
            .build()
            .unwrap_err();
        assert!(matches!(err, Error::InvalidRequest { .. }));
        assert!(!format!("{err} {err:?}").contains("SECRET"));
    }

    #[test]
    fn timeouts_setters() {
        let t = Timeouts::uniform(Duration::from_secs(1)).read(Duration::from_secs(9));
        assert_eq!(t.read, Duration::from_secs(9));
        assert_eq!(t.pool, Duration::from_secs(1));
    }
}
