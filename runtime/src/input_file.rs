//! `InputFile`: a file to send — already on Telegram's servers, at a URL, or uploaded by us.
//!
//! CONTRACT (used by generated code): `InputFile: Debug + Clone + PartialEq + Serialize +
//! Deserialize + Send + Sync`. Serializing an upload inside a payload registers it with the
//! upload collector of the running request and writes `"attach://<name>"` in its place (or a
//! `file://` URI for a path in local mode); a file id or URL serializes as the plain string.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use tokio::io::AsyncRead;

use crate::upload;

/// A file to send: a `file_id`, an HTTP URL, or content we upload (a path on disk, bytes in
/// memory, or an async reader).
///
/// ```
/// use botapi_runtime::InputFile;
/// let by_id = InputFile::file_id("AgACAgIAAxkBAAIB");
/// let by_url = InputFile::url("https://example.com/cat.png");
/// let from_disk = InputFile::path("cat.png");
/// let in_memory = InputFile::bytes("cat.png", vec![0x89, b'P', b'N', b'G']);
/// let streamed = InputFile::reader("log.txt", tokio::io::empty());
/// # let _ = (by_id, by_url, from_disk, in_memory, streamed);
/// ```
///
/// Uploads are streamed: a path is opened and read chunk by chunk while the request is sent,
/// never read whole into memory. A reader can be sent once; sending a clone of an
/// `InputFile::reader` after the first send fails with
/// [`Error::InvalidRequest`](crate::Error::InvalidRequest).
#[derive(Clone, PartialEq)]
pub struct InputFile(Repr);

#[derive(Clone, PartialEq)]
enum Repr {
    /// A `file_id` or URL, sent as a string.
    Remote(String),
    /// Content uploaded with the request.
    Upload(Upload),
}

/// Content uploaded as a multipart part.
#[derive(Clone, PartialEq)]
pub(crate) struct Upload {
    pub(crate) source: Source,
    pub(crate) file_name: Option<String>,
    pub(crate) mime_type: Option<String>,
}

/// Where an upload's bytes come from.
#[derive(Clone)]
pub(crate) enum Source {
    Path(PathBuf),
    Bytes(Bytes),
    Reader(SharedReader),
}

/// A reader that can be taken once, shared between clones of its `InputFile`.
pub(crate) type SharedReader = Arc<Mutex<Option<Box<dyn AsyncRead + Send + Unpin>>>>;

