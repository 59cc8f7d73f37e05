//! The scraper: Bot API docs HTML -> [`Spec`].
//!
//! Two phases: `extract` groups the page's content by heading into raw sections (a DOM walk,
//! nothing interpreted), then `parse` turns them into the typed spec, with the prose read by
//! small functions in `facts`, `types`, `returns`, `unions` and `changelog`.

mod changelog;
mod error;
mod extract;
mod facts;
mod markdown;
mod parse;
mod returns;
mod text;
mod tokens;
mod types;
mod unions;

use botapi_spec::Spec;

pub use error::ScrapeError;

/// The official Bot API docs page.
pub const DOCS_URL: &str = "https://core.telegram.org/bots/api";

/// Scrapes a docs page into a spec.
pub fn scrape_html(html: &str) -> Result<Spec, ScrapeError> {
    let doc = extract::extract(html)?;
    parse::parse(&doc)
}

/// Fetches the docs page at `url`.
pub fn fetch(url: &str) -> Result<String, ScrapeError> {
    let fail = |e: reqwest::Error| ScrapeError::Fetch(format!("{url}: {e}"));
    let response = reqwest::blocking::get(url)
        .map_err(fail)?
        .error_for_status()
        .map_err(fail)?;
    response.text().map_err(fail)
}
