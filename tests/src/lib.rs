//! A loopback fake Telegram Bot API server for testing bots offline.
