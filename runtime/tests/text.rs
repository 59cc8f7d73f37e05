//! Rendering texts with entities back to markup. Every expected string is written by hand from the
//! Bot API "Formatting options" rules, not produced by the code under test.

use MarkdownVersion::{V1, V2};
use botapi_runtime::text::{Entity, MarkdownVersion, RenderError, to_html, to_markdown};

fn md2(text: &str, entities: &[Entity<'_>]) -> String {
    to_markdown(text, entities, V2, false).unwrap()
}

fn md1(text: &str, entities: &[Entity<'_>]) -> Result<String, RenderError> {
    to_markdown(text, entities, V1, false)
}

/// The nested example of the Bot API docs, as Telegram parses it.
const NESTED_TEXT: &str = "bold italic bold italic bold strikethrough italic bold strikethrough spoiler \
                           underline italic bold bold";
const NESTED: [Entity<'static>; 5] = [
    Entity::new("bold", 0, 103),
    Entity::new("italic", 5, 93),
    Entity::new("strikethrough", 17, 59),
    Entity::new("spoiler", 43, 33),
    Entity::new("underline", 77, 21),
];

#[test]
fn plain_text_is_escaped() {
    let text = r#"a<b & "c" 'd' > *_[x](y)_* 1.5! \ #t"#;
    assert_eq!(
        to_html(text, &[], false),
        "a&lt;b &amp; &quot;c&quot; &#x27;d&#x27; &gt; *_[x](y)_* 1.5! \\ #t"
    );
    assert_eq!(
        md2(text, &[]),
        r#"a<b & "c" 'd' \> \*\_\[x\]\(y\)\_\* 1\.5\! \\ \#t"#
    );
    assert_eq!(
        md1(text, &[]).unwrap(),
        r#"a<b & "c" 'd' > \*\_\[x](y)\_\* 1.5! \ #t"#
    );
    assert_eq!(to_html("", &[], false), "");
    assert_eq!(md2("", &[]), "");
}

#[test]
fn nested_entities() {
    assert_eq!(
        to_html(NESTED_TEXT, &NESTED, false),
        "<b>bold <i>italic bold <s>italic bold strikethrough <span class=\"tg-spoiler\">italic bold \
         strikethrough spoiler</span></s> <u>underline italic bold</u></i> bold</b>"
    );
    // The docs write `bold___ bold*` here; an empty bold entity keeps `__` and `_` apart.
    assert_eq!(
        md2(NESTED_TEXT, &NESTED),
        "*bold _italic bold ~italic bold strikethrough ||italic bold strikethrough spoiler||~ \
         __underline italic bold__**_ bold*"
    );
    assert_eq!(
        md1(NESTED_TEXT, &NESTED[..2]),
        Err(RenderError::Nested {
            index: 0,
            kind: "bold".into()
        })
    );
}

#[test]
fn entity_order_does_not_matter() {
    let mut reversed = NESTED;
    reversed.reverse();
    assert_eq!(
        to_html(NESTED_TEXT, &reversed, false),
        to_html(NESTED_TEXT, &NESTED, false)
    );
    // A shorter entity listed before the one containing it (python-telegram-bot duplicates "ab").
    let entities = [Entity::new("italic", 0, 2), Entity::new("bold", 0, 5)];
    assert_eq!(to_html("abcde", &entities, false), "<b><i>ab</i>cde</b>");
    assert_eq!(md2("abcde", &entities), "*_ab_cde*");
}

#[test]
fn same_range_entities_nest_in_list_order() {
    let entities = [Entity::new("bold", 0, 3), Entity::new("underline", 0, 3)];
    assert_eq!(to_html("abc", &entities, false), "<b><u>abc</u></b>");
    assert_eq!(md2("abc", &entities), "*__abc__*");
}

#[test]
fn overlapping_entities_are_split() {
    // Telegram never sends these; python-telegram-bot would repeat "cd".
    let entities = [Entity::new("bold", 0, 4), Entity::new("italic", 2, 4)];
    assert_eq!(to_html("abcdef", &entities, false), "<b>ab<i>cd</i></b><i>ef</i>");
    assert_eq!(md2("abcdef", &entities), "*ab_cd_*_ef_");
}

#[test]
fn italic_and_underline_markers_are_separated() {
    let italic_outer = [Entity::new("italic", 0, 2), Entity::new("underline", 0, 2)];
    assert_eq!(md2("iu", &italic_outer), "_**__iu__**_");
    let underline_outer = [Entity::new("underline", 0, 2), Entity::new("italic", 0, 2)];
    assert_eq!(md2("iu", &underline_outer), "__**_iu_**__");
    // Two italic entities side by side.
    let siblings = [Entity::new("italic", 0, 1), Entity::new("italic", 1, 1)];
    assert_eq!(md2("ab", &siblings), "_a_**_b_");
    // An escaped underscore is not a marker: no separator.
    let after_escape = [Entity::new("italic", 1, 1)];
    assert_eq!(md2("_b", &after_escape), r"\__b_");
}

#[test]
fn astral_characters() {
    let text = "👍 hi 😀!";
    let entities = [Entity::new("bold", 3, 2), Entity::new("italic", 6, 2)];
    assert_eq!(to_html(text, &entities, false), "👍 <b>hi</b> <i>😀</i>!");
    assert_eq!(md2(text, &entities), r"👍 *hi* _😀_\!");
    assert_eq!(md1(text, &entities).unwrap(), "👍 *hi* _😀_!");
    // Family emoji (11 UTF-16 units) then a bold word.
    let family = [Entity::new("bold", 12, 4)];
    assert_eq!(to_html("👨‍👩‍👧‍👦 wow!", &family, false), "👨‍👩‍👧‍👦 <b>wow!</b>");
}

#[test]
fn ranges_that_do_not_fit_the_text() {
    // Clamped to the end of the text.
    assert_eq!(
        to_html("abc", &[Entity::new("bold", 1, 100)], false),
        "a<b>bc</b>"
    );
    // Entirely outside, or empty: dropped.
    assert_eq!(
        to_html(
            "abc",
            &[Entity::new("bold", 5, 2), Entity::new("code", 1, 0)],
            false
        ),
        "abc"
    );
    // Inside a surrogate pair: positions are rounded down to the character start.
    assert_eq!(to_html("👍a", &[Entity::new("bold", 1, 1)], false), "<b>👍</b>a");
    assert_eq!(to_html("a👍", &[Entity::new("bold", 2, 1)], false), "a<b>👍</b>");
    assert_eq!(to_html("👍a", &[Entity::new("bold", 1, 2)], false), "<b>👍a</b>");
}

#[test]
fn code_and_pre() {
    let text = r"x a`b\c y";
    let code = [Entity::new("code", 2, 5)];
    assert_eq!(to_html(text, &code, false), r"x <code>a`b\c</code> y");
    assert_eq!(md2(text, &code), r"x `a\`b\\c` y");
    assert_eq!(md1(text, &code).unwrap(), r"x `a`\``b\c` y");

    let text = "fn a() -> &str {}";
    let pre = [Entity::new("pre", 0, 17).language("rust")];
    assert_eq!(
        to_html(text, &pre, false),
        r#"<pre><code class="language-rust">fn a() -&gt; &amp;str {}</code></pre>"#
    );
    assert_eq!(md2(text, &pre), "```rust\nfn a() -> &str {}```");
    assert_eq!(md1(text, &pre).unwrap(), "```rust\nfn a() -> &str {}```");

    let text = "1 < 2\n\\ok";
    let pre = [Entity::new("pre", 0, 9)];
    assert_eq!(to_html(text, &pre, false), "<pre>1 &lt; 2\n\\ok</pre>");
    assert_eq!(md2(text, &pre), "```\n1 < 2\n\\\\ok```");
    assert_eq!(
        md1("a```b", &[Entity::new("pre", 0, 5)]),
        Err(RenderError::Unescapable {
            index: 0,
            kind: "pre".into(),
            found: "```"
        })
    );
    // Nothing is nested inside code in Markdown: the inner bold is dropped.
    let nested = [Entity::new("code", 0, 3), Entity::new("bold", 1, 1)];
    assert_eq!(md2("a*b", &nested), r"`a*b`");
}

#[test]
fn text_links_and_mentions() {
    let text = "see link now";
    let url = r#"https://ex.com/a_(b)\c?x=1&y="2""#;
    let link = [Entity::new("text_link", 4, 4).url(url)];
    assert_eq!(
        to_html(text, &link, false),
        r#"see <a href="https://ex.com/a_(b)\c?x=1&amp;y=&quot;2&quot;">link</a> now"#
    );
    assert_eq!(
        md2(text, &link),
        r#"see [link](https://ex.com/a_(b\)\\c?x=1&y="2") now"#
    );
    assert_eq!(
        md1(text, &link),
        Err(RenderError::Unescapable {
            index: 0,
            kind: "text_link".into(),
            found: ")"
        })
    );
    let simple = [Entity::new("text_link", 4, 4).url("https://ex.com/a_b")];
    assert_eq!(md1(text, &simple).unwrap(), "see [link](https://ex.com/a_b) now");

    // Link text with special characters and a bold part.
    let text = "a [b] c!";
    let entities = [
        Entity::new("text_link", 0, 8).url("https://a.b/"),
        Entity::new("bold", 2, 3),
    ];
    assert_eq!(
        to_html(text, &entities, false),
        r#"<a href="https://a.b/">a <b>[b]</b> c!</a>"#
    );
    assert_eq!(md2(text, &entities), r"[a *\[b\]* c\!](https://a.b/)");

    let mention = [Entity::new("text_mention", 0, 3).user_id(123)];
    assert_eq!(
        to_html("Ann", &mention, false),
        r#"<a href="tg://user?id=123">Ann</a>"#
    );
    assert_eq!(md2("Ann", &mention), "[Ann](tg://user?id=123)");
    assert_eq!(md1("Ann", &mention).unwrap(), "[Ann](tg://user?id=123)");
    assert_eq!(
        md1("[A]", &[Entity::new("text_mention", 0, 3).user_id(1)]),
        Err(RenderError::Unescapable {
            index: 0,
            kind: "text_mention".into(),
            found: "]"
        })
    );
    // Without their URL or user, links are plain text.
    assert_eq!(to_html("x", &[Entity::new("text_link", 0, 1)], false), "x");
}

#[test]
fn urled() {
    let text = "see https://ex.com/a_b now";
    let entities = [Entity::new("url", 4, 18)];
    assert_eq!(to_html(text, &entities, false), "see https://ex.com/a_b now");
    assert_eq!(
        to_html(text, &entities, true),
        r#"see <a href="https://ex.com/a_b">https://ex.com/a_b</a> now"#
    );
    assert_eq!(md2(text, &entities), r"see https://ex\.com/a\_b now");
    assert_eq!(
        to_markdown(text, &entities, V2, true).unwrap(),
        r"see [https://ex\.com/a\_b](https://ex.com/a_b) now"
    );
    assert_eq!(md1(text, &entities).unwrap(), r"see https://ex.com/a\_b now");
    assert_eq!(
        to_markdown(text, &entities, V1, true).unwrap(),
        "see [https://ex.com/a_b](https://ex.com/a_b) now"
    );
    // Legacy Markdown cannot link a URL with a `)`: it stays (escaped) text.
    let wiki = "https://w.org/A_(b)";
    assert_eq!(
        to_markdown(wiki, &[Entity::new("url", 0, 19)], V1, true).unwrap(),
        r"https://w.org/A\_(b)"
    );
    assert_eq!(
        to_markdown(wiki, &[Entity::new("url", 0, 19)], V2, true).unwrap(),
        r"[https://w\.org/A\_\(b\)](https://w.org/A_(b\))"
    );
}

#[test]
fn spoiler_underline_strikethrough() {
    let entities = [
        Entity::new("spoiler", 0, 1),
        Entity::new("underline", 1, 1),
        Entity::new("strikethrough", 2, 1),
    ];
    assert_eq!(
        to_html("abc", &entities, false),
        r#"<span class="tg-spoiler">a</span><u>b</u><s>c</s>"#
    );
    assert_eq!(md2("abc", &entities), "||a||__b__~c~");
    assert_eq!(
        md1("abc", &entities),
        Err(RenderError::Unsupported {
            index: 0,
            kind: "spoiler".into()
        })
    );
    assert_eq!(
        md1("abc", &entities[1..]),
        Err(RenderError::Unsupported {
            index: 0,
            kind: "underline".into()
        })
    );
}

#[test]
fn custom_emoji() {
    let text = "Hi 👍";
    let entities = [Entity::new("custom_emoji", 3, 2).custom_emoji_id("5368324170671202286")];
    assert_eq!(
        to_html(text, &entities, false),
        r#"Hi <tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>"#
    );
    assert_eq!(
        md2(text, &entities),
        "Hi ![👍](tg://emoji?id=5368324170671202286)"
    );
    assert_eq!(
        md1(text, &entities),
        Err(RenderError::Unsupported {
            index: 0,
            kind: "custom_emoji".into()
        })
    );
}

#[test]
fn date_time() {
    let text = "22:45 tomorrow";
    let with_format = [Entity::new("date_time", 0, 14).date_time(1647531900, Some("wDT"))];
    assert_eq!(
        to_html(text, &with_format, false),
        r#"<tg-time unix="1647531900" format="wDT">22:45 tomorrow</tg-time>"#
    );
    assert_eq!(
        md2(text, &with_format),
        "![22:45 tomorrow](tg://time?unix=1647531900&format=wDT)"
    );
    let without = [Entity::new("date_time", 0, 14).date_time(1647531900, None)];
    assert_eq!(
        to_html(text, &without, false),
        r#"<tg-time unix="1647531900">22:45 tomorrow</tg-time>"#
    );
    assert_eq!(
        md2(text, &without),
        "![22:45 tomorrow](tg://time?unix=1647531900)"
    );
    assert_eq!(
        md1(text, &without),
        Err(RenderError::Unsupported {
            index: 0,
            kind: "date_time".into()
        })
    );
}

#[test]
fn blockquotes() {
    let text = "Line 1\nLine 2.\nLine 3";
    let expandable = [Entity::new("expandable_blockquote", 0, 21)];
    assert_eq!(
        to_html(text, &expandable, false),
        "<blockquote expandable>Line 1\nLine 2.\nLine 3</blockquote>"
    );
    assert_eq!(md2(text, &expandable), "**>Line 1\n>Line 2\\.\n>Line 3||");

    // A quote that includes its final newline: the next line is not quoted.
    let text = "Quote\nafter";
    let quote = [Entity::new("blockquote", 0, 6)];
    assert_eq!(
        to_html(text, &quote, false),
        "<blockquote>Quote\n</blockquote>after"
    );
    assert_eq!(md2(text, &quote), ">Quote\nafter");
    let expandable = [Entity::new("expandable_blockquote", 0, 6)];
    assert_eq!(md2(text, &expandable), "**>Quote||\nafter");

    // Two quotes in a row are kept apart by an empty bold entity, as in the Bot API docs.
    let text = "a\nb\nc";
    let two = [Entity::new("blockquote", 0, 2), Entity::new("blockquote", 2, 2)];
    assert_eq!(
        to_html(text, &two, false),
        "<blockquote>a\n</blockquote><blockquote>b\n</blockquote>c"
    );
    assert_eq!(md2(text, &two), ">a\n**>b\nc");
    let then_expandable = [
        Entity::new("blockquote", 0, 2),
        Entity::new("expandable_blockquote", 2, 3),
    ];
    assert_eq!(md2(text, &then_expandable), ">a\n**>b\n>c||");
    // Text in between ends the first quote by itself.
    let apart = [Entity::new("blockquote", 0, 2), Entity::new("blockquote", 4, 1)];
    assert_eq!(md2(text, &apart), ">a\nb\n>c");

    // Formatting across the lines of a quote.
    let entities = [Entity::new("blockquote", 0, 3), Entity::new("bold", 0, 3)];
    assert_eq!(
        to_html("a\nb", &entities, false),
        "<blockquote><b>a\nb</b></blockquote>"
    );
    assert_eq!(md2("a\nb", &entities), ">*a\n>b*");
    assert_eq!(
        md1("a\nb", &entities),
        Err(RenderError::Unsupported {
            index: 0,
            kind: "blockquote".into()
        })
    );
}

#[test]
fn detected_and_unknown_kinds_are_plain_text() {
    let text = "@bob #tag_1 $USD /start a@b.c +1-2 ???";
    let entities = [
        Entity::new("mention", 0, 4),
        Entity::new("hashtag", 5, 6),
        Entity::new("cashtag", 12, 4),
        Entity::new("bot_command", 17, 6),
        Entity::new("email", 24, 5),
        Entity::new("phone_number", 30, 4),
        Entity::new("future_kind", 35, 3),
    ];
    assert_eq!(to_html(text, &entities, true), text);
    assert_eq!(
        md2(text, &entities),
        r"@bob \#tag\_1 $USD /start a@b\.c \+1\-2 ???"
    );
    assert_eq!(
        md1(text, &entities).unwrap(),
        r"@bob #tag\_1 $USD /start a@b.c +1-2 ???"
    );
}

/// An entity type a newer Bot API version adds renders as its text, escaped like any plain
/// text, and the entities inside it keep their markup: in legacy Markdown too, where nesting
/// is otherwise an error.
#[test]
fn unknown_entity_types_render_as_escaped_plain_text() {
    let text = "<*_[a]_*> bold.";
    let entities = [Entity::new("fancy_kind", 0, 15), Entity::new("bold", 10, 4)];
    assert_eq!(to_html(text, &entities, false), "&lt;*_[a]_*&gt; <b>bold</b>.");
    assert_eq!(md2(text, &entities), r"<\*\_\[a\]\_\*\> *bold*\.");
    assert_eq!(md1(text, &entities).unwrap(), r"<\*\_\[a]\_\*> *bold*.");
    // The same inside a known entity: the unknown one adds nothing.
    let inside = [Entity::new("italic", 0, 3), Entity::new("fancy_kind", 0, 3)];
    assert_eq!(to_html("a&b", &inside, false), "<i>a&amp;b</i>");
    assert_eq!(md2("a.b", &inside), r"_a\.b_");
}

#[test]
fn markdown_v2_special_characters_everywhere() {
    let text = r"_*[]()~`>#+-=|{}.!\";
    let escaped = r"\_\*\[\]\(\)\~\`\>\#\+\-\=\|\{\}\.\!\\";
    assert_eq!(md2(text, &[]), escaped);
    assert_eq!(md2(text, &[Entity::new("bold", 0, 19)]), format!("*{escaped}*"));
    assert_eq!(md2(text, &[Entity::new("italic", 0, 19)]), format!("_{escaped}_"));
    assert_eq!(
        md2(text, &[Entity::new("spoiler", 0, 19)]),
        format!("||{escaped}||")
    );
    assert_eq!(
        md2(text, &[Entity::new("text_link", 0, 19).url(text)]),
        format!(r"[{escaped}](_*[](\)~`>#+-=|{{}}.!\\)")
    );
    assert_eq!(
        md2(text, &[Entity::new("code", 0, 19)]),
        r"`_*[]()~\`>#+-=|{}.!\\`"
    );
    assert_eq!(
        md2(text, &[Entity::new("pre", 0, 19)]),
        "```\n_*[]()~\\`>#+-=|{}.!\\\\```"
    );
}

#[test]
fn legacy_markdown_reopens_around_its_markers() {
    // The two examples of the Bot API docs.
    assert_eq!(
        md1("snake_case", &[Entity::new("italic", 0, 10)]).unwrap(),
        r"_snake_\__case_"
    );
    assert_eq!(md1("2*2=4", &[Entity::new("bold", 0, 5)]).unwrap(), r"*2*\**2=4*");
    // Other special characters are literal inside an entity, escaped outside.
    assert_eq!(
        md1("a_b [c]", &[Entity::new("bold", 0, 3)]).unwrap(),
        r"*a_b* \[c]"
    );
}

/// A `(html, text, entities)` triple: what Telegram makes of `html` with `parse_mode=HTML`, written
/// by hand. Rendering the text and entities back must give `html` again: the inputs use the
/// renderer's spelling (`<b>`, not `<strong>`; quotes escaped; `language-` classes).
fn html_round_trip(html: &str, text: &str, entities: &[Entity<'_>]) {
    assert_eq!(to_html(text, entities, false), html);
}

#[test]
fn html_round_trips() {
    html_round_trip(
        "<b>bold <i>italic bold <s>italic bold strikethrough <span class=\"tg-spoiler\">italic bold \
         strikethrough spoiler</span></s> <u>underline italic bold</u></i> bold</b>",
        NESTED_TEXT,
        &NESTED,
    );
    html_round_trip(
        r#"<b>Hello</b>, <a href="https://example.com/?q=1&amp;r=2">world</a> &lt;3 👍<tg-emoji emoji-id="5368324170671202286">🔥</tg-emoji>"#,
        "Hello, world <3 👍🔥",
        &[
            Entity::new("bold", 0, 5),
            Entity::new("text_link", 7, 5).url("https://example.com/?q=1&r=2"),
            Entity::new("custom_emoji", 18, 2).custom_emoji_id("5368324170671202286"),
        ],
    );
    html_round_trip(
        r#"<pre><code class="language-python">if a &lt; b: pass</code></pre>"#,
        "if a < b: pass",
        &[Entity::new("pre", 0, 14).language("python")],
    );
    html_round_trip(
        "<blockquote expandable>Line 1\nLine 2</blockquote>Tail <i>it</i>",
        "Line 1\nLine 2Tail it",
        &[
            Entity::new("expandable_blockquote", 0, 13),
            Entity::new("italic", 18, 2),
        ],
    );
    html_round_trip(
        r#"<u><i>a</i></u><s>b</s><span class="tg-spoiler">c</span><code>d</code><tg-time unix="1647531900" format="r">e</tg-time><a href="tg://user?id=42">f</a>"#,
        "abcdef",
        &[
            Entity::new("underline", 0, 1),
            Entity::new("italic", 0, 1),
            Entity::new("strikethrough", 1, 1),
            Entity::new("spoiler", 2, 1),
            Entity::new("code", 3, 1),
            Entity::new("date_time", 4, 1).date_time(1647531900, Some("r")),
            Entity::new("text_mention", 5, 1).user_id(42),
        ],
    );
}

#[test]
fn markdown_v2_round_trips() {
    // Lines of the Bot API docs' MarkdownV2 example, with what Telegram makes of them.
    let cases: [(&str, &str, Entity<'_>); 6] = [
        (r"*bold \*text*", "bold *text", Entity::new("bold", 0, 10)),
        (r"_italic \*text_", "italic *text", Entity::new("italic", 0, 12)),
        (
            "[inline URL](http://www.example.com/)",
            "inline URL",
            Entity::new("text_link", 0, 10).url("http://www.example.com/"),
        ),
        (
            "[inline mention of a user](tg://user?id=123456789)",
            "inline mention of a user",
            Entity::new("text_mention", 0, 24).user_id(123456789),
        ),
        (
            "![22:45 tomorrow](tg://time?unix=1647531900&format=t)",
            "22:45 tomorrow",
            Entity::new("date_time", 0, 14).date_time(1647531900, Some("t")),
        ),
        (
            "`inline fixed-width code`",
            "inline fixed-width code",
            Entity::new("code", 0, 23),
        ),
    ];
    for (markdown, text, entity) in cases {
        assert_eq!(md2(text, &[entity]), markdown);
    }
    let text = "pre-formatted fixed-width code block written in the Python programming language";
    assert_eq!(
        md2(text, &[Entity::new("pre", 0, 79).language("python")]),
        format!("```python\n{text}```")
    );
}
