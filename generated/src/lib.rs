//! Telegram Bot API bindings generated from the official documentation.
