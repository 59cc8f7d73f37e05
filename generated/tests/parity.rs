//! Parity with python-telegram-bot 22.8's object shortcuts and helpers
//! (`../shared/reference/ptb-22.8/shortcuts.tsv` and `helpers.tsv`): every PTB shortcut and helper has
//! a counterpart here, or is listed below with the reason it has none. The test prints the
//! counts. Also: the service message kinds are PTB's `filters.StatusUpdate` family
//! (`filters_raw.txt`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use botapi_spec::Shortcuts;

/// A file of the PTB census in `../shared/reference/ptb-22.8/`, or `None` (and a SKIPPED line)
/// when the shared folder is absent.
fn reference(name: &str) -> Option<String> {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/reference/ptb-22.8")
        .join(name);
    let text = std::fs::read_to_string(&file).ok();
    if text.is_none() {
        println!(
            "SKIPPED: {} is absent; the parity check did not run",
            file.display()
        );
    }
    text
}

/// PTB shortcuts without a counterpart, and why.
const WITHOUT_COUNTERPART: &[(&str, &str, &str)] = &[
    (
        "CallbackQuery",
        "copy_message",
        "PTB forwards to the query's message; use `query.message` (accessible) and `Message::copy`",
    ),
    (
        "CallbackQuery",
        "delete_message",
        "via the query's message: `Message::delete`",
    ),
    (
        "CallbackQuery",
        "edit_message_checklist",
        "via the query's message: `Message::edit_checklist`",
    ),
    (
        "CallbackQuery",
        "get_game_high_scores",
        "via the query's message: `Message::get_game_high_scores`",
    ),
    (
        "CallbackQuery",
        "pin_message",
        "via the query's message: `Message::pin`",
    ),
    (
        "CallbackQuery",
        "set_game_score",
        "via the query's message: `Message::set_game_score`",
    ),
    (
        "CallbackQuery",
        "unpin_message",
        "via the query's message: `Message::unpin`",
    ),
];

#[test]
fn every_ptb_shortcut_has_a_counterpart_or_a_reason() {
    let Some(text) = reference("shortcuts.tsv") else {
        return;
    };
    let ours: BTreeSet<(String, String)> = Shortcuts::bundled()
        .families
        .iter()
        .flat_map(|f| {
            f.methods
                .iter()
                .map(move |(_, name)| (f.on.clone(), name.clone()))
        })
        .collect();
    let mut per_type: BTreeMap<&str, usize> = BTreeMap::new();
    for (on, _) in &ours {
        *per_type.entry(on.as_str()).or_default() += 1;
    }
    println!("shortcuts per type: {per_type:?} ({} in all)", ours.len());

    let mut missing = Vec::new();
    let mut ptb_count = 0;
    for line in text.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (class, name) = (cols[0], cols[1]);
        ptb_count += 1;
        // PTB's base classes: _ChatBase is Chat and ChatFullInfo, _BaseMedium every file type.
        let on = match class {
            "_ChatBase" => "Chat",
            "_BaseMedium" => "Document",
            other => other,
        };
        let justified = WITHOUT_COUNTERPART
            .iter()
            .any(|(c, n, _)| *c == class && *n == name);
        if !ours.contains(&(on.to_owned(), name.to_owned())) && !justified {
            missing.push(format!("{class}.{name}"));
        }
    }
    println!(
        "{ptb_count} PTB shortcuts; {} justified without counterpart",
        WITHOUT_COUNTERPART.len()
    );
    assert!(
        missing.is_empty(),
        "PTB shortcuts without a counterpart or a reason: {missing:?}"
    );
}

