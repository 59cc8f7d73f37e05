//! Shared by the integration tests: the fixture spec, a server + client pair, and hand-written
//! `Method` impls shaped like the generated ones (payload structs with `Option` fields skipped
//! when `None`, `InputFile` fields, per-method default slot tables).

// Each test binary uses a different subset of these helpers, from a private module.
#![allow(dead_code, unreachable_pub)]

use std::sync::OnceLock;

use botapi_runtime::{ChatId, Client, ClientBuilder, DefaultKind, DefaultSlot, InputFile, Method, PathStep};
use botapi_spec::Spec;
use botapi_testkit::TestServer;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use DefaultKind::*;
use PathStep::*;

/// A hand-written subset of the Bot API spec with the real shapes of the objects and methods
/// these tests use, so that they do not depend on the scraper's progress.
pub fn fixture_spec() -> Spec {
    static SPEC: OnceLock<Spec> = OnceLock::new();
    SPEC.get_or_init(|| {
        Spec::from_json(include_str!("../fixtures/mini_spec.json")).expect("fixture spec parses")
    })
    .clone()
}

/// A test server on the fixture spec.
pub async fn server() -> TestServer {
    TestServer::builder()
        .spec(fixture_spec())
        .start()
        .await
        .expect("bind a loopback port")
}

/// A client builder pointed at `server`.
pub fn builder(server: &TestServer) -> ClientBuilder {
    Client::builder(server.token())
        .base_url(server.url())
        .base_file_url(server.file_url())
}

/// A server and a client with default settings.
pub async fn setup() -> (TestServer, Client) {
    let server = server().await;
    let client = builder(&server).build().expect("client builds");
    (server, client)
}

const fn slot(path: &'static [PathStep], field: &'static str, kind: DefaultKind) -> DefaultSlot {
    DefaultSlot { path, field, kind }
}

