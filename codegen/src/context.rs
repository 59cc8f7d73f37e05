//! Lowering: decisions about the spec that rendering needs (type mapping, boxing, string enums,
//! union variant names, doc links), computed once.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use botapi_spec::{Field, Object, ObjectKind, Overrides, Spec, Type};
use proc_macro2::TokenStream;
use quote::quote;

use crate::docs::{self, wording};
use crate::enums::EnumRegistry;
use crate::names::{field_name, ident, pascal_case, snake_case};

/// Objects the runtime provides instead of codegen.
pub(crate) const RUNTIME_OBJECTS: &[&str] = &["InputFile"];

/// Everything rendering needs to know about the spec.
pub(crate) struct Context<'a> {
    pub(crate) spec: &'a Spec,
    objects: HashMap<&'a str, &'a Object>,
    /// Docs anchor -> Rust path, for intra-doc links.
    anchors: HashMap<String, String>,
    /// Union each object is a variant of, with the union's discriminator.
    variant_of: HashMap<&'a str, &'a Object>,
    /// (owner, field) pairs whose value is boxed.
    boxed: HashSet<(String, String)>,
    /// Estimated in-memory size of each object, after boxing decisions.
    sizes: RefCell<HashMap<String, usize>>,
    pub(crate) enums: EnumRegistry,
}

impl<'a> Context<'a> {
    pub(crate) fn new(spec: &'a Spec, overrides: &'a Overrides) -> Self {
        let objects: HashMap<_, _> = spec.objects.iter().map(|o| (o.name.as_str(), o)).collect();
        let mut anchors = HashMap::new();
        for object in &spec.objects {
            if !RUNTIME_OBJECTS.contains(&object.name.as_str()) {
                anchors.insert(object.anchor.clone(), format!("crate::types::{}", object.name));
            }
        }
        for method in &spec.methods {
            anchors.insert(
                method.anchor.clone(),
                format!("crate::Bot::{}", snake_case(&method.name)),
            );
        }
        let mut variant_of = HashMap::new();
        for object in &spec.objects {
            if let ObjectKind::Union(union) = &object.kind {
                for variant in &union.variants {
                    variant_of.entry(variant.name.as_str()).or_insert(object);
                }
            }
        }
        let enums = EnumRegistry::build(spec, overrides);
        let mut ctx = Context {
            spec,
            objects,
            anchors,
            variant_of,
            boxed: HashSet::new(),
            sizes: RefCell::new(HashMap::new()),
            enums,
        };
        ctx.decide_boxing();
        ctx
    }