/// Each python-telegram-bot helper (`helpers.tsv`: class, name) and its counterpart here, or
/// why it has none. Counterparts named here are compiled in [`counterparts_exist`].
const HELPERS: &[(&str, &str, &str)] = &[
    (
        "TelegramObject",
        "de_json / de_list",
        "serde: `serde_json::from_value::<T>` / `Vec<T>`",
    ),
    (
        "TelegramObject",
        "to_dict / to_json",
        "serde: `serde_json::to_value` / `to_string`",
    ),
    (
        "TelegramObject",
        "api_kwargs",
        "no counterpart: unknown fields of objects are ignored (the issue's rule); unknown update kinds keep their raw JSON (`UpdateKind::Unknown`); sending: `Request::extra`",
    ),
    (
        "TelegramObject",
        "get_bot / set_bot",
        "no counterpart: objects hold no bot; every shortcut takes `&Bot`",
    ),
    (
        "TelegramObject",
        "__eq__/__hash__ via _id_attrs",
        "derived `PartialEq`/`Eq`/`Hash` over all fields (compare `message_id`, `id` explicitly for PTB's identity)",
    ),
    ("Update", "effective_user", "Update::effective_user"),
    ("Update", "effective_sender", "Update::effective_sender"),
    ("Update", "effective_chat", "Update::effective_chat"),
    ("Update", "effective_message", "Update::effective_message"),
    ("Message", "chat_id", "Message::chat_id"),
    ("Message", "id", "Message::id"),
    ("Message", "link", "Message::link"),
    ("Message", "effective_attachment", "Message::effective_attachment"),
    (
        "Message",
        "text_html / caption_html",
        "Message::text_html, Message::caption_html",
    ),
    (
        "Message",
        "text_html_urled / caption_html_urled",
        "Message::text_html_urled, Message::caption_html_urled",
    ),
    (
        "Message",
        "text_markdown / caption_markdown",
        "Message::text_markdown, Message::caption_markdown",
    ),
    (
        "Message",
        "text_markdown_v2 / caption_markdown_v2",
        "Message::text_markdown_v2, Message::caption_markdown_v2",
    ),
    (
        "Message",
        "text_markdown(_v2)_urled / caption_markdown(_v2)_urled",
        "Message::text_markdown_urled, Message::text_markdown_v2_urled, Message::caption_markdown_urled, Message::caption_markdown_v2_urled",
    ),
    (
        "Message",
        "parse_entity / parse_caption_entity",
        "Message::parse_entity, Message::parse_caption_entity",
    ),
    (
        "Message",
        "parse_entities / parse_caption_entities",
        "Message::parse_entities, Message::parse_caption_entities",
    ),
    (
        "Message",
        "compute_quote_position_and_entities",
        "Message::quote_position_and_entities",
    ),
    (
        "Message",
        "build_reply_arguments",
        "Message::reply_parameters, Message::reply_parameters_quoting (reply shortcuts fill chat, topic and business connection)",
    ),
    (
        "MaybeInaccessibleMessage",
        "is_accessible",
        "MaybeInaccessibleMessage::is_accessible",
    ),
    ("User", "name", "User::name"),
    ("User", "full_name", "User::full_name"),
    ("User", "link", "User::link"),
    (
        "User",
        "mention_html / mention_markdown / mention_markdown_v2",
        "User::mention_html, User::mention_markdown, User::mention_markdown_v2",
    ),
    ("User", "mention_button", "User::mention_button"),
    (
        "Chat/ChatFullInfo (_ChatBase)",
        "effective_name",
        "Chat::effective_name, ChatFullInfo::effective_name",
    ),
    (
        "Chat/ChatFullInfo (_ChatBase)",
        "full_name",
        "Chat::full_name, ChatFullInfo::full_name",
    ),
    (
        "Chat/ChatFullInfo (_ChatBase)",
        "link",
        "Chat::link, ChatFullInfo::link",
    ),
    (
        "Chat/ChatFullInfo (_ChatBase)",
        "mention_html / mention_markdown / mention_markdown_v2",
        "Chat::mention_html, Chat::mention_markdown, Chat::mention_markdown_v2 (and on ChatFullInfo)",
    ),
    (
        "SharedUser",
        "name / full_name / link",
        "SharedUser::name, SharedUser::full_name, SharedUser::link",
    ),
    ("ChatShared", "link", "ChatShared::link"),
    ("File", "download_to_drive", "File::download_to"),
    (
        "File",
        "download_to_memory",
        "File::download (bytes), File::download_stream",
    ),
    ("File", "download_as_bytearray", "File::download"),
    (
        "File",
        "set_credentials",
        "File::download_decrypted(bot, &FileCredentials) (feature `passport`)",
    ),
    (
        "PassportFile",
        "get_file",
        "PassportFile::get_file; PassportFile::download_decrypted gets, downloads and decrypts (feature `passport`)",
    ),
    (
        "PassportData",
        "decrypted_data / decrypted_credentials",
        "PassportData::decrypt_credentials(&PassportKey), then EncryptedPassportElement::decrypt_data per element (feature `passport`)",
    ),
    (
        "EncryptedCredentials",
        "decrypted_secret / decrypted_data",
        "EncryptedCredentials::decrypt(&PassportKey); the RSA-decrypted secret stays internal (feature `passport`)",
    ),
    (
        "EncryptedPassportElement / PassportFile",
        "de_json_decrypted / de_list_decrypted",
        "EncryptedPassportElement::decrypt_data (typed ElementData), files_with_credentials pairs each PassportFile with its FileCredentials (feature `passport`)",
    ),
    (
        "InlineKeyboardMarkup",
        "from_button / from_row / from_column",
        "InlineKeyboardMarkup::from_button, from_row, from_column (and from_rows, callbacks)",
    ),
    (
        "ReplyKeyboardMarkup",
        "from_button / from_row / from_column",
        "ReplyKeyboardMarkup::from_button, from_row, from_column (and from_rows, texts); options by setters",
    ),
    (
        "InlineKeyboardButton",
        "update_callback_data",
        "no counterpart needed: `callback_data` is a public field (PTB objects are frozen)",
    ),
    (
        "ChatPermissions",
        "all_permissions / no_permissions",
        "ChatPermissions::all, ChatPermissions::none",
    ),
    (
        "ChatAdministratorRights",
        "all_rights / no_rights",
        "ChatAdministratorRights::all, ChatAdministratorRights::none",
    ),
    ("ChatMemberUpdated", "difference", "ChatMemberUpdated::difference"),
    (
        "MessageEntity",
        "adjust_message_entities_to_utf_16",
        "no counterpart needed: Rust offsets are byte offsets; `text::utf16_position` / `utf16_len` convert, and every helper here takes Telegram's UTF-16 offsets",
    ),
    ("MessageEntity", "shift_entities", "MessageEntity::shift"),
    (
        "MessageEntity",
        "concatenate",
        "MessageEntity::concatenate (no escaping option: escape parts with `text::escape_*` first)",
    ),
    (
        "Game",
        "parse_text_entity / parse_text_entities",
        "Game::parse_text_entity, Game::parse_text_entities",
    ),
    (
        "Poll",
        "parse_question_entity(ies) / parse_explanation_entity(ies) / parse_description_entity(ies)",
        "Poll::parse_question_entities, parse_explanation_entities, parse_description_entities (and _entity)",
    ),
    (
        "PollOption / PollOptionAdded / PollOptionDeleted",
        "parse_(option_text_)entity / entities",
        "PollOption::parse_text_entities, PollOptionAdded::parse_option_text_entities, PollOptionDeleted::parse_option_text_entities (and _entity); generated for every `X` + `X_entities` pair",
    ),
    (
        "Checklist / ChecklistTask / GiftInfo / OwnedGiftRegular",
        "parse_entity / parse_entities",
        "Checklist::parse_title_entities, ChecklistTask::parse_text_entities, GiftInfo::parse_entities, OwnedGiftRegular::parse_entities (and _entity)",
    ),
    (
        "Birthdate",
        "to_date",
        "no counterpart: the crate has no date type dependency; `day`, `month`, `year` are the date",
    ),
    (
        "BusinessOpeningHours",
        "get_opening_hours_for_day / is_open",
        "BusinessOpeningHours::opening_hours_for_day, is_open_at (by minute of the week in the business's zone: converting instants needs a tz database, left to the caller)",
    ),
    (
        "BusinessOpeningHoursInterval",
        "opening_time / closing_time",
        "BusinessOpeningHoursInterval::opening_time, closing_time",
    ),
    (
        "Animation/Audio/Video/VideoNote/Voice/Poll/Location/ChatFullInfo/InputMedia*/InlineQueryResult*/etc.",
        "duration, *_duration, live_period, open_period, slow_mode_delay, message_auto_delete_time, subscription_period, start_timestamp",
        "no counterpart needed: PTB's int-or-timedelta transition; durations are the API's integer seconds",
    ),
    (
        "Poll",
        "correct_option_id",
        "no counterpart needed: deprecated in PTB 22.8; `correct_option_ids` is the field",
    ),
    (
        "telegram.helpers",
        "create_deep_linked_url(bot_username, payload=None, group=False)",
        "text::create_deep_linked_url",
    ),
    (
        "telegram.helpers",
        "effective_message_type(Message|Update)",
        "Message::effective_message_type, Update::effective_message_type",
    ),
    (
        "telegram.helpers",
        "escape_markdown(text, version=1, entity_type=None)",
        "text::escape_markdown",
    ),
    (
        "telegram.helpers",
        "mention_html(user_id, name)",
        "text::mention_html",
    ),
    (
        "telegram.helpers",
        "mention_markdown(user_id, name, version=1)",
        "text::mention_markdown",
    ),
];

