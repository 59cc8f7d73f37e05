//! `PreparedRequest`: a call serialized exactly as it would be sent, for inspection.

use std::fmt;

use serde_json::{Map, Value};

use crate::body::Encoded;
use crate::{CallOptions, Client, Error, Method};

/// A call serialized exactly as [`Client::call`] sends it (uploads collected, extra parameters
/// and defaults applied, JSON or multipart chosen), but not sent. For tests and debugging.
///
/// ```
/// # use botapi_runtime::{CallOptions, Client, Method};
/// # #[derive(serde::Serialize)] struct SendDice { chat_id: i64 }
/// # impl Method for SendDice { const NAME: &'static str = "sendDice"; type Output = serde_json::Value; }
/// let client = Client::new("123:ABC");
/// let prepared = client.prepare(&SendDice { chat_id: 1 }, CallOptions::default())?;
/// assert!(!prepared.is_multipart());
/// assert_eq!(prepared.params()["chat_id"], 1);
/// # Ok::<(), botapi_runtime::Error>(())
/// ```
pub struct PreparedRequest {
    method: &'static str,
    encoded: Encoded,
}

/// An upload of a [`PreparedRequest`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PreparedUpload {
    /// The multipart part name: the parameter name for a top-level file, else the name its
    /// `attach://` reference uses.
    pub part: String,
    /// The file name sent.
    pub file_name: String,
    /// The MIME type sent.
    pub mime_type: String,
}

impl Client {
    /// Serializes a call as [`Client::call`] would, without sending it.
    pub fn prepare<M: Method>(
        &self,
        payload: &M,
        options: CallOptions<'_>,
    ) -> Result<PreparedRequest, Error> {
        Ok(PreparedRequest {
            method: M::NAME,
            encoded: self.encode(payload, options)?,
        })
    }
}

impl PreparedRequest {
    /// The method name.
    pub fn method(&self) -> &str {
        self.method
    }

    /// Whether it would be sent as `multipart/form-data` (it has uploads).
    pub fn is_multipart(&self) -> bool {
        self.encoded.has_uploads()
    }

    /// The JSON body, when it is sent as JSON.
    pub fn json_body(&self) -> Option<&[u8]> {
        match &self.encoded {
            Encoded::Json(bytes) => Some(bytes),
            Encoded::Multipart { .. } => None,
        }
    }

    /// The top-level parameters as JSON values (in a multipart request, each is sent as a form
    /// field: strings as they are, other values as JSON text).
    pub fn params(&self) -> Map<String, Value> {
        match &self.encoded {
            Encoded::Json(bytes) => serde_json::from_slice(bytes).unwrap_or_default(),
            Encoded::Multipart { fields, .. } => fields.clone(),
        }
    }

    /// The uploads, in the order their parts are sent.
    pub fn uploads(&self) -> Vec<PreparedUpload> {
        match &self.encoded {
            Encoded::Json(_) => Vec::new(),
            Encoded::Multipart { files, .. } => files
                .iter()
                .map(|file| PreparedUpload {
                    part: file.name.clone(),
                    file_name: file.upload.effective_file_name(),
                    mime_type: file.upload.effective_mime_type().to_owned(),
                })
                .collect(),
        }
    }
}

impl fmt::Debug for PreparedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PreparedRequest")
            .field("method", &self.method)
            .field("params", &self.params())
            .field("uploads", &self.uploads())
            .finish()
    }
}
