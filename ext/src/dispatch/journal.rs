//! A journal of received and finished updates: with one, at-least-once delivery survives a
//! crash without handling a finished update twice, and long polling is no longer held back
//! by a slow update.
//!
//! Without a journal, an update is confirmed to Telegram only when it and every older one
//! have finished, so Telegram holds what is not finished: after a crash it delivers it again,
//! but it also delivers again what had finished behind a slower update, and polling cannot
//! fetch more than one batch past the oldest unfinished update. With a journal, every update
//! is written to it when it arrives (before Telegram is told), and marked when it finishes:
//! Telegram can be told at once, a restart replays what had not finished, and what had
//! finished is recognised if Telegram delivers it again.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// What a journal holds at start.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Journaled {
    /// Updates that finished (and might be delivered again by Telegram).
    pub finished: Vec<i64>,
    /// Updates that arrived and did not finish, with their raw JSON: handled again at start.
    pub unfinished: Vec<(i64, String)>,
}

/// Where updates are recorded when they arrive and when they finish: the slot for a durable
/// or shared store (a local file here; a database or Redis for several instances).
pub trait UpdateJournal: Send + Sync + 'static {
    /// What the journal holds, read once when the application is built.
    fn load(&self) -> io::Result<Journaled>;

    /// An update arrived. Once this returns `Ok`, the update is safe in the journal and may be
    /// confirmed to Telegram before it is handled.
    fn accepted(&self, update_id: i64, raw: &str) -> io::Result<()>;

    /// An update's handlers finished.
    fn finished(&self, update_id: i64) -> io::Result<()>;

    /// Telegram confirmed every update below `offset`: it will not deliver them again, so
    /// finished ones below it may be forgotten.
    fn confirmed(&self, offset: i64) -> io::Result<()>;
}

/// A journal in a local file: one line per event, appended with a single `write` (which
/// survives the process being killed; it is not fsync'ed, so a power loss may lose the last
/// lines), compacted as updates finish and are confirmed.
#[derive(Debug)]
pub struct FileJournal {
    path: PathBuf,
    state: Mutex<FileState>,
}

#[derive(Debug, Default)]
struct Contents {
    /// Arrived and not finished, with the raw JSON.
    unfinished: BTreeMap<i64, String>,
    /// Finished, not yet known to be confirmed.
    finished: BTreeSet<i64>,
}

#[derive(Debug)]
struct FileState {
    file: File,
    contents: Contents,
    /// Lines in the file, to decide when rewriting it pays off.
    lines: usize,
}