/// The counterparts named in [`HELPERS`], so that a renamed helper fails to compile here.
#[allow(dead_code, reason = "compiled, not run")]
fn counterparts_exist() {
    use botapi::text;
    use botapi::types::*;
    let _ = (
        Update::effective_user,
        Update::effective_sender,
        Update::effective_chat,
        Update::effective_message,
    );
    let _ = (
        Message::chat_id,
        Message::id,
        Message::link,
        Message::effective_attachment,
    );
    let _ = (
        Message::text_html,
        Message::caption_html,
        Message::text_html_urled,
        Message::caption_html_urled,
    );
    let _ = (
        Message::text_markdown,
        Message::caption_markdown,
        Message::text_markdown_v2,
        Message::caption_markdown_v2,
    );
    let _ = (Message::text_markdown_urled, Message::text_markdown_v2_urled);
    let _ = (
        Message::caption_markdown_urled,
        Message::caption_markdown_v2_urled,
    );
    let _ = (
        Message::parse_entity,
        Message::parse_caption_entity,
        Message::parse_entities,
        Message::parse_caption_entities,
    );
    let _ = (
        Message::quote_position_and_entities,
        Message::reply_parameters,
        Message::reply_parameters_quoting,
    );
    let _ = (
        Message::effective_message_type,
        Update::effective_message_type,
        MaybeInaccessibleMessage::is_accessible,
    );
    let _ = (
        User::name,
        User::full_name,
        User::link,
        User::mention_html,
        User::mention_markdown,
    );
    let _ = (User::mention_markdown_v2, User::mention_button);
    let _ = (
        Chat::effective_name,
        Chat::full_name,
        Chat::link,
        Chat::mention_html,
        Chat::mention_markdown,
    );
    let _ = (
        Chat::mention_markdown_v2,
        ChatFullInfo::effective_name,
        ChatFullInfo::full_name,
        ChatFullInfo::link,
    );
    let _ = (
        ChatFullInfo::mention_html,
        ChatFullInfo::mention_markdown,
        ChatFullInfo::mention_markdown_v2,
    );
    let _ = (
        SharedUser::name,
        SharedUser::full_name,
        SharedUser::link,
        ChatShared::link,
    );
    let _ = (
        |f: &File, b: &botapi::Bot| drop(f.download_to(b, "x")),
        File::download,
        File::download_stream,
        PassportFile::get_file,
    );
    let _ = (
        File::download_decrypted,
        PassportFile::download_decrypted,
        PassportData::decrypt_credentials,
        EncryptedCredentials::decrypt,
    );
    let _ = (
        EncryptedPassportElement::decrypt_data,
        EncryptedPassportElement::files_with_credentials,
    );
    let _ = (InlineKeyboardMarkup::from_button, || {
        InlineKeyboardMarkup::from_row(Vec::new())
    });
    let _ = (
        || InlineKeyboardMarkup::from_column(Vec::new()),
        ReplyKeyboardMarkup::from_button,
    );
    let _ = (
        || ReplyKeyboardMarkup::from_row(Vec::new()),
        || ReplyKeyboardMarkup::from_column(Vec::new()),
    );
    let _ = (
        ChatPermissions::all,
        ChatPermissions::none,
        ChatAdministratorRights::all,
        ChatAdministratorRights::none,
    );
    let _ = (
        ChatMemberUpdated::difference,
        || MessageEntity::shift(Vec::new(), 1),
        || MessageEntity::concatenate(Vec::new()),
    );
    let _ = (
        Game::parse_text_entity,
        Game::parse_text_entities,
        Poll::parse_question_entities,
    );
    let _ = (
        Poll::parse_explanation_entities,
        Poll::parse_description_entities,
        PollOption::parse_text_entities,
    );
    let _ = (
        PollOptionAdded::parse_option_text_entities,
        PollOptionDeleted::parse_option_text_entities,
    );
    let _ = (
        Checklist::parse_title_entities,
        ChecklistTask::parse_text_entities,
        GiftInfo::parse_entities,
    );
    let _ = (
        OwnedGiftRegular::parse_entities,
        BusinessOpeningHours::opening_hours_for_day,
        BusinessOpeningHours::is_open_at,
    );
    let _ = (
        BusinessOpeningHoursInterval::opening_time,
        BusinessOpeningHoursInterval::closing_time,
    );
    let _ = (
        text::create_deep_linked_url,
        text::escape_markdown,
        text::mention_html,
        text::mention_markdown,
    );
}

