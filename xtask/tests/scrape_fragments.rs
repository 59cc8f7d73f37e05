//! The scraper on small hand-written pages in the docs' layout: a well-formed page, one HTML
//! fragment per construct, then the same page broken in each way the real docs could change.
//! Every break must be a hard error that names the section, the anchor and what was expected;
//! nothing may be dropped silently.

use botapi_spec::{BoundUnit, Type};
use xtask::scrape::scrape_html;

fn h(level: u8, anchor: &str, title: &str) -> String {
    format!(
        "<h{level}><a class=\"anchor\" name=\"{anchor}\" href=\"#{anchor}\"><i class=\"anchor-icon\"></i></a>{title}</h{level}>"
    )
}

fn table(headers: &[&str], rows: &[&[&str]]) -> String {
    let head: String = headers.iter().map(|h| format!("<th>{h}</th>")).collect();
    let body: String = rows
        .iter()
        .map(|row| {
            format!(
                "<tr>{}</tr>",
                row.iter().map(|c| format!("<td>{c}</td>")).collect::<String>()
            )
        })
        .collect();
    format!("<table class=\"table\"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
}

/// A small page in the docs' layout.
fn page() -> String {
    let fields = ["Field", "Type", "Description"];
    let params = ["Parameter", "Type", "Required", "Description"];
    [
        "<html><body><div id=\"dev_page_content\"><blockquote><p>The Bot API is ...</p></blockquote>".to_string(),
        h(3, "recent-changes", "Recent changes"),
        h(4, "june-11-2026", "June 11, 2026"),
        "<p><strong>Bot API 10.1</strong></p><ul><li>Added <a href=\"#user\">User</a>.</li></ul>".to_string(),
        h(4, "may-8-2026", "May 8, 2026"),
        "<p><strong>Bot API 10.0</strong></p>".to_string(),
        h(3, "making-requests", "Making requests"),
        h(4, "making-requests-when-getting-updates", "Making requests when getting updates"),
        "<p>Prose.</p><pre>code</pre>".to_string(),
        h(3, "available-types", "Available types"),
        "<p>All types used in the Bot API responses are represented as JSON-objects.</p>".to_string(),
        h(4, "user", "User"),
        "<p>This object represents a Telegram user or bot.</p>".to_string(),
        table(&fields, &[
            &["id", "Integer", "Unique identifier for this user or bot."],
            &["first_name", "String", "User's or bot's first name"],
            &["language_code", "String", "<em>Optional</em>. <a href=\"https://en.wikipedia.org/wiki/IETF_language_tag\">IETF language tag</a> of the user's language"],
        ]),
        h(4, "chatmember", "ChatMember"),
        "<p>This object contains information about one member of a chat. Currently, the following 2 types of chat members are supported:</p>".to_string(),
        "<ul><li><a href=\"#chatmemberowner\">ChatMemberOwner</a></li><li><a href=\"#chatmemberleft\">ChatMemberLeft</a></li></ul>".to_string(),
        h(4, "chatmemberowner", "ChatMemberOwner"),
        "<p>Represents a <a href=\"#chatmember\">chat member</a> that owns the chat.</p>".to_string(),
        table(&fields, &[
            &["status", "String", "The member's status in the chat, always “creator”"],
            &["user", "<a href=\"#user\">User</a>", "Information about the user"],
        ]),
        h(4, "chatmemberleft", "ChatMemberLeft"),
        "<p>Represents a <a href=\"#chatmember\">chat member</a> that isn't currently a member of the chat.</p>".to_string(),
        table(&fields, &[
            &["status", "String", "The member's status in the chat, always “left”"],
            &["user", "<a href=\"#user\">User</a>", "Information about the user"],
        ]),
        h(4, "callbackgame", "CallbackGame"),
        "<p>A placeholder, currently holds no information.</p>".to_string(),
        h(3, "available-methods", "Available methods"),
        h(4, "getchatmember", "getChatMember"),
        "<p>Use this method to get information about a member of a chat. Returns a <a href=\"#chatmember\">ChatMember</a> object on success.</p>".to_string(),
        table(&params, &[
            &["chat_id", "Integer or String", "Yes", "Unique identifier for the target chat"],
            &["user_id", "Integer", "Yes", "Unique identifier of the target user"],
            &["limit", "Integer", "Optional", "Limits the number of results. Values between 1-100 are accepted. Defaults to 100."],
        ]),
        h(4, "logout", "logOut"),
        "<p>Use this method to log out. Returns <em>True</em> on success. Requires no parameters.</p>".to_string(),
        "</div></body></html>".to_string(),
    ]
    .concat()
}

fn broken(from: &str, to: &str) -> String {
    let page = page();
    assert!(page.contains(from), "the test page has no `{from}`");
    page.replacen(from, to, 1)
}

fn error_of(html: &str) -> String {
    match scrape_html(html) {
        Ok(spec) => panic!(
            "expected an error, got a spec with {} objects",
            spec.objects.len()
        ),
        Err(e) => e.to_string(),
    }
}

#[test]
fn a_well_formed_page_scrapes() {
    let spec = scrape_html(&page()).unwrap();
    spec.validate().unwrap();
    assert_eq!(
        (spec.version.as_str(), spec.release_date.as_str()),
        ("10.1", "2026-06-11")
    );
    assert_eq!(spec.changelog, "**Bot API 10.1**\n\n- Added [User](#user).");

    let names: Vec<_> = spec.objects.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "User",
            "ChatMember",
            "ChatMemberOwner",
            "ChatMemberLeft",
            "CallbackGame"
        ]
    );
    let user = spec.object("User").unwrap();
    assert_eq!(user.section, "Available types");
    assert_eq!(user.anchor, "user");
    let required: Vec<_> = user
        .fields()
        .iter()
        .map(|f| (f.name.as_str(), f.required))
        .collect();
    assert_eq!(
        required,
        [("id", true), ("first_name", true), ("language_code", false)]
    );
    assert_eq!(
        user.fields()[2].description,
        "*Optional*. [IETF language tag](https://en.wikipedia.org/wiki/IETF_language_tag) of the user's language"
    );

    let union = spec.object("ChatMember").unwrap().union().unwrap();
    assert_eq!(union.discriminator.as_deref(), Some("status"));
    let values: Vec<_> = union
        .variants
        .iter()
        .map(|v| (v.name.as_str(), v.value.as_deref()))
        .collect();
    assert_eq!(
        values,
        [
            ("ChatMemberOwner", Some("creator")),
            ("ChatMemberLeft", Some("left"))
        ]
    );
    assert!(spec.object("CallbackGame").unwrap().fields().is_empty());

    let method = spec.method("getChatMember").unwrap();
    assert_eq!(method.returns, Type::reference("ChatMember"));
    assert_eq!(
        method.params[0].ty,
        Type::OneOf(vec![Type::Integer, Type::String])
    );
    let limit = &method.params[2];
    assert!(!limit.required);
    assert_eq!(limit.facts.default, Some(100.into()));
    assert_eq!(
        limit.facts.bounds.as_ref().map(|b| b.unit),
        Some(BoundUnit::Value)
    );
    let log_out = spec.method("logOut").unwrap();
    assert!(log_out.params.is_empty());
    assert_eq!(log_out.returns, Type::True);
}