impl FileJournal {
    /// Opens (or creates) the journal at `path`.
    pub fn open(path: impl AsRef<Path>) -> io::Result<FileJournal> {
        let path = path.as_ref().to_owned();
        let (contents, lines) = read(&path)?;
        let mut file = OpenOptions::new().create(true).append(true).open(&path)?;
        // A crash may have torn the last line: end it, so the next one starts afresh.
        let torn = std::fs::read(&path).map(|bytes| bytes.last().is_some_and(|b| *b != b'\n'))?;
        if torn {
            file.write_all(b"\n")?;
        }
        Ok(FileJournal {
            path,
            state: Mutex::new(FileState {
                file,
                contents,
                lines,
            }),
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, FileState> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn append(&self, state: &mut FileState, line: &str) -> io::Result<()> {
        state.file.write_all(line.as_bytes())?;
        state.lines += 1;
        Ok(())
    }

    /// Rewrites the file with what is still needed, once most lines are stale: amortized, and
    /// never on every update. The rename replaces it atomically: a crash leaves the old file
    /// or the new one.
    fn compact(&self, state: &mut FileState) -> io::Result<()> {
        let live = state.contents.unfinished.len() + state.contents.finished.len();
        if state.lines < 1024 || state.lines < 4 * live {
            return Ok(());
        }
        let mut text = String::new();
        for (id, raw) in &state.contents.unfinished {
            text.push_str(&format!("A {id} {raw}\n"));
        }
        for id in &state.contents.finished {
            text.push_str(&format!("F {id}\n"));
        }
        let temporary = self.path.with_extension("compacting");
        std::fs::write(&temporary, text)?;
        std::fs::rename(&temporary, &self.path)?;
        state.file = OpenOptions::new().append(true).open(&self.path)?;
        state.lines = live;
        Ok(())
    }
}

fn read(path: &Path) -> io::Result<(Contents, usize)> {
    let mut contents = Contents::default();
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((contents, 0)),
        Err(e) => return Err(e),
    };
    let mut lines = 0;
    for line in BufReader::new(file).lines() {
        let line = line?;
        lines += 1;
        // A line cut short by a crash mid-write does not parse and is skipped: its update is
        // delivered again by Telegram (it was not confirmed), which at-least-once allows.
        let mut parts = line.splitn(3, ' ');
        let (Some(tag), Some(id)) = (parts.next(), parts.next().and_then(|id| id.parse().ok())) else {
            continue;
        };
        match (tag, parts.next()) {
            ("A", Some(raw))
                if serde_json::from_str::<serde::de::IgnoredAny>(raw).is_ok()
                    && !contents.finished.contains(&id) =>
            {
                contents.unfinished.insert(id, raw.to_owned());
            }
            ("F", None) => {
                contents.unfinished.remove(&id);
                contents.finished.insert(id);
            }
            ("C", None) => {
                contents.finished = contents.finished.split_off(&id);
            }
            _ => {}
        }
    }
    Ok((contents, lines))
}

impl UpdateJournal for FileJournal {
    fn load(&self) -> io::Result<Journaled> {
        let state = self.lock();
        Ok(Journaled {
            finished: state.contents.finished.iter().copied().collect(),
            unfinished: state
                .contents
                .unfinished
                .iter()
                .map(|(id, raw)| (*id, raw.clone()))
                .collect(),
        })
    }

    fn accepted(&self, update_id: i64, raw: &str) -> io::Result<()> {
        // One line per event: the raw JSON of an update never holds a raw newline.
        let raw = raw.replace('\n', " ");
        let mut state = self.lock();
        self.append(&mut state, &format!("A {update_id} {raw}\n"))?;
        state.contents.unfinished.insert(update_id, raw);
        Ok(())
    }

    fn finished(&self, update_id: i64) -> io::Result<()> {
        let mut state = self.lock();
        self.append(&mut state, &format!("F {update_id}\n"))?;
        state.contents.unfinished.remove(&update_id);
        state.contents.finished.insert(update_id);
        self.compact(&mut state)
    }

    fn confirmed(&self, offset: i64) -> io::Result<()> {
        let mut state = self.lock();
        let below = state.contents.finished.range(..offset).next().is_some();
        if !below {
            return Ok(());
        }
        state.contents.finished = state.contents.finished.split_off(&offset);
        self.append(&mut state, &format!("C {offset}\n"))?;
        self.compact(&mut state)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("botapi-ext-journal-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("journal");
        let _ = std::fs::remove_file(&path);
        path
    }

    #[test]
    fn unfinished_updates_survive_a_reopen_and_finished_ones_are_remembered() {
        let path = scratch("reopen");
        let journal = FileJournal::open(&path).unwrap();
        journal.accepted(5, r#"{"update_id":5}"#).unwrap();
        journal.accepted(6, "{\"update_id\":6,\n\"x\":1}").unwrap();
        journal.accepted(7, r#"{"update_id":7}"#).unwrap();
        journal.finished(6).unwrap();
        drop(journal);
        // A line torn by a crash is ignored.
        OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap()
            .write_all(b"A 8 {\"upd")
            .unwrap();
        let journal = FileJournal::open(&path).unwrap();
        let loaded = journal.load().unwrap();
        assert_eq!(loaded.finished, [6]);
        assert_eq!(
            loaded.unfinished,
            [
                (5, r#"{"update_id":5}"#.to_owned()),
                (7, r#"{"update_id":7}"#.to_owned())
            ]
        );
        journal.confirmed(7).unwrap();
        drop(journal);
        let loaded = FileJournal::open(&path).unwrap().load().unwrap();
        assert!(loaded.finished.is_empty(), "confirmed finished ids are forgotten");
        assert_eq!(
            loaded.unfinished.len(),
            2,
            "unfinished ones are kept until they finish"
        );
        std::fs::remove_dir_all(path.parent().unwrap()).unwrap();
    }

    #[test]
    fn the_file_is_compacted_to_what_is_still_needed() {
        let path = scratch("compact");
        let journal = FileJournal::open(&path).unwrap();
        for id in 1..=3000 {
            journal.accepted(id, "{}").unwrap();
            journal.finished(id).unwrap();
        }
        journal.accepted(3001, "{}").unwrap();
        journal.confirmed(3000).unwrap();
        let lines = std::fs::read_to_string(&path).unwrap().lines().count();
        assert!(lines < 1100, "compacted: {lines} lines");
        drop(journal);
        let loaded = FileJournal::open(&path).unwrap().load().unwrap();
        assert_eq!(loaded.finished, [3000]);
        assert_eq!(loaded.unfinished, [(3001, "{}".to_owned())]);
        std::fs::remove_dir_all(path.parent().unwrap()).unwrap();
    }
}
