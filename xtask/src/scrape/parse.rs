//! Phase two: raw sections -> the typed [`Spec`].

use botapi_spec::{Field, Method, Object, ObjectKind, Spec, Type};

use super::changelog::parse_release;
use super::error::{Location, ScrapeError};
use super::extract::{RawBlock, RawDoc, RawEntry, RawTable};
use super::facts::facts;
use super::returns::parse_returns;
use super::types::{Objects, parse_type};
use super::unions::{resolve_discriminators, union_of};

/// Sections that document how to use the API rather than the API itself: their `<h4>`s are
/// dates and prose.
const NO_ITEMS: [&str; 4] = [
    "Recent changes",
    "Authorizing your bot",
    "Making requests",
    "Using a Local Bot API Server",
];

const FIELD_HEADERS: [&str; 3] = ["Field", "Type", "Description"];
const PARAM_HEADERS: [&str; 4] = ["Parameter", "Type", "Required", "Description"];

/// What an `<h4>` documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EntryKind {
    /// A heading with a space in it ("Sending files", "June 11, 2026"): prose.
    Prose,
    /// `Message`: starts uppercase.
    Object,
    /// `sendMessage`: starts lowercase.
    Method,
}

/// Classifies an `<h4>` by its text; None when it is neither prose nor a name.
pub(crate) fn entry_kind(title: &str) -> Option<EntryKind> {
    if title.contains(' ') {
        return Some(EntryKind::Prose);
    }
    if !title.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    match title.chars().next()? {
        c if c.is_ascii_uppercase() => Some(EntryKind::Object),
        c if c.is_ascii_lowercase() => Some(EntryKind::Method),
        _ => None,
    }
}

/// The typed spec of a whole page.
pub(crate) fn parse(doc: &RawDoc) -> Result<Spec, ScrapeError> {
    let release = doc
        .sections
        .iter()
        .find(|s| s.title == "Recent changes")
        .ok_or_else(|| ScrapeError::page("no \"Recent changes\" section: cannot tell the version"))?;
    let newest = release.entries.first().ok_or_else(|| {
        ScrapeError::page("the \"Recent changes\" section has no dated entry: cannot tell the version")
    })?;
    let release = parse_release(newest).map_err(|message| {
        Location {
            section: "Recent changes",
            anchor: &newest.anchor,
        }
        .error(message)
    })?;

    // Every object's anchor first, so that type cells can refer to objects documented later.
    let mut anchors = Objects::new();
    for (_, entry) in api_entries(doc)? {
        if entry_kind(&entry.title) == Some(EntryKind::Object) {
            anchors.insert(entry.anchor.clone(), entry.title.clone());
        }
    }

    let mut objects = Vec::new();
    let mut methods = Vec::new();
    for (section, entry) in api_entries(doc)? {
        let at = Location {
            section,
            anchor: &entry.anchor,
        };
        match entry_kind(&entry.title) {
            Some(EntryKind::Object) => objects.push(parse_object(at, entry, &anchors)?),
            Some(EntryKind::Method) => methods.push(parse_method(at, entry, &anchors)?),
            Some(EntryKind::Prose) | None => {}
        }
    }
    resolve_discriminators(&mut objects)?;

    Ok(Spec {
        version: release.version,
        release_date: release.date,
        changelog: release.changelog,
        objects,
        methods,
    })
}

/// Every `<h4>` of the API sections that names an object or a method, with its section title.
fn api_entries(doc: &RawDoc) -> Result<Vec<(&str, &RawEntry)>, ScrapeError> {
    let mut out = Vec::new();
    for section in doc
        .sections
        .iter()
        .filter(|s| !NO_ITEMS.contains(&s.title.as_str()))
    {
        for entry in &section.entries {
            let at = Location {
                section: &section.title,
                anchor: &entry.anchor,
            };
            match entry_kind(&entry.title) {
                Some(EntryKind::Prose) => {}
                Some(_) => out.push((section.title.as_str(), entry)),
                None => {
                    return Err(at.error(format!(
                        "cannot classify heading `{}`: expected an object name (`Message`), a method \
                         name (`sendMessage`) or prose with spaces",
                        entry.title
                    )));
                }
            }
        }
    }
    Ok(out)
}

/// The blocks of an entry: the description (everything before the table) and the table.
struct EntryParts<'a> {
    description: Vec<&'a RawBlock>,
    table: Option<&'a RawTable>,
}

fn split_entry<'a>(at: Location<'_>, entry: &'a RawEntry) -> Result<EntryParts<'a>, ScrapeError> {
    let mut parts = EntryParts {
        description: Vec::new(),
        table: None,
    };
    for block in &entry.blocks {
        match block {
            RawBlock::Table(table) if parts.table.is_none() => parts.table = Some(table),
            RawBlock::Table(table) => {
                return Err(at.error(format!(
                    "a second table (headers {:?}): expected at most one table per entry",
                    table.headers
                )));
            }
            // Blocks after the table are notes on the whole entry (getUpdates' "Notes", getFile's
            // "Note:", CallbackQuery's "NOTE:") or, after the last entry, the page's footer. The
            // description is what comes before the table, as the docs present it.
            _ if parts.table.is_some() => {}
            RawBlock::Decoration => {}
            RawBlock::Text(_) | RawBlock::List { .. } => parts.description.push(block),
            RawBlock::Other { tag, .. } => {
                return Err(at.error(format!(
                    "unexpected <{tag}> in the entry `{}`: expected <p>, <blockquote>, <ul>, <ol> or \
                     <table>",
                    entry.title
                )));
            }
        }
    }
    Ok(parts)
}

