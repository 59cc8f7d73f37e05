//! The Telegram Bot API as data.
//!
//! [`Spec`] is the serde model of `api.json`, which `cargo xtask regen` scrapes from the official
//! docs page. Everything downstream (codegen, the test-kit's request validation, the API diff)
//! reads this model, never the HTML.

mod helpers;
mod model;
mod overrides;
pub mod sample;
mod shortcuts;
mod validate;

pub use helpers::{HELPERS_TOML, Helpers, MessageContent, NamedLimit};
pub use model::*;
pub use overrides::{CuratedUnion, ExtraEnum, OVERRIDES_TOML, Overrides};
pub use shortcuts::{Family, PathField, SHORTCUTS_TOML, Shortcuts, resolve_path};
pub use validate::ValidationError;

/// The committed `api.json`, as text.
pub const API_JSON: &str = include_str!("../api.json");

impl Spec {
    /// Parses a spec from its JSON text.
    pub fn from_json(text: &str) -> Result<Spec, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// The spec committed with this crate (`spec/api.json`).
    pub fn bundled() -> Spec {
        Spec::from_json(API_JSON).expect("the committed spec/api.json parses (checked by tests)")
    }

    /// The JSON text written to `api.json`: pretty-printed, doc order, trailing newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("the spec model always serializes");
        text.push('\n');
        text
    }
}
