//! The hand-written handler kinds end to end: an application polling the test-kit server,
//! updates of every kind pushed to it, and what the bot sends asserted. Each handler's
//! callback sends `<label> <what it got>` (captures, arguments, parsed data), so a test reads
//! as the list of handlers that ran.

mod common;

use std::str::FromStr;
use std::sync::Arc;

use botapi_ext::botapi::types::InlineQueryChatType;
use botapi_ext::handlers::{ChatBoostUpdates, ChatMemberUpdates, MessageReactionUpdates};
use botapi_ext::prelude::*;
use botapi_ext::{Callback, Handler, HandlerResult};
use botapi_testkit::{TestServer, updates};
use common::{builder, eventually, spawn_polling, stop};
use serde_json::{Value, json};
use tokio::sync::Notify;

/// Typed callback data.
#[derive(Debug)]
enum Vote {
    Up,
    Down,
}

impl FromStr for Vote {
    type Err = ();
    fn from_str(data: &str) -> Result<Self, ()> {
        match data {
            "up" => Ok(Vote::Up),
            "down" => Ok(Vote::Down),
            _ => Err(()),
        }
    }
}

/// What the handler got: capture groups, arguments and parsed data, space-separated.
fn describe(ctx: &Context) -> String {
    let mut parts: Vec<String> = Vec::new();
    for captures in ctx.matches().all() {
        parts.extend((0..captures.len()).filter_map(|i| captures.get(i).map(str::to_owned)));
    }
    parts.extend(ctx.args().iter().cloned());
    if let Ok(vote) = ctx.parsed::<Vote>() {
        parts.push(format!("{vote:?}"));
    }
    parts.join(" ")
}

/// A callback that sends `label` and what it got to chat 1, then goes on with `flow`.
fn say_then(label: &'static str, flow: Flow) -> impl Callback<()> {
    move |ctx: Context| async move {
        let text = format!("{label} {}", describe(&ctx));
        ctx.bot.send_message(1, text.trim_end()).await?;
        HandlerResult::Ok(()).map(|()| flow)
    }
}

fn say(label: &'static str) -> impl Callback<()> {
    say_then(label, Flow::Continue)
}

/// Every text the bot sent, sorted.
fn sent(server: &TestServer) -> Vec<String> {
    let mut texts: Vec<String> = server
        .requests_for("sendMessage")
        .iter()
        .map(|r| r.params["text"].as_str().unwrap_or_default().to_owned())
        .collect();
    texts.sort();
    texts
}

/// Polls `pushed` through `app` until every update is handled and confirmed, stops, and
/// returns the sorted texts sent and the `allowed_updates` of the first poll, sorted.
async fn run(server: &TestServer, app: &Application, pushed: Vec<Value>) -> (Vec<String>, Vec<String>) {
    app.add_error_handler(|ctx: Context| async move {
        let error = ctx.error().map(ToString::to_string).unwrap_or_default();
        ctx.bot.send_message(1, format!("error: {error}")).await?;
        HandlerResult::Ok(())
    });
    for update in pushed {
        server.push_update(update);
    }
    let running = spawn_polling(app);
    eventually("every update handled and confirmed", || {
        server.pending_updates() == 0
    })
    .await;
    stop(app, running).await.unwrap();
    let poll = server.requests_for("getUpdates").remove(0);
    let mut allowed: Vec<String> = poll.params["allowed_updates"]
        .as_array()
        .expect("allowed_updates is derived from the handlers")
        .iter()
        .map(|k| k.as_str().unwrap().to_owned())
        .collect();
    allowed.sort();
    (sent(server), allowed)
}

fn sorted(items: &[&str]) -> Vec<String> {
    let mut items: Vec<String> = items.iter().map(|s| (*s).to_owned()).collect();
    items.sort();
    items
}

fn user_named(id: i64, username: Option<&str>) -> Value {
    let mut user = updates::user(id);
    if let Some(name) = username {
        user["username"] = name.into();
    }
    user
}

fn chat_named(id: i64, username: &str) -> Value {
    let mut chat = updates::chat(id);
    chat["username"] = username.into();
    chat
}

fn game_query(user: i64, game: &str) -> Value {
    let mut update = updates::callback_query(user, "");
    let query = update["callback_query"].as_object_mut().unwrap();
    query.remove("data");
    query.insert("game_short_name".into(), game.into());
    update
}

