//! Python's `json.dump` writes `NaN`, `Infinity` and `-Infinity` as bare words, which JSON
//! does not allow (SGLang's `bench_serving` writes `"request_rate": Infinity` for its default
//! rate). This reader turns each into a string (`"Infinity"`) as the bytes stream past, so
//! the parser reads the file without holding it, and the figures refuse or interpret them.

use std::io::{self, Read};

#[derive(Clone, Copy, PartialEq)]
enum State {
    Normal,
    InString,
    Escape,
    /// Inside a bare word that was opened with a quote.
    Word,
    /// A `-` held back until the next byte says whether it starts `-Infinity`.
    Minus,
}

/// Wraps a reader; outside strings, a word starting with `N` or `I` (or `-I`) becomes a string.
pub struct Lenient<R> {
    inner: R,
    state: State,
    out: Vec<u8>,
    at: usize,
    done: bool,
}

impl<R: Read> Lenient<R> {
    pub fn new(inner: R) -> Self {
        Lenient {
            inner,
            state: State::Normal,
            out: Vec::new(),
            at: 0,
            done: false,
        }
    }

    fn push(&mut self, b: u8) {
        match self.state {
            State::InString => {
                self.state = match b {
                    b'\\' => State::Escape,
                    b'"' => State::Normal,
                    _ => State::InString,
                };
                self.out.push(b);
            }
            State::Escape => {
                self.state = State::InString;
                self.out.push(b);
            }
            State::Word => {
                if b.is_ascii_alphabetic() {
                    self.out.push(b);
                } else {
                    self.out.push(b'"');
                    self.state = State::Normal;
                    self.push(b);
                }
            }
            State::Minus => {
                if b == b'I' {
                    self.out.extend_from_slice(b"\"-I");
                    self.state = State::Word;
                } else {
                    self.out.push(b'-');
                    self.state = State::Normal;
                    self.push(b);
                }
            }
            State::Normal => match b {
                b'"' => {
                    self.state = State::InString;
                    self.out.push(b);
                }
                b'N' | b'I' => {
                    self.out.extend_from_slice(&[b'"', b]);
                    self.state = State::Word;
                }
                b'-' => self.state = State::Minus,
                _ => self.out.push(b),
            },
        }
    }

    fn finish(&mut self) {
        match self.state {
            State::Word => self.out.push(b'"'),
            State::Minus => self.out.push(b'-'),
            _ => {}
        }
        self.state = State::Normal;
    }
}

impl<R: Read> Read for Lenient<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.at >= self.out.len() {
            if self.done {
                return Ok(0);
            }
            self.out.clear();
            self.at = 0;
            let mut chunk = [0u8; 16 * 1024];
            let n = self.inner.read(&mut chunk)?;
            if n == 0 {
                self.done = true;
                self.finish();
            }
            for &b in &chunk[..n] {
                self.push(b);
            }
        }
        let n = buf.len().min(self.out.len() - self.at);
        buf[..n].copy_from_slice(&self.out[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(s: &str) -> String {
        let mut out = String::new();
        Lenient::new(s.as_bytes()).read_to_string(&mut out).unwrap();
        out
    }

    #[test]
    fn bare_python_words_become_strings_and_the_rest_is_untouched() {
        assert_eq!(
            through(r#"{"a": Infinity, "b": -Infinity, "c": NaN, "d": -1.5e-3}"#),
            r#"{"a": "Infinity", "b": "-Infinity", "c": "NaN", "d": -1.5e-3}"#
        );
        let strings = r#"{"NaN": "Infinity \"NaN\" -I", "x": [true, null, false]}"#;
        assert_eq!(through(strings), strings);
        assert_eq!(through("Infinity"), "\"Infinity\"");
        assert_eq!(through("-"), "-");
    }
}
