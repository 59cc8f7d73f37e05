//! CPU cost of building and encoding a request (payload construction, serialization with
//! upload collection, defaults, JSON-or-multipart decision), without sending it.
//!
//! `cargo bench -p botapi-testkit --bench encode`

#[path = "../tests/common/mod.rs"]
mod common;

use std::hint::black_box;

use botapi_runtime::{CallOptions, ChatId, Client, Defaults, InputFile};
use bytes::Bytes;
use common::{InputMedia, SendMediaGroup, SendMessage};
use criterion::{Criterion, criterion_group, criterion_main};

fn encode(c: &mut Criterion) {
    let plain = Client::new("123456:ABC");
    let with_defaults = Client::builder("123456:ABC")
        .defaults(Defaults::new().parse_mode("HTML").protect_content(true))
        .build()
        .unwrap();
    let photo = Bytes::from(vec![0u8; 50_000]);

    let mut group = c.benchmark_group("encode");
    group.bench_function("send_message", |b| {
        b.iter(|| {
            let payload = SendMessage::new(black_box(42), black_box("hello from the benchmark"));
            plain.prepare(&payload, CallOptions::default()).unwrap()
        })
    });
    group.bench_function("send_message_with_defaults", |b| {
        b.iter(|| {
            let payload = SendMessage::new(black_box(42), black_box("hello from the benchmark"));
            with_defaults.prepare(&payload, CallOptions::default()).unwrap()
        })
    });
    group.bench_function("send_media_group_10_photos", |b| {
        b.iter(|| {
            let media = (0..10)
                .map(|i| {
                    let mut item = InputMedia::photo(InputFile::bytes("photo.jpg", photo.clone()));
                    if let InputMedia::Photo { caption, .. } = &mut item {
                        *caption = Some(format!("photo {i}"));
                    }
                    item
                })
                .collect();
            let payload = SendMediaGroup {
                chat_id: ChatId::Id(42),
                media,
                disable_notification: None,
                protect_content: None,
            };
            with_defaults.prepare(&payload, CallOptions::default()).unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, encode);
criterion_main!(benches);