fn inline_query(user: i64, query: &str, chat_type: &str) -> Value {
    json!({ "inline_query": {
        "id": format!("iq-{query}"), "from": updates::user(user), "query": query, "offset": "",
        "chat_type": chat_type,
    }})
}

fn chosen(user: i64, result_id: &str) -> Value {
    json!({ "chosen_inline_result": {
        "result_id": result_id, "from": updates::user(user), "query": "q",
    }})
}

fn member_update(kind: &str, chat: i64, user: i64) -> Value {
    let member = |status: &str| json!({ "status": status, "user": updates::user(user) });
    json!({ kind: {
        "chat": updates::chat(chat), "from": updates::user(user), "date": 0,
        "old_chat_member": member("left"), "new_chat_member": member("member"),
    }})
}

fn boost_source(user: i64) -> Value {
    json!({ "source": "premium", "user": updates::user(user) })
}

fn boost(chat: Value) -> Value {
    json!({ "chat_boost": { "chat": chat, "boost": {
        "boost_id": "b1", "add_date": 0, "expiration_date": 0, "source": boost_source(3),
    }}})
}

fn removed_boost(chat: i64) -> Value {
    json!({ "removed_chat_boost": {
        "chat": updates::chat(chat), "boost_id": "b1", "remove_date": 0, "source": boost_source(3),
    }})
}

fn reaction(chat: i64, user: i64) -> Value {
    json!({ "message_reaction": {
        "chat": updates::chat(chat), "message_id": 1, "user": updates::user(user), "date": 0,
        "old_reaction": [], "new_reaction": [{ "type": "emoji", "emoji": "👍" }],
    }})
}

fn reaction_count(chat: i64) -> Value {
    json!({ "message_reaction_count": {
        "chat": updates::chat(chat), "message_id": 1, "date": 0,
        "reactions": [{ "type": { "type": "emoji", "emoji": "👍" }, "total_count": 2 }],
    }})
}

fn join_request(chat: i64, user: i64) -> Value {
    json!({ "chat_join_request": {
        "chat": updates::chat(chat), "from": updates::user(user), "user_chat_id": user, "date": 0,
    }})
}

#[tokio::test]
async fn callback_queries_match_regex_exact_predicate_typed_and_game_patterns() {
    let server = TestServer::start().await;
    let app = builder(&server).build().unwrap();
    app.add_handler_to_group(0, CallbackQueryHandler::new(say("regex")).pattern(r"buy_(\d+)$"));
    app.add_handler_to_group(
        1,
        CallbackQueryHandler::new(say("exact")).pattern(Pattern::exact("menu")),
    );
    let short = Pattern::predicate(|data| data.len() == 1);
    app.add_handler_to_group(2, CallbackQueryHandler::new(say("short")).pattern(short));
    app.add_handler_to_group(3, CallbackQueryHandler::typed::<Vote>(say("vote")));
    app.add_handler_to_group(4, CallbackQueryHandler::new(say("game")).game_pattern("^tetris"));
    app.add_handler_to_group(5, CallbackQueryHandler::new(say("any")));
    let data = ["buy_42", "xbuy_42", "menu", "menus", "k", "up", "sideways"];
    let mut pushed: Vec<Value> = data.iter().map(|d| updates::callback_query(7, d)).collect();
    pushed.push(game_query(7, "tetris"));
    pushed.push(game_query(7, "chess"));

    let (texts, allowed) = run(&server, &app, pushed).await;
    let mut expected = vec!["regex buy_42 42", "exact", "short", "vote Up", "game tetris"];
    expected.extend(["any"; 9]);
    assert_eq!(texts, sorted(&expected));
    assert_eq!(allowed, ["callback_query"]);
}

#[tokio::test]
async fn inline_queries_match_their_text_and_chat_type_and_chosen_results_their_id() {
    let server = TestServer::start().await;
    let app = builder(&server).build().unwrap();
    let inline = InlineQueryHandler::new(say("inline"))
        .pattern(r"find (?P<what>.+)")
        .chat_types([InlineQueryChatType::Private, InlineQueryChatType::Sender]);
    app.add_handler(inline);
    app.add_handler(ChosenInlineResultHandler::new(say("chosen")).pattern(r"art-(\d+)"));
    let pushed = vec![
        inline_query(1, "find cats", "private"),
        inline_query(1, "find owls", "sender"),
        inline_query(1, "find dogs", "group"),
        inline_query(1, "hello", "private"),
        chosen(1, "art-7"),
        chosen(1, "vid-1"),
    ];
    let (texts, allowed) = run(&server, &app, pushed).await;
    assert_eq!(
        texts,
        sorted(&["inline find cats cats", "inline find owls owls", "chosen art-7 7"])
    );
    assert_eq!(allowed, ["chosen_inline_result", "inline_query"]);
}

