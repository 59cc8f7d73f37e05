//! Reading request parameters from the query string and the body: JSON, url-encoded form, or
//! multipart (streamed: file parts are counted chunk by chunk, and kept only when small).

use bytes::Bytes;
use http_body_util::BodyExt;
use hyper::body::Incoming;
use hyper::header::CONTENT_TYPE;
use serde_json::{Map, Value};

use crate::record::{Encoding, RecordedFile};

/// The largest non-file body (JSON, form, or a multipart text field) the server reads.
const MAX_TEXT_BODY: usize = 64 * 1024 * 1024;

/// Parameters as they arrived, before validation.
pub(crate) struct Received {
    pub(crate) fields: Map<String, Value>,
    pub(crate) files: Vec<RecordedFile>,
    pub(crate) encoding: Encoding,
    /// Why the body could not be read, if it could not.
    pub(crate) error: Option<String>,
}

/// Reads the query string and body of `request`. A body that cannot be read leaves what was
/// read so far and a Telegram-style description in `Received::error`.
pub(crate) async fn read(request: hyper::Request<Incoming>, keep_file_bytes: u64) -> Received {
    let mut received = Received {
        fields: Map::new(),
        files: Vec::new(),
        encoding: Encoding::Query,
        error: None,
    };
    if let Some(query) = request.uri().query() {
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            received
                .fields
                .insert(key.into_owned(), Value::String(value.into_owned()));
        }
    }
    let content_type = request
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    if let Err(description) =
        read_body(request.into_body(), &content_type, keep_file_bytes, &mut received).await
    {
        received.error = Some(description);
    }
    received
}

async fn read_body(
    body: Incoming,
    content_type: &str,
    keep_file_bytes: u64,
    received: &mut Received,
) -> Result<(), String> {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match essence.as_str() {
        "multipart/form-data" => {
            received.encoding = Encoding::Multipart;
            let boundary = multer::parse_boundary(content_type)
                .map_err(|_| "Bad Request: multipart boundary is missing".to_owned())?;
            read_multipart(
                body,
                boundary,
                keep_file_bytes,
                &mut received.fields,
                &mut received.files,
            )
            .await
        }
        "application/json" => {
            received.encoding = Encoding::Json;
            let bytes = collect(body).await?;
            if bytes.iter().all(u8::is_ascii_whitespace) {
                return Ok(());
            }
            match serde_json::from_slice::<Value>(&bytes) {
                Ok(Value::Object(map)) => {
                    received.fields.extend(map);
                    Ok(())
                }
                Ok(_) => Err("Bad Request: JSON body must be an object".to_owned()),
                Err(_) => Err("Bad Request: can't parse JSON body".to_owned()),
            }
        }
        _ => {
            let bytes = collect(body).await?;
            if !bytes.is_empty() {
                received.encoding = Encoding::Form;
                for (key, value) in form_urlencoded::parse(&bytes) {
                    received
                        .fields
                        .insert(key.into_owned(), Value::String(value.into_owned()));
                }
            }
            Ok(())
        }
    }
}

async fn collect(body: Incoming) -> Result<Bytes, String> {
    let limited = http_body_util::Limited::new(body, MAX_TEXT_BODY);
    limited
        .collect()
        .await
        .map(|c| c.to_bytes())
        .map_err(|_| "Bad Request: can't read the body".to_owned())
}

async fn read_multipart(
    body: Incoming,
    boundary: String,
    keep_file_bytes: u64,
    fields: &mut Map<String, Value>,
    files: &mut Vec<RecordedFile>,
) -> Result<(), String> {
    let bad = |_| "Bad Request: can't parse multipart body".to_owned();
    let mut multipart = multer::Multipart::new(body.into_data_stream(), boundary);
    while let Some(mut field) = multipart.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or_default().to_owned();
        let Some(file_name) = field.file_name().map(str::to_owned) else {
            let mut text = Vec::new();
            while let Some(chunk) = field.chunk().await.map_err(bad)? {
                if text.len() + chunk.len() > MAX_TEXT_BODY {
                    return Err("Bad Request: field is too long".to_owned());
                }
                text.extend_from_slice(&chunk);
            }
            fields.insert(name, Value::String(String::from_utf8_lossy(&text).into_owned()));
            continue;
        };
        let content_type = field.content_type().map(|m| m.to_string());
        let mut size = 0u64;
        let mut kept = Some(Vec::new());
        while let Some(chunk) = field.chunk().await.map_err(bad)? {
            size += chunk.len() as u64;
            match &mut kept {
                Some(buffer) if size <= keep_file_bytes => buffer.extend_from_slice(&chunk),
                _ => kept = None,
            }
        }
        files.push(RecordedFile {
            part: name,
            file_name: Some(file_name),
            content_type,
            size,
            content: kept.map(Bytes::from),
        });
    }
    Ok(())
}
