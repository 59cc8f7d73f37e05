//! Spec Markdown to rustdoc: intra-doc links for references, escaping for everything rustdoc
//! would otherwise read as a broken link, an HTML tag or a bare URL.

pub(crate) mod wording;

/// The official docs page; anchors that are not types or methods link here.
pub(crate) const DOCS_URL: &str = "https://core.telegram.org/bots/api";

/// Converts spec Markdown to rustdoc Markdown. `resolve` maps a docs anchor (`message`,
/// `sendmessage`) to a Rust path (`crate::types::Message`) when it names a generated item.
pub(crate) fn rustdoc(markdown: &str, resolve: &dyn Fn(&str) -> Option<String>) -> String {
    separate_lists(&inline(markdown, resolve))
}

/// A list followed directly by a plain line would make that line a lazy continuation of the
/// last item; the docs mean a new paragraph.
fn separate_lists(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut in_list = false;
    for line in text.lines() {
        let item = line.starts_with("- ");
        if in_list && !item && !line.is_empty() && !line.starts_with(' ') {
            out.push('\n');
        }
        in_list = item || (in_list && line.starts_with(' '));
        out.push_str(line);
        out.push('\n');
    }
    out.truncate(out.trim_end_matches('\n').len());
    out
}

fn inline(markdown: &str, resolve: &dyn Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(markdown.len() + 16);
    let bytes = markdown.as_bytes();
    let mut i = 0;
    while i < markdown.len() {
        let rest = &markdown[i..];
        let c = rest.chars().next().expect("in bounds");
        match c {
            '`' => {
                // A code span: copied verbatim up to the matching run of backticks.
                let run = rest.bytes().take_while(|&b| b == b'`').count();
                let fence = &rest[..run];
                match rest[run..].find(fence) {
                    Some(end) => {
                        out.push_str(&rest[..run + end + run]);
                        i += run + end + run;
                    }
                    None => {
                        out.push_str(&"\\`".repeat(run));
                        i += run;
                    }
                }
            }
            '[' => match parse_link(rest) {
                Some((text, target, len)) => {
                    let text = inline(text, resolve);
                    out.push_str(&render_link(&text, target, resolve));
                    i += len;
                }
                None => {
                    out.push_str("\\[");
                    i += 1;
                }
            },
            ']' => {
                out.push_str("\\]");
                i += 1;
            }
            '<' => {
                out.push_str("\\<");
                i += 1;
            }
            '>' if out.is_empty() || out.ends_with('\n') => {
                out.push_str("\\>");
                i += 1;
            }
            'h' if rest.starts_with("https://") || rest.starts_with("http://") => {
                let len = url_len(rest);
                out.push('<');
                out.push_str(&rest[..len]);
                out.push('>');
                i += len;
            }
            '\\' if i + 1 < bytes.len() => {
                // Already an escape in the source; keep the pair.
                let next = rest[1..].chars().next().expect("in bounds");
                out.push('\\');
                out.push(next);
                i += 1 + next.len_utf8();
            }
            _ => {
                out.push(c);
                i += c.len_utf8();
            }
        }
    }
    out
}

/// `[text](target)` at the start of `s`: the text, the target and the length consumed.
fn parse_link(s: &str) -> Option<(&str, &str, usize)> {
    let mut depth = 0usize;
    let mut close = None;
    for (i, c) in s.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    close = Some(i);
                    break;
                }
            }
            '\n' => return None,
            _ => {}
        }
    }
    let close = close?;
    let after = &s[close + 1..];
    if !after.starts_with('(') {
        return None;
    }
    let end = after.find(')')?;
    let target = &after[1..end];
    if target.contains(char::is_whitespace) {
        return None;
    }
    Some((&s[1..close], target, close + 1 + end + 1))
}

fn render_link(text: &str, target: &str, resolve: &dyn Fn(&str) -> Option<String>) -> String {
    if let Some(anchor) = target.strip_prefix('#') {
        return match resolve(anchor) {
            Some(path) => format!("[{text}]({path})"),
            None => format!("[{text}]({DOCS_URL}#{anchor})"),
        };
    }
    format!("[{text}]({target})")
}

fn url_len(s: &str) -> usize {
    let mut len = s
        .find(|c: char| c.is_whitespace() || c == ')' || c == '<' || c == '"')
        .unwrap_or(s.len());
    while len > 0 && matches!(s.as_bytes()[len - 1], b'.' | b',' | b';' | b':' | b'!' | b'?') {
        len -= 1;
    }
    len
}

/// The "Telegram docs" line appended to every item's rustdoc.
pub(crate) fn docs_link(anchor: &str) -> String {
    format!("[Telegram docs]({DOCS_URL}#{anchor})")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(anchor: &str) -> Option<String> {
        match anchor {
            "message" => Some("crate::types::Message".into()),
            "sendmessage" => Some("crate::Bot::send_message".into()),
            _ => None,
        }
    }

    #[test]
    fn links_to_types_become_intra_doc_links() {
        assert_eq!(
            rustdoc("The sent [Message](#message) is returned", &resolve),
            "The sent [Message](crate::types::Message) is returned"
        );
        assert_eq!(
            rustdoc("see [sendMessage](#sendmessage)", &resolve),
            "see [sendMessage](crate::Bot::send_message)"
        );
    }

    #[test]
    fn other_anchors_link_to_the_docs_page() {
        assert_eq!(
            rustdoc("[formatting options](#formatting-options)", &resolve),
            "[formatting options](https://core.telegram.org/bots/api#formatting-options)"
        );
    }

    #[test]
    fn brackets_tags_and_bare_urls_are_escaped() {
        assert_eq!(
            rustdoc("pass “attach://<file_attach_name>”", &resolve),
            "pass “attach://\\<file_attach_name>”"
        );
        assert_eq!(rustdoc("values [0, 1]", &resolve), "values \\[0, 1\\]");
        assert_eq!(rustdoc("see https://t.me/x.", &resolve), "see <https://t.me/x>.");
    }

    #[test]
    fn a_line_after_a_list_starts_a_paragraph() {
        assert_eq!(
            rustdoc("limits:\n- a\n- b\nReturns it.", &resolve),
            "limits:\n- a\n- b\n\nReturns it."
        );
    }

    #[test]
    fn code_spans_are_verbatim() {
        assert_eq!(
            rustdoc("`[a]<b>` and `https://x`", &resolve),
            "`[a]<b>` and `https://x`"
        );
    }

    #[test]
    fn external_links_are_kept() {
        assert_eq!(
            rustdoc("[blog](https://telegram.org/blog#x)", &resolve),
            "[blog](https://telegram.org/blog#x)"
        );
    }
}