#[tokio::test]
async fn member_boost_reaction_and_join_handlers_take_their_kinds_chats_and_users() {
    let server = TestServer::start().await;
    let app = builder(&server).build().unwrap();
    app.add_handler_to_group(0, ChatMemberHandler::new(say("my")));
    let others = ChatMemberHandler::new(say("member"))
        .updates(ChatMemberUpdates::ChatMember)
        .chat_ids([-100]);
    app.add_handler_to_group(1, others);
    app.add_handler_to_group(
        2,
        ChatBoostHandler::new(say("boost")).chat_usernames(["@boosted"]),
    );
    let removed = ChatBoostHandler::new(say("removed")).updates(ChatBoostUpdates::RemovedChatBoost);
    app.add_handler_to_group(3, removed);
    let reactions = MessageReactionHandler::new(say("reaction"))
        .updates(MessageReactionUpdates::Updated)
        .user_ids([7]);
    app.add_handler_to_group(4, reactions);
    let counts = MessageReactionHandler::new(say("count")).updates(MessageReactionUpdates::CountUpdated);
    app.add_handler_to_group(5, counts);
    app.add_handler_to_group(6, ChatJoinRequestHandler::new(say("join")).chat_ids([-300]));
    let pushed = vec![
        member_update("my_chat_member", -100, 1),
        member_update("chat_member", -100, 2),
        member_update("chat_member", -200, 2),
        boost(chat_named(-400, "Boosted")),
        boost(updates::chat(-401)),
        removed_boost(-400),
        reaction(-500, 7),
        reaction(-500, 8),
        reaction_count(-500),
        join_request(-300, 9),
        join_request(-301, 9),
    ];
    let (texts, allowed) = run(&server, &app, pushed).await;
    assert_eq!(
        texts,
        sorted(&["my", "member", "boost", "removed", "reaction", "count", "join"])
    );
    let kinds = [
        "chat_boost",
        "chat_join_request",
        "chat_member",
        "message_reaction",
        "message_reaction_count",
        "my_chat_member",
        "removed_chat_boost",
    ];
    assert_eq!(allowed, kinds);
}

#[tokio::test]
async fn payment_business_and_managed_bot_handlers_match_payloads_and_users() {
    let server = TestServer::start().await;
    let app = builder(&server).build().unwrap();
    app.add_handler(PreCheckoutQueryHandler::new(say("checkout")).pattern(r"order-(\d+)"));
    let paid = PaidMediaPurchasedHandler::new(say("paid"))
        .pattern("album")
        .user_usernames(["@Alice"]);
    app.add_handler(paid);
    app.add_handler(BusinessConnectionHandler::new(say("connection")).user_ids([5]));
    app.add_handler(BusinessMessagesDeletedHandler::new(say("deleted")).user_ids([5]));
    app.add_handler(ManagedBotUpdatedHandler::new(say("managed")).user_usernames(["bob"]));
    let checkout = |payload: &str| {
        json!({ "pre_checkout_query": {
            "id": format!("pc-{payload}"), "from": updates::user(1), "currency": "XTR",
            "total_amount": 5, "invoice_payload": payload,
        }})
    };
    let purchase =
        |user: Value| json!({ "purchased_paid_media": { "from": user, "paid_media_payload": "album-1" } });
    let connection = |user: i64| {
        json!({ "business_connection": {
            "id": format!("bc-{user}"), "user": updates::user(user), "user_chat_id": user,
            "date": 0, "is_enabled": true,
        }})
    };
    let deleted = |chat: i64| {
        json!({ "deleted_business_messages": {
            "business_connection_id": "bc", "chat": updates::chat(chat), "message_ids": [1, 2],
        }})
    };
    let managed = |user: Value| {
        let bot = json!({ "id": 99, "is_bot": true, "first_name": "Managed" });
        json!({ "managed_bot": { "user": user, "bot": bot } })
    };
    let pushed = vec![
        checkout("order-12"),
        checkout("gift-1"),
        purchase(user_named(2, Some("alice"))),
        purchase(user_named(3, None)),
        connection(5),
        connection(6),
        deleted(5),
        deleted(6),
        managed(user_named(4, Some("Bob"))),
        managed(user_named(4, Some("carol"))),
    ];
    let (texts, allowed) = run(&server, &app, pushed).await;
    assert_eq!(
        texts,
        sorted(&[
            "checkout order-12 12",
            "paid album",
            "connection",
            "deleted",
            "managed"
        ])
    );
    let kinds = [
        "business_connection",
        "deleted_business_messages",
        "managed_bot",
        "pre_checkout_query",
        "purchased_paid_media",
    ];
    assert_eq!(allowed, kinds);
}

