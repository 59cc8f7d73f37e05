//! The serde model of the Bot API spec, as written to `api.json`.
//!
//! Everything here is reproducible from the docs HTML alone: the scraper fills it, nothing
//! hand-written goes in. Human decisions live in the curated tables beside it.
//!
//! Field order in these structs is the order in the JSON file; optional facts are skipped when
//! empty so that the file stays small and diffs stay readable.

use serde::{Deserialize, Serialize};

/// The whole Bot API as documented on one version of the docs page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Spec {
    /// Bot API version, e.g. `10.1`.
    pub version: String,
    /// Release date of that version, ISO 8601 (`2026-06-11`).
    pub release_date: String,
    /// The "Recent changes" entry of that version, as Markdown.
    pub changelog: String,
    /// Every object (plain objects and unions), in doc order.
    pub objects: Vec<Object>,
    /// Every method, in doc order.
    pub methods: Vec<Method>,
}

/// One documented object: a struct with fields, or a union of other objects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Object {
    /// Exact Telegram name, e.g. `Message`.
    pub name: String,
    /// Anchor on the docs page (`message` for `#message`).
    pub anchor: String,
    /// The `<h3>` section the object is documented in, e.g. `Available types`.
    pub section: String,
    /// Description as Markdown. Links to other types are kept as `[Name](#anchor)`.
    pub description: String,
    /// Fields or union variants.
    #[serde(flatten)]
    pub kind: ObjectKind,
}

/// What an object consists of.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ObjectKind {
    /// A plain object with fields in doc order (possibly none: "currently holds no information").
    Fields(Vec<Field>),
    /// An object documented as "can be one of" a list of other objects.
    Union(Union),
}

/// A union ("This object ... can be one of").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Union {
    /// The field every variant pins to a fixed value (`status` for ChatMember, `type` for
    /// MessageOrigin), when all variants do.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discriminator: Option<String>,
    /// The variants, in doc order.
    pub variants: Vec<Variant>,
    /// Forms the union takes besides its object variants, as the prose lists them before the
    /// variants: RichText "can be either a String for plain text, an Array of RichText, or any of
    /// the following types". Empty for almost every union.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_types: Vec<Type>,
}

/// One variant of a union.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Variant {
    /// Name of the variant's object, e.g. `ChatMemberOwner`.
    pub name: String,
    /// The discriminator's value for this variant (`creator`), when the union has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// One documented method.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Method {
    /// Exact Telegram name, e.g. `sendMessage`.
    pub name: String,
    /// Anchor on the docs page.
    pub anchor: String,
    /// The `<h3>` section the method is documented in.
    pub section: String,
    /// Description as Markdown.
    pub description: String,
    /// Parameters in doc order.
    pub params: Vec<Field>,
    /// What a successful call returns, parsed from the description's prose.
    pub returns: Type,
}

/// A field of an object or a parameter of a method.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Field {
    /// Exact name on the wire, e.g. `chat_id`.
    pub name: String,
    /// The type expression from the "Type" column.
    #[serde(rename = "type")]
    pub ty: Type,
    /// Whether the field is always present (objects) or must be passed (methods).
    pub required: bool,
    /// Description as Markdown.
    pub description: String,
    /// Facts the description states about the value.
    #[serde(flatten)]
    pub facts: Facts,
}

/// Facts the prose states about a value, which a typed binding needs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Facts {
    /// The value is fixed ("always “creator”", "must be *article*").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub constant: Option<String>,
    /// The documented value list ("Currently, can be ...", "one of ...").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub enum_values: Vec<String>,
    /// The documented default ("Defaults to ..."), when it is a literal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<serde_json::Value>,
    /// Numeric or length bounds ("1-4096 characters", "Values between 1-100 are accepted").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bounds: Option<Bounds>,
    /// The value must be sent JSON-serialized ("A JSON-serialized object ...").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub json_serialized: bool,
}

impl Facts {
    /// True when the prose stated nothing the binding needs.
    pub fn is_empty(&self) -> bool {
        *self == Facts::default()
    }
}

/// Inclusive bounds on a value or on its length.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bounds {
    /// What is bounded.
    pub unit: BoundUnit,
    /// Smallest allowed value or length.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<serde_json::Number>,
    /// Largest allowed value or length.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<serde_json::Number>,
}

/// The quantity a [`Bounds`] applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BoundUnit {
    /// The numeric value itself.
    Value,
    /// Length in characters (UTF-16 code units on Telegram's side).
    Characters,
    /// Length in bytes.
    Bytes,
    /// Number of array items.
    Items,
}

/// A type expression from a "Type" cell or a return sentence.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Type {
    /// `Integer` (may exceed 32 bits).
    Integer,
    /// `Float` / `Float number`.
    Float,
    /// `String`.
    String,
    /// `Boolean`.
    Boolean,
    /// The literal `True` (a field that is only ever `true`).
    True,
    /// A reference to a documented object, by name.
    Ref(String),
    /// `Array of T`, nested to any depth.
    Array(Box<Type>),
    /// Alternatives: `Integer or String`, `InputFile or String`, `Message or True`.
    OneOf(Vec<Type>),
}

impl Type {
    /// Shorthand for [`Type::Ref`].
    pub fn reference(name: impl Into<String>) -> Type {
        Type::Ref(name.into())
    }

    /// Shorthand for [`Type::Array`].
    pub fn array_of(inner: Type) -> Type {
        Type::Array(Box::new(inner))
    }

    /// Every object name this type refers to, at any depth.
    pub fn refs(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.collect_refs(&mut out);
        out
    }

    fn collect_refs<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Type::Ref(name) => out.push(name),
            Type::Array(inner) => inner.collect_refs(out),
            Type::OneOf(alts) => alts.iter().for_each(|alt| alt.collect_refs(out)),
            Type::Integer | Type::Float | Type::String | Type::Boolean | Type::True => {}
        }
    }
}

impl std::fmt::Display for Type {
    /// Prints the type as the docs write it: `Array of Message`, `Integer or String`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Type::Integer => f.write_str("Integer"),
            Type::Float => f.write_str("Float"),
            Type::String => f.write_str("String"),
            Type::Boolean => f.write_str("Boolean"),
            Type::True => f.write_str("True"),
            Type::Ref(name) => f.write_str(name),
            Type::Array(inner) => write!(f, "Array of {inner}"),
            Type::OneOf(alts) => {
                for (i, alt) in alts.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" or ")?;
                    }
                    write!(f, "{alt}")?;
                }
                Ok(())
            }
        }
    }
}

impl Spec {
    /// The object with this exact name.
    pub fn object(&self, name: &str) -> Option<&Object> {
        self.objects.iter().find(|o| o.name == name)
    }

    /// The method with this exact name.
    pub fn method(&self, name: &str) -> Option<&Method> {
        self.methods.iter().find(|m| m.name == name)
    }
}

impl Object {
    /// The fields of a plain object; empty for unions.
    pub fn fields(&self) -> &[Field] {
        match &self.kind {
            ObjectKind::Fields(fields) => fields,
            ObjectKind::Union(_) => &[],
        }
    }

    /// The union description, if this object is a union.
    pub fn union(&self) -> Option<&Union> {
        match &self.kind {
            ObjectKind::Union(union) => Some(union),
            ObjectKind::Fields(_) => None,
        }
    }
}
