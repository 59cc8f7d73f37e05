//! Scrape time of the saved docs page of the version `spec/api.json` records:
//! `cargo bench -p xtask`.
//!
//! Peak memory is not something criterion measures; for it run
//! `cargo run --release -p xtask -- bench-scrape` (the same page by default).

use criterion::{Criterion, criterion_group, criterion_main};
use xtask::regen;

fn scrape(c: &mut Criterion) {
    let path = match regen::committed_docs_page(&regen::workspace_root()) {
        Ok(path) => path,
        Err(why) => {
            println!("SKIPPED: scrape bench: {why}");
            return;
        }
    };
    let html = std::fs::read_to_string(&path).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let mut group = c.benchmark_group("scrape");
    // One scrape takes tens of milliseconds: 20 samples need about 10 s.
    group
        .sample_size(20)
        .measurement_time(std::time::Duration::from_secs(10));
    group.bench_function(name, |b| b.iter(|| xtask::scrape::scrape_html(&html).unwrap()));
    group.finish();
}

criterion_group!(benches, scrape);
criterion_main!(benches);