#[test]
fn every_ptb_helper_has_a_counterpart_or_a_reason() {
    let Some(text) = reference("helpers.tsv") else {
        return;
    };
    let rows: BTreeSet<(&str, &str)> = text
        .lines()
        .skip(1)
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            (cols[0], cols[1])
        })
        .collect();
    let ours: BTreeSet<(&str, &str)> = HELPERS.iter().map(|(c, n, _)| (*c, *n)).collect();
    let missing: Vec<_> = rows.difference(&ours).collect();
    let stale: Vec<_> = ours.difference(&rows).collect();
    assert!(
        missing.is_empty(),
        "PTB helpers without an entry in HELPERS: {missing:?}"
    );
    assert!(
        stale.is_empty(),
        "HELPERS entries that helpers.tsv does not list: {stale:?}"
    );
    let pending: Vec<_> = HELPERS
        .iter()
        .filter(|(_, _, ours)| ours.starts_with("PENDING"))
        .collect();
    assert!(pending.is_empty(), "helpers still pending: {pending:?}");
    let without: Vec<_> = HELPERS
        .iter()
        .filter(|(_, _, ours)| ours.starts_with("no counterpart"))
        .map(|(class, name, why)| format!("{class}.{name}: {why}"))
        .collect();
    println!(
        "{} PTB helpers; {} with a counterpart here; without:\n  {}",
        rows.len(),
        rows.len() - without.len(),
        without.join("\n  ")
    );
}

