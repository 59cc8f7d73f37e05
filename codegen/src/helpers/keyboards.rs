//! Keyboard conveniences: buttons and keyboards without struct literals (python-telegram-bot's
//! `from_button`/`from_row`/`from_column`, plus rows of callback pairs and of texts).

use proc_macro2::TokenStream;
use quote::quote;

/// `from_rows`, `from_button`, `from_row` and `from_column` of a keyboard over its button type
/// (both keyboards are rows of buttons plus options).
fn layouts(button: TokenStream, what: &str) -> TokenStream {
    let rows = format!("{what} from rows of buttons.");
    let one = format!("{what} of one button.");
    let row = format!("{what} of one row.");
    let column = format!("{what} of one column: a button per row.");
    quote! {
        #[doc = #rows]
        pub fn from_rows<R: IntoIterator<Item = #button>>(rows: impl IntoIterator<Item = R>) -> Self {
            Self::new(rows.into_iter().map(|row| row.into_iter().collect::<Vec<_>>()).collect::<Vec<_>>())
        }

        #[doc = #one]
        pub fn from_button(button: #button) -> Self {
            Self::new(vec![vec![button]])
        }

        #[doc = #row]
        pub fn from_row(row: impl IntoIterator<Item = #button>) -> Self {
            Self::new(vec![row.into_iter().collect()])
        }

        #[doc = #column]
        pub fn from_column(column: impl IntoIterator<Item = #button>) -> Self {
            Self::new(column.into_iter().map(|button| vec![button]).collect::<Vec<_>>())
        }
    }
}

pub(super) fn keyboards() -> TokenStream {
    let inline = layouts(quote!(InlineKeyboardButton), "A keyboard");
    let reply = layouts(quote!(KeyboardButton), "A reply keyboard");
    quote! {
        impl InlineKeyboardButton {
            /// A button that sends `data` (1-64 bytes) to the bot in a callback query.
            pub fn callback(text: impl Into<String>, data: impl Into<String>) -> Self {
                Self::new(text).callback_data(data)
            }

            /// A button that opens `url`.
            pub fn link(text: impl Into<String>, url: impl Into<String>) -> Self {
                Self::new(text).url(url)
            }
        }

        impl InlineKeyboardMarkup {
            #inline

            /// A keyboard of callback buttons, from rows of `(text, data)` pairs:
            /// `InlineKeyboardMarkup::callbacks([[("Yes", "y"), ("No", "n")]])`.
            pub fn callbacks<T, D, R>(rows: impl IntoIterator<Item = R>) -> Self
            where
                T: Into<String>,
                D: Into<String>,
                R: IntoIterator<Item = (T, D)>,
            {
                Self::from_rows(rows.into_iter().map(|row| {
                    row.into_iter().map(|(text, data)| InlineKeyboardButton::callback(text, data))
                }))
            }
        }

        impl ReplyKeyboardMarkup {
            #reply

            /// A reply keyboard of plain text buttons, from rows of texts:
            /// `ReplyKeyboardMarkup::texts([["1", "2"], ["3", "4"]])`.
            pub fn texts<T: Into<String>, R: IntoIterator<Item = T>>(rows: impl IntoIterator<Item = R>) -> Self {
                Self::from_rows(rows.into_iter().map(|row| row.into_iter().map(KeyboardButton::new)))
            }
        }
    }
}
