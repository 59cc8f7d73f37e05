//! What the server records about each request.

use bytes::Bytes;
use serde_json::{Map, Value};

/// How a request's parameters arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Encoding {
    /// No body: parameters (if any) in the query string.
    Query,
    /// `application/json`.
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `multipart/form-data`.
    Multipart,
}

/// An uploaded multipart part that had a file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedFile {
    /// The part name (the parameter name, or the name an `attach://` reference uses).
    pub part: String,
    /// The file name from `Content-Disposition`.
    pub file_name: Option<String>,
    /// The part's `Content-Type`.
    pub content_type: Option<String>,
    /// The size in bytes.
    pub size: u64,
    /// The content, kept when not larger than the server's keep limit
    /// ([`TestServerBuilder::keep_file_bytes`](crate::TestServerBuilder::keep_file_bytes)).
    pub content: Option<Bytes>,
}

/// One request the server received for a Bot API method.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordedRequest {
    /// The method name as the client wrote it in the URL.
    pub method: String,
    /// The parameters, decoded according to the spec whatever the encoding: numbers, booleans
    /// and JSON-serialized objects sent as form text come out as JSON values. Parameters the
    /// spec does not know are kept as sent.
    pub params: Map<String, Value>,
    /// The uploaded files.
    pub files: Vec<RecordedFile>,
    /// How the parameters arrived.
    pub encoding: Encoding,
    /// The HTTP status the server answered with.
    pub status: u16,
    /// Telegram's description, when the server answered with an error.
    pub error: Option<String>,
}

impl RecordedRequest {
    /// A parameter's value.
    pub fn param(&self, name: &str) -> Option<&Value> {
        self.params.get(name)
    }

    /// The uploaded part with this exact part name.
    pub fn file(&self, part: &str) -> Option<&RecordedFile> {
        self.files.iter().find(|f| f.part == part)
    }

    /// Resolves an `attach://<name>` reference (as found in `media` items) to its part.
    pub fn attached(&self, reference: &str) -> Option<&RecordedFile> {
        self.file(reference.strip_prefix("attach://")?)
    }

    /// The upload a top-level parameter refers to: a part named after the parameter, or the
    /// part its `attach://` value names.
    pub fn param_file(&self, param: &str) -> Option<&RecordedFile> {
        self.file(param)
            .or_else(|| self.attached(self.param(param)?.as_str()?))
    }
}
