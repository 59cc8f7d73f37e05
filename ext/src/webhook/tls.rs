//! TLS for the webhook server (the `webhook-tls` feature): rustls with the ring provider,
//! handshakes done off the accept loop so that a slow client holds up no one else.

use std::fmt;
use std::io;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio_rustls::rustls::{self, ServerConfig};
use tokio_rustls::server::TlsStream;

use crate::error::Error;

/// How long a client gets to finish the TLS handshake.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// The webhook server's certificate chain and private key, for serving HTTPS directly
/// (without a reverse proxy in front). For a self-signed certificate, also upload it with
/// [`WebhookOptions::certificate`](crate::WebhookOptions::certificate) so that Telegram
/// trusts it.
#[derive(Clone)]
pub struct WebhookTls {
    pub(crate) config: Arc<ServerConfig>,
}

impl WebhookTls {
    /// From PEM text: the certificate chain (the server's certificate first) and the
    /// private key (PKCS#8, PKCS#1 or SEC1).
    pub fn from_pem(
        cert_chain: impl AsRef<[u8]>,
        private_key: impl AsRef<[u8]>,
    ) -> Result<WebhookTls, Error> {
        let certs = CertificateDer::pem_slice_iter(cert_chain.as_ref())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|error| {
                Error::State(format!(
                    "the webhook TLS certificate chain does not read as PEM: {error}"
                ))
            })?;
        if certs.is_empty() {
            return Err(Error::State(
                "the webhook TLS certificate chain has no `CERTIFICATE` block".into(),
            ));
        }
        let key = PrivateKeyDer::from_pem_slice(private_key.as_ref()).map_err(|error| {
            Error::State(format!(
                "the webhook TLS private key does not read as PEM: {error}"
            ))
        })?;
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut config = ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .and_then(|builder| builder.with_no_client_auth().with_single_cert(certs, key))
            .map_err(|error| {
                Error::State(format!(
                    "the webhook TLS certificate and key were refused (do they belong together?): {error}"
                ))
            })?;
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(WebhookTls {
            config: Arc::new(config),
        })
    }

    /// From PEM files: the certificate chain and the private key.
    pub fn from_pem_files(
        cert_chain: impl AsRef<Path>,
        private_key: impl AsRef<Path>,
    ) -> Result<WebhookTls, Error> {
        let read = |path: &Path, what: &str| {
            std::fs::read(path).map_err(|source| Error::Io {
                context: format!("reading the webhook TLS {what} {}", path.display()),
                source,
            })
        };
        let certs = read(cert_chain.as_ref(), "certificate chain")?;
        let key = read(private_key.as_ref(), "private key")?;
        WebhookTls::from_pem(certs, key)
    }
}

impl fmt::Debug for WebhookTls {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookTls").finish_non_exhaustive()
    }
}

/// A listener whose connections have finished their TLS handshake.
pub(crate) struct TlsListener {
    ready: mpsc::Receiver<(TlsStream<TcpStream>, SocketAddr)>,
    local: SocketAddr,
}

impl TlsListener {
    /// Accepts TCP connections in a task of its own and hands over those whose handshake
    /// succeeded; the task ends when the listener is dropped.
    pub(crate) fn new(listener: TcpListener, tls: &WebhookTls) -> io::Result<TlsListener> {
        let local = listener.local_addr()?;
        let acceptor = TlsAcceptor::from(tls.config.clone());
        let (tx, ready) = mpsc::channel(64);
        tokio::spawn(async move {
            loop {
                let accepted = tokio::select! {
                    accepted = listener.accept() => accepted,
                    () = tx.closed() => return,
                };
                let (stream, peer) = match accepted {
                    Ok(accepted) => accepted,
                    Err(error) => {
                        // Out of file descriptors and the like: wait a little, go on.
                        tracing::warn!(%error, "the webhook server could not accept a connection");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let acceptor = acceptor.clone();
                let tx = tx.clone();
                tokio::spawn(async move {
                    match tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(stream)).await {
                        Ok(Ok(stream)) => {
                            let _ = tx.send((stream, peer)).await;
                        }
                        Ok(Err(error)) => {
                            tracing::debug!(%peer, %error, "a TLS handshake with the webhook server failed");
                        }
                        Err(_) => tracing::debug!(%peer, "a TLS handshake with the webhook server timed out"),
                    }
                });
            }
        });
        Ok(TlsListener { ready, local })
    }
}

impl axum::serve::Listener for TlsListener {
    type Io = TlsStream<TcpStream>;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        match self.ready.recv().await {
            Some(accepted) => accepted,
            // The accepting task only ends once this listener is dropped.
            None => std::future::pending().await,
        }
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        Ok(self.local)
    }
}
