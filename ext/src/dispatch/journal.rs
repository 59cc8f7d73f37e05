//! A journal of finished updates, so that a restart after a crash does not handle again the
//! updates that had finished but were not confirmed to Telegram yet.
//!
//! With at-least-once delivery, Telegram learns which updates were handled at the next
//! `getUpdates` call; updates that finished behind a slower, older one stay unconfirmed until
//! that one finishes too. If the process dies meanwhile, Telegram delivers all of them again.
//! The in-memory ledger forgets what had finished; a journal remembers it.

use std::collections::BTreeSet;
use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Where finished update ids are recorded until Telegram has confirmed them: the slot for a
/// durable or shared store (a file here; Redis for several instances).
pub trait UpdateJournal: Send + Sync + 'static {
    /// The ids recorded as finished and not known to be confirmed, read at start.
    fn load(&self) -> io::Result<Vec<i64>>;

    /// Records that an update finished. Called once per update, right after its handlers.
    fn record(&self, update_id: i64) -> io::Result<()>;

    /// Telegram confirmed every update below `offset`: their ids may be forgotten.
    fn confirmed(&self, offset: i64) -> io::Result<()>;
}

/// A journal in a local file: one line per finished update, appended with a single `write`
/// (which survives the process being killed; add an fsync policy of your own for power
/// loss), compacted as confirmations arrive.
#[derive(Debug)]
pub struct FileJournal {
    path: PathBuf,
    state: Mutex<FileState>,
}

#[derive(Debug)]
struct FileState {
    file: File,
    /// Ids in the file that are not confirmed yet.
    pending: BTreeSet<i64>,
    /// Lines in the file, to decide when rewriting it pays off.
    lines: usize,
}

impl FileJournal {
    /// Opens (or creates) the journal at `path`.
    pub fn open(path: impl AsRef<Path>) -> io::Result<FileJournal> {
        let path = path.as_ref().to_owned();
        let pending = read_ids(&path)?;
        let file = OpenOptions::new().create(true).append(true).open(&path)?;
        let lines = pending.len();
        Ok(FileJournal {
            path,
            state: Mutex::new(FileState { file, pending, lines }),
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, FileState> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn read_ids(path: &Path) -> io::Result<BTreeSet<i64>> {
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(BTreeSet::new()),
        Err(e) => return Err(e),
    };
    let mut ids = BTreeSet::new();
    for line in BufReader::new(file).lines() {
        // A line cut short by a crash mid-write is skipped: its update is handled again,
        // which at-least-once allows.
        if let Ok(id) = line?.trim().parse() {
            ids.insert(id);
        }
    }
    Ok(ids)
}

impl UpdateJournal for FileJournal {
    fn load(&self) -> io::Result<Vec<i64>> {
        Ok(self.lock().pending.iter().copied().collect())
    }

    fn record(&self, update_id: i64) -> io::Result<()> {
        let mut state = self.lock();
        state.file.write_all(format!("{update_id}\n").as_bytes())?;
        state.pending.insert(update_id);
        state.lines += 1;
        Ok(())
    }

    fn confirmed(&self, offset: i64) -> io::Result<()> {
        let mut state = self.lock();
        state.pending = state.pending.split_off(&offset);
        // Rewrite once most lines are stale: amortized, and never on every update.
        if state.lines < 1024 || state.lines < 4 * state.pending.len() {
            return Ok(());
        }
        let temporary = self.path.with_extension("compacting");
        let mut text = String::new();
        for id in &state.pending {
            text.push_str(&id.to_string());
            text.push('\n');
        }
        std::fs::write(&temporary, text)?;
        // The rename replaces the file atomically: a crash leaves the old or the new one.
        std::fs::rename(&temporary, &self.path)?;
        state.file = OpenOptions::new().append(true).open(&self.path)?;
        state.lines = state.pending.len();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_until_confirmed_across_reopen_and_compacts() {
        let dir = std::env::temp_dir().join(format!("botapi-ext-journal-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("journal");
        let _ = std::fs::remove_file(&path);
        let journal = FileJournal::open(&path).unwrap();
        for id in [5, 7, 6] {
            journal.record(id).unwrap();
        }
        drop(journal);
        // A torn last line from a crash is ignored.
        std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap()
            .write_all(b"12")
            .unwrap();
        std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap()
            .write_all(b"\n1x")
            .unwrap();
        let journal = FileJournal::open(&path).unwrap();
        assert_eq!(journal.load().unwrap(), [5, 6, 7, 12]);
        journal.confirmed(7).unwrap();
        assert_eq!(journal.load().unwrap(), [7, 12]);
        for id in 100..2100 {
            journal.record(id).unwrap();
        }
        journal.confirmed(2099).unwrap();
        let lines = std::fs::read_to_string(&path).unwrap().lines().count();
        assert_eq!(lines, 1, "compacted to the one unconfirmed id");
        drop(journal);
        assert_eq!(FileJournal::open(&path).unwrap().load().unwrap(), [2099]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
