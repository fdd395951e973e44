//! Short strings that repeat across records (a sector, a region, a city, a
//! label or programme id, a keyword), shared instead of copied: a document
//! of 100 000 members holds a few hundred distinct values, not half a
//! million separate strings.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Borrow;
use std::cell::RefCell;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// An immutable string whose equal values share one allocation when read
/// from a document. It reads, compares and serializes as a `str`.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Sym(Arc<str>);

/// Distinct values shared per thread; past this many, values are simply
/// copied, so that no input can make the pool grow without bound.
const POOL_LIMIT: usize = 4096;

thread_local! {
    /// Sorted, so that a value is found by bisection.
    static POOL: RefCell<Vec<Arc<str>>> = const { RefCell::new(Vec::new()) };
}

impl Sym {
    /// `s`, shared with the equal values read before it.
    pub fn new(s: &str) -> Sym {
        POOL.with(|pool| {
            let mut pool = pool.borrow_mut();
            match pool.binary_search_by(|x| (**x).cmp(s)) {
                Ok(i) => Sym(pool[i].clone()),
                Err(i) => {
                    let new: Arc<str> = Arc::from(s);
                    if pool.len() < POOL_LIMIT {
                        pool.insert(i, new.clone());
                    }
                    Sym(new)
                }
            }
        })
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Sym {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Sym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Sym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl From<&str> for Sym {
    fn from(s: &str) -> Sym {
        Sym::new(s)
    }
}

impl PartialEq<str> for Sym {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Sym {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl Borrow<str> for Sym {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<String> for Sym {
    fn from(s: String) -> Sym {
        Sym::new(&s)
    }
}

impl PartialEq<String> for Sym {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl Serialize for Sym {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Sym {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Sym, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Sym;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Sym, E> {
                Ok(Sym::new(v))
            }
        }
        d.deserialize_str(Visitor)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Sym {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        String::schema_name()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        String::json_schema(generator)
    }
    fn inline_schema() -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_values_read_share_one_allocation() {
        let a: Vec<Sym> = serde_json::from_str(r#"["solar","solar","other"]"#).unwrap();
        assert!(Arc::ptr_eq(&a[0].0, &a[1].0));
        assert!(!Arc::ptr_eq(&a[0].0, &a[2].0));
        assert_eq!(a[0], "solar");
        assert_eq!(serde_json::to_string(&a).unwrap(), r#"["solar","solar","other"]"#);
        // Escapes are read like any string's.
        let b: Sym = serde_json::from_str(r#""caf\u00e9""#).unwrap();
        assert_eq!(b.as_str(), "café");
    }

    #[test]
    fn the_pool_stops_growing_at_its_limit() {
        std::thread::spawn(|| {
            for i in 0..POOL_LIMIT + 10 {
                Sym::new(&i.to_string());
            }
            POOL.with(|p| assert_eq!(p.borrow().len(), POOL_LIMIT));
            // A value past the limit is still right, only not shared.
            let (x, y) = (Sym::new("past"), Sym::new("past"));
            assert_eq!(x, y);
            assert!(!Arc::ptr_eq(&x.0, &y.0));
        })
        .join()
        .unwrap();
    }
}
