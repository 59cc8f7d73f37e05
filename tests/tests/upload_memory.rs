//! Uploading a 200 MB file keeps the process under 50 MB of extra resident memory: the client
//! streams it from disk and the test-kit server counts it without buffering.
//!
//! This file holds a single test so that nothing else runs in the process while it measures.

mod common;

use botapi_runtime::{CallOptions, ChatId, InputFile};
use common::*;

const SIZE: u64 = 200 * 1024 * 1024;
const LIMIT: u64 = 50 * 1024 * 1024;

/// A field of `/proc/self/status` in bytes (`VmRSS`, `VmHWM`).
fn status_bytes(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

#[test]
fn uploading_200_mb_keeps_resident_memory_low() {
    let Some(_) = status_bytes("VmHWM:") else {
        panic!("/proc/self/status has no VmHWM: this test needs Linux");
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.bin");
    // Sparse: no disk space used, but read back as 200 MB of zeros.
    std::fs::File::create(&path).unwrap().set_len(SIZE).unwrap();

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let (server, client) = setup().await;
        // Warm up every code path with a small upload first.
        let small = SendDocument {
            chat_id: ChatId::Id(1),
            document: InputFile::bytes("small.bin", vec![0; 1024]),
            thumbnail: None,
            caption: None,
        };
        client.call(&small, CallOptions::default()).await.unwrap();

        // Reset the peak to the current resident size (Linux 4.0+); where the kernel refuses,
        // measure from the earlier peak instead.
        let reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
        let baseline = status_bytes(if reset { "VmRSS:" } else { "VmHWM:" }).unwrap();

        let big = SendDocument {
            chat_id: ChatId::Id(1),
            document: InputFile::path(&path),
            thumbnail: None,
            caption: None,
        };
        let started = std::time::Instant::now();
        client.call(&big, CallOptions::default()).await.unwrap();
        let elapsed = started.elapsed();

        let peak = status_bytes("VmHWM:").unwrap();
        let growth = peak.saturating_sub(baseline);
        let request = server.requests_for("sendDocument").pop().unwrap();
        let document = request.file("document").unwrap();
        assert_eq!(document.size, SIZE);
        assert!(document.content.is_none(), "the server only counts large uploads");
        eprintln!(
            "uploaded {} MB in {elapsed:?}; peak resident growth {} KB",
            SIZE >> 20,
            growth >> 10
        );
        assert!(growth < LIMIT, "resident memory grew by {} MB", growth >> 20);
    });
}
