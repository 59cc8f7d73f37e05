//! In-memory sizes of the most common types, printed for the record (`cargo test -p botapi
//! --test sizes -- --nocapture`) and held to a budget, so that a codegen change that inlines
//! large optional objects again is noticed, while a Bot API release adding a few plain fields is
//! not a failure.

use botapi::types::{Message, Update};

/// teloxide-core 0.13's `Message` on x86_64, for scale.
const TELOXIDE_MESSAGE: usize = 1928;
/// `Message` stays within two thirds of teloxide-core's. Its ~115 fields are mostly optional
/// strings (24 bytes), integers (16) and boxed objects (8): at 1120 bytes in Bot API 10.1 that
/// leaves room for about ten plain fields before the budget needs a look.
const MESSAGE_BUDGET: usize = TELOXIDE_MESSAGE * 2 / 3;
/// `Update` is an id and a boxed payload; more than this means a payload is stored inline.
const UPDATE_BUDGET: usize = 64;

#[test]
fn message_and_update_stay_small() {
    let message = std::mem::size_of::<Message>();
    let update = std::mem::size_of::<Update>();
    println!(
        "size_of::<Message>() = {message} bytes ({:.0}% of teloxide-core's {TELOXIDE_MESSAGE}, budget {MESSAGE_BUDGET}), \
         size_of::<Update>() = {update} bytes (budget {UPDATE_BUDGET})",
        100.0 * message as f64 / TELOXIDE_MESSAGE as f64
    );
    assert!(
        message <= MESSAGE_BUDGET,
        "Message is {message} bytes, over its budget of {MESSAGE_BUDGET} (two thirds of teloxide-core's \
         {TELOXIDE_MESSAGE}): check that its optional object fields are boxed (an inline object costs its \
         whole size; codegen boxes objects, see the mapping rules in the botapi crate docs). If the growth \
         is plain fields of new Bot API versions, raise MESSAGE_BUDGET in generated/tests/sizes.rs and \
         the figure in the README"
    );
    assert!(
        update <= UPDATE_BUDGET,
        "Update is {update} bytes, over its budget of {UPDATE_BUDGET}: its payload (Message, CallbackQuery, \
         ...) must stay boxed"
    );
}
