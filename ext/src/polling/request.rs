//! The `getUpdates` call of the poller: its result is read element by element, so that one
//! element that is not an update never fails its batch.

use std::time::Duration;

use botapi::{Bot, Method};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::value::RawValue;

/// `getUpdates` with a raw result.
#[derive(Debug, Clone)]
pub(crate) struct PollRequest {
    pub(crate) offset: Option<i64>,
    pub(crate) limit: u8,
    pub(crate) timeout: Duration,
    pub(crate) allowed_updates: Option<Vec<String>>,
}

impl PollRequest {
    pub(crate) async fn send(&self, bot: &Bot) -> Result<Vec<Box<RawValue>>, botapi::Error> {
        bot.client().call(self, Default::default()).await
    }
}

impl Serialize for PollRequest {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        if let Some(offset) = self.offset {
            map.serialize_entry("offset", &offset)?;
        }
        map.serialize_entry("limit", &self.limit)?;
        map.serialize_entry("timeout", &self.timeout.as_secs())?;
        if let Some(allowed) = &self.allowed_updates {
            map.serialize_entry("allowed_updates", allowed)?;
        }
        map.end()
    }
}

impl Method for PollRequest {
    const NAME: &'static str = "getUpdates";
    type Output = Vec<Box<RawValue>>;

    fn long_poll_timeout(&self) -> Option<u64> {
        Some(self.timeout.as_secs())
    }
}