#[derive(Debug, Deserialize, PartialEq)]
pub struct User {
    pub id: i64,
    pub is_bot: bool,
    pub first_name: String,
    pub username: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct GetMe {}

impl Method for GetMe {
    const NAME: &'static str = "getMe";
    type Output = User;
}

/// A unit payload (serializes as `null`).
#[derive(Debug, Serialize)]
pub struct GetWebhookInfo;

impl Method for GetWebhookInfo {
    const NAME: &'static str = "getWebhookInfo";
    type Output = Value;
}

#[derive(Debug, Default, Serialize)]
pub struct GetUpdates {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeout: Option<u64>,
}

impl Method for GetUpdates {
    const NAME: &'static str = "getUpdates";
    type Output = Vec<Value>;
    fn long_poll_timeout(&self) -> Option<u64> {
        self.timeout
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ReplyParameters {
    pub message_id: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote_parse_mode: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allow_sending_without_reply: Option<bool>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SendMessage {
    pub chat_id: ChatId,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parse_mode: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link_preview_options: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disable_notification: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protect_content: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reply_parameters: Option<ReplyParameters>,
}

impl SendMessage {
    pub fn new(chat_id: impl Into<ChatId>, text: &str) -> Self {
        SendMessage {
            chat_id: chat_id.into(),
            text: text.to_owned(),
            parse_mode: None,
            link_preview_options: None,
            disable_notification: None,
            protect_content: None,
            reply_parameters: None,
        }
    }
}

/// The slots of every "send" method: its own parse mode, notification and protection flags,
/// and the reply parameters.
const SEND_SLOTS: &[DefaultSlot] = &[
    slot(&[], "parse_mode", ParseMode),
    slot(&[], "disable_notification", DisableNotification),
    slot(&[], "protect_content", ProtectContent),
    slot(&[Key("reply_parameters")], "quote_parse_mode", ParseMode),
    slot(
        &[Key("reply_parameters")],
        "allow_sending_without_reply",
        AllowSendingWithoutReply,
    ),
];

impl Method for SendMessage {
    const NAME: &'static str = "sendMessage";
    type Output = Value;
    const DEFAULTS: &'static [DefaultSlot] = &[
        slot(&[], "parse_mode", ParseMode),
        slot(&[], "disable_notification", DisableNotification),
        slot(&[], "protect_content", ProtectContent),
        slot(&[], "link_preview_options", LinkPreviewOptions),
        slot(&[Key("reply_parameters")], "quote_parse_mode", ParseMode),
        slot(
            &[Key("reply_parameters")],
            "allow_sending_without_reply",
            AllowSendingWithoutReply,
        ),
    ];
}

#[derive(Debug, Clone, Serialize)]
pub struct SendPhoto {
    pub chat_id: ChatId,
    pub photo: InputFile,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parse_mode: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reply_parameters: Option<ReplyParameters>,
}

impl SendPhoto {
    pub fn new(chat_id: impl Into<ChatId>, photo: InputFile) -> Self {
        SendPhoto {
            chat_id: chat_id.into(),
            photo,
            caption: None,
            parse_mode: None,
            reply_parameters: None,
        }
    }
}

impl Method for SendPhoto {
    const NAME: &'static str = "sendPhoto";
    const MAY_UPLOAD: bool = true;
    type Output = Value;
    const DEFAULTS: &'static [DefaultSlot] = SEND_SLOTS;
}

#[derive(Debug, Clone, Serialize)]
pub struct SendDocument {
    pub chat_id: ChatId,
    pub document: InputFile,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thumbnail: Option<InputFile>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
}

impl Method for SendDocument {
    const NAME: &'static str = "sendDocument";
    const MAY_UPLOAD: bool = true;
    type Output = Value;
}

#[derive(Debug, Clone, Serialize)]
pub struct SetChatPhoto {
    pub chat_id: ChatId,
    pub photo: InputFile,
}

impl Method for SetChatPhoto {
    const NAME: &'static str = "setChatPhoto";
    const MAY_UPLOAD: bool = true;
    type Output = bool;
}

/// `InputMedia`, internally tagged like the generated union.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum InputMedia {
    Photo {
        media: InputFile,
        #[serde(skip_serializing_if = "Option::is_none")]
        caption: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        parse_mode: Option<String>,
    },
    Video {
        media: InputFile,
        #[serde(skip_serializing_if = "Option::is_none")]
        thumbnail: Option<InputFile>,
        #[serde(skip_serializing_if = "Option::is_none")]
        cover: Option<InputFile>,
        #[serde(skip_serializing_if = "Option::is_none")]
        caption: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        parse_mode: Option<String>,
    },
}

impl InputMedia {
    pub fn photo(media: InputFile) -> Self {
        InputMedia::Photo {
            media,
            caption: None,
            parse_mode: None,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct SendMediaGroup {
    pub chat_id: ChatId,
    pub media: Vec<InputMedia>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disable_notification: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protect_content: Option<bool>,
}

impl Method for SendMediaGroup {
    const NAME: &'static str = "sendMediaGroup";
    const MAY_UPLOAD: bool = true;
    type Output = Vec<Value>;
    const DEFAULTS: &'static [DefaultSlot] = &[
        slot(&[Key("media"), Each], "parse_mode", ParseMode),
        slot(&[], "disable_notification", DisableNotification),
        slot(&[], "protect_content", ProtectContent),
    ];
}

#[derive(Debug, Clone, Serialize)]
pub struct EditMessageMedia {
    pub chat_id: ChatId,
    pub message_id: i64,
    pub media: InputMedia,
}

impl Method for EditMessageMedia {
    const NAME: &'static str = "editMessageMedia";
    const MAY_UPLOAD: bool = true;
    type Output = Value;
    const DEFAULTS: &'static [DefaultSlot] = &[slot(&[Key("media")], "parse_mode", ParseMode)];
}

#[derive(Debug, Clone, Serialize)]
pub struct InputPollOption {
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text_parse_mode: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SendPoll {
    pub chat_id: ChatId,
    pub question: String,
    pub options: Vec<InputPollOption>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub question_parse_mode: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation_parse_mode: Option<String>,
}

impl Method for SendPoll {
    const NAME: &'static str = "sendPoll";
    type Output = Value;
    const DEFAULTS: &'static [DefaultSlot] = &[
        slot(&[], "question_parse_mode", ParseMode),
        slot(&[], "explanation_parse_mode", ParseMode),
        slot(&[Key("options"), Each], "text_parse_mode", ParseMode),
    ];
}

#[derive(Debug, Clone, Serialize)]
pub struct AnswerInlineQuery {
    pub inline_query_id: String,
    pub results: Vec<Value>,
}

impl Method for AnswerInlineQuery {
    const NAME: &'static str = "answerInlineQuery";
    type Output = bool;
    const DEFAULTS: &'static [DefaultSlot] = &[
        slot(
            &[
                Key("results"),
                Each,
                When {
                    tag: "type",
                    values: &["photo"],
                },
            ],
            "parse_mode",
            ParseMode,
        ),
        slot(
            &[
                Key("results"),
                Each,
                Key("input_message_content"),
                Has("message_text"),
            ],
            "parse_mode",
            ParseMode,
        ),
        slot(
            &[
                Key("results"),
                Each,
                Key("input_message_content"),
                Has("message_text"),
            ],
            "link_preview_options",
            LinkPreviewOptions,
        ),
    ];
}

#[derive(Debug, Clone, Serialize)]
pub struct GetFile {
    pub file_id: String,
}

#[derive(Debug, Deserialize)]
pub struct File {
    pub file_id: String,
    pub file_path: Option<String>,
    pub file_size: Option<u64>,
}

impl Method for GetFile {
    const NAME: &'static str = "getFile";
    type Output = File;
}

/// A method the fixture spec does not have.
#[derive(Debug, Serialize)]
pub struct SendTelepathy {
    pub chat_id: i64,
}

impl Method for SendTelepathy {
    const NAME: &'static str = "sendTelepathy";
    type Output = Value;
}
