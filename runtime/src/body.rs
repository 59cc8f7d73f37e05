//! Request bodies: a JSON body, or `multipart/form-data` when the payload has uploads.
//!
//! Multipart follows python-telegram-bot: every top-level parameter is a form field (strings
//! raw, everything else as JSON text), every upload a part. A top-level parameter whose value is
//! exactly the `attach://` reference of an upload is sent as a part named after the parameter
//! instead (`photo=@cat.png`); nested uploads keep their `attach://<name>` part names.

use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use bytes::Bytes;
use futures_core::Stream;
use reqwest::multipart::{Form, Part};
use serde_json::{Map, Value};
use tokio_util::io::ReaderStream;

use crate::Error;
use crate::input_file::{Source, Upload};
use crate::transport::Progress;
use crate::upload::Collected;

/// Chunk size for streamed uploads.
const CHUNK: usize = 64 * 1024;

/// A serialized request, before the HTTP body is built.
pub(crate) enum Encoded {
    /// A JSON body.
    Json(Vec<u8>),
    /// Form fields and uploads.
    Multipart {
        /// Top-level parameters.
        fields: Map<String, Value>,
        /// The uploads found in them.
        files: Vec<Collected>,
    },
}

impl Encoded {
    /// A JSON body; a payload that serialized to `null` (a unit struct) becomes `{}`.
    pub(crate) fn json(bytes: Vec<u8>) -> Encoded {
        if bytes == b"null" {
            Encoded::Json(b"{}".to_vec())
        } else {
            Encoded::Json(bytes)
        }
    }

    /// JSON when there is nothing to upload, multipart otherwise. A top-level field whose value
    /// is exactly the `attach://` reference of an upload is dropped and its part takes the
    /// field's name (python-telegram-bot's `photo=@file`).
    pub(crate) fn from_parts(mut fields: Map<String, Value>, mut files: Vec<Collected>) -> Encoded {
        if files.is_empty() {
            let bytes = serde_json::to_vec(&fields).expect("a JSON map always serializes");
            return Encoded::Json(bytes);
        }
        let top_level: Vec<(String, usize)> = fields
            .iter()
            .filter_map(|(key, value)| {
                let name = value.as_str()?.strip_prefix("attach://")?;
                let index = files.iter().position(|f| f.name == name)?;
                Some((key.clone(), index))
            })
            .collect();
        for (key, index) in top_level {
            fields.remove(&key);
            files[index].name = key;
        }
        Encoded::Multipart { fields, files }
    }

    /// Whether the request carries uploads.
    pub(crate) fn has_uploads(&self) -> bool {
        matches!(self, Encoded::Multipart { .. })
    }
}

/// Builds the multipart form: fields first, then parts streamed from their sources. Each part
/// reports its progress to `progress` (for the write timeout).
pub(crate) async fn multipart(
    fields: Map<String, Value>,
    files: Vec<Collected>,
    progress: &Arc<Progress>,
) -> Result<Form, Error> {
    let mut form = Form::new();
    for (key, value) in fields {
        form = match value {
            Value::String(text) => form.text(key, text),
            other => form.text(key, other.to_string()),
        };
    }
    progress.expect_streams(files.len());
    for file in files {
        form = form.part(file.name, part(&file.upload, progress.clone()).await?);
    }
    Ok(form)
}

async fn part(upload: &Upload, progress: Arc<Progress>) -> Result<Part, Error> {
    let file_name = upload.effective_file_name();
    let part = match &upload.source {
        Source::Path(path) => {
            let file = tokio::fs::File::open(path)
                .await
                .map_err(|err| Error::io(format!("opening {}", path.display()), err))?;
            let len = file
                .metadata()
                .await
                .map_err(|err| Error::io(format!("reading the size of {}", path.display()), err))?
                .len();
            let stream = Tracked::new(ReaderStream::with_capacity(file, CHUNK), progress);
            Part::stream_with_length(reqwest::Body::wrap_stream(stream), len)
        }
        Source::Bytes(data) => {
            let len = data.len() as u64;
            let stream = Tracked::new(Chunks { data: data.clone() }, progress);
            Part::stream_with_length(reqwest::Body::wrap_stream(stream), len)
        }
        Source::Reader(shared) => {
            let reader = shared
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .take();
            let Some(reader) = reader else {
                return Err(Error::invalid_request(format!(
                    "the reader of upload `{file_name}` was already sent; a reader can be sent once"
                )));
            };
            let stream = Tracked::new(ReaderStream::with_capacity(reader, CHUNK), progress);
            Part::stream(reqwest::Body::wrap_stream(stream))
        }
    };
    part.file_name(file_name)
        .mime_str(upload.effective_mime_type())
        .map_err(|_| Error::invalid_request("the upload's MIME type does not parse"))
}

/// In-memory content handed out in slices (no copies), so that progress is tracked.
struct Chunks {
    data: Bytes,
}

impl Stream for Chunks {
    type Item = Result<Bytes, std::io::Error>;

    fn poll_next(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.data.is_empty() {
            return Poll::Ready(None);
        }
        let take = self.data.len().min(CHUNK);
        Poll::Ready(Some(Ok(self.data.split_to(take))))
    }
}

/// A body stream that reports each chunk and its end to the request's [`Progress`].
struct Tracked<S> {
    inner: S,
    progress: Arc<Progress>,
    finished: bool,
}

impl<S> Tracked<S> {
    fn new(inner: S, progress: Arc<Progress>) -> Self {
        Tracked {
            inner,
            progress,
            finished: false,
        }
    }
}

impl<S> Stream for Tracked<S>
where
    S: Stream<Item = Result<Bytes, std::io::Error>> + Unpin,
{
    type Item = S::Item;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let polled = Pin::new(&mut self.inner).poll_next(cx);
        match &polled {
            Poll::Ready(Some(_)) => self.progress.touch(),
            Poll::Ready(None) if !self.finished => {
                self.finished = true;
                self.progress.stream_done();
            }
            _ => {}
        }
        polled
    }
}
