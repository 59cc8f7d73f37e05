//! `TestServer`: starting the fake server and the API tests use to drive and inspect it.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use botapi_spec::Spec;
use bytes::Bytes;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use serde_json::Value;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::catalog::{self, Catalog};
use crate::http::{self, Shared};
use crate::record::RecordedRequest;
use crate::script::Reply;
use crate::state::{State, StoredFile};

/// The token the server accepts unless [`TestServerBuilder::token`] says otherwise.
pub const DEFAULT_TOKEN: &str = "123456789:AAHtestkit-0123456789abcdefghijklmnop";

/// How long [`TestServer::wait_for_request`] waits before it panics.
pub const WAIT_TIMEOUT: Duration = Duration::from_secs(10);

/// A fake Telegram Bot API server on `127.0.0.1` (a free port), for tests.
///
/// ```no_run
/// # async fn demo() {
/// use botapi_testkit::{TestServer, updates};
/// let server = TestServer::start().await;
/// // Point the bot at it: base URL `server.url()`, token `server.token()`.
/// server.push_update(updates::text_message(42, 42, "/start"));
/// let sent = server.wait_for_request("sendMessage").await;
/// assert_eq!(sent.params["chat_id"], 42);
/// # }
/// ```
///
/// It checks every call against the Bot API spec like Telegram does (unknown method: 404 `Not
/// Found`; missing or mistyped parameter: 400 `Bad Request: ...`), records it, and answers with a
/// valid result of the method's return type, or with a reply scripted by the test. The server
/// stops when this value is dropped.
pub struct TestServer {
    shared: Arc<Shared>,
    addr: SocketAddr,
    accept: JoinHandle<()>,
    shutdown: watch::Sender<bool>,
}

impl std::fmt::Debug for TestServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestServer")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

/// Configures a [`TestServer`]; from [`TestServer::builder`].
#[derive(Debug, Default)]
#[must_use = "call .start() to run the server"]
pub struct TestServerBuilder {
    spec: Option<Spec>,
    token: Option<String>,
    keep_file_bytes: Option<u64>,
    max_recorded: Option<usize>,
}

impl TestServerBuilder {
    /// Check requests against this spec instead of the committed one. It is kept for the rest
    /// of the process.
    pub fn spec(mut self, spec: Spec) -> Self {
        self.spec = Some(spec);
        self
    }

    /// The bot token the server accepts (default [`DEFAULT_TOKEN`]); the digits before the
    /// colon are the bot's user id.
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// Uploaded files up to this size (default 16 MiB) are kept in [`RecordedFile::content`];
    /// larger ones are only counted.
    ///
    /// [`RecordedFile::content`]: crate::RecordedFile::content
    pub fn keep_file_bytes(mut self, limit: u64) -> Self {
        self.keep_file_bytes = Some(limit);
        self
    }

    /// Keep only the last `max` recorded calls (default: all), for long runs such as
    /// benchmarks.
    pub fn max_recorded(mut self, max: usize) -> Self {
        self.max_recorded = Some(max);
        self
    }

    /// Binds `127.0.0.1:0` and starts serving on the current tokio runtime.
    pub async fn start(self) -> std::io::Result<TestServer> {
        let spec: &'static Spec = match self.spec {
            Some(spec) => Box::leak(Box::new(spec)),
            None => catalog::bundled(),
        };
        let token = self.token.unwrap_or_else(|| DEFAULT_TOKEN.to_owned());
        let bot_id = token
            .split_once(':')
            .and_then(|(id, _)| id.parse().ok())
            .unwrap_or(1);
        let shared = Arc::new(Shared {
            catalog: Catalog::new(spec, bot_id),
            state: State::new(),
            token,
            keep_file_bytes: self.keep_file_bytes.unwrap_or(16 * 1024 * 1024),
            max_recorded: self.max_recorded.unwrap_or(usize::MAX),
        });
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let (shutdown, stop) = watch::channel(false);
        let accept = tokio::spawn(accept_loop(listener, shared.clone(), stop));
        Ok(TestServer {
            shared,
            addr,
            accept,
            shutdown,
        })
    }
}

async fn accept_loop(listener: TcpListener, shared: Arc<Shared>, stop: watch::Receiver<bool>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            // Out of file descriptors or similar: back off instead of spinning.
            tokio::time::sleep(Duration::from_millis(10)).await;
            continue;
        };
        let _ = stream.set_nodelay(true);
        let shared = shared.clone();
        let mut stop = stop.clone();
        tokio::spawn(async move {
            let service = service_fn(move |request| http::serve(shared.clone(), request));
            let connection =
                hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service);
            tokio::select! {
                _ = connection => {}
                _ = stop.wait_for(|stopped| *stopped) => {}
            }
        });
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.accept.abort();
        let _ = self.shutdown.send(true);
    }
}

impl TestServer {
    /// Starts a server with the committed spec and [`DEFAULT_TOKEN`].
    ///
    /// # Panics
    ///
    /// If no loopback port can be bound.
    pub async fn start() -> TestServer {
        TestServer::builder()
            .start()
            .await
            .expect("bind a loopback port for the test server")
    }