    pub(crate) fn object(&self, name: &str) -> &'a Object {
        self.objects
            .get(name)
            .unwrap_or_else(|| panic!("spec refers to unknown object `{name}`"))
    }

    /// The union `name` is a variant of, if any.
    pub(crate) fn union_of(&self, name: &str) -> Option<&'a Object> {
        self.variant_of.get(name).copied()
    }

    /// The discriminator field a variant struct leaves to its union, if any.
    pub(crate) fn tag_field_of(&self, name: &str) -> Option<&'a str> {
        self.union_of(name)?.union()?.discriminator.as_deref()
    }

    /// Rustdoc text for a spec description, with the docs link appended.
    pub(crate) fn doc(&self, markdown: &str, anchor: Option<&str>) -> String {
        let resolve = |a: &str| self.anchors.get(a).cloned();
        let mut text = docs::rustdoc(&wording::bool_literals(markdown.trim()), &resolve);
        if let Some(anchor) = anchor {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(&docs::docs_link(anchor));
        }
        text
    }

    /// Rustdoc text resolved but without a trailing docs link.
    pub(crate) fn doc_plain(&self, markdown: &str) -> String {
        self.doc(markdown, None)
    }

    /// Rustdoc of a field or parameter, in the terms of its Rust type (no "*Optional*." on an
    /// `Option`, no JSON encoding of a list or an object).
    pub(crate) fn field_doc(&self, field: &Field) -> String {
        let value = match &field.ty {
            Type::Array(_) => wording::RustValue::List,
            Type::Ref(_) | Type::OneOf(_) => wording::RustValue::Object,
            _ => wording::RustValue::Other,
        };
        self.doc_plain(&wording::field(&field.description, value, !field.required))
    }

    /// Rustdoc of the setter of `owner`'s `field` (an object's, or a method's parameter on its
    /// `Request`): a link to the field and the first sentence of its doc.
    pub(crate) fn setter_doc(&self, owner: &str, field: &Field) -> String {
        let rust = field_name(&field.name);
        let target = if self.objects.contains_key(owner) {
            format!("field@Self::{rust}")
        } else {
            format!("field@crate::methods::{}::{rust}", self.method_type(owner))
        };
        let doc = self.field_doc(field);
        let summary = wording::summary(&doc);
        if summary.is_empty() {
            format!("Sets [`{rust}`]({target}).")
        } else {
            format!("Sets [`{rust}`]({target}): {summary}")
        }
    }

    /// Whether the field `owner.field` is stored boxed.
    pub(crate) fn is_boxed(&self, owner: &str, field: &str) -> bool {
        self.boxed.contains(&(owner.to_owned(), field.to_owned()))
    }

    /// The Rust type of a field's value (without the `Option` of optional fields).
    pub(crate) fn field_type(&self, owner: &str, field: &Field) -> TokenStream {
        let inner = self.value_type(owner, field, &field.ty);
        if self.is_boxed(owner, &field.name) {
            quote!(Box<#inner>)
        } else {
            inner
        }
    }

    /// The type a setter or constructor accepts for a field (`impl Into<...>` of the unboxed
    /// value type).
    pub(crate) fn value_type(&self, owner: &str, field: &Field, ty: &Type) -> TokenStream {
        match ty {
            Type::Integer => quote!(i64),
            Type::Float => quote!(f64),
            Type::Boolean | Type::True => quote!(bool),
            Type::String if *ty == field.ty && is_upload_string(field) => quote!(InputFile),
            Type::String => match self.enums.enum_for(owner, &field.name) {
                Some(name) => {
                    let name = ident(name);
                    quote!(#name)
                }
                None => quote!(String),
            },
            Type::Ref(name) => {
                let name = ident(name);
                quote!(#name)
            }
            Type::Array(inner) => {
                let inner = self.value_type(owner, field, inner);
                quote!(Vec<#inner>)
            }
            Type::OneOf(alternatives) => self.one_of_type(owner, field, alternatives),
        }
    }

    fn one_of_type(&self, owner: &str, field: &Field, alternatives: &[Type]) -> TokenStream {
        if alternatives.len() == 2
            && alternatives.contains(&Type::Integer)
            && alternatives.contains(&Type::String)
        {
            return quote!(ChatId);
        }
        if alternatives.len() == 2
            && alternatives.contains(&Type::String)
            && alternatives.contains(&Type::Ref("InputFile".into()))
        {
            return quote!(InputFile);
        }
        if let Some(union) = self.union_covering(alternatives) {
            let name = ident(&union.name);
            return quote!(#name);
        }
        panic!(
            "{owner}.{}: no Rust type for `{}`; add a union or a rule in codegen",
            field.name, field.ty
        )
    }

    /// The smallest union whose variants include every alternative (all must be object refs).
    pub(crate) fn union_covering(&self, alternatives: &[Type]) -> Option<&'a Object> {
        let names: Option<Vec<&str>> = alternatives
            .iter()
            .map(|t| {
                if let Type::Ref(n) = t {
                    Some(n.as_str())
                } else {
                    None
                }
            })
            .collect();
        let names = names?;
        self.spec
            .objects
            .iter()
            .filter_map(|o| o.union().map(|u| (o, u)))
            .filter(|(_, u)| names.iter().all(|n| u.variants.iter().any(|v| v.name == *n)))
            .min_by_key(|(_, u)| u.variants.len())
            .map(|(o, _)| o)
    }

    /// Whether a value of this type may contain an upload at any depth.
    pub(crate) fn may_upload(&self, ty: &Type, seen: &mut HashSet<String>) -> bool {
        match ty {
            Type::Ref(name) if name == "InputFile" => true,
            Type::Ref(name) => {
                if !seen.insert(name.clone()) {
                    return false;
                }
                let object = self.object(name);
                match &object.kind {
                    ObjectKind::Fields(fields) => fields
                        .iter()
                        .any(|f| is_upload_string(f) || self.may_upload(&f.ty, seen)),
                    ObjectKind::Union(union) => union
                        .variants
                        .iter()
                        .any(|v| self.may_upload(&Type::Ref(v.name.clone()), seen)),
                }
            }
            Type::Array(inner) => self.may_upload(inner, seen),
            Type::OneOf(alts) => alts.iter().any(|t| self.may_upload(t, seen)),
            _ => false,
        }
    }

    /// Union variant names: the member type name without the union's name as prefix when that
    /// leaves a valid, unambiguous identifier (`ChatMemberOwner` -> `Owner`).
    pub(crate) fn variant_name(&self, union: &str, variant: &str) -> String {
        let stripped = variant.strip_prefix(union).filter(|rest| {
            rest.starts_with(|c: char| c.is_ascii_uppercase()) && *rest != "Unknown" && *rest != "Self"
        });
        stripped.unwrap_or(variant).to_owned()
    }

    /// Estimated size in bytes of a field on a 64-bit target, given the boxing rule.
    fn field_size(&self, field: &Field, stack: &mut Vec<String>) -> usize {
        let optional = !field.required;
        match &field.ty {
            Type::Integer | Type::Float if optional => 16,
            Type::Integer | Type::Float => 8,
            Type::Boolean | Type::True => 1,
            Type::String | Type::Array(_) | Type::OneOf(_) => 24,
            Type::Ref(name) if RUNTIME_OBJECTS.contains(&name.as_str()) => 24,
            Type::Ref(name) => {
                let size = self.object_size(name, stack);
                let empty = self.object(name).union().is_none() && self.object(name).fields().is_empty();
                match optional {
                    true if !empty => 8,
                    true => 1,
                    false if size > BOX_ABOVE => 8,
                    false => size,
                }
            }
        }
    }

    /// Estimated size of an object, memoized. An object currently being measured is a
    /// recursive reference, which must be boxed: it measures as infinitely large.
    fn object_size(&self, name: &str, stack: &mut Vec<String>) -> usize {
        if stack.iter().any(|n| n == name) {
            return usize::MAX / 4;
        }
        if let Some(size) = self.sizes.borrow().get(name) {
            return *size;
        }
        let object = self.object(name);
        stack.push(name.to_owned());
        let size = match &object.kind {
            ObjectKind::Fields(fields) => fields.iter().map(|f| self.field_size(f, stack)).sum::<usize>(),
            ObjectKind::Union(union) => {
                let largest = union
                    .variants
                    .iter()
                    .map(|v| {
                        let size = self.object_size(&v.name, stack);
                        if size > BOX_VARIANT_ABOVE { 8 } else { size }
                    })
                    .max()
                    .unwrap_or(0);
                largest.max(32) + 8
            }
        };
        stack.pop();
        self.sizes.borrow_mut().insert(name.to_owned(), size);
        size
    }

    fn decide_boxing(&mut self) {
        let mut boxed = HashSet::new();
        for object in &self.spec.objects {
            let ObjectKind::Fields(fields) = &object.kind else {
                continue;
            };
            for field in fields {
                let Some(target) = direct_ref(&field.ty) else {
                    continue;
                };
                if RUNTIME_OBJECTS.contains(&target) {
                    continue;
                }
                let mut stack = vec![object.name.clone()];
                let recursive = self.reaches(target, &object.name, &mut HashSet::new());
                // A union already boxes its large variants, so it stays small inline: boxing it
                // too would only make matching on it awkward.
                let is_union = self.object(target).union().is_some();
                let size = self.object_size(target, &mut stack);
                let large = if field.required {
                    !is_union && size > BOX_ABOVE
                } else {
                    // Optional objects are rarely set: a box keeps the common case small. Only
                    // objects that hold no information (service markers) stay inline.
                    !self.object(target).fields().is_empty() || is_union
                };
                if recursive || large {
                    boxed.insert((object.name.clone(), field.name.clone()));
                }
            }
        }
        self.boxed = boxed;
    }

    /// Whether `from` contains `to` inline (through direct object fields or union variants,
    /// not through arrays): such a field closes a cycle and must be boxed.
    fn reaches(&self, from: &str, to: &str, seen: &mut HashSet<String>) -> bool {
        if from == to {
            return true;
        }
        if RUNTIME_OBJECTS.contains(&from) || !seen.insert(from.to_owned()) {
            return false;
        }
        match &self.object(from).kind {
            ObjectKind::Fields(fields) => fields
                .iter()
                .filter_map(|f| direct_ref(&f.ty))
                .any(|t| self.reaches(t, to, seen)),
            ObjectKind::Union(union) => union.variants.iter().any(|v| self.reaches(&v.name, to, seen)),
        }
    }

    /// Whether a union variant is stored boxed in its enum.
    pub(crate) fn variant_boxed(&self, variant: &str) -> bool {
        let mut stack = Vec::new();
        self.object_size(variant, &mut stack) > BOX_VARIANT_ABOVE
    }

    /// Whether the update kind `field` of `Update` is stored boxed: every kind larger than a
    /// pointer pair is, so that an `Update` is a few words.
    pub(crate) fn update_kind_boxed(&self, field: &Field) -> bool {
        match direct_ref(&field.ty) {
            Some(target) => {
                let mut stack = Vec::new();
                self.object_size(target, &mut stack) > BOX_OPTIONAL_ABOVE
            }
            None => false,
        }
    }

    /// The snake_case Rust method name of an API method.
    pub(crate) fn method_fn(&self, method: &str) -> String {
        snake_case(method)
    }

    /// The payload type name of an API method (`sendMessage` -> `SendMessage`).
    pub(crate) fn method_type(&self, method: &str) -> String {
        pascal_case(method).unwrap_or_else(|| panic!("method `{method}` has no type name"))
    }
}

/// Inline object fields whose target is estimated larger than this are boxed.
const BOX_ABOVE: usize = 48;
/// Optional object fields whose target is estimated larger than this are boxed.
const BOX_OPTIONAL_ABOVE: usize = 16;
/// Union variants larger than this are boxed.
const BOX_VARIANT_ABOVE: usize = 64;

/// A String field documented as taking "attach://<file_attach_name>" (InputMedia's `media`,
/// `thumbnail`, `cover`, InputSticker's `sticker`, ...) carries a file: it is typed
/// [`InputFile`], which serializes a file id or URL as the plain string and an upload as its
/// `attach://` reference.
pub(crate) fn is_upload_string(field: &Field) -> bool {
    field.ty == Type::String && field.description.contains("attach://")
}

/// The object a field's type names directly (not through an array).
fn direct_ref(ty: &Type) -> Option<&str> {
    match ty {
        Type::Ref(name) => Some(name),
        _ => None,
    }
}

impl Context<'_> {
    /// Whether `Eq` and `Hash` can be derived: nothing inside is a float or an upload
    /// (union catch-alls hold `serde_json::Value`, which is `Eq + Hash`).
    pub(crate) fn allows_eq(&self, name: &str) -> bool {
        let test = |ty: &Type| matches!(ty, Type::Float) || *ty == Type::Ref("InputFile".into());
        !self.contains(name, &mut HashSet::new(), &test)
            && !self.may_upload(&Type::Ref(name.into()), &mut HashSet::new())
    }

    fn contains(&self, name: &str, seen: &mut HashSet<String>, test: &dyn Fn(&Type) -> bool) -> bool {
        if RUNTIME_OBJECTS.contains(&name) || !seen.insert(name.to_owned()) {
            return false;
        }
        match &self.object(name).kind {
            ObjectKind::Fields(fields) => fields.iter().any(|f| self.type_contains(&f.ty, seen, test)),
            ObjectKind::Union(union) => union.variants.iter().any(|v| self.contains(&v.name, seen, test)),
        }
    }

    fn type_contains(&self, ty: &Type, seen: &mut HashSet<String>, test: &dyn Fn(&Type) -> bool) -> bool {
        if test(ty) {
            return true;
        }
        match ty {
            Type::Ref(name) => self.contains(name, seen, test),
            Type::Array(inner) => self.type_contains(inner, seen, test),
            Type::OneOf(alts) => alts.iter().any(|t| self.type_contains(t, seen, test)),
            _ => false,
        }
    }
}
