//! `#[derive(BotCommands)]`: names, aliases, argument shapes, errors and the command list.

use botapi_ext::commands::{BotCommands, ParseError};

#[derive(BotCommands, Debug, PartialEq)]
#[command(description = "These commands are supported:")]
enum Command {
    #[command(description = "show this text")]
    Help,
    #[command(description = "greet someone", alias = "hi", alias = "hello")]
    Greet(String),
    #[command(description = "remember an age")]
    Age(u8),
    #[command(description = "note a name and an age")]
    UsernameAndAge { username: String, age: u8 },
    #[command(description = "a reminder", rename = "remind")]
    Reminder { minutes: u32, text: Option<String> },
    #[command(description = "a maybe", separator = ",")]
    Pair(i32, Option<i32>),
    #[command(description = "optional text")]
    Note(Option<String>),
    #[command(hide)]
    Secret,
}

#[derive(BotCommands, Debug, PartialEq)]
#[command(rename_rule = "snake_case")]
enum Snake {
    #[command(description = "set a name")]
    SetName(String),
}

#[test]
fn names_are_lowercase_by_default_and_matched_without_case() {
    assert_eq!(Command::parse("/help", None), Ok(Command::Help));
    assert_eq!(Command::parse("/HELP", None), Ok(Command::Help));
    assert_eq!(
        Command::parse("/usernameandage ada 36", None),
        Ok(Command::UsernameAndAge {
            username: "ada".into(),
            age: 36
        })
    );
    assert_eq!(Snake::parse("/set_name x", None), Ok(Snake::SetName("x".into())));
    assert_eq!(
        Snake::parse("/setname x", None),
        Err(ParseError::UnknownCommand("setname".into()))
    );
}

#[test]
fn aliases_and_renames_parse_as_the_command() {
    for text in [
        "/greet Ada Lovelace",
        "/hi Ada Lovelace",
        "/Hello   Ada Lovelace  ",
    ] {
        assert_eq!(
            Command::parse(text, None),
            Ok(Command::Greet("Ada Lovelace".into())),
            "{text}"
        );
    }
    assert_eq!(
        Command::parse("/remind 5 tea is ready", None),
        Err(ParseError::TooManyArguments {
            command: "remind".into(),
            expected: 2,
            found: 4
        })
    );
    assert_eq!(
        Command::parse("/remind 5 tea", None),
        Ok(Command::Reminder {
            minutes: 5,
            text: Some("tea".into())
        })
    );
    assert_eq!(
        Command::parse("/remind 5", None),
        Ok(Command::Reminder {
            minutes: 5,
            text: None
        })
    );
    assert_eq!(
        Command::parse("/reminder 5", None),
        Err(ParseError::UnknownCommand("reminder".into()))
    );
}

#[test]
fn addressing_another_bot_is_refused() {
    assert_eq!(Command::parse("/help@my_bot", Some("My_Bot")), Ok(Command::Help));
    assert_eq!(
        Command::parse("/help@other_bot", Some("my_bot")),
        Err(ParseError::OtherBot("other_bot".into()))
    );
    assert_eq!(
        Command::parse("/help@my_bot", None),
        Err(ParseError::OtherBot("my_bot".into()))
    );
    assert_eq!(Command::parse("help", None), Err(ParseError::NotACommand));
}

#[test]
fn argument_errors_name_the_command_and_the_field() {
    assert_eq!(
        Command::parse("/age old", None),
        Err(ParseError::BadArgument {
            command: "age".into(),
            argument: "argument 1".into(),
            value: "old".into(),
            reason: "invalid digit found in string".into(),
        })
    );
    let error = Command::parse("/usernameandage ada many", None).unwrap_err();
    assert_eq!(
        error.to_string(),
        "`/usernameandage`: `many` is not a valid age (invalid digit found in string)"
    );
    assert_eq!(
        Command::parse("/usernameandage ada", None),
        Err(ParseError::TooFewArguments {
            command: "usernameandage".into(),
            expected: 2,
            found: 1
        })
    );
    assert_eq!(
        Command::parse("/greet", None),
        Err(ParseError::TooFewArguments {
            command: "greet".into(),
            expected: 1,
            found: 0
        })
    );
    assert_eq!(
        Command::parse("/help me", None),
        Err(ParseError::TooManyArguments {
            command: "help".into(),
            expected: 0,
            found: 1
        })
    );
}

#[test]
fn separators_and_optional_fields() {
    assert_eq!(Command::parse("/pair 1, 2", None), Ok(Command::Pair(1, Some(2))));
    assert_eq!(Command::parse("/pair 1", None), Ok(Command::Pair(1, None)));
    assert_eq!(Command::parse("/note", None), Ok(Command::Note(None)));
    assert_eq!(
        Command::parse("/note a b", None),
        Ok(Command::Note(Some("a b".into())))
    );
    assert_eq!(Command::parse("/secret", None), Ok(Command::Secret));
}

#[test]
fn the_listed_commands_leave_hidden_ones_out_and_keep_the_order() {
    let listed: Vec<(String, String)> = Command::bot_commands()
        .into_iter()
        .map(|c| (c.command, c.description))
        .collect();
    assert_eq!(
        listed.iter().map(|(c, _)| c.as_str()).collect::<Vec<_>>(),
        ["help", "greet", "age", "usernameandage", "remind", "pair", "note"]
    );
    assert_eq!(listed[1].1, "greet someone");
    let help = Command::descriptions();
    assert!(
        help.starts_with("These commands are supported:\n/help — show this text\n/greet — greet someone"),
        "{help}"
    );
    assert!(!help.contains("secret"));
    assert_eq!(Snake::descriptions(), "/set_name — set a name");
}
