//! What `#[derive(BotCommands)]` expands to calls. Not public API.

use std::fmt::Display;
use std::str::FromStr;

use super::ParseError;

/// Whether `name` is one of `names`, without regard to ASCII case.
pub fn is(name: &str, names: &[&str]) -> bool {
    names.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// The error for a name no variant has.
pub fn unknown(name: &str) -> ParseError {
    ParseError::UnknownCommand(name.to_owned())
}

// The parse helpers report errors without the command's name; `from_command` callers get
// it filled in by `named`, so the expansion stays one line per field.
fn bad<T: FromStr>(argument: &str, value: &str) -> Result<T, ParseError>
where
    T::Err: Display,
{
    value.parse().map_err(|error: T::Err| ParseError::BadArgument {
        command: String::new(),
        argument: argument.to_owned(),
        value: value.to_owned(),
        reason: error.to_string(),
    })
}

/// A unit variant: no arguments allowed.
pub fn no_args(args: &str) -> Result<(), ParseError> {
    let found = args.split_whitespace().count();
    if found == 0 {
        Ok(())
    } else {
        Err(ParseError::TooManyArguments {
            command: String::new(),
            expected: 0,
            found,
        })
    }
}

/// A one-field variant: the whole argument text.
pub fn whole<T: FromStr>(args: &str, argument: &str) -> Result<T, ParseError>
where
    T::Err: Display,
{
    if args.is_empty() {
        return Err(ParseError::TooFewArguments {
            command: String::new(),
            expected: 1,
            found: 0,
        });
    }
    bad(argument, args)
}

/// A one-field `Option` variant: the whole argument text, if any.
pub fn whole_optional<T: FromStr>(args: &str, argument: &str) -> Result<Option<T>, ParseError>
where
    T::Err: Display,
{
    if args.is_empty() {
        Ok(None)
    } else {
        bad(argument, args).map(Some)
    }
}

/// The arguments of a variant with several fields, read in order.
#[derive(Debug)]
pub struct Args<'a> {
    parts: std::vec::IntoIter<&'a str>,
}

impl<'a> Args<'a> {
    /// Splits `args` (on whitespace, or on `separator`), checking the count.
    pub fn split(
        args: &'a str,
        separator: Option<&str>,
        required: usize,
        total: usize,
    ) -> Result<Args<'a>, ParseError> {
        let parts: Vec<&str> = match separator {
            _ if args.is_empty() => Vec::new(),
            None => args.split_whitespace().collect(),
            Some(separator) => args.split(separator).map(str::trim).collect(),
        };
        let found = parts.len();
        if found < required {
            return Err(ParseError::TooFewArguments {
                command: String::new(),
                expected: required,
                found,
            });
        }
        if found > total {
            return Err(ParseError::TooManyArguments {
                command: String::new(),
                expected: total,
                found,
            });
        }
        Ok(Args {
            parts: parts.into_iter(),
        })
    }

    /// The next argument, which `split` made sure is there.
    pub fn required<T: FromStr>(&mut self, argument: &str) -> Result<T, ParseError>
    where
        T::Err: Display,
    {
        bad(argument, self.parts.next().unwrap_or_default())
    }

    /// The next argument, if given.
    pub fn optional<T: FromStr>(&mut self, argument: &str) -> Result<Option<T>, ParseError>
    where
        T::Err: Display,
    {
        self.parts.next().map(|value| bad(argument, value)).transpose()
    }
}

/// Fills in the command's name of an error from the helpers above.
pub fn named<T>(name: &str, result: Result<T, ParseError>) -> Result<T, ParseError> {
    result.map_err(|mut error| {
        if let ParseError::TooFewArguments { command, .. }
        | ParseError::TooManyArguments { command, .. }
        | ParseError::BadArgument { command, .. } = &mut error
        {
            *command = name.to_owned();
        }
        error
    })
}
