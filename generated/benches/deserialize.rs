//! Deserializing the payload corpus (`../shared/corpus/updates`) one update at a time, the way
//! a webhook or a polling loop reads them. Reports updates/s (elements) and MB/s (bytes).
//!
//! `cargo bench -p botapi --bench deserialize`

use std::path::Path;

use botapi::types::Update;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// The corpus updates, compacted (no whitespace), as a live server sends them.
fn corpus() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/updates");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("SKIPPED: {} is absent", dir.display());
        return Vec::new();
    };
    let mut files: Vec<_> = entries.map(|e| e.expect("entry").path()).collect();
    files.sort();
    files
        .iter()
        .map(|file| {
            let value: serde_json::Value =
                serde_json::from_slice(&std::fs::read(file).expect("readable")).expect("JSON");
            serde_json::to_string(&value).expect("compact")
        })
        .collect()
}

fn deserialize(c: &mut Criterion) {
    let updates = corpus();
    if updates.is_empty() {
        return;
    }
    let bytes: usize = updates.iter().map(String::len).sum();
    let mut group = c.benchmark_group("corpus");
    group.throughput(Throughput::Elements(updates.len() as u64));
    group.bench_function("Update (updates)", |b| {
        b.iter(|| {
            for text in &updates {
                let update: Update = serde_json::from_str(text).expect("every corpus update deserializes");
                std::hint::black_box(update);
            }
        })
    });
    group.bench_function("serde_json::Value (updates)", |b| {
        b.iter(|| {
            for text in &updates {
                let value: serde_json::Value = serde_json::from_str(text).expect("JSON");
                std::hint::black_box(value);
            }
        })
    });
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("Update (bytes)", |b| {
        b.iter(|| {
            for text in &updates {
                let update: Update = serde_json::from_str(text).expect("every corpus update deserializes");
                std::hint::black_box(update);
            }
        })
    });
    group.finish();
}

criterion_group!(benches, deserialize);
criterion_main!(benches);
