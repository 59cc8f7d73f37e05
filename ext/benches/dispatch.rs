//! The framework's own cost per update, without network: `process_update` through one handler,
//! and through five handler groups holding 20 filters that each update is checked against.
//!
//! `cargo bench -p botapi-ext --bench dispatch`

use std::hint::black_box;

use botapi_ext::HandlerResult;
use botapi_ext::botapi::Bot;
use botapi_ext::botapi::types::Update;
use botapi_ext::prelude::*;
use criterion::{Criterion, criterion_group, criterion_main};

fn update(id: i64, chat: i64, text: &str) -> Update {
    serde_json::from_value(serde_json::json!({
        "update_id": id,
        "message": {
            "message_id": id,
            "date": 1767225600,
            "chat": { "id": chat, "type": "private", "first_name": "User" },
            "from": { "id": chat, "is_bot": false, "first_name": "User" },
            "text": text,
        }
    }))
    .expect("a valid update")
}

async fn noop(_ctx: Context) -> HandlerResult {
    Ok(())
}

/// 20 filters that a text message is checked against before the last one matches.
fn twenty_filters() -> Vec<Filter> {
    let mut filters: Vec<Filter> = (0..19)
        .map(|i| filters::text([format!("never {i}")]) | (filters::COMMAND & filters::text(["/x"])))
        .collect();
    filters.push(filters::TEXT & !filters::COMMAND);
    filters
}

fn bench(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    let bot = Bot::new("1:bench");
    let mut group = c.benchmark_group("process_update");

    let one = Application::from_bot(bot.clone())
        .build()
        .expect("an application");
    one.add_handler(MessageHandler::new(filters::TEXT, noop));
    let mut id = 0;
    group.bench_function("one handler", |b| {
        b.iter(|| {
            id += 1;
            runtime.block_on(one.process_update(black_box(update(id, id % 1000, "hello"))))
        });
    });

    let many = Application::from_bot(bot).build().expect("an application");
    for (index, filter) in twenty_filters().into_iter().enumerate() {
        let group = i32::try_from(index % 5).expect("small");
        many.add_handler_to_group(group, MessageHandler::new(filter, noop));
    }
    group.bench_function("5 groups, 20 filters", |b| {
        b.iter(|| {
            id += 1;
            runtime.block_on(many.process_update(black_box(update(id, id % 1000, "hello"))))
        });
    });

    // Building the update is part of both; measured alone for reference.
    group.bench_function("building the update alone", |b| {
        b.iter(|| {
            id += 1;
            black_box(update(id, id % 1000, "hello"))
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
