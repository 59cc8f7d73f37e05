//! Parity with python-telegram-bot 22.8's object shortcuts
//! (`../shared/reference/ptb-22.8/shortcuts.tsv`): every PTB shortcut has a counterpart of the
//! same name in `spec/shortcuts.toml`, or is listed below with the reason it has none. The test
//! prints the count per type.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use botapi_spec::Shortcuts;

/// PTB shortcuts without a counterpart, and why.
const WITHOUT_COUNTERPART: &[(&str, &str, &str)] = &[
    (
        "CallbackQuery",
        "copy_message",
        "PTB forwards to the query's message; use `query.message` (accessible) and `Message::copy`",
    ),
    (
        "CallbackQuery",
        "delete_message",
        "via the query's message: `Message::delete`",
    ),
    (
        "CallbackQuery",
        "edit_message_checklist",
        "via the query's message: `Message::edit_checklist`",
    ),
    (
        "CallbackQuery",
        "get_game_high_scores",
        "via the query's message: `Message::get_game_high_scores`",
    ),
    (
        "CallbackQuery",
        "pin_message",
        "via the query's message: `Message::pin`",
    ),
    (
        "CallbackQuery",
        "set_game_score",
        "via the query's message: `Message::set_game_score`",
    ),
    (
        "CallbackQuery",
        "unpin_message",
        "via the query's message: `Message::unpin`",
    ),
];

#[test]
fn every_ptb_shortcut_has_a_counterpart_or_a_reason() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/reference/ptb-22.8/shortcuts.tsv");
    let Ok(text) = std::fs::read_to_string(&file) else {
        println!(
            "SKIPPED: {} is absent; the parity check did not run",
            file.display()
        );
        return;
    };
    let ours: BTreeSet<(String, String)> = Shortcuts::bundled()
        .families
        .iter()
        .flat_map(|f| {
            f.methods
                .iter()
                .map(move |(_, name)| (f.on.clone(), name.clone()))
        })
        .collect();
    let mut per_type: BTreeMap<&str, usize> = BTreeMap::new();
    for (on, _) in &ours {
        *per_type.entry(on.as_str()).or_default() += 1;
    }
    println!("shortcuts per type: {per_type:?} ({} in all)", ours.len());

    let mut missing = Vec::new();
    let mut ptb_count = 0;
    for line in text.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (class, name) = (cols[0], cols[1]);
        ptb_count += 1;
        // PTB's base classes: _ChatBase is Chat and ChatFullInfo, _BaseMedium every file type.
        let on = match class {
            "_ChatBase" => "Chat",
            "_BaseMedium" => "Document",
            other => other,
        };
        let justified = WITHOUT_COUNTERPART
            .iter()
            .any(|(c, n, _)| *c == class && *n == name);
        if !ours.contains(&(on.to_owned(), name.to_owned())) && !justified {
            missing.push(format!("{class}.{name}"));
        }
    }
    println!(
        "{ptb_count} PTB shortcuts; {} justified without counterpart",
        WITHOUT_COUNTERPART.len()
    );
    assert!(
        missing.is_empty(),
        "PTB shortcuts without a counterpart or a reason: {missing:?}"
    );
}