#[tokio::test]
async fn prefix_commands_take_every_prefix_and_command_with_arguments() {
    let server = TestServer::start().await;
    let app = builder(&server).build().unwrap();
    app.add_handler(PrefixHandler::new(["!", "#"], ["help", "h"], say("prefix")));
    // String handlers ask Telegram for nothing.
    app.add_handler(StringCommandHandler::new("broadcast", say("never")));
    let pushed = ["!help me now", "#H", "?help", "!helpme", "help", "/help"]
        .iter()
        .map(|text| updates::text_message(1, 1, text))
        .collect();
    let (texts, allowed) = run(&server, &app, pushed).await;
    assert_eq!(texts, sorted(&["prefix me now", "prefix"]));
    assert_eq!(allowed, ["edited_message", "message"]);
}

#[tokio::test]
async fn string_updates_reach_string_command_and_regex_handlers() {
    let server = TestServer::start().await;
    let app = builder(&server).build().unwrap();
    app.add_handler_to_group(0, StringCommandHandler::new("broadcast", say("command")));
    app.add_handler_to_group(1, StringRegexHandler::new(r"alert (?P<level>\w+)", say("regex")));
    for text in ["/broadcast a b", "/other x", "alert red", "no alert red"] {
        app.process_custom(text.to_owned()).await;
    }
    app.process_custom("/broadcast static").await;
    // A Telegram message with the same text is no string update.
    let message: botapi_ext::botapi::types::Update =
        serde_json::from_value(json!({ "update_id": 1, "message": updates::message(1, 1, "/broadcast x") }))
            .unwrap();
    app.process_update(message).await;
    assert_eq!(
        sent(&server),
        sorted(&["command a b", "command static", "regex alert red red"])
    );
    assert!(app.derived_allowed_updates().is_empty());
}

#[tokio::test]
async fn groups_run_in_order_and_a_stop_ends_the_update_across_kinds() {
    let server = TestServer::start().await;
    let app = builder(&server).build().unwrap();
    // Group 0: the first matching handler runs; "stop" ends the update there.
    let stopper = CallbackQueryHandler::new(say_then("stop", Flow::Stop)).pattern(Pattern::exact("stop"));
    app.add_handler_to_group(0, stopper);
    app.add_handler_to_group(0, CallbackQueryHandler::new(say("any-query")));
    app.add_handler_to_group(1, InlineQueryHandler::new(say_then("inline", Flow::Stop)));
    app.add_handler_to_group(
        2,
        KindHandler::of_kinds(UpdateType::ALL.iter().copied(), say("later")),
    );
    let pushed = vec![
        updates::callback_query(1, "stop"),
        updates::callback_query(2, "go"),
        inline_query(3, "anything", "private"),
        updates::text_message(4, 4, "hi"),
    ];
    let (texts, allowed) = run(&server, &app, pushed).await;
    assert_eq!(texts, sorted(&["stop", "any-query", "later", "inline", "later"]));
    assert_eq!(
        allowed.len(),
        UpdateType::ALL.len(),
        "the kind handler takes every kind"
    );
}

#[tokio::test]
async fn a_non_blocking_handler_lets_its_chat_go_on() {
    let server = TestServer::start().await;
    let release = Arc::new(Notify::new());
    let app = builder(&server).data(release.clone()).build().unwrap();
    let slow = |ctx: Context<Arc<Notify>>| async move {
        let query = ctx.callback_query()?;
        if query.data.as_deref() == Some("wait") {
            ctx.data().notified().await;
        }
        let data = query.data.clone().unwrap_or_default();
        ctx.bot.send_message(1, data).await?;
        HandlerResult::Ok(())
    };
    app.add_handler(CallbackQueryHandler::new(slow).blocking(false));
    // Both presses are in user 1's chat, one ordering key.
    server.push_update(updates::callback_query(1, "wait"));
    server.push_update(updates::callback_query(1, "go"));
    let running = spawn_polling(&app);
    let first = server.wait_for_request("sendMessage").await;
    assert_eq!(
        first.params["text"], "go",
        "the second press ran while the first waits"
    );
    release.notify_one();
    let second = server.wait_for_request("sendMessage").await;
    assert_eq!(second.params["text"], "wait");
    stop(&app, running).await.unwrap();
}

