//! Why a configuration file could not be used, said so that an IT admin can fix it without
//! reading code: which file, which line and column, which key, and what was wrong with it.

use crate::error::CoreError;
use std::path::PathBuf;

/// Where in the file a problem sits (1-based, as editors count).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl std::fmt::Display for Position {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read the configuration file {}: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}{}: {}{message}", path.display(), position.map_or_else(String::new, |p| format!(":{p}")), if key.is_empty() { String::new() } else { format!("`{key}`: ") })]
    Invalid {
        path: PathBuf,
        position: Option<Position>,
        /// Dotted path of the key (`cxone.rate_share`), or the section when a key is missing.
        key: String,
        message: String,
    },
    #[error(
        "no configuration file: none given, FRONTDESK_CONFIG unset, and no OS configuration directory"
    )]
    NoLocation,
}

impl ConfigError {
    /// The line of the problem, when the file has one.
    #[must_use]
    pub fn line(&self) -> Option<usize> {
        match self {
            ConfigError::Invalid { position, .. } => position.map(|p| p.line),
            _ => None,
        }
    }

    /// The dotted key the problem is about.
    #[must_use]
    pub fn key(&self) -> Option<&str> {
        match self {
            ConfigError::Invalid { key, .. } => Some(key),
            _ => None,
        }
    }
}

/// Mapped once: the desk sees an invalid setting named by its key.
impl From<ConfigError> for CoreError {
    fn from(e: ConfigError) -> Self {
        let field = match &e {
            ConfigError::Invalid { key, .. } => key.clone(),
            ConfigError::Read { .. } | ConfigError::NoLocation => "config".to_owned(),
        };
        CoreError::Invalid {
            field,
            message: e.to_string(),
        }
    }
}

/// The 1-based line and column of byte `offset` in `text`.
pub(crate) fn position_of(text: &str, offset: usize) -> Position {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    Position { line, column }
}

/// The dotted key at `offset`: the nearest `[section]` header above it and the key on that line
/// (toml's own message names the problem but not always the key, e.g. for a wrong type).
pub(crate) fn key_at(text: &str, offset: usize) -> String {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = text
        .get(line_start..)
        .and_then(|rest| rest.lines().next())
        .unwrap_or("");
    let section = before
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('[') && l.contains(']'))
        .map(|l| {
            l.trim_start_matches('[')
                .split(']')
                .next()
                .unwrap_or("")
                .trim()
                .to_owned()
        });
    let key = line
        .split_once('=')
        .map(|(k, _)| k.trim().trim_matches('"').to_owned())
        .filter(|k| !k.is_empty() && !k.starts_with('['));
    match (section, key) {
        (Some(s), Some(k)) => format!("{s}.{k}"),
        (Some(s), None) => s,
        (None, Some(k)) => k,
        (None, None) => String::new(),
    }
}

/// The position of a `[section]` header, for problems about a whole section (a missing key).
pub(crate) fn section_position(text: &str, section: &str) -> Option<Position> {
    let header = format!("[{section}]");
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.trim().starts_with(&header) {
            let indent = line.len() - line.trim_start().len();
            return Some(position_of(text, offset + indent));
        }
        offset += line.len();
    }
    None
}
