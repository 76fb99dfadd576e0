//! Figures as benchmark files write them: a number, `null`, or a string (`"inf"` in vLLM's
//! `request_rate`, `"Infinity"` and `"NaN"` from Python's bare words, see [`super::lenient`]).

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;

/// A number read from a number or a numeric string; infinities and NaN are kept so that the
/// run's check can name them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Num(pub f64);

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Num, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Num;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a number")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Num, E> {
                Ok(Num(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Num, E> {
                Ok(Num(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Num, E> {
                Ok(Num(v as f64))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Num, E> {
                let t = v.trim().to_ascii_lowercase();
                match t.as_str() {
                    "inf" | "infinity" | "+inf" => Ok(Num(f64::INFINITY)),
                    "-inf" | "-infinity" => Ok(Num(f64::NEG_INFINITY)),
                    "nan" => Ok(Num(f64::NAN)),
                    _ => t
                        .parse::<f64>()
                        .map(Num)
                        .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self)),
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// `Option<Num>` as a plain `Option<f64>`.
pub fn get(x: Option<Num>) -> Option<f64> {
    x.map(|n| n.0)
}

/// One metric of genai-perf's and AIPerf's summary: `{"unit": "ms", "avg": …, "p50": …}`.
#[derive(Debug, Clone, Deserialize, Default)]
pub struct Metric {
    pub unit: Option<String>,
    pub avg: Option<Num>,
    pub p50: Option<Num>,
    pub p99: Option<Num>,
}

/// vLLM writes `request_throughput` as a number, genai-perf as a [`Metric`].
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum NumOrMetric {
    Num(Num),
    Metric(Metric),
}

/// A model name, or genai-perf's list of them (the first is served).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Names {
    One(String),
    Many(Vec<String>),
}

impl Names {
    pub fn first(&self) -> Option<&str> {
        match self {
            Names::One(s) => Some(s),
            Names::Many(v) => v.first().map(String::as_str),
        }
    }
}

/// Milliseconds from a value in `unit` (ms by default; ns, us, s as AIPerf may write).
pub fn to_ms(v: f64, unit: Option<&str>) -> f64 {
    match unit.map(|u| u.trim().to_ascii_lowercase()).as_deref() {
        Some("ns") => v / 1e6,
        Some("us") | Some("µs") => v / 1e3,
        Some("s") | Some("sec") => v * 1e3,
        _ => v,
    }
}
