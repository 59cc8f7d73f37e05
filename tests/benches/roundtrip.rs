//! Round trips per second against the test-kit server: sequential, and 64 calls in flight.
//!
//! `cargo bench -p botapi-testkit --bench roundtrip`

#[path = "../tests/common/mod.rs"]
mod common;

use botapi_runtime::{CallOptions, ChatId, Client, InputFile};
use botapi_testkit::TestServer;
use common::{InputMedia, SendMediaGroup, SendMessage};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use futures_util::future::join_all;

const IN_FLIGHT: usize = 64;

fn roundtrip(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    // Record only the last calls and no upload contents: the run makes ~100k calls.
    let server = runtime.block_on(async {
        let builder = TestServer::builder().spec(common::fixture_spec());
        builder
            .max_recorded(1000)
            .keep_file_bytes(0)
            .start()
            .await
            .unwrap()
    });
    let client: Client = common::builder(&server).build().unwrap();
    let message = SendMessage::new(42, "hello from the benchmark");

    let mut group = c.benchmark_group("roundtrip");
    group.throughput(Throughput::Elements(1));
    group.bench_function("send_message_sequential", |b| {
        b.iter(|| {
            runtime
                .block_on(client.call(&message, CallOptions::default()))
                .unwrap()
        })
    });

    group.throughput(Throughput::Elements(IN_FLIGHT as u64));
    group.bench_function("send_message_64_in_flight", |b| {
        b.iter(|| {
            runtime.block_on(async {
                let calls = (0..IN_FLIGHT).map(|_| {
                    let client = client.clone();
                    let message = message.clone();
                    tokio::spawn(async move { client.call(&message, CallOptions::default()).await })
                });
                for result in join_all(calls).await {
                    result.unwrap().unwrap();
                }
            })
        })
    });

    let photos = SendMediaGroup {
        chat_id: ChatId::Id(42),
        media: (0..10)
            .map(|i| InputMedia::photo(InputFile::bytes(format!("{i}.jpg"), vec![0u8; 50_000])))
            .collect(),
        disable_notification: None,
        protect_content: None,
    };
    group.throughput(Throughput::Elements(1));
    group.bench_function("send_media_group_10_photos_50kb", |b| {
        b.iter(|| {
            runtime
                .block_on(client.call(&photos, CallOptions::default()))
                .unwrap()
        })
    });
    group.finish();
    assert_eq!(server.requests().len(), 1000);
}

criterion_group!(benches, roundtrip);
criterion_main!(benches);