/// The page with `entries` (h4 blocks) added to "Available types".
fn page_with(entries: &str) -> String {
    broken(
        "<h3><a class=\"anchor\" name=\"available-methods\"",
        &format!("{entries}<h3><a class=\"anchor\" name=\"available-methods\""),
    )
}

#[test]
fn each_construct_in_a_fragment() {
    let fields = ["Field", "Type", "Description"];
    let params = ["Parameter", "Type", "Required", "Description"];
    let media = |name: &str, value: &str| {
        format!(
            "{}<p>Media.</p>{}",
            h(4, &name.to_lowercase(), name),
            table(
                &fields,
                &[&[
                    "type",
                    "String",
                    &format!("Type of the media, must be <em>{value}</em>")
                ]]
            )
        )
    };
    let entries = [
        // A union whose intro lists non-object forms, like RichText.
        h(4, "richtext", "RichText"),
        "<p>This object represents a rich formatted text. Currently, it can be either a String for plain text, an Array of <a href=\"#richtext\">RichText</a>, or any of the following types:</p>".to_string(),
        "<ul><li><a href=\"#inputmediaphoto\">InputMediaPhoto</a></li><li><a href=\"#inputmediavideo\">InputMediaVideo</a></li></ul>".to_string(),
        media("InputMediaPhoto", "photo"),
        media("InputMediaVideo", "video"),
        // Every kind of type cell, and the facts of the prose.
        h(4, "kitchensink", "KitchenSink"),
        "<p>Holds one of everything.</p><blockquote><p>Note: for tests.</p></blockquote>".to_string(),
        table(&fields, &[
            &["latitude", "Float number", "Latitude; 0-1500"],
            &["media", "Array of <a href=\"#inputmediaphoto\">InputMediaPhoto</a> and <a href=\"#inputmediavideo\">InputMediaVideo</a>", "A JSON-serialized array describing messages to be sent, must include 2-10 items"],
            &["rows", "Array of Array of <a href=\"#inputmediaphoto\">InputMediaPhoto</a>", "<em>Optional</em>. Rows"],
            &["file", "<a href=\"#inputfile\">InputFile</a> or String", "File to send"],
            &["is_big", "True", "<em>Optional</em>. <em>True</em>, if it is big"],
            &["kind", "String", "Type of the chat, can be either “private”, “group” or “channel”"],
            &["emoji", "String", "Emoji. Currently, must be one of “<img class=\"emoji\" alt=\"🎲\">”, “🎯”. Defaults to “🎲”."],
            &["action", "String", "Type of action. Choose one: <em>typing</em> for <a href=\"#sendmessage\">text messages</a>, <em>upload_photo</em> for photos."],
            &["text", "String", "Text, 1-4096 characters<br>See <a href=\"/bots/features#formatting\">formatting</a>."],
        ]),
        h(4, "inputfile", "InputFile"),
        "<p>This object represents the contents of a file to be uploaded.</p>".to_string(),
        h(3, "more-methods", "Updating messages"),
        h(4, "editmessagetext", "editMessageText"),
        "<p>Use this method to edit text. On success, if the edited message is not an inline message, the edited <a href=\"#user\">User</a> is returned, otherwise <em>True</em> is returned.</p>".to_string(),
        table(&params, &[&["text", "String", "Optional", "New text"]]),
        h(4, "sendmediagroup", "sendMediaGroup"),
        "<p>On success, an array of <a href=\"#user\">Users</a> that were sent is returned.</p>".to_string(),
    ]
    .concat();
    let spec = scrape_html(&page_with(&entries)).unwrap();
    spec.validate().unwrap();

    let rich = spec.object("RichText").unwrap().union().unwrap();
    assert_eq!(
        rich.other_types,
        [Type::String, Type::array_of(Type::reference("RichText"))]
    );
    assert_eq!(rich.discriminator.as_deref(), Some("type"));

    let sink = spec.object("KitchenSink").unwrap();
    assert_eq!(sink.description, "Holds one of everything.\n\n> Note: for tests.");
    let field = |name: &str| sink.fields().iter().find(|f| f.name == name).unwrap().clone();
    let photo = || Type::reference("InputMediaPhoto");
    assert_eq!(field("latitude").ty, Type::Float);
    assert_eq!(field("latitude").facts.bounds.unwrap().unit, BoundUnit::Value);
    let media = field("media");
    assert_eq!(
        media.ty,
        Type::array_of(Type::OneOf(vec![photo(), Type::reference("InputMediaVideo")]))
    );
    assert!(media.facts.json_serialized);
    assert_eq!(media.facts.bounds.unwrap().unit, BoundUnit::Items);
    assert_eq!(field("rows").ty, Type::array_of(Type::array_of(photo())));
    assert!(!field("rows").required);
    assert_eq!(
        field("file").ty,
        Type::OneOf(vec![Type::reference("InputFile"), Type::String])
    );
    assert_eq!(
        (field("is_big").ty, field("is_big").required),
        (Type::True, false)
    );
    assert_eq!(field("kind").facts.enum_values, ["private", "group", "channel"]);
    assert_eq!(field("emoji").facts.enum_values, ["🎲", "🎯"]);
    assert_eq!(field("emoji").facts.default, Some("🎲".into()));
    assert_eq!(field("action").facts.enum_values, ["typing", "upload_photo"]);
    let text = field("text");
    assert_eq!(
        text.description,
        "Text, 1-4096 characters\nSee [formatting](https://core.telegram.org/bots/features#formatting)."
    );
    assert_eq!(text.facts.bounds.unwrap().unit, BoundUnit::Characters);

    let edit = spec.method("editMessageText").unwrap();
    assert_eq!(edit.section, "Updating messages");
    assert_eq!(
        edit.returns,
        Type::OneOf(vec![Type::reference("User"), Type::True])
    );
    assert!(!edit.params[0].required);
    assert_eq!(
        spec.method("sendMediaGroup").unwrap().returns,
        Type::array_of(Type::reference("User"))
    );
}

