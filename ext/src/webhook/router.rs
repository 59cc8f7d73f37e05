//! The axum `Router` that takes Telegram's webhook requests and feeds the dispatch path.

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::routing::post;
use botapi::types::Update;
use tokio::sync::Semaphore;

use super::secret::Secret;
use crate::application::{Application, Job, Submitted};
use crate::error::UnreadableUpdate;
use crate::incoming::Incoming;

/// The header Telegram puts the secret token in.
pub(crate) const SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";

/// What every request of one router shares.
struct Receiver<D> {
    app: Application<D>,
    secret: Secret,
    max_body_bytes: usize,
    permits: Semaphore,
}

/// A router with one route, `POST url_path`.
pub(crate) fn router<D: Send + Sync + 'static>(
    app: Application<D>,
    path: &str,
    secret: Secret,
    max_body_bytes: usize,
    concurrent_requests: usize,
) -> Router {
    let receiver = Arc::new(Receiver {
        app,
        secret,
        max_body_bytes,
        permits: Semaphore::new(concurrent_requests),
    });
    Router::new().route(
        path,
        post(move |request: Request| {
            let receiver = receiver.clone();
            async move { receiver.receive(request).await }
        }),
    )
}

impl<D: Send + Sync + 'static> Receiver<D> {
    /// Checks the secret, reads the body within the limit, and answers 200 once the update
    /// is accepted by the dispatch path (queued, or known already).
    async fn receive(&self, request: Request) -> StatusCode {
        match request.headers().get(SECRET_HEADER) {
            None => {
                tracing::warn!("a webhook request without the secret token header was refused (401)");
                return StatusCode::UNAUTHORIZED;
            }
            Some(given) if !self.secret.matches(given.as_bytes()) => {
                tracing::warn!("a webhook request with a wrong secret token was refused (403)");
                return StatusCode::FORBIDDEN;
            }
            Some(_) => {}
        }
        let Ok(_permit) = self.permits.acquire().await else {
            return StatusCode::SERVICE_UNAVAILABLE;
        };
        let body: Body = request.into_body();
        let bytes = match axum::body::to_bytes(body, self.max_body_bytes).await {
            Ok(bytes) => bytes,
            Err(error) => {
                if is_length_limit(&error) {
                    tracing::warn!(
                        limit = self.max_body_bytes,
                        "a webhook request's body is over the limit; answered 413",
                    );
                    return StatusCode::PAYLOAD_TOO_LARGE;
                }
                tracing::warn!(%error, "a webhook request's body could not be read");
                return StatusCode::BAD_REQUEST;
            }
        };
        let update = match serde_json::from_slice::<Update>(&bytes) {
            Ok(update) => update,
            Err(error) => {
                self.report_unreadable(&bytes, &error);
                return StatusCode::BAD_REQUEST;
            }
        };
        let id = update.update_id;
        let job = match self.app.admit(Job::detached(Incoming::Telegram(update))) {
            Ok(job) => job,
            // Being handled or handled already (a retry): Telegram may forget it.
            Err(_) => return StatusCode::OK,
        };
        if self.app.shared.ledger.has_journal() {
            // Parsed as JSON, so the body is UTF-8.
            if let Ok(raw) = std::str::from_utf8(&bytes) {
                self.app.shared.ledger.spool(id, raw);
            }
        }
        if let Submitted::Full(key, job) = self.app.enqueue(job) {
            // Waits for room in this key (or rejects, as the application is set to).
            self.app.when_full(key, job).await;
        }
        StatusCode::OK
    }

    /// A body that is not an update: answered 400; if it looks like JSON, the error handlers
    /// get it with its raw text.
    fn report_unreadable(&self, bytes: &[u8], error: &serde_json::Error) {
        let text = std::str::from_utf8(bytes).ok();
        let json_ish = text.is_some_and(|t| {
            let t = t.trim_start();
            t.starts_with('{') || t.starts_with('[')
        });
        tracing::warn!(%error, bytes = bytes.len(), "a webhook request's body is not an update; answered 400");
        let (Some(text), true) = (text, json_ish) else {
            return;
        };
        let unreadable = UnreadableUpdate {
            reason: format!("a webhook request's body is not an update: {error}"),
            raw: crate::polling::excerpt(text),
        };
        let app = self.app.clone();
        self.app.shared.handling.spawn(async move {
            app.process(Incoming::Unreadable(unreadable)).await;
        });
    }
}

/// Whether reading the body failed on the size limit.
fn is_length_limit(error: &axum::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(cause) = source {
        if cause.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        source = cause.source();
    }
    false
}
