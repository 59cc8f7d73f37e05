//! The `#[command(...)]` attributes, on the enum and on its variants.

use syn::{Attribute, LitStr};

/// How variant names become command names when a variant has no `rename`.
#[derive(Clone, Copy)]
pub(crate) enum RenameRule {
    /// `UsernameAndAge` → `usernameandage` (the default: Telegram commands are lowercase).
    Lowercase,
    /// `UsernameAndAge` → `username_and_age`.
    SnakeCase,
    /// Kept as written: `UsernameAndAge`.
    Identity,
}

impl RenameRule {
    pub(crate) fn apply(self, ident: &str) -> String {
        match self {
            RenameRule::Lowercase => ident.to_lowercase(),
            RenameRule::Identity => ident.to_owned(),
            RenameRule::SnakeCase => {
                let mut out = String::with_capacity(ident.len() + 4);
                for (i, c) in ident.chars().enumerate() {
                    if c.is_uppercase() && i > 0 {
                        out.push('_');
                    }
                    out.extend(c.to_lowercase());
                }
                out
            }
        }
    }
}

/// `#[command(...)]` on the enum.
pub(crate) struct EnumAttrs {
    pub(crate) rename_rule: RenameRule,
    pub(crate) description: Option<String>,
}

/// `#[command(...)]` on a variant.
#[derive(Default)]
pub(crate) struct VariantAttrs {
    pub(crate) rename: Option<String>,
    pub(crate) description: Option<String>,
    pub(crate) hide: bool,
    pub(crate) aliases: Vec<String>,
    pub(crate) separator: Option<String>,
}

pub(crate) fn enum_attrs(attrs: &[Attribute]) -> syn::Result<EnumAttrs> {
    let mut out = EnumAttrs {
        rename_rule: RenameRule::Lowercase,
        description: None,
    };
    for attr in attrs.iter().filter(|a| a.path().is_ident("command")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename_rule") {
                let rule: LitStr = meta.value()?.parse()?;
                out.rename_rule = match rule.value().as_str() {
                    "lowercase" => RenameRule::Lowercase,
                    "snake_case" => RenameRule::SnakeCase,
                    "identity" => RenameRule::Identity,
                    other => {
                        return Err(syn::Error::new_spanned(
                            rule,
                            format!(
                                "unknown rename_rule `{other}`: use \"lowercase\" (the default), \
                                 \"snake_case\" or \"identity\""
                            ),
                        ));
                    }
                };
                Ok(())
            } else if meta.path.is_ident("description") {
                out.description = Some(meta.value()?.parse::<LitStr>()?.value());
                Ok(())
            } else {
                Err(meta.error("expected `rename_rule = \"...\"` or `description = \"...\"` on the enum"))
            }
        })?;
    }
    Ok(out)
}

pub(crate) fn variant_attrs(attrs: &[Attribute]) -> syn::Result<VariantAttrs> {
    let mut out = VariantAttrs::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("command")) {
        attr.parse_nested_meta(|meta| {
            let string = |meta: &syn::meta::ParseNestedMeta<'_>| -> syn::Result<String> {
                Ok(meta.value()?.parse::<LitStr>()?.value())
            };
            if meta.path.is_ident("rename") {
                out.rename = Some(string(&meta)?);
            } else if meta.path.is_ident("description") {
                out.description = Some(string(&meta)?);
            } else if meta.path.is_ident("alias") {
                out.aliases.push(string(&meta)?);
            } else if meta.path.is_ident("separator") {
                out.separator = Some(string(&meta)?);
            } else if meta.path.is_ident("hide") {
                out.hide = true;
            } else {
                return Err(meta.error(
                    "expected `rename = \"...\"`, `description = \"...\"`, `alias = \"...\"`, \
                     `separator = \"...\"` or `hide` on a variant",
                ));
            }
            Ok(())
        })?;
    }
    Ok(out)
}
