//! Shared set-up of the framework's end-to-end tests: a test-kit server and an application
//! pointed at it, with fast polling settings.

#![allow(dead_code, unreachable_pub)]

use std::time::Duration;

use botapi_ext::{Application, ApplicationBuilder, PollingOptions};
use botapi_testkit::TestServer;
use tokio::task::JoinHandle;

/// Polling settings for tests: short long polls and back-off.
pub fn fast_polling() -> PollingOptions {
    PollingOptions::new()
        .timeout(Duration::from_secs(1))
        .backoff(Duration::from_millis(10), Duration::from_millis(100))
        .max_refetch_interval(Duration::from_millis(20))
}

/// An application builder for the bot of `server`.
pub fn builder(server: &TestServer) -> ApplicationBuilder<()> {
    Application::builder(server.token())
        .base_url(server.url())
        .base_file_url(server.file_url())
        .polling(fast_polling())
        .grace_period(Duration::from_secs(5))
}

/// Runs `run_polling` in the background; the handle ends with its result.
pub fn spawn_polling<D: Send + Sync + 'static>(
    app: &Application<D>,
) -> JoinHandle<Result<(), botapi_ext::Error>> {
    let app = app.clone();
    tokio::spawn(async move { app.run_polling().await })
}

/// Stops the application and waits for `run_polling` to return.
pub async fn stop<D: Send + Sync + 'static>(
    app: &Application<D>,
    running: JoinHandle<Result<(), botapi_ext::Error>>,
) -> Result<(), botapi_ext::Error> {
    app.stop_running();
    tokio::time::timeout(Duration::from_secs(10), running)
        .await
        .expect("run_polling returns after stop_running")
        .expect("run_polling does not panic")
}

/// Waits until `condition` holds (checked every few milliseconds), or panics after 10 s.
pub async fn eventually(what: &str, mut condition: impl FnMut() -> bool) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while !condition() {
        assert!(
            tokio::time::Instant::now() < deadline,
            "timed out waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}