/// `MessageType::SERVICE` holds PTB's `filters.StatusUpdate` family (one filter per service
/// field, except `CHAT_CREATED`: three fields, and `MIGRATE`: two) and none of the kinds PTB
/// filters on their own (`filters.SUCCESSFUL_PAYMENT`, `filters.GIVEAWAY`, ...). A service kind
/// newer than PTB 22.8 (Bot API 10.0) is in neither list and passes.
#[test]
fn service_message_kinds_are_ptb_status_updates() {
    let Some(text) = reference("filters_raw.txt") else {
        return;
    };
    let names = |line_start: &str| -> Vec<String> {
        let line = text
            .lines()
            .find(|line| line.starts_with(line_start))
            .unwrap_or_else(|| panic!("filters_raw.txt has no `{line_start}` line"));
        line.split(['\'', ' ', '[', ']', ','])
            .filter(|word| word.chars().next().is_some_and(|c| c.is_ascii_uppercase()))
            .map(str::to_owned)
            .collect()
    };
    let mut status_updates = BTreeSet::new();
    for name in names("nested")
        .iter()
        .filter_map(|n| n.strip_prefix("StatusUpdate."))
    {
        match name {
            "ALL" => {}
            "CHAT_CREATED" => status_updates.extend(
                [
                    "group_chat_created",
                    "supergroup_chat_created",
                    "channel_chat_created",
                ]
                .map(String::from),
            ),
            "MIGRATE" => {
                status_updates.extend(["migrate_to_chat_id", "migrate_from_chat_id"].map(String::from))
            }
            name => {
                status_updates.insert(name.to_lowercase());
            }
        }
    }
    let own_filters: BTreeSet<String> = names("top-level instances")
        .iter()
        .map(|name| name.to_lowercase())
        .collect();
    assert!(
        status_updates.len() > 40 && own_filters.contains("successful_payment"),
        "filters_raw.txt lists the filters: {status_updates:?} {own_filters:?}"
    );
    let service: BTreeSet<String> = botapi::MessageType::SERVICE
        .iter()
        .map(|kind| kind.as_str().to_owned())
        .collect();
    let missing: Vec<_> = status_updates.difference(&service).collect();
    let content_in_ptb: Vec<_> = service.intersection(&own_filters).collect();
    assert!(
        missing.is_empty() && content_in_ptb.is_empty(),
        "spec/helpers.toml [message] service differs from PTB's filters.StatusUpdate: \
         StatusUpdate filters not in `service`: {missing:?}; in `service` but a filter of their \
         own in PTB (move to `content`): {content_in_ptb:?}"
    );
    println!(
        "{} service message kinds; PTB's filters.StatusUpdate covers {}",
        service.len(),
        status_updates.len()
    );
}
