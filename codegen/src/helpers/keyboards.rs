//! Keyboard conveniences: buttons and keyboards without struct literals (python-telegram-bot's
//! `from_button`/`from_row`/`from_column`, plus rows of callback pairs and of texts).

use proc_macro2::TokenStream;
use quote::quote;

pub(super) fn keyboards() -> TokenStream {
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
            /// A keyboard from rows of buttons.
            pub fn from_rows<R: IntoIterator<Item = InlineKeyboardButton>>(rows: impl IntoIterator<Item = R>) -> Self {
                Self::new(collect_rows(rows))
            }

            /// A keyboard of one button.
            pub fn from_button(button: InlineKeyboardButton) -> Self {
                Self::new(vec![vec![button]])
            }

            /// A keyboard of one row.
            pub fn from_row(row: impl IntoIterator<Item = InlineKeyboardButton>) -> Self {
                Self::new(vec![row.into_iter().collect()])
            }

            /// A keyboard of one column: a button per row.
            pub fn from_column(column: impl IntoIterator<Item = InlineKeyboardButton>) -> Self {
                Self::new(column.into_iter().map(|button| vec![button]).collect::<Vec<_>>())
            }

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
            /// A reply keyboard from rows of buttons.
            pub fn from_rows<R: IntoIterator<Item = KeyboardButton>>(rows: impl IntoIterator<Item = R>) -> Self {
                Self::new(collect_rows(rows))
            }

            /// A reply keyboard of one button.
            pub fn from_button(button: KeyboardButton) -> Self {
                Self::new(vec![vec![button]])
            }

            /// A reply keyboard of one row.
            pub fn from_row(row: impl IntoIterator<Item = KeyboardButton>) -> Self {
                Self::new(vec![row.into_iter().collect()])
            }

            /// A reply keyboard of one column: a button per row.
            pub fn from_column(column: impl IntoIterator<Item = KeyboardButton>) -> Self {
                Self::new(column.into_iter().map(|button| vec![button]).collect::<Vec<_>>())
            }

            /// A reply keyboard of plain text buttons, from rows of texts:
            /// `ReplyKeyboardMarkup::texts([["1", "2"], ["3", "4"]])`.
            pub fn texts<T: Into<String>, R: IntoIterator<Item = T>>(rows: impl IntoIterator<Item = R>) -> Self {
                Self::from_rows(rows.into_iter().map(|row| row.into_iter().map(KeyboardButton::new)))
            }
        }

        fn collect_rows<B, R: IntoIterator<Item = B>>(rows: impl IntoIterator<Item = R>) -> Vec<Vec<B>> {
            rows.into_iter().map(|row| row.into_iter().collect()).collect()
        }
    }
}
