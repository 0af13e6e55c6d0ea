//! A wrapper for values that may carry patient data or secrets (vendor error messages, raw
//! bodies). Its `Debug` prints only a size, so an error that is `{:?}`-logged cannot leak them;
//! code that needs the value asks for it by name.

use std::fmt;

#[derive(Clone, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(transparent)]
pub struct Sensitive<T>(T);

impl<T> Sensitive<T> {
    pub fn new(value: T) -> Self {
        Self(value)
    }

    /// The value itself; callers decide where it may go (never a log line).
    pub fn expose(&self) -> &T {
        &self.0
    }
}

impl fmt::Debug for Sensitive<String> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<redacted {} bytes>", self.0.len())
    }
}

impl fmt::Debug for Sensitive<Option<String>> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Some(s) => write!(f, "<redacted {} bytes>", s.len()),
            None => f.write_str("None"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_value() {
        let s = Sensitive::new("Jane Doe 1980-05-15".to_owned());
        assert_eq!(format!("{s:?}"), "<redacted 19 bytes>");
        assert_eq!(s.expose(), "Jane Doe 1980-05-15");
    }
}
