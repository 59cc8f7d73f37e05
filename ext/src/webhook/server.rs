//! The webhook server: binds, serves the router until stopped, and lets in-flight requests
//! finish within the grace period.

use std::net::SocketAddr;
use std::time::Duration;

use axum::Router;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

use crate::error::Error;

/// Binds the listening socket.
pub(crate) async fn bind(addr: SocketAddr) -> Result<(TcpListener, SocketAddr), Error> {
    let listener = TcpListener::bind(addr).await.map_err(|source| Error::Io {
        context: format!("binding the webhook server to {addr} (is the port in use, or reserved?)"),
        source,
    })?;
    let local = listener.local_addr().map_err(|source| Error::Io {
        context: "reading the webhook server's address".into(),
        source,
    })?;
    Ok((listener, local))
}

/// Serves until `stop` fires, then stops accepting connections and gives the requests in
/// flight `grace` to be answered.
pub(crate) async fn serve<L>(
    listener: L,
    router: Router,
    stop: CancellationToken,
    grace: Duration,
) -> Result<(), Error>
where
    L: axum::serve::Listener<Addr = std::net::SocketAddr>,
{
    let signal = stop.clone();
    let server =
        axum::serve(listener, router).with_graceful_shutdown(async move { signal.cancelled().await });
    let drained = async {
        stop.cancelled().await;
        tokio::time::sleep(grace).await;
    };
    tokio::select! {
        served = server => served.map_err(|source| Error::Io {
            context: "serving webhook requests".into(),
            source,
        }),
        () = drained => {
            tracing::warn!(?grace, "webhook requests still open after the grace period were dropped");
            Ok(())
        }
    }
}
