//! Project automation behind `cargo xtask`: scrape the Bot API docs into `spec/api.json`,
//! regenerate the `botapi` crate, and diff two API versions.
//!
//! - [`scrape`]: docs HTML -> [`botapi_spec::Spec`].
//! - [`regen`]: spec -> `spec/api.json` and the generated sources, with `--check`.
//! - [`diff`]: a Markdown changelog between two docs pages or spec files.
//! - [`bench`](mod@bench): scrape timing and peak memory.
//! - [`bench_compile`]: compile times of a minimal bot on this crate and on teloxide-core.

pub mod bench;
pub mod bench_compile;
pub mod diff;
pub mod regen;
pub mod scrape;
