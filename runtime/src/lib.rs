//! The hand-written runtime under the generated `botapi` crate: the [`Method`] contract, the
//! HTTP [`Client`], [`Error`], [`InputFile`] uploads and bot-wide [`Defaults`].
//!
//! A call goes through [`Client::call`]: the payload is serialized (uploads inside it are
//! collected and replaced by `attach://` references), extra parameters and defaults are applied
//! to the serialized copy, and the request is sent as a JSON body, or as `multipart/form-data`
//! when there is something to upload. The answer's `result` is decoded as [`Method::Output`], or
//! its error classified into an [`Error`].

mod body;
mod chat_id;
mod client;
mod config;
pub mod de;
mod defaults;
mod download;
mod error;
mod fill;
mod input_file;
mod method;
#[cfg(feature = "passport")]
pub mod passport;
mod prepared;
mod response;
pub mod ser;
/// Text helpers: escaping, mentions, links, and rendering entities back to HTML or Markdown.
pub mod text;
mod token;
mod transport;
mod upload;

pub use bytes::Bytes;
pub use chat_id::ChatId;
pub use client::{CallOptions, Client};
pub use config::{ClientBuilder, DEFAULT_BASE_FILE_URL, DEFAULT_BASE_URL, Timeouts};
pub use defaults::{DateTimeZone, DefaultKind, DefaultSlot, Defaults, PathStep};
pub use download::ByteStream;
pub use error::{EXCERPT_LEN, Error};
pub use input_file::InputFile;
pub use method::Method;
pub use prepared::{PreparedRequest, PreparedUpload};
pub use token::Token;

/// The HTTP client crate, for [`ClientBuilder::http_client`] and [`ClientBuilder::proxy`].
pub use reqwest;
