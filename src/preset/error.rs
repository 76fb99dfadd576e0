//! The error a user sees for a bad preset, a bad `--set` or an unknown preset name.

use std::fmt;

/// Bad input, located: which file (or `--set`), where, which key, what is wrong, what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The file as the user named it, `--set`, or a built-in preset.
    pub origin: String,
    /// 1-based line and column, when the input is a file.
    pub line_col: Option<(usize, usize)>,
    /// `section.key`, when one key is to blame.
    pub key: Option<String>,
    pub message: String,
    /// A suggestion: the nearest valid key, the known presets.
    pub help: Option<String>,
}

impl InputError {
    pub fn new(origin: impl Into<String>, message: impl Into<String>) -> InputError {
        InputError {
            origin: origin.into(),
            line_col: None,
            key: None,
            message: message.into(),
            help: None,
        }
    }

    pub fn at(mut self, line_col: Option<(usize, usize)>) -> InputError {
        self.line_col = line_col;
        self
    }

    pub fn key(mut self, key: impl Into<String>) -> InputError {
        self.key = Some(key.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> InputError {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The origin and key come from the user: one line each, and a key cut to a readable
        // length (a megabyte of unknown key is echoed as its start).
        write!(f, "{}", crate::sanitize::line(&self.origin))?;
        if let Some((line, col)) = self.line_col {
            write!(f, ":{line}:{col}")?;
        }
        write!(f, ": ")?;
        if let Some(key) = &self.key {
            write!(f, "{} ", crate::sanitize::clip(key, crate::sanitize::SHOWN))?;
        }
        write!(f, "{}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

impl std::error::Error for InputError {}

impl From<crate::input::ReadError> for InputError {
    fn from(e: crate::input::ReadError) -> InputError {
        InputError::new(e.path.display().to_string(), e.why.to_string())
    }
}

/// 1-based line and column (in characters) of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based() {
        let t = "a = 1\n[workload]\nxy = 2\n";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, t.find("xy").unwrap()), (3, 1));
        assert_eq!(line_col(t, t.find('2').unwrap()), (3, 6));
    }

    #[test]
    fn reads_as_one_line_plus_help() {
        let e = InputError::new("p.toml", "= -5 is out of range: allowed ≥ 0")
            .at(Some((3, 20)))
            .key("workload.requests_per_day")
            .help("use a positive volume");
        assert_eq!(
            e.to_string(),
            "p.toml:3:20: workload.requests_per_day = -5 is out of range: allowed ≥ 0\n  help: use a positive volume"
        );
    }

    #[test]
    fn a_key_from_the_user_stays_on_its_line_and_is_cut_short() {
        let forged = InputError::new("p.toml", "is not a known key").key("x\nerror: forged line");
        assert_eq!(
            forged.to_string(),
            "p.toml: x\\x0aerror: forged line is not a known key"
        );
        let huge = InputError::new("--set", "is not a known key").key("k".repeat(1 << 20));
        assert!(huge.to_string().len() < 200, "{}", huge.to_string().len());
    }
}