    /// A builder for a server with another spec, token or upload keep limit.
    pub fn builder() -> TestServerBuilder {
        TestServerBuilder::default()
    }

    /// The base URL to give a client, `http://127.0.0.1:<port>/bot` (the token is appended).
    pub fn url(&self) -> String {
        format!("http://{}/bot", self.addr)
    }

    /// The base file URL to give a client, `http://127.0.0.1:<port>/file/bot`.
    pub fn file_url(&self) -> String {
        format!("http://{}/file/bot", self.addr)
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The token the server accepts.
    pub fn token(&self) -> &str {
        &self.shared.token
    }

    /// The bot's `User`, as `getMe` returns it.
    pub fn bot_user(&self) -> &Value {
        &self.shared.catalog.bot_user
    }

    /// The spec requests are checked against.
    pub fn spec(&self) -> &Spec {
        self.shared.catalog.spec
    }

    /// Every method call received so far, in order (including rejected ones).
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.state.lock().requests.clone()
    }

    /// The calls of one method (name compared ignoring case).
    pub fn requests_for(&self, method: &str) -> Vec<RecordedRequest> {
        let data = self.shared.state.lock();
        data.requests
            .iter()
            .filter(|r| r.method.eq_ignore_ascii_case(method))
            .cloned()
            .collect()
    }

    /// Forgets the recorded requests.
    pub fn clear_requests(&self) {
        self.shared.state.change(|data| {
            data.requests.clear();
            data.waited.clear();
        });
    }

    /// The next call of `method` not yet returned by an earlier wait: waits for it if it has
    /// not arrived.
    ///
    /// # Panics
    ///
    /// After [`WAIT_TIMEOUT`] without such a call; use [`TestServer::try_wait_for_request`] to
    /// choose the timeout.
    pub async fn wait_for_request(&self, method: &str) -> RecordedRequest {
        match self.try_wait_for_request(method, WAIT_TIMEOUT).await {
            Some(request) => request,
            None => panic!("no `{method}` request arrived within {WAIT_TIMEOUT:?}"),
        }
    }

    /// Like [`TestServer::wait_for_request`], returning `None` after `timeout`.
    pub async fn try_wait_for_request(&self, method: &str, timeout: Duration) -> Option<RecordedRequest> {
        let key = method.to_ascii_lowercase();
        self.shared
            .state
            .wait_until(Instant::now() + timeout, |data| {
                let seen = data.waited.get(&key).copied().unwrap_or(0);
                let found = data
                    .requests
                    .iter()
                    .filter(|r| r.method.eq_ignore_ascii_case(method))
                    .nth(seen)
                    .cloned();
                if found.is_some() {
                    data.waited.insert(key.clone(), seen + 1);
                }
                found
            })
            .await
    }

    /// Answers the next call of `method` with `reply` instead of the normal answer. Replies
    /// queue up: each is used once, in order.
    pub fn script(&self, method: &str, reply: Reply) {
        let key = self.canonical(method);
        self.shared
            .state
            .change(|data| data.scripts.entry(key).or_default().push_back(reply));
    }

    /// Answers the next call of `method` with a Telegram error: `status` as HTTP status and
    /// `error_code`, the `description`, and `parameters` (`{"retry_after": 5}`,
    /// `{"migrate_to_chat_id": -100..}`) if given.
    pub fn script_error(&self, method: &str, status: u16, description: &str, parameters: Option<Value>) {
        self.script(
            method,
            Reply::Error {
                status,
                description: description.to_owned(),
                parameters,
            },
        );
    }

    /// Queues an update for `getUpdates` (see [`crate::updates`] for builders) and returns its
    /// `update_id`, assigned in order unless the update has one.
    pub fn push_update(&self, update: Value) -> i64 {
        self.shared.state.change(|data| data.push_update(update))
    }

    /// How many updates are queued and not yet confirmed by a `getUpdates` offset.
    pub fn pending_updates(&self) -> usize {
        self.shared.state.lock().updates.len()
    }

    /// The URL set with `setWebhook`, if any.
    pub fn webhook_url(&self) -> Option<String> {
        self.shared.state.lock().webhook.as_ref().map(|w| w.url.clone())
    }

    /// Serves `content` at `file_path`: `getFile` with the returned `file_id` answers with this
    /// path, and `<file_url><token>/<file_path>` downloads it.
    pub fn add_file(&self, file_path: &str, content: impl Into<Bytes>) -> String {
        let content = content.into();
        self.shared.state.change(|data| {
            let file_id = format!("testkit-file-{}", data.files.len() + 1);
            data.files.push(StoredFile {
                file_id: file_id.clone(),
                file_path: file_path.to_owned(),
                content,
            });
            file_id
        })
    }

    /// The spec's spelling of a method name (scripts are keyed by it), or the name as given.
    fn canonical(&self, method: &str) -> String {
        self.shared
            .catalog
            .method(method)
            .map_or_else(|| method.to_owned(), |m| m.name.clone())
    }
}
