//! The HTTP side: routes `/bot<token>/<method>` and `/file/bot<token>/<path>`, runs
//! validation, scripts and answers, and records each method call.

use std::collections::HashSet;
use std::convert::Infallible;
use std::sync::Arc;

use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::{Request, Response, StatusCode};
use serde_json::{Map, Value, json};

use crate::answer::{Answer, answer};
use crate::body::Received;
use crate::catalog::Catalog;
use crate::record::RecordedRequest;
use crate::script::Reply;
use crate::state::State;
use crate::validate::{Incoming as Params, validate};

/// Everything a connection needs.
pub(crate) struct Shared {
    pub(crate) catalog: Catalog,
    pub(crate) state: State,
    pub(crate) token: String,
    pub(crate) keep_file_bytes: u64,
    pub(crate) max_recorded: usize,
}

type HttpResponse = Response<Full<Bytes>>;

/// Serves one HTTP request.
pub(crate) async fn serve(
    shared: Arc<Shared>,
    request: Request<Incoming>,
) -> Result<HttpResponse, Infallible> {
    let path = request.uri().path().to_owned();
    if let Some(rest) = path.strip_prefix("/file/bot") {
        return Ok(file(&shared, rest));
    }
    let Some(rest) = path.strip_prefix("/bot") else {
        return Ok(not_found());
    };
    let Some((token, method)) = rest.split_once('/') else {
        return Ok(not_found());
    };
    if token != shared.token {
        return Ok(json_response(401, &error_body(401, "Unauthorized", None)));
    }
    Ok(method_call(&shared, method.to_owned(), request).await)
}

async fn method_call(shared: &Shared, method_name: String, request: Request<Incoming>) -> HttpResponse {
    let received = crate::body::read(request, shared.keep_file_bytes).await;
    let Some(method) = shared.catalog.method(&method_name) else {
        let fields = received.fields.clone();
        return record(
            shared,
            method_name,
            fields,
            received,
            Outcome::error(404, "Not Found", None),
        );
    };
    if let Some(description) = received.error.clone() {
        let fields = received.fields.clone();
        return record(
            shared,
            method_name,
            fields,
            received,
            Outcome::error(400, &description, None),
        );
    }
    let script = shared.state.lock().next_script(&method.name);
    let parts: HashSet<String> = received.files.iter().map(|f| f.part.clone()).collect();
    let validated = validate(
        &shared.catalog.objects,
        method,
        Params {
            fields: received.fields.clone(),
            parts: &parts,
        },
    );
    let params = validated
        .as_ref()
        .map_or_else(|_| received.fields.clone(), Clone::clone);

    let outcome = match (script, validated) {
        (Some(reply), validated) => scripted(shared, method, reply, validated, &received.files).await,
        (None, Err(description)) => Outcome::error(400, &description, None),
        (None, Ok(params)) => {
            Outcome::from(answer(&shared.catalog, &shared.state, method, &params, &received.files).await)
        }
    };
    record(shared, method_name, params, received, outcome)
}

/// Records a method call with its answer, and returns the answer.
fn record(
    shared: &Shared,
    method: String,
    params: Map<String, Value>,
    received: Received,
    outcome: Outcome,
) -> HttpResponse {
    let (status, error) = match &outcome {
        Outcome::Json(status, body) => (
            *status,
            body.get("description").and_then(Value::as_str).map(str::to_owned),
        ),
        Outcome::Raw { status, .. } => (*status, None),
    };
    let record = RecordedRequest {
        method,
        params,
        files: received.files,
        encoding: received.encoding,
        status,
        error,
    };
    shared
        .state
        .change(|data| data.record(record, shared.max_recorded));
    outcome.into_response()
}

/// An answer before it becomes an HTTP response.
enum Outcome {
    Json(u16, Value),
    Raw {
        status: u16,
        content_type: String,
        body: String,
    },
}

impl Outcome {
    fn error(status: u16, description: &str, parameters: Option<Value>) -> Outcome {
        Outcome::Json(status, error_body(status, description, parameters))
    }

    fn into_response(self) -> HttpResponse {
        match self {
            Outcome::Json(status, body) => json_response(status, &body),
            Outcome::Raw {
                status,
                content_type,
                body,
            } => Response::builder()
                .status(StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR))
                .header("content-type", content_type)
                .body(Full::new(Bytes::from(body)))
                .unwrap_or_else(|_| Response::new(Full::new(Bytes::new()))),
        }
    }
}

impl From<Answer> for Outcome {
    fn from(answer: Answer) -> Outcome {
        match answer {
            Answer::Ok(result) => Outcome::Json(200, json!({ "ok": true, "result": result })),
            Answer::Err {
                status,
                description,
                parameters,
            } => Outcome::error(status, &description, parameters),
        }
    }
}

/// Follows a scripted reply. Error and raw replies skip validation, as a failing server would.
async fn scripted(
    shared: &Shared,
    method: &botapi_spec::Method,
    mut reply: Reply,
    validated: Result<serde_json::Map<String, Value>, String>,
    files: &[crate::record::RecordedFile],
) -> Outcome {
    while let Reply::Delayed(delay, then) = reply {
        tokio::time::sleep(delay).await;
        reply = *then;
    }
    match reply {
        Reply::Result(value) => Outcome::Json(200, json!({ "ok": true, "result": value })),
        Reply::Error {
            status,
            description,
            parameters,
        } => Outcome::error(status, &description, parameters),
        Reply::Raw {
            status,
            content_type,
            body,
        } => Outcome::Raw {
            status,
            content_type,
            body,
        },
        _ => match validated {
            Err(description) => Outcome::error(400, &description, None),
            Ok(params) => Outcome::from(answer(&shared.catalog, &shared.state, method, &params, files).await),
        },
    }
}

fn file(shared: &Shared, rest: &str) -> HttpResponse {
    let Some((token, file_path)) = rest.split_once('/') else {
        return not_found();
    };
    if token != shared.token {
        return json_response(401, &error_body(401, "Unauthorized", None));
    }
    let data = shared.state.lock();
    match data.file_by_path(file_path) {
        Some(file) => Response::builder()
            .status(200)
            .header("content-type", "application/octet-stream")
            .body(Full::new(file.content.clone()))
            .unwrap_or_else(|_| not_found()),
        None => not_found(),
    }
}

/// Telegram's answer to an unknown method or path.
fn not_found() -> HttpResponse {
    json_response(404, &error_body(404, "Not Found", None))
}

fn error_body(status: u16, description: &str, parameters: Option<Value>) -> Value {
    let mut body = json!({ "ok": false, "error_code": status, "description": description });
    if let Some(parameters) = parameters {
        body["parameters"] = parameters;
    }
    body
}

fn json_response(status: u16, body: &Value) -> HttpResponse {
    let status_code = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let bytes = serde_json::to_vec(body).unwrap_or_default();
    Response::builder()
        .status(status_code)
        .header("content-type", "application/json")
        .body(Full::new(Bytes::from(bytes)))
        .unwrap_or_else(|_| Response::new(Full::new(Bytes::new())))
}