impl PartialEq for Source {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Source::Path(a), Source::Path(b)) => a == b,
            (Source::Bytes(a), Source::Bytes(b)) => a == b,
            (Source::Reader(a), Source::Reader(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl InputFile {
    /// A file already on Telegram's servers, by its `file_id`.
    pub fn file_id(file_id: impl Into<String>) -> Self {
        InputFile(Repr::Remote(file_id.into()))
    }

    /// An HTTP URL that Telegram downloads the file from.
    pub fn url(url: impl Into<String>) -> Self {
        InputFile(Repr::Remote(url.into()))
    }

    /// A `file_id` or URL (Telegram tells them apart).
    pub fn remote(id_or_url: impl Into<String>) -> Self {
        InputFile(Repr::Remote(id_or_url.into()))
    }

    /// A local file, streamed from disk when the request is sent. In local mode (a Local Bot
    /// API Server) it is sent as a `file://` URI instead, and the server reads it itself.
    pub fn path(path: impl Into<PathBuf>) -> Self {
        Self::upload(Source::Path(path.into()), None)
    }

    /// In-memory content uploaded under `file_name`.
    pub fn bytes(file_name: impl Into<String>, data: impl Into<Bytes>) -> Self {
        Self::upload(Source::Bytes(data.into()), Some(file_name.into()))
    }

    /// Content read from `reader` while the request is sent, uploaded under `file_name`. A
    /// reader can only be sent once.
    pub fn reader(file_name: impl Into<String>, reader: impl AsyncRead + Send + Unpin + 'static) -> Self {
        let reader: Box<dyn AsyncRead + Send + Unpin> = Box::new(reader);
        Self::upload(
            Source::Reader(Arc::new(Mutex::new(Some(reader)))),
            Some(file_name.into()),
        )
    }

    fn upload(source: Source, file_name: Option<String>) -> Self {
        InputFile(Repr::Upload(Upload {
            source,
            file_name,
            mime_type: None,
        }))
    }

    /// Sets the file name an upload is sent under (a path defaults to its own file name).
    /// No effect on a `file_id` or URL.
    pub fn file_name(mut self, file_name: impl Into<String>) -> Self {
        if let Repr::Upload(upload) = &mut self.0 {
            upload.file_name = Some(file_name.into());
        }
        self
    }

    /// Sets the MIME type of an upload (by default guessed from the file name's extension,
    /// falling back to `application/octet-stream`). No effect on a `file_id` or URL.
    pub fn mime_type(mut self, mime_type: impl Into<String>) -> Self {
        if let Repr::Upload(upload) = &mut self.0 {
            upload.mime_type = Some(mime_type.into());
        }
        self
    }

    /// The `file_id` or URL, if this is not an upload.
    pub fn as_remote(&self) -> Option<&str> {
        match &self.0 {
            Repr::Remote(s) => Some(s),
            Repr::Upload(_) => None,
        }
    }

    /// Whether this file is uploaded with the request (path, bytes or reader).
    pub fn is_upload(&self) -> bool {
        matches!(self.0, Repr::Upload(_))
    }
}

impl Upload {
    /// The file name sent in the part's `Content-Disposition`.
    pub(crate) fn effective_file_name(&self) -> String {
        if let Some(name) = &self.file_name {
            return name.clone();
        }
        match &self.source {
            Source::Path(path) => path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "file".to_owned()),
            Source::Bytes(_) | Source::Reader(_) => "file".to_owned(),
        }
    }

    /// The part's MIME type: the one set if it is well-formed, else a guess from the file name.
    pub(crate) fn effective_mime_type(&self) -> &str {
        match &self.mime_type {
            Some(mime) if is_mime_type(mime) => mime,
            _ => guess_mime(&self.effective_file_name()),
        }
    }
}

/// Whether `text` has the `type/subtype` shape of a MIME type (parameters allowed).
fn is_mime_type(text: &str) -> bool {
    let essence = text.split(';').next().unwrap_or("").trim();
    let token = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$&-^_.+".contains(&b))
    };
    matches!(essence.split_once('/'), Some((kind, sub)) if token(kind) && token(sub))
}

/// A MIME type guessed from a file name's extension, for the formats bots send most.
pub(crate) fn guess_mime(file_name: &str) -> &'static str {
    let ext = Path::new(file_name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("");
    match ext.to_ascii_lowercase().as_str() {
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "bmp" => "image/bmp",
        "svg" => "image/svg+xml",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mov" => "video/quicktime",
        "mp3" => "audio/mpeg",
        "m4a" => "audio/mp4",
        "ogg" | "oga" | "opus" => "audio/ogg",
        "wav" => "audio/wav",
        "flac" => "audio/flac",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        "json" => "application/json",
        "txt" | "log" => "text/plain",
        "csv" => "text/csv",
        "html" | "htm" => "text/html",
        "tgs" => "application/x-tgsticker",
        _ => "application/octet-stream",
    }
}

impl fmt::Debug for InputFile {
    /// Never prints file contents: bytes show their length, readers only their name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Repr::Remote(s) => f.debug_tuple("InputFile::Remote").field(s).finish(),
            Repr::Upload(upload) => {
                let mut d = f.debug_struct("InputFile::Upload");
                match &upload.source {
                    Source::Path(path) => d.field("path", path),
                    Source::Bytes(data) => d.field("bytes", &data.len()),
                    Source::Reader(_) => d.field("reader", &".."),
                };
                d.field("file_name", &upload.file_name)
                    .field("mime_type", &upload.mime_type)
                    .finish()
            }
        }
    }
}

