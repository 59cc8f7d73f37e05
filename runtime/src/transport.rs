//! Sending a request: connection slots, timeouts, the HTTP exchange and a tracing span.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::value::RawValue;
use tokio::sync::OwnedSemaphorePermit;
use tracing::Instrument;

use crate::body::{self, Encoded};
use crate::client::Lane;
use crate::response::{self, Caller};
use crate::{Client, Error};

/// How far a request body has been sent: the time of the last chunk handed to the connection,
/// and how many upload streams have not ended yet.
pub(crate) struct Progress {
    start: Instant,
    /// Milliseconds after `start` of the last progress.
    last_ms: AtomicU64,
    pending: AtomicUsize,
}

impl Progress {
    /// A request that starts now; nothing counts as sent before `head_start` has passed (the
    /// time allowed to connect).
    pub(crate) fn new(head_start: Duration) -> Self {
        Progress {
            start: Instant::now(),
            last_ms: AtomicU64::new(millis(head_start)),
            pending: AtomicUsize::new(0),
        }
    }

    /// `n` upload streams will report.
    pub(crate) fn expect_streams(&self, n: usize) {
        self.pending.store(n, Ordering::Relaxed);
    }

    /// A chunk was handed to the connection.
    pub(crate) fn touch(&self) {
        self.last_ms
            .fetch_max(millis(self.start.elapsed()), Ordering::Relaxed);
    }

    /// An upload stream ended.
    pub(crate) fn stream_done(&self) {
        self.touch();
        self.pending.fetch_sub(1, Ordering::Relaxed);
    }

    fn last(&self) -> Instant {
        self.start + Duration::from_millis(self.last_ms.load(Ordering::Relaxed))
    }
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// Resolves with a timeout error once the request stalls: no upload progress for `write`, or no
/// answer `read + wait` after the body was sent.
async fn watchdog(progress: &Progress, write: Duration, read: Duration) -> Error {
    loop {
        let sending = progress.pending.load(Ordering::Relaxed) > 0;
        let (deadline, phase) = if sending {
            (progress.last() + write, "sending the request body")
        } else {
            (progress.last() + read, "waiting for the response")
        };
        if Instant::now() >= deadline {
            return Error::TimedOut { phase, source: None };
        }
        tokio::time::sleep_until(deadline.into()).await;
    }
}

impl Client {
    fn lane(&self, method: &str) -> &Lane {
        if method.eq_ignore_ascii_case("getUpdates") {
            &self.inner.poll
        } else {
            &self.inner.main
        }
    }

    /// Takes a connection slot of `lane`, waiting at most its pool timeout.
    pub(crate) async fn slot(&self, lane: &Lane) -> Result<OwnedSemaphorePermit, Error> {
        match tokio::time::timeout(lane.timeouts.pool, lane.slots.clone().acquire_owned()).await {
            Ok(Ok(permit)) => Ok(permit),
            Ok(Err(_)) => unreachable!("the semaphore is never closed"),
            Err(_) => Err(Error::TimedOut {
                phase: "waiting for a free connection slot",
                source: None,
            }),
        }
    }

    /// Sends an encoded request to `method` and returns the raw `result`, inside a tracing span
    /// that records the method, the duration and the outcome (never the token or file contents).
    pub(crate) async fn execute(
        &self,
        method: &str,
        encoded: Encoded,
        long_poll: Option<u64>,
    ) -> Result<Box<RawValue>, Error> {
        let span = tracing::debug_span!(
            "botapi_request",
            method,
            uploads = encoded.has_uploads(),
            outcome = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
        );
        let started = Instant::now();
        let result = self
            .exchange(method, encoded, long_poll)
            .instrument(span.clone())
            .await;
        let duration_ms = millis(started.elapsed());
        span.record("duration_ms", duration_ms);
        match &result {
            Ok(_) => {
                span.record("outcome", "ok");
                tracing::debug!(parent: &span, method, duration_ms, "bot api call succeeded");
            }
            Err(err) => {
                span.record("outcome", "error");
                tracing::debug!(parent: &span, method, duration_ms, error = %err, "bot api call failed");
            }
        }
        result
    }

    async fn exchange(
        &self,
        method: &str,
        encoded: Encoded,
        long_poll: Option<u64>,
    ) -> Result<Box<RawValue>, Error> {
        let lane = self.lane(method);
        let timeouts = lane.timeouts;
        let _permit = self.slot(lane).await?;
        let progress = Arc::new(Progress::new(timeouts.connect));
        let mut read = timeouts.read + Duration::from_secs(long_poll.unwrap_or(0));
        let url = format!("{}/{}", self.inner.api_url, method);
        let request = lane.http.post(url);
        let request = match encoded {
            Encoded::Json(bytes) => request
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(bytes),
            Encoded::Multipart { fields, files } => {
                read += timeouts.write;
                request.multipart(body::multipart(fields, files, &progress).await?)
            }
        };
        let response = tokio::select! {
            sent = request.send() => sent.map_err(|err| Error::transport(err, "sending the request"))?,
            err = watchdog(&progress, timeouts.write, read) => return Err(err),
        };
        let status = response.status().as_u16();
        let body = match tokio::time::timeout(timeouts.read, response.bytes()).await {
            Ok(body) => body.map_err(|err| Error::transport(err, "reading the response"))?,
            Err(_) => {
                return Err(Error::TimedOut {
                    phase: "reading the response",
                    source: None,
                });
            }
        };
        let token_accepted = self.inner.token_accepted.load(Ordering::Relaxed);
        let result = response::parse(
            status,
            &body,
            Caller::Method {
                name: method,
                token_accepted,
            },
            &self.inner.token,
        );
        if result.is_ok() && !token_accepted {
            self.inner.token_accepted.store(true, Ordering::Relaxed);
        }
        result
    }
}
