//! A method's return type, read from the prose of its description.
//!
//! The docs say it in a handful of ways:
//!
//! - "On success, the sent [Message](#message) is returned."
//! - "Returns an Array of [ChatMember](#chatmember) objects."
//! - "Returns Int on success.", "Returns the new invite link as String on success."
//! - "On success, if the edited message is not an inline message, the edited
//!   [Message](#message) is returned, otherwise True is returned."
//!
//! A return sentence is one with "Returns"/"returns" or "is/are returned" in it. The types it
//! names (links to objects, and the words True, String, Int, Integer, Boolean, Float; each
//! possibly after "Array of") are its alternatives, in order. Return sentences that name no type
//! ("Returns an error, if ...") are skipped; sentences that disagree are an error.

use botapi_spec::Type;

use super::text::sentences;
use super::types::{Objects, mentioned_types};

/// The return type stated in a method description (Markdown).
pub(crate) fn parse_returns(description: &str, objects: &Objects) -> Result<Type, String> {
    let mut found: Option<(Type, String)> = None;
    for sentence in sentences(description) {
        if !is_return_sentence(sentence) {
            continue;
        }
        let Some(ty) = sentence_type(sentence, objects) else {
            continue;
        };
        match &found {
            Some((earlier, first)) if *earlier != ty => {
                return Err(format!(
                    "two return sentences disagree: `{first}` says `{earlier}`, `{}` says `{ty}`",
                    sentence
                ));
            }
            Some(_) => {}
            None => found = Some((ty, sentence.to_string())),
        }
    }
    found.map(|(ty, _)| ty).ok_or_else(|| {
        "cannot read the return type: expected a sentence like \"Returns X on success\" or \
         \"On success, X is returned\" naming True, String, Integer or an object"
            .to_string()
    })
}

fn is_return_sentence(sentence: &str) -> bool {
    let words: Vec<&str> = sentence
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().any(|w| *w == "Returns" || *w == "returns")
        || words
            .windows(2)
            .any(|w| (w[0] == "is" || w[0] == "are") && w[1] == "returned")
}

/// The alternatives a sentence names, or None when it names no type.
fn sentence_type(sentence: &str, objects: &Objects) -> Option<Type> {
    let mut alts = mentioned_types(sentence, objects);
    match alts.len() {
        0 => None,
        1 => alts.pop(),
        _ => Some(Type::OneOf(alts)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn objects() -> Objects {
        [
            "Message",
            "MessageId",
            "ChatMember",
            "Update",
            "WebhookInfo",
            "ChatInviteLink",
            "BotName",
        ]
        .into_iter()
        .map(|name| (name.to_lowercase(), name.to_string()))
        .collect()
    }

    fn r(name: &str) -> Type {
        Type::reference(name)
    }

    #[test]
    fn reads_return_sentences() {
        let cases = [
            (
                "Use this method to send text messages. On success, the sent [Message](#message) is returned.",
                r("Message"),
            ),
            (
                "Returns an Array of [ChatMember](#chatmember) objects.",
                Type::array_of(r("ChatMember")),
            ),
            (
                "An Array of [Update](#update) objects is returned.",
                Type::array_of(r("Update")),
            ),
            (
                "On success, an array of [Messages](#message) that were sent is returned.",
                Type::array_of(r("Message")),
            ),
            (
                "On success, an array of [MessageId](#messageid) of the sent messages is returned.",
                Type::array_of(r("MessageId")),
            ),
            ("Returns True on success.", Type::True),
            (
                "On success, True is returned.No more than 50 results per query are allowed.",
                Type::True,
            ),
            ("Returns Int on success.", Type::Integer),
            ("Returns the new invite link as String on success.", Type::String),
            (
                "Returns the revoked invite link as [ChatInviteLink](#chatinvitelink) object.",
                r("ChatInviteLink"),
            ),
            ("Returns [BotName](#botname) on success.", r("BotName")),
            (
                "On success, returns a [WebhookInfo](#webhookinfo) object. If the bot is using \
                 [getUpdates](#getupdates), will return an object with the *url* field empty.",
                r("WebhookInfo"),
            ),
            (
                "On success, if the edited message is not an inline message, the edited [Message](#message) \
                 is returned, otherwise *True* is returned.",
                Type::OneOf(vec![r("Message"), Type::True]),
            ),
            (
                "On success, if the edited message is not an inline message, the edited [Message](#message) \
                 is returned, otherwise True is returned.",
                Type::OneOf(vec![r("Message"), Type::True]),
            ),
            (
                "Returns True on success. Returns an error, if the new score is not greater than the \
                 user's current score in the chat and *force* is *False*.",
                Type::True,
            ),
            (
                "Returns Array of [BotCommand](#botcommand) on success.",
                Type::array_of(r("BotCommand")),
            ),
        ];
        let mut objects = objects();
        objects.insert("botcommand".into(), "BotCommand".into());
        for (text, want) in cases {
            assert_eq!(parse_returns(text, &objects), Ok(want), "{text}");
        }
    }

    #[test]
    fn rejects_missing_or_conflicting_sentences() {
        let err = parse_returns("Use this method to frobnicate.", &objects()).unwrap_err();
        assert!(err.contains("cannot read the return type"), "{err}");
        let err = parse_returns("The result is a message.", &objects()).unwrap_err();
        assert!(err.contains("cannot read the return type"), "{err}");
        let err = parse_returns(
            "Returns True on success. Returns [Message](#message).",
            &objects(),
        )
        .unwrap_err();
        assert!(err.contains("two return sentences disagree"), "{err}");
    }
}
