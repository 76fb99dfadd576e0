//! Strict JSON for the importers: a UTF-8 byte-order mark is accepted, a key given twice in one
//! object is refused (naming the key, with its line and column), and a top-level object can be
//! read one entry at a time so that a large price file never sits in memory as a whole tree.

use std::collections::HashSet;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::refusal::FileRefused;

/// The text without a leading UTF-8 byte-order mark.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// `origin:line:column: what` for a JSON error; a truncated file says so.
pub fn describe(origin: &str, e: &serde_json::Error, what: &str) -> FileRefused {
    let cause = if e.is_eof() {
        format!("the file ends early (truncated?): {e}")
    } else {
        e.to_string()
    };
    FileRefused::Syntax {
        origin: origin.to_string(),
        line: e.line(),
        column: e.column(),
        what: what.to_string(),
        cause,
    }
}

/// A JSON value whose objects never repeat a key.
pub struct Strict(pub Value);

impl<'de> serde::Deserialize<'de> for Strict {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(Strict(v)) = seq.next_element()? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                return Err(de::Error::custom(format!("duplicate key {key:?}")));
            }
            let Strict(v) = map.next_value()?;
            out.insert(key, v);
        }
        Ok(Value::Object(out))
    }
}

/// Parse a whole document strictly.
pub fn parse(text: &str, origin: &str, what: &str) -> Result<Value, FileRefused> {
    serde_json::from_str::<Strict>(strip_bom(text))
        .map(|s| s.0)
        .map_err(|e| describe(origin, &e, what))
}

/// Read a top-level JSON object entry by entry, calling `each(key, value)` as each one is
/// read; a repeated key or a value that is not valid JSON stops the read with its position.
pub fn for_each_entry(
    text: &str,
    origin: &str,
    what: &str,
    each: &mut dyn FnMut(String, Value),
) -> Result<(), FileRefused> {
    let mut de = serde_json::Deserializer::from_str(strip_bom(text));
    EntrySeed { each }
        .deserialize(&mut de)
        .and_then(|()| de.end())
        .map_err(|e| describe(origin, &e, what))
}

struct EntrySeed<'a> {
    each: &'a mut dyn FnMut(String, Value),
}

impl<'de> DeserializeSeed<'de> for EntrySeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for EntrySeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object of models")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                return Err(de::Error::custom(format!("duplicate key {key:?}")));
            }
            let Strict(v) = map.next_value()?;
            (self.each)(key, v);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_key_is_named_with_its_position() {
        let e = parse(
            "{\"a\": 1,\n \"b\": {\"x\": 1, \"x\": 2}}",
            "f.json",
            "not valid",
        )
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("f.json:2:"), "{e}");
        assert!(e.contains("duplicate key \"x\""), "{e}");
        let mut n = 0;
        let e = for_each_entry("{\"m\": {}, \"m\": {}}", "f.json", "bad", &mut |_, _| {
            n += 1
        })
        .unwrap_err()
        .to_string();
        assert!(e.contains("duplicate key \"m\""), "{e}");
        assert_eq!(n, 1);
    }

    #[test]
    fn a_bom_is_accepted_and_truncation_is_said() {
        assert_eq!(
            parse("\u{feff}[1]", "f", "x").unwrap(),
            serde_json::json!([1])
        );
        let e = parse("{\"a\": [1, 2", "f.json", "not valid")
            .unwrap_err()
            .to_string();
        assert!(e.contains("truncated"), "{e}");
        let mut keys = Vec::new();
        for_each_entry("\u{feff}{\"a\": 1, \"b\": [2]}", "f", "x", &mut |k, _| {
            keys.push(k)
        })
        .unwrap();
        assert_eq!(keys, ["a", "b"]);
        assert!(for_each_entry("[1]", "f", "x", &mut |_, _| {}).is_err());
        assert!(for_each_entry("{} {}", "f", "x", &mut |_, _| {}).is_err());
    }
}
