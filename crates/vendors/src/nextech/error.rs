//! Nextech documents status codes but no error body, so the body is kept whole (redacted in
//! `Debug`) for support.

use crate::http::{HttpError, RawBody};

pub type NextechError = HttpError<RawBody>;
