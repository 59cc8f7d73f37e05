//! String enums: documented value lists ("Currently, can be ...") and curated ones (ParseMode).

use std::collections::{BTreeSet, HashMap};

use botapi_spec::{Overrides, Spec, Type};

use crate::names::pascal_case;

/// One string enum to generate.
#[derive(Debug, Clone)]
pub(crate) struct StringEnum {
    pub(crate) name: String,
    /// Where it is used, as `Owner.field`, in doc order.
    pub(crate) used_by: Vec<String>,
    /// Curated documentation, for enums declared in the overrides.
    pub(crate) doc: Option<String>,
    /// (wire value, Rust variant name), in doc order.
    pub(crate) values: Vec<(String, String)>,
}

/// Which String fields are enums, and the enums themselves.
#[derive(Debug, Default)]
pub(crate) struct EnumRegistry {
    pub(crate) enums: Vec<StringEnum>,
    by_field: HashMap<(String, String), usize>,
}

impl EnumRegistry {
    pub(crate) fn build(spec: &Spec, overrides: &Overrides) -> Self {
        let mut registry = EnumRegistry::default();
        let mut by_values: HashMap<BTreeSet<String>, usize> = HashMap::new();
        for extra in &overrides.extra_enums {
            registry.enums.push(StringEnum {
                name: extra.name.clone(),
                used_by: Vec::new(),
                doc: Some(extra.doc.clone()),
                values: extra
                    .values
                    .iter()
                    .map(|v| (v.clone(), variant_name(v, overrides)))
                    .collect(),
            });
        }
        let tag_fields: Vec<(&str, &str)> = spec
            .objects
            .iter()
            .filter_map(|o| o.union())
            .filter_map(|u| u.discriminator.as_deref().map(|d| (u, d)))
            .flat_map(|(u, d)| u.variants.iter().map(move |v| (v.name.as_str(), d)))
            .collect();
        let owners = spec.objects.iter().map(|o| (o.name.as_str(), o.fields())).chain(
            spec.methods
                .iter()
                .map(|m| (m.name.as_str(), m.params.as_slice())),
        );
        for (owner, fields) in owners {
            for field in fields {
                if field.ty != Type::String || tag_fields.contains(&(owner, field.name.as_str())) {
                    continue;
                }
                let key = format!("{owner}.{}", field.name);
                let index = if let Some(i) = overrides.extra_enums.iter().position(|e| e.matches(&field.name))
                {
                    i
                } else if !field.facts.enum_values.is_empty() {
                    let set: BTreeSet<String> = field.facts.enum_values.iter().cloned().collect();
                    match by_values.get(&set) {
                        Some(&i) => {
                            if let Some(name) = overrides.enum_names.get(&key) {
                                registry.enums[i].name = name.clone();
                            }
                            i
                        }
                        None => {
                            let name = overrides.enum_names.get(&key).cloned().unwrap_or_else(|| {
                                let owner = pascal_case(owner).expect("owner names are identifiers");
                                let field = pascal_case(&field.name).expect("field names are identifiers");
                                format!("{owner}{field}")
                            });
                            registry.enums.push(StringEnum {
                                name,
                                used_by: Vec::new(),
                                doc: None,
                                values: field
                                    .facts
                                    .enum_values
                                    .iter()
                                    .map(|v| (v.clone(), variant_name(v, overrides)))
                                    .collect(),
                            });
                            by_values.insert(set, registry.enums.len() - 1);
                            registry.enums.len() - 1
                        }
                    }
                } else {
                    continue;
                };
                registry.enums[index].used_by.push(key);
            }
        }
        // Curated enums no field uses are dropped; the field map is built from what remains.
        registry.enums.retain(|e| !e.used_by.is_empty());
        let mut by_field = HashMap::new();
        for (i, e) in registry.enums.iter().enumerate() {
            for key in &e.used_by {
                let (owner, field) = key.split_once('.').expect("keys are Owner.field");
                by_field.insert((owner.to_owned(), field.to_owned()), i);
            }
        }
        registry.by_field = by_field;
        registry
    }

    /// The enum a String field uses, if any.
    pub(crate) fn enum_for(&self, owner: &str, field: &str) -> Option<&str> {
        self.by_field
            .get(&(owner.to_owned(), field.to_owned()))
            .map(|&i| self.enums[i].name.as_str())
    }
}

fn variant_name(value: &str, overrides: &Overrides) -> String {
    if let Some(name) = overrides.value_names.get(value) {
        return name.clone();
    }
    pascal_case(value).unwrap_or_else(|| {
        panic!("the documented value `{value}` is not an identifier: name it in spec/overrides.toml [value_names]")
    })
}