impl Serialize for InputFile {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            Repr::Remote(s) => serializer.serialize_str(s),
            Repr::Upload(upload) => match upload::register(upload) {
                Some(reference) => serializer.serialize_str(&reference),
                None => Err(serde::ser::Error::custom(
                    "an InputFile upload can only be serialized while botapi_runtime::Client sends it",
                )),
            },
        }
    }
}

impl<'de> Deserialize<'de> for InputFile {
    /// A string is a `file_id` or URL.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(InputFile::remote)
    }
}

impl From<&str> for InputFile {
    fn from(id_or_url: &str) -> Self {
        InputFile::remote(id_or_url)
    }
}

impl From<String> for InputFile {
    fn from(id_or_url: String) -> Self {
        InputFile::remote(id_or_url)
    }
}

impl From<&Path> for InputFile {
    fn from(path: &Path) -> Self {
        InputFile::path(path)
    }
}

impl From<PathBuf> for InputFile {
    fn from(path: PathBuf) -> Self {
        InputFile::path(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_contract<T: fmt::Debug + Clone + PartialEq + Serialize + Send + Sync>() {}

    #[test]
    fn satisfies_the_codegen_contract() {
        assert_contract::<InputFile>();
        let _: InputFile = serde_json::from_str("\"AgAC\"").unwrap();
    }

    #[test]
    fn remote_files_serialize_as_plain_strings() {
        assert_eq!(
            serde_json::to_string(&InputFile::file_id("AgAC")).unwrap(),
            "\"AgAC\""
        );
        assert_eq!(
            serde_json::to_string(&InputFile::from("https://x/y.png")).unwrap(),
            "\"https://x/y.png\""
        );
        assert_eq!(InputFile::url("u").as_remote(), Some("u"));
    }

    #[test]
    fn uploads_refuse_to_serialize_outside_a_request() {
        let err = serde_json::to_string(&InputFile::bytes("a.txt", "hi")).unwrap_err();
        assert!(err.to_string().contains("only be serialized"), "{err}");
    }

    #[test]
    fn equality_compares_content_and_reader_identity() {
        assert_eq!(InputFile::bytes("a", "x"), InputFile::bytes("a", "x"));
        assert_ne!(InputFile::bytes("a", "x"), InputFile::bytes("b", "x"));
        let reader = InputFile::reader("r", tokio::io::empty());
        assert_eq!(reader, reader.clone());
        assert_ne!(reader, InputFile::reader("r", tokio::io::empty()));
        assert_eq!(InputFile::path("a.png"), InputFile::from(Path::new("a.png")));
    }

    #[test]
    fn debug_never_shows_contents() {
        let text = format!("{:?}", InputFile::bytes("a.txt", "top secret"));
        assert!(!text.contains("secret"), "{text}");
        assert!(text.contains("10"), "{text}");
    }

    #[test]
    fn names_and_mime_types() {
        let InputFile(Repr::Upload(upload)) = InputFile::path("/tmp/Cat.JPG") else {
            unreachable!()
        };
        assert_eq!(upload.effective_file_name(), "Cat.JPG");
        assert_eq!(upload.effective_mime_type(), "image/jpeg");
        let InputFile(Repr::Upload(upload)) = InputFile::bytes("x.bin", "").mime_type("image/png") else {
            unreachable!()
        };
        assert_eq!(upload.effective_mime_type(), "image/png");
        assert_eq!(guess_mime("noext"), "application/octet-stream");
        let InputFile(Repr::Upload(upload)) = InputFile::bytes("x.gif", "").mime_type("not a mime") else {
            unreachable!()
        };
        assert_eq!(upload.effective_mime_type(), "image/gif");
    }
}