#[test]
fn every_handler_can_be_made_non_blocking() {
    fn non_blocking<H: Handler<()>>(handler: H) -> bool {
        !handler.blocking()
    }
    let cb = || say("x");
    assert!(non_blocking(CallbackQueryHandler::new(cb()).blocking(false)));
    assert!(non_blocking(InlineQueryHandler::new(cb()).blocking(false)));
    assert!(non_blocking(ChosenInlineResultHandler::new(cb()).blocking(false)));
    assert!(non_blocking(ChatMemberHandler::new(cb()).blocking(false)));
    assert!(non_blocking(ChatJoinRequestHandler::new(cb()).blocking(false)));
    assert!(non_blocking(ChatBoostHandler::new(cb()).blocking(false)));
    assert!(non_blocking(MessageReactionHandler::new(cb()).blocking(false)));
    assert!(non_blocking(PreCheckoutQueryHandler::new(cb()).blocking(false)));
    assert!(non_blocking(PaidMediaPurchasedHandler::new(cb()).blocking(false)));
    assert!(non_blocking(BusinessConnectionHandler::new(cb()).blocking(false)));
    assert!(non_blocking(
        BusinessMessagesDeletedHandler::new(cb()).blocking(false)
    ));
    assert!(non_blocking(ManagedBotUpdatedHandler::new(cb()).blocking(false)));
    assert!(non_blocking(PrefixHandler::new("!", "x", cb()).blocking(false)));
    assert!(non_blocking(StringCommandHandler::new("x", cb()).blocking(false)));
    assert!(non_blocking(StringRegexHandler::new("x", cb()).blocking(false)));
    assert!(
        !non_blocking(CallbackQueryHandler::new(cb())),
        "blocking by default"
    );
}

#[test]
#[should_panic(expected = "is not a valid regex pattern")]
fn an_invalid_regex_pattern_is_refused_at_start() {
    let _ = CallbackQueryHandler::new(say("x")).pattern("buy_(");
}

#[tokio::test]
async fn filters_and_user_scopes_narrow_a_pattern_and_their_captures_come_after_it() {
    use botapi_ext::Matches;
    use botapi_ext::botapi::types::Update;
    let server = TestServer::start().await;
    let app = builder(&server).build().unwrap();
    let odd_user = Filter::new("odd user", |update: &Update, matches: &mut Matches| {
        let regex = digits();
        let id = update.effective_user().map_or(0, |u| u.id);
        match botapi_ext::Captures::of(&regex, &id.to_string()) {
            Some(found) if id % 2 == 1 => {
                matches.push(found);
                true
            }
            _ => false,
        }
    });
    let handler = CallbackQueryHandler::new(say("pick"))
        .pattern(r"pick_(\w+)")
        .filter(odd_user)
        .user_ids([3, 4, 5]);
    app.add_handler(handler);
    let pushed = [(3, "pick_a"), (4, "pick_b"), (5, "drop_c"), (7, "pick_d")]
        .iter()
        .map(|(user, data)| updates::callback_query(*user, data))
        .collect();
    let (texts, _) = run(&server, &app, pushed).await;
    // User 4 is even (filter), 5 sent another pattern, 7 is not listed.
    assert_eq!(texts, ["pick pick_a a 3"]);
}

fn digits() -> regex::Regex {
    regex::Regex::new(r"^\d+$").unwrap()
}

#[tokio::test]
async fn asking_for_parsed_data_a_handler_did_not_parse_says_which_type() {
    let server = TestServer::start().await;
    let app = builder(&server).build().unwrap();
    let wants_vote = |ctx: Context| async move {
        let vote = ctx.parsed::<Vote>()?;
        ctx.bot.send_message(1, format!("{vote:?}")).await?;
        HandlerResult::Ok(())
    };
    app.add_handler_to_group(0, CallbackQueryHandler::typed::<Vote>(wants_vote));
    app.add_handler_to_group(1, CallbackQueryHandler::new(wants_vote));
    let (texts, _) = run(&server, &app, vec![updates::callback_query(1, "down")]).await;
    assert_eq!(
        texts,
        ["Down", "error: the callback_query update has no handlers::Vote"]
    );
}