#[test]
fn a_table_with_other_headers_is_an_error() {
    let err = error_of(&broken(
        "<th>Field</th><th>Type</th><th>Description</th>",
        "<th>Field</th><th>Kind</th><th>Description</th>",
    ));
    assert_eq!(
        err,
        "in section `Available types`, `#user`: a table with headers [\"Field\", \"Kind\", \"Description\"]: \
         expected [\"Field\", \"Type\", \"Description\"]"
    );
}

#[test]
fn an_unknown_type_cell_is_an_error() {
    let err = error_of(&broken(
        "<td>first_name</td><td>String</td>",
        "<td>first_name</td><td>Frobnicator of X</td>",
    ));
    assert!(
        err.starts_with(
            "in section `Available types`, `#user`, field `first_name`: cannot parse type cell `Frobnicator of X`: \
             unexpected word `Frobnicator`; expected Integer, Float, String, Boolean, True"
        ),
        "{err}"
    );
}

#[test]
fn a_link_to_an_undocumented_type_is_an_error() {
    let err = error_of(&broken(
        "<a href=\"#user\">User</a></td>",
        "<a href=\"#person\">Person</a></td>",
    ));
    assert!(
        err.contains("`#chatmemberowner`, field `user`: cannot parse type cell `[Person](#person)`"),
        "{err}"
    );
    assert!(err.contains("is not to a documented object"), "{err}");
}

