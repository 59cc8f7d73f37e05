//! The upload collector: gathers the files of one payload while it is serialized.
//!
//! `serde_json::to_value` runs synchronously, so the collector is a thread-local that is set
//! for exactly the duration of that call. `InputFile::serialize` registers each upload here and
//! writes the reference this returns in its place.

use std::cell::RefCell;
use std::path::Path;

use crate::input_file::{Source, Upload};

/// An upload found in a payload, and the name its multipart part is sent under.
#[derive(Clone)]
pub(crate) struct Collected {
    /// The part name (also the `attach://` name).
    pub(crate) name: String,
    /// What to send.
    pub(crate) upload: Upload,
}

struct Collector {
    local_mode: bool,
    files: Vec<Collected>,
}

thread_local! {
    static COLLECTOR: RefCell<Option<Collector>> = const { RefCell::new(None) };
}

/// The prefix of generated part names. No Bot API parameter has this name.
const PART_PREFIX: &str = "upload";

/// Runs `serialize` with a collector active and returns its result and the uploads it met.
pub(crate) fn collect<T>(local_mode: bool, serialize: impl FnOnce() -> T) -> (T, Vec<Collected>) {
    struct Reset(Option<Collector>);
    impl Drop for Reset {
        fn drop(&mut self) {
            let previous = self.0.take();
            COLLECTOR.with(|c| *c.borrow_mut() = previous);
        }
    }

    let previous = COLLECTOR.with(|c| {
        c.borrow_mut().replace(Collector {
            local_mode,
            files: Vec::new(),
        })
    });
    let reset = Reset(previous);
    let out = serialize();
    let files = COLLECTOR
        .with(|c| c.borrow_mut().take())
        .map(|c| c.files)
        .unwrap_or_default();
    drop(reset);
    (out, files)
}

/// Registers an upload with the active collector and returns the string to write in its place:
/// `attach://<name>`, or a `file://` URI for a path in local mode. `None` when no collector is
/// active (serialization outside a request).
pub(crate) fn register(upload: &Upload) -> Option<String> {
    COLLECTOR.with(|c| {
        let mut guard = c.borrow_mut();
        let collector = guard.as_mut()?;
        if let (true, Source::Path(path)) = (collector.local_mode, &upload.source) {
            return Some(file_uri(path));
        }
        let name = format!("{PART_PREFIX}{}", collector.files.len());
        let reference = format!("attach://{name}");
        collector.files.push(Collected {
            name,
            upload: upload.clone(),
        });
        Some(reference)
    })
}

/// `file:///absolute/path`, percent-encoding everything but unreserved characters and `/`.
pub(crate) fn file_uri(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let text = absolute.to_string_lossy();
    let mut uri = String::with_capacity(text.len() + 8);
    uri.push_str("file://");
    if !text.starts_with('/') {
        uri.push('/');
    }
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                uri.push(char::from(byte))
            }
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::InputFile;

    #[test]
    fn uploads_get_unique_attach_names() {
        let files = vec![
            InputFile::bytes("a", "1"),
            InputFile::file_id("id"),
            InputFile::bytes("b", "2"),
        ];
        let (json, collected) = collect(false, || serde_json::to_value(&files));
        assert_eq!(
            json.unwrap(),
            serde_json::json!(["attach://upload0", "id", "attach://upload1"])
        );
        let names: Vec<_> = collected.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["upload0", "upload1"]);
    }

    #[test]
    fn local_mode_sends_paths_as_file_uris() {
        let files = vec![InputFile::path("/srv/my file.png"), InputFile::bytes("b", "2")];
        let (json, collected) = collect(true, || serde_json::to_value(&files));
        assert_eq!(
            json.unwrap(),
            serde_json::json!(["file:///srv/my%20file.png", "attach://upload0"])
        );
        assert_eq!(collected.len(), 1);
    }

    #[test]
    fn the_collector_is_removed_afterwards_even_on_error() {
        let (_, _) = collect(false, || serde_json::to_value(InputFile::bytes("a", "1")));
        assert!(serde_json::to_value(InputFile::bytes("a", "1")).is_err());
    }

    #[test]
    fn relative_paths_become_absolute() {
        let uri = file_uri(Path::new("rel/a.png"));
        assert!(uri.starts_with("file:///"), "{uri}");
        assert!(uri.ends_with("/rel/a.png"), "{uri}");
    }
}
