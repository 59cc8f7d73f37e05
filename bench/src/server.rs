//! A lean fake Bot API server for throughput benchmarks: `getUpdates` with Telegram's offset
//! semantics over a prepared load, `sendMessage` answered after a fixed latency, and the
//! measurements (replies, reply latency per chat, requests in flight).
//!
//! Unlike the test-kit it validates nothing and records nothing but numbers, so that the
//! server is not what limits the bot being measured.

use std::collections::{HashMap, VecDeque};
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use serde_json::Value;
use tokio::net::TcpListener;
use tokio::sync::Notify;

/// The updates of a run: raw JSON with their chat, in `update_id` order from 1.
pub(crate) struct Load {
    pub(crate) updates: Vec<(i64, String)>,
}

impl Load {
    /// `count` private-chat text updates over `chats` chats, `commands` of them (a fraction)
    /// `/start` or `/help`; with `hot`, that fraction of all updates comes from chat 1.
    pub(crate) fn echo(count: usize, chats: i64, commands: f64, hot: Option<f64>) -> Load {
        // A fixed linear congruential sequence: every run sends the same load.
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as f64 / f64::from(1u32 << 31)
        };
        let updates = (1..=count)
            .map(|id| {
                let chat = match hot {
                    Some(share) if next() < share => 1,
                    _ => 2 + (next() * (chats - 1) as f64) as i64,
                };
                let roll = next();
                let text = if roll < commands / 2.0 {
                    "/start".to_owned()
                } else if roll < commands {
                    "/help".to_owned()
                } else {
                    format!("message {id}")
                };
                let entities = if text.starts_with('/') {
                    format!(r#","entities":[{{"type":"bot_command","offset":0,"length":{}}}]"#, text.len())
                } else {
                    String::new()
                };
                let raw = format!(
                    r#"{{"update_id":{id},"message":{{"message_id":{id},"date":1767225600,"chat":{{"id":{chat},"type":"private","first_name":"User {chat}"}},"from":{{"id":{chat},"is_bot":false,"first_name":"User {chat}","language_code":"en"}},"text":"{text}"{entities}}}}}"#
                );
                (chat, raw)
            })
            .collect();
        Load { updates }
    }
}

/// How updates become available to the bot.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Arrival {
    /// All at once when the run starts (a backlog: measures throughput).
    Backlog,
    /// At a steady rate per second (measures reply latency under load).
    Rate(u32),
}

#[derive(Default)]
struct Inner {
    /// Available and not confirmed: `(update_id, raw JSON)`.
    queue: VecDeque<(i64, Arc<str>)>,
    /// Per chat, when its unanswered updates arrived (replies come in order per chat).
    outstanding: HashMap<i64, VecDeque<Instant>>,
    /// Reply latencies, per chat.
    latencies: Vec<(i64, Duration)>,
    replies: usize,
    first_arrival: Option<Instant>,
    last_reply: Option<Instant>,
    in_flight: u64,
    in_flight_sum: u64,
    in_flight_samples: u64,
}

pub(crate) struct Stats {
    pub(crate) replies: usize,
    pub(crate) elapsed: Duration,
    pub(crate) latencies: Vec<(i64, Duration)>,
    pub(crate) mean_in_flight: f64,
}

struct State {
    inner: Mutex<Inner>,
    arrived: Notify,
    replied: Notify,
    latency: Duration,
}

