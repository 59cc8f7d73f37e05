//! The hand-written runtime under the generated `botapi` crate.
