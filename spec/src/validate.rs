//! Consistency checks that must pass before code is generated from a spec.

use std::collections::{HashMap, HashSet};

use crate::{ObjectKind, Spec, Type};

/// A spec that cannot be generated from, with every problem found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    /// One line per problem, naming the item.
    pub problems: Vec<String>,
}

impl std::fmt::Display for ValidationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "the spec is inconsistent ({} problems):", self.problems.len())?;
        for problem in &self.problems {
            writeln!(f, "  - {problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationError {}

impl Spec {
    /// Checks that names are unique, every referenced type exists, and unions are resolvable:
    /// each variant exists, and where there is a discriminator every variant pins it to a
    /// distinct value.
    pub fn validate(&self) -> Result<(), ValidationError> {
        let mut problems = Vec::new();
        let mut objects = HashMap::new();
        for object in &self.objects {
            if objects.insert(object.name.as_str(), object).is_some() {
                problems.push(format!("object `{}` is documented twice", object.name));
            }
        }
        let mut methods = HashSet::new();
        for method in &self.methods {
            if !methods.insert(method.name.as_str()) {
                problems.push(format!("method `{}` is documented twice", method.name));
            }
        }

        let check_type = |owner: &str, ty: &Type, problems: &mut Vec<String>| {
            for name in ty.refs() {
                if !objects.contains_key(name) {
                    problems.push(format!("{owner} refers to unknown type `{name}`"));
                }
            }
        };

        for object in &self.objects {
            match &object.kind {
                ObjectKind::Fields(fields) => {
                    let mut seen = HashSet::new();
                    for field in fields {
                        if !seen.insert(field.name.as_str()) {
                            problems.push(format!("field `{}.{}` appears twice", object.name, field.name));
                        }
                        check_type(
                            &format!("field `{}.{}`", object.name, field.name),
                            &field.ty,
                            &mut problems,
                        );
                    }
                }
                ObjectKind::Union(union) => {
                    for ty in &union.other_types {
                        check_type(&format!("union `{}`", object.name), ty, &mut problems);
                    }
                    let mut values = HashSet::new();
                    for variant in &union.variants {
                        let Some(target) = objects.get(variant.name.as_str()) else {
                            problems.push(format!(
                                "union `{}` has unknown variant `{}`",
                                object.name, variant.name
                            ));
                            continue;
                        };
                        let Some(tag) = &union.discriminator else { continue };
                        let Some(value) = &variant.value else {
                            problems.push(format!(
                                "union `{}` is tagged by `{tag}` but variant `{}` has no value",
                                object.name, variant.name
                            ));
                            continue;
                        };
                        if !values.insert(value.as_str()) {
                            problems.push(format!(
                                "union `{}` has two variants tagged `{value}`",
                                object.name
                            ));
                        }
                        let pinned = target.fields().iter().find(|f| &f.name == tag);
                        if pinned.and_then(|f| f.facts.constant.as_ref()) != Some(value) {
                            problems.push(format!(
                                "union `{}`: variant `{}` does not pin `{tag}` to `{value}`",
                                object.name, variant.name
                            ));
                        }
                    }
                }
            }
        }

        for method in &self.methods {
            let mut seen = HashSet::new();
            for param in &method.params {
                if !seen.insert(param.name.as_str()) {
                    problems.push(format!(
                        "parameter `{}.{}` appears twice",
                        method.name, param.name
                    ));
                }
                check_type(
                    &format!("parameter `{}.{}`", method.name, param.name),
                    &param.ty,
                    &mut problems,
                );
            }
            check_type(
                &format!("return type of `{}`", method.name),
                &method.returns,
                &mut problems,
            );
        }

        if problems.is_empty() {
            Ok(())
        } else {
            Err(ValidationError { problems })
        }
    }
}
