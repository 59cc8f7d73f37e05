//! The spec the server checks requests against, indexed for lookups.

use std::collections::HashMap;
use std::sync::OnceLock;

use botapi_spec::sample::Sampler;
use botapi_spec::{Method, Spec};
use serde_json::{Value, json};

use crate::validate::Objects;

/// The spec with its objects and methods by name, a sampler for results, and the bot's user.
pub(crate) struct Catalog {
    pub(crate) spec: &'static Spec,
    pub(crate) objects: Objects<'static>,
    /// By lowercase name: Telegram's method names are case-insensitive.
    methods: HashMap<String, &'static Method>,
    /// Samples with only the required fields: small, valid answers.
    pub(crate) sampler: Sampler<'static>,
    pub(crate) bot_user: Value,
}

/// The committed spec, parsed once per process.
pub(crate) fn bundled() -> &'static Spec {
    static SPEC: OnceLock<Spec> = OnceLock::new();
    SPEC.get_or_init(Spec::bundled)
}

impl Catalog {
    pub(crate) fn new(spec: &'static Spec, bot_id: i64) -> Self {
        let objects = spec.objects.iter().map(|o| (o.name.as_str(), o)).collect();
        let methods = spec
            .methods
            .iter()
            .map(|m| (m.name.to_ascii_lowercase(), m))
            .collect();
        let sampler = Sampler::new(spec).optional_fields(false);
        let mut catalog = Catalog {
            spec,
            objects,
            methods,
            sampler,
            bot_user: Value::Null,
        };
        let mut user = catalog.minimal("User");
        for (field, value) in [
            ("id", json!(bot_id)),
            ("is_bot", json!(true)),
            ("first_name", json!("Test Bot")),
            ("username", json!("test_bot")),
            ("can_join_groups", json!(true)),
            ("can_read_all_group_messages", json!(false)),
            ("supports_inline_queries", json!(false)),
        ] {
            catalog.set(&mut user, "User", field, value);
        }
        catalog.bot_user = user;
        catalog
    }

    /// The method with this name, ignoring case.
    pub(crate) fn method(&self, name: &str) -> Option<&'static Method> {
        self.methods.get(&name.to_ascii_lowercase()).copied()
    }

    /// A sample of the object with only its required fields (`{}` if the spec lacks it).
    pub(crate) fn minimal(&self, object: &str) -> Value {
        self.sampler.object(object).unwrap_or_else(|| json!({}))
    }

    /// Sets `field` of a sample of `object`, if the spec's `object` has that field.
    pub(crate) fn set(&self, value: &mut Value, object: &str, field: &str, field_value: Value) {
        let known = self
            .objects
            .get(object)
            .is_some_and(|o| o.fields().iter().any(|f| f.name == field));
        if let (true, Value::Object(map)) = (known, value) {
            map.insert(field.to_owned(), field_value);
        }
    }
}
