//! Downloading files by their `file_path` (from `getFile`): to memory, to disk, or as a stream.
//! In local mode an absolute `file_path` is a file on this machine and is read directly.

use std::fmt;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use futures_core::Stream;
use tokio::io::AsyncWriteExt;
use tokio::sync::OwnedSemaphorePermit;
use tokio::time::Sleep;
use tokio_util::io::ReaderStream;

use crate::response::{self, Caller};
use crate::{Client, Error};

type Chunks = Pin<Box<dyn Stream<Item = Result<Bytes, Error>> + Send>>;

/// The content of a downloaded file as a stream of chunks; from [`Client::download_stream`].
pub struct ByteStream {
    chunks: Chunks,
    /// The size announced by the server or the file system, when known.
    len: Option<u64>,
}

impl fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ByteStream")
            .field("len", &self.len)
            .finish_non_exhaustive()
    }
}

impl ByteStream {
    /// The total size, when known in advance.
    pub fn len(&self) -> Option<u64> {
        self.len
    }

    /// Whether the content is known to be empty.
    pub fn is_empty(&self) -> bool {
        self.len == Some(0)
    }
}

impl Stream for ByteStream {
    type Item = Result<Bytes, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.chunks.as_mut().poll_next(cx)
    }
}

impl Client {
    /// Downloads a file into memory.
    pub async fn download_file(&self, file_path: &str) -> Result<Bytes, Error> {
        let mut stream = self.download_stream(file_path).await?;
        let mut data = Vec::with_capacity(usize::try_from(stream.len().unwrap_or(0)).unwrap_or(0));
        while let Some(chunk) = next(&mut stream).await {
            data.extend_from_slice(&chunk?);
        }
        Ok(Bytes::from(data))
    }

    /// Downloads a file to `dest` (created or truncated), streaming it to disk; returns the
    /// number of bytes written.
    pub async fn download_file_to(&self, file_path: &str, dest: impl AsRef<Path>) -> Result<u64, Error> {
        let dest = dest.as_ref();
        let mut stream = self.download_stream(file_path).await?;
        let mut file = tokio::fs::File::create(dest)
            .await
            .map_err(|err| Error::io(format!("creating {}", dest.display()), err))?;
        let mut written = 0;
        while let Some(chunk) = next(&mut stream).await {
            let chunk = chunk?;
            file.write_all(&chunk)
                .await
                .map_err(|err| Error::io(format!("writing {}", dest.display()), err))?;
            written += chunk.len() as u64;
        }
        file.flush()
            .await
            .map_err(|err| Error::io(format!("writing {}", dest.display()), err))?;
        Ok(written)
    }

    /// Starts a download and returns its content as a stream of chunks. Each chunk must arrive
    /// within the read timeout.
    pub async fn download_stream(&self, file_path: &str) -> Result<ByteStream, Error> {
        if let Some(path) = self.local_file(file_path) {
            let file = tokio::fs::File::open(&path)
                .await
                .map_err(|err| Error::io(format!("opening {}", path.display()), err))?;
            let len = file.metadata().await.ok().map(|m| m.len());
            let context = format!("reading {}", path.display());
            let chunks = MapIo {
                inner: ReaderStream::with_capacity(file, 64 * 1024),
                context,
            };
            return Ok(ByteStream {
                chunks: Box::pin(chunks),
                len,
            });
        }
        let lane = &self.inner.main;
        let permit = self.slot(lane).await?;
        let url = format!("{}/{}", self.inner.file_url, file_path.trim_start_matches('/'));
        let read = lane.timeouts.read;
        let response =
            match tokio::time::timeout(lane.timeouts.connect + read, lane.http.get(url).send()).await {
                Ok(sent) => sent.map_err(|err| Error::transport(err, "requesting the file"))?,
                Err(_) => {
                    return Err(Error::TimedOut {
                        phase: "waiting for the file",
                        source: None,
                    });
                }
            };
        let status = response.status();
        if !status.is_success() {
            let body = tokio::time::timeout(read, response.bytes())
                .await
                .ok()
                .and_then(Result::ok);
            let body = body.unwrap_or_default();
            return Err(
                match response::parse(status.as_u16(), &body, Caller::Download, &self.inner.token) {
                    Err(err) => err,
                    Ok(_) => Error::Api {
                        code: status.as_u16(),
                        description: format!("HTTP {status}"),
                    },
                },
            );
        }
        let len = response.content_length();
        let chunks = Timed {
            inner: Box::pin(response.bytes_stream()),
            read,
            sleep: Box::pin(tokio::time::sleep(read)),
            done: false,
            _permit: permit,
        };
        Ok(ByteStream {
            chunks: Box::pin(chunks),
            len,
        })
    }

    /// The local file a `file_path` names, in local mode.
    fn local_file(&self, file_path: &str) -> Option<PathBuf> {
        if !self.inner.local_mode {
            return None;
        }
        let path = Path::new(file_path.strip_prefix("file://").unwrap_or(file_path));
        path.is_absolute().then(|| path.to_path_buf())
    }
}

/// The next item of a stream (a tiny `StreamExt::next`).
async fn next(stream: &mut ByteStream) -> Option<Result<Bytes, Error>> {
    std::future::poll_fn(|cx| Pin::new(&mut *stream).poll_next(cx)).await
}

/// A local file's chunks with I/O errors turned into [`Error::Io`].
struct MapIo<S> {
    inner: S,
    context: String,
}

impl<S: Stream<Item = std::io::Result<Bytes>> + Unpin> Stream for MapIo<S> {
    type Item = Result<Bytes, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        match Pin::new(&mut self.inner).poll_next(cx) {
            Poll::Ready(Some(Err(err))) => Poll::Ready(Some(Err(Error::io(self.context.clone(), err)))),
            Poll::Ready(Some(Ok(chunk))) => Poll::Ready(Some(Ok(chunk))),
            Poll::Ready(None) => Poll::Ready(None),
            Poll::Pending => Poll::Pending,
        }
    }
}

type HttpChunks = Pin<Box<dyn Stream<Item = reqwest::Result<Bytes>> + Send>>;

/// An HTTP body whose chunks must each arrive within `read`; holds its connection slot.
struct Timed {
    inner: HttpChunks,
    read: Duration,
    sleep: Pin<Box<Sleep>>,
    done: bool,
    _permit: OwnedSemaphorePermit,
}

impl Stream for Timed {
    type Item = Result<Bytes, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.done {
            return Poll::Ready(None);
        }
        match self.inner.as_mut().poll_next(cx) {
            Poll::Ready(Some(Ok(chunk))) => {
                let deadline = tokio::time::Instant::now() + self.read;
                self.sleep.as_mut().reset(deadline);
                Poll::Ready(Some(Ok(chunk)))
            }
            Poll::Ready(Some(Err(err))) => {
                self.done = true;
                Poll::Ready(Some(Err(Error::transport(err, "downloading the file"))))
            }
            Poll::Ready(None) => {
                self.done = true;
                Poll::Ready(None)
            }
            Poll::Pending => match self.sleep.as_mut().poll(cx) {
                Poll::Ready(()) => {
                    self.done = true;
                    Poll::Ready(Some(Err(Error::TimedOut {
                        phase: "downloading the file",
                        source: None,
                    })))
                }
                Poll::Pending => Poll::Pending,
            },
        }
    }
}
