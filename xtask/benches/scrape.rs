//! Scrape time of the 10.1 docs page: `cargo bench -p xtask`.
//!
//! Peak memory is not something criterion measures; for it run
//! `cargo run --release -p xtask -- bench-scrape --html ../shared/botapi/api-10.1.html`.

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};

fn scrape(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/botapi/api-10.1.html");
    let Ok(html) = std::fs::read_to_string(&path) else {
        println!("SKIPPED: scrape bench: {} is absent", path.display());
        return;
    };
    let mut group = c.benchmark_group("scrape");
    // One scrape takes tens of milliseconds: 20 samples need about 10 s.
    group
        .sample_size(20)
        .measurement_time(std::time::Duration::from_secs(10));
    group.bench_function("api-10.1.html", |b| {
        b.iter(|| xtask::scrape::scrape_html(&html).unwrap())
    });
    group.finish();
}

criterion_group!(benches, scrape);
criterion_main!(benches);