fn description(blocks: &[&RawBlock]) -> String {
    blocks
        .iter()
        .map(|b| b.markdown())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn parse_object(at: Location<'_>, entry: &RawEntry, objects: &Objects) -> Result<Object, ScrapeError> {
    let parts = split_entry(at, entry)?;
    let kind = match parts.table {
        Some(table) => ObjectKind::Fields(parse_fields(at, table, objects)?),
        None => match union_of(at, &parts.description, objects)? {
            Some(union) => ObjectKind::Union(union),
            // InputFile, CallbackGame, ForumTopicClosed, ...: "holds no information".
            None => ObjectKind::Fields(Vec::new()),
        },
    };
    Ok(Object {
        name: entry.title.clone(),
        anchor: entry.anchor.clone(),
        section: at.section.to_string(),
        description: description(&parts.description),
        kind,
    })
}

fn parse_fields(at: Location<'_>, table: &RawTable, objects: &Objects) -> Result<Vec<Field>, ScrapeError> {
    check_headers(at, table, &FIELD_HEADERS)?;
    table
        .rows
        .iter()
        .map(|row| {
            let [name, ty, description] = row_cells::<3>(at, row)?;
            let item = format!("field `{name}`");
            let ty = parse_type(ty, objects).map_err(|m| at.item_error(&item, m))?;
            let required = !description.starts_with("*Optional*");
            Ok(field(name, ty, required, description))
        })
        .collect()
}

fn parse_method(at: Location<'_>, entry: &RawEntry, objects: &Objects) -> Result<Method, ScrapeError> {
    let parts = split_entry(at, entry)?;
    let description = description(&parts.description);
    let params = match parts.table {
        Some(table) => parse_params(at, table, objects)?,
        None => Vec::new(),
    };
    let returns = parse_returns(&description, objects).map_err(|m| at.error(m))?;
    Ok(Method {
        name: entry.title.clone(),
        anchor: entry.anchor.clone(),
        section: at.section.to_string(),
        description,
        params,
        returns,
    })
}

fn parse_params(at: Location<'_>, table: &RawTable, objects: &Objects) -> Result<Vec<Field>, ScrapeError> {
    check_headers(at, table, &PARAM_HEADERS)?;
    table
        .rows
        .iter()
        .map(|row| {
            let [name, ty, required, description] = row_cells::<4>(at, row)?;
            let item = format!("parameter `{name}`");
            let ty = parse_type(ty, objects).map_err(|m| at.item_error(&item, m))?;
            let required = match required.as_str() {
                "Yes" => true,
                "Optional" => false,
                other => {
                    return Err(at.item_error(
                        &item,
                        format!("Required column says `{other}`: expected `Yes` or `Optional`"),
                    ));
                }
            };
            Ok(field(name, ty, required, description))
        })
        .collect()
}

fn field(name: &str, ty: Type, required: bool, description: &str) -> Field {
    Field {
        name: name.to_string(),
        facts: facts(description, &ty),
        ty,
        required,
        description: description.to_string(),
    }
}

fn check_headers(at: Location<'_>, table: &RawTable, expected: &[&str]) -> Result<(), ScrapeError> {
    if table
        .headers
        .iter()
        .map(String::as_str)
        .eq(expected.iter().copied())
    {
        Ok(())
    } else {
        Err(at.error(format!(
            "a table with headers {:?}: expected {expected:?}",
            table.headers
        )))
    }
}

fn row_cells<'r, const N: usize>(
    at: Location<'_>,
    row: &'r [String],
) -> Result<[&'r String; N], ScrapeError> {
    let cells: Vec<&String> = row.iter().collect();
    let first = row.first().map(String::as_str).unwrap_or_default();
    let cells: [&String; N] = cells.try_into().map_err(|cells: Vec<&String>| {
        at.item_error(
            format!("row `{first}`"),
            format!("{} cells: expected {N}, one per column", cells.len()),
        )
    })?;
    if !is_wire_name(cells[0]) {
        return Err(at.item_error(
            format!("row `{first}`"),
            "the name cell is not a plain snake_case name".to_string(),
        ));
    }
    Ok(cells)
}

/// Field and parameter names are plain snake_case (`chat_id`, `type`).
fn is_wire_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_headings() {
        let cases = [
            ("Message", Some(EntryKind::Object)),
            ("sendMessage", Some(EntryKind::Method)),
            ("Sending files", Some(EntryKind::Prose)),
            ("June 11, 2026", Some(EntryKind::Prose)),
            ("2fa", None),
            ("Some-thing", None),
            ("", None),
        ];
        for (title, want) in cases {
            assert_eq!(entry_kind(title), want, "{title}");
        }
    }
}
