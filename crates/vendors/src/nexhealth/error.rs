//! NexHealth's error body `{code: false, error: [...], description}`: no machine code, so the
//! status carries the meaning; the messages are kept, redacted in `Debug`.

use crate::http::{ErrorBody, HttpError, Sensitive};
use serde::{Deserialize, Deserializer};

#[derive(Debug, Clone, Deserialize)]
pub struct NexhealthErrorBody {
    #[serde(default, deserialize_with = "flatten_text")]
    pub error: Sensitive<String>,
    #[serde(default, deserialize_with = "flatten_text")]
    pub description: Sensitive<String>,
}

/// The doc nests messages in arrays (`[["Error"]]`), the spec uses `["..."]` or a string.
fn flatten_text<'de, D: Deserializer<'de>>(d: D) -> Result<Sensitive<String>, D::Error> {
    fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) => out.push(s.clone()),
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let v = Option::<serde_json::Value>::deserialize(d)?.unwrap_or_default();
    let mut out = Vec::new();
    walk(&v, &mut out);
    Ok(Sensitive::new(out.join("; ")))
}

impl ErrorBody for NexhealthErrorBody {
    fn code(&self) -> Option<String> {
        None
    }
}

pub type NexhealthError = HttpError<NexhealthErrorBody>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_doc_and_spec_error_shapes() {
        let doc: NexhealthErrorBody = serde_json::from_str(
            r#"{"code":false,"error":[["Error"]],"description":[["Description"]]}"#,
        )
        .unwrap();
        assert_eq!(doc.error.expose(), "Error");
        let spec: NexhealthErrorBody =
            serde_json::from_str(r#"{"code":false,"error":["a","b"],"data":{}}"#).unwrap();
        assert_eq!(spec.error.expose(), "a; b");
    }
}
