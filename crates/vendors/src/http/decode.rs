//! JSON decoding that names the field when a vendor changes its payload
//! (`data[0].bio.date_of_birth`), without quoting the value that did not fit.

use crate::http::error::DecodeProblem;
use serde::de::DeserializeOwned;

/// Why a body did not decode: the JSON path plus where, never what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeFailure {
    pub path: String,
    pub problem: DecodeProblem,
    pub line: usize,
    pub column: usize,
}

pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, DecodeFailure> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.inner();
        DecodeFailure {
            path,
            problem: match inner.classify() {
                serde_json::error::Category::Io => DecodeProblem::Io,
                serde_json::error::Category::Syntax => DecodeProblem::Syntax,
                serde_json::error::Category::Data => DecodeProblem::Shape,
                serde_json::error::Category::Eof => DecodeProblem::Eof,
            },
            line: inner.line(),
            column: inner.column(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Outer {
        data: Vec<Inner>,
    }
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Inner {
        id: u64,
    }

    #[test]
    fn names_the_field_not_the_value() {
        let err = decode::<Outer>(br#"{"data":[{"id":1},{"id":"Jane Doe"}]}"#).unwrap_err();
        assert_eq!(err.path, "data[1].id");
        assert_eq!(err.problem, DecodeProblem::Shape);
        assert!(!format!("{err:?}").contains("Jane"));
    }
}