impl State {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

pub(crate) struct Server {
    pub(crate) addr: SocketAddr,
    state: Arc<State>,
}

impl Server {
    /// Starts serving on a free loopback port, answering every call after `latency`.
    pub(crate) async fn start(latency: Duration) -> anyhow::Result<Server> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let state = Arc::new(State {
            inner: Mutex::new(Inner::default()),
            arrived: Notify::new(),
            replied: Notify::new(),
            latency,
        });
        let shared = state.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let _ = stream.set_nodelay(true);
                let state = shared.clone();
                tokio::spawn(async move {
                    let service = service_fn(move |request| serve(state.clone(), request));
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Ok(Server { addr, state })
    }

    pub(crate) fn url(&self) -> String {
        format!("http://{}/bot", self.addr)
    }

    /// Makes the load available as `arrival` says (in the background for a rate).
    pub(crate) fn feed(&self, load: Load, arrival: Arrival) {
        let state = self.state.clone();
        let release = move |batch: &[(i64, String)], first_id: usize| {
            let now = Instant::now();
            let mut inner = state.lock();
            inner.first_arrival.get_or_insert(now);
            for (offset, (chat, raw)) in batch.iter().enumerate() {
                let id = i64::try_from(first_id + offset).unwrap_or(i64::MAX);
                inner.queue.push_back((id, Arc::from(raw.as_str())));
                inner.outstanding.entry(*chat).or_default().push_back(now);
            }
            drop(inner);
            state.arrived.notify_waiters();
        };
        match arrival {
            Arrival::Backlog => release(&load.updates, 1),
            Arrival::Rate(per_second) => {
                tokio::spawn(async move {
                    // Release in 5 ms slices.
                    let per_slice = (f64::from(per_second) / 200.0).max(1.0) as usize;
                    let mut ticker = tokio::time::interval(Duration::from_millis(5));
                    let mut next = 0;
                    while next < load.updates.len() {
                        ticker.tick().await;
                        let end = (next + per_slice).min(load.updates.len());
                        release(&load.updates[next..end], next + 1);
                        next = end;
                    }
                });
            }
        }
    }

    /// Waits until `count` replies arrived (or `limit` passed) and returns the figures.
    pub(crate) async fn wait_for(&self, count: usize, limit: Duration) -> Stats {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            let replied = self.state.replied.notified();
            tokio::pin!(replied);
            replied.as_mut().enable();
            if self.state.lock().replies >= count {
                break;
            }
            if tokio::time::timeout_at(deadline, replied).await.is_err() {
                break;
            }
        }
        let inner = self.state.lock();
        let elapsed = match (inner.first_arrival, inner.last_reply) {
            (Some(first), Some(last)) => last.duration_since(first),
            _ => Duration::ZERO,
        };
        Stats {
            replies: inner.replies,
            elapsed,
            latencies: inner.latencies.clone(),
            mean_in_flight: inner.in_flight_sum as f64 / inner.in_flight_samples.max(1) as f64,
        }
    }
}

async fn serve(state: Arc<State>, request: Request<Incoming>) -> Result<Response<Full<Bytes>>, Infallible> {
    let method = request
        .uri()
        .path()
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_owned();
    let body = request
        .into_body()
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    let params: Value = serde_json::from_slice(&body).unwrap_or_else(|_| {
        Value::Object(
            form_urlencoded::parse(&body)
                .map(|(k, v)| (k.into_owned(), Value::String(v.into_owned())))
                .collect(),
        )
    });
    let body = match method.as_str() {
        "getMe" => {
            wait(&state).await;
            r#"{"ok":true,"result":{"id":1,"is_bot":true,"first_name":"Bench","username":"bench_bot"}}"#
                .to_owned()
        }
        "getUpdates" => get_updates(&state, &params).await,
        "sendMessage" => send_message(&state, &params).await,
        _ => {
            wait(&state).await;
            r#"{"ok":true,"result":true}"#.to_owned()
        }
    };
    let mut response = Response::new(Full::new(Bytes::from(body)));
    response.headers_mut().insert(
        "content-type",
        hyper::header::HeaderValue::from_static("application/json"),
    );
    Ok(response)
}

async fn wait(state: &State) {
    if !state.latency.is_zero() {
        tokio::time::sleep(state.latency).await;
    }
}

fn int(params: &Value, name: &str) -> Option<i64> {
    match &params[name] {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

async fn get_updates(state: &State, params: &Value) -> String {
    wait(state).await;
    let offset = int(params, "offset");
    let limit = usize::try_from(int(params, "limit").unwrap_or(100).clamp(1, 100)).unwrap_or(100);
    let timeout =
        Duration::from_secs(u64::try_from(int(params, "timeout").unwrap_or(0).clamp(0, 50)).unwrap_or(0));
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        let arrived = state.arrived.notified();
        tokio::pin!(arrived);
        arrived.as_mut().enable();
        let batch: Vec<Arc<str>> = {
            let mut inner = state.lock();
            if let Some(offset) = offset {
                while inner.queue.front().is_some_and(|(id, _)| *id < offset) {
                    inner.queue.pop_front();
                }
            }
            inner
                .queue
                .iter()
                .take(limit)
                .map(|(_, raw)| raw.clone())
                .collect()
        };
        if !batch.is_empty() || tokio::time::timeout_at(deadline, arrived).await.is_err() {
            let mut body = String::from(r#"{"ok":true,"result":["#);
            for (index, raw) in batch.iter().enumerate() {
                if index > 0 {
                    body.push(',');
                }
                body.push_str(raw);
            }
            body.push_str("]}");
            return body;
        }
    }
}

async fn send_message(state: &State, params: &Value) -> String {
    {
        let mut inner = state.lock();
        inner.in_flight += 1;
        inner.in_flight_sum += inner.in_flight;
        inner.in_flight_samples += 1;
    }
    wait(state).await;
    let chat = int(params, "chat_id").unwrap_or_default();
    {
        let now = Instant::now();
        let mut inner = state.lock();
        inner.in_flight -= 1;
        if let Some(arrived) = inner.outstanding.get_mut(&chat).and_then(VecDeque::pop_front) {
            inner.latencies.push((chat, now.duration_since(arrived)));
        }
        inner.replies += 1;
        inner.last_reply = Some(now);
    }
    state.replied.notify_waiters();
    format!(
        r#"{{"ok":true,"result":{{"message_id":1,"date":1767225600,"chat":{{"id":{chat},"type":"private","first_name":"User"}},"text":"ok"}}}}"#
    )
}