#[test]
fn an_unreadable_return_sentence_is_an_error() {
    let err = error_of(&broken(
        "Returns a <a href=\"#chatmember\">ChatMember</a> object on success.",
        "The member comes back.",
    ));
    assert!(
        err.starts_with(
            "in section `Available methods`, `#getchatmember`: cannot read the return type: expected"
        ),
        "{err}"
    );
}

#[test]
fn union_variants_that_disagree_are_an_error() {
    let err = error_of(&broken("always “left”", "who left"));
    assert!(
        err.starts_with(
            "in section `Available types`, `#chatmember`, variant `ChatMemberLeft`: does not pin `status` to a \
             constant, but variant `ChatMemberOwner` does"
        ),
        "{err}"
    );
}

#[test]
fn an_unknown_required_column_is_an_error() {
    let err = error_of(&broken("<td>Yes</td>", "<td>Sometimes</td>"));
    assert_eq!(
        err,
        "in section `Available methods`, `#getchatmember`, parameter `chat_id`: Required column says \
         `Sometimes`: expected `Yes` or `Optional`"
    );
}

#[test]
fn a_row_with_missing_cells_is_an_error() {
    let err = error_of(&broken("<td>id</td><td>Integer</td>", "<td>id</td>"));
    assert!(
        err.starts_with("in section `Available types`, `#user`, row `id`: 2 cells: expected 3"),
        "{err}"
    );
}

#[test]
fn an_unexpected_block_in_an_entry_is_an_error() {
    let err = error_of(&broken(
        "<p>A placeholder, currently holds no information.</p>",
        "<p>A placeholder.</p><pre>{}</pre>",
    ));
    assert!(
        err.starts_with("in section `Available types`, `#callbackgame`: unexpected <pre>"),
        "{err}"
    );
}

#[test]
fn a_heading_that_is_neither_name_nor_prose_is_an_error() {
    let err = error_of(&broken(">CallbackGame</h4>", ">Callback-Game</h4>"));
    assert!(err.contains("cannot classify heading `Callback-Game`"), "{err}");
}

#[test]
fn a_page_without_version_is_an_error() {
    let err = error_of(&broken(
        "<strong>Bot API 10.1</strong>",
        "<strong>Bot API news</strong>",
    ));
    assert!(
        err.contains("`#june-11-2026`: the changelog of June 11, 2026 does not name the version"),
        "{err}"
    );
    let err = error_of(&broken("June 11, 2026</h4>", "Someday</h4>"));
    assert!(err.contains("cannot read the date `Someday`"), "{err}");
    let err = error_of("<html><body><p>Not the docs</p></body></html>");
    assert!(err.contains("no `#dev_page_content` element"), "{err}");
}
