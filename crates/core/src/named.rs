//! Enums written as one fixed name each, on the wire and in the database
//! (`Status`, `Outcome`, …): one table of names gives `as_str`, `parse`,
//! `ALL` and serde, with no derived visitor (which costs the wasm several
//! hundred bytes per enum for forms these names never take).

/// Declares `pub enum $name { $variant = "name", … }` with `ALL`, `as_str`,
/// `parse`, `Serialize` and `Deserialize` as the name (an unknown name is a
/// serde error naming the known ones), and an OpenAPI string enum.
macro_rules! named_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
        }

        impl $crate::named::Named for $name {
            fn as_str(self) -> &'static str {
                $name::as_str(self)
            }
            fn parse(s: &str) -> Option<$name> {
                $name::parse(s)
            }
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// Every name, in the same order.
            pub const NAMES: &'static [&'static str] = &[$($text,)*];

            /// The name on the wire and in the database.
            pub fn as_str(self) -> &'static str {
                // Variants are numbered 0.. in declaration order, as NAMES is.
                $name::NAMES[self as usize]
            }

            /// The value a name gives (a scan of the names: smaller in the
            /// wasm than a `match` on the strings, and as fast for these
            /// few short names).
            pub fn parse(s: &str) -> Option<$name> {
                $name::NAMES.iter().position(|n| *n == s).map(|i| $name::ALL[i])
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<$name, D::Error> {
                let s = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
                $name::parse(&s).ok_or_else(|| serde::de::Error::unknown_variant(&s, &[$($text,)*]))
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .enum_values(Some([$($text,)*]))
                    .into()
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::ToSchema for $name {}
    };
}

pub(crate) use named_enum;

/// What every [`named_enum!`] enum is: a fixed name per value.
pub trait Named: Copy + 'static {
    fn as_str(self) -> &'static str;
    fn parse(s: &str) -> Option<Self>;
}

/// A field that should hold one of `T`'s names, kept as the text that was
/// sent: any text reads, so that validation reports an unknown one on its
/// field (`choice_invalid`) together with every other problem of the
/// application, instead of the parser stopping at the first; [`Choice::get`]
/// gives the value. (Kept as text, the form builds and sends one at no cost
/// in the wasm.) Its OpenAPI schema is `T`'s (`schema(value_type = T)` on
/// the field).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Choice<T> {
    text: String,
    kind: std::marker::PhantomData<T>,
}

impl<T: Named> Choice<T> {
    /// The choice a text makes (a name of `T`, or not).
    pub fn of(text: impl Into<String>) -> Choice<T> {
        Choice { text: text.into(), kind: std::marker::PhantomData }
    }

    /// The value, if the text is one of `T`'s names.
    pub fn get(&self) -> Option<T> {
        T::parse(&self.text)
    }

    /// The text on the wire.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl<T: Named> From<T> for Choice<T> {
    fn from(t: T) -> Choice<T> {
        Choice::of(t.as_str())
    }
}

impl<T> serde::Serialize for Choice<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl<'de, T> serde::Deserialize<'de> for Choice<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Choice<T>, D::Error> {
        Ok(Choice { text: String::deserialize(d)?, kind: std::marker::PhantomData })
    }
}

#[cfg(test)]
mod tests {
    use super::Choice;
    use crate::application::Gender;

    #[test]
    fn a_choice_reads_any_text_and_writes_it_back() {
        let known: Choice<Gender> = serde_json::from_str("\"female\"").unwrap();
        assert_eq!((known.get(), known), (Some(Gender::Female), Choice::from(Gender::Female)));
        let unknown: Choice<Gender> = serde_json::from_str("\"robot\"").unwrap();
        assert_eq!((unknown.get(), unknown.as_str()), (None, "robot"));
        assert_eq!(serde_json::to_string(&unknown).unwrap(), "\"robot\"");
        assert_eq!(serde_json::to_string(&Choice::from(Gender::Undisclosed)).unwrap(), "\"undisclosed\"");
        assert!(serde_json::from_str::<Choice<Gender>>("3").is_err(), "not text at all is still a type error");
    }
}
