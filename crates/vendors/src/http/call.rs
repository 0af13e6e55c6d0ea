//! One request, described: method, path template with its values, query, body, and whether
//! repeating it is harmless. The template (not the filled path) is what logs and errors show,
//! so ids and search terms never reach them.

use reqwest::Method;
use reqwest::header::{HeaderName, HeaderValue};
use secrecy::{ExposeSecret, SecretString};
use serde::Serialize;
use url::Url;

/// A request body.
#[derive(Debug)]
pub enum Body {
    Json(serde_json::Value),
    /// Form fields; values are secrets because token requests carry credentials.
    Form(Vec<(&'static str, SecretString)>),
}

#[derive(Debug)]
pub struct Call {
    pub method: Method,
    pub template: &'static str,
    pub(crate) segments: Vec<String>,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) body: Option<Body>,
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    pub(crate) absolute: Option<Url>,
    pub idempotent: bool,
    pub authenticated: bool,
}

impl Call {
    /// `template` like `/patients/{id}`; each `{...}` segment takes the next of `args`, percent-
    /// encoded as one path segment.
    #[must_use]
    pub fn new(method: Method, template: &'static str, args: &[&str]) -> Self {
        let mut args = args.iter();
        let segments = template
            .split('/')
            .filter(|s| !s.is_empty())
            .map(|s| {
                if s.starts_with('{') {
                    args.next().map_or_else(String::new, |a| (*a).to_owned())
                } else {
                    s.to_owned()
                }
            })
            .collect();
        let idempotent = matches!(
            method,
            Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS
        );
        Self {
            method,
            template,
            segments,
            query: Vec::new(),
            body: None,
            headers: Vec::new(),
            absolute: None,
            idempotent,
            authenticated: true,
        }
    }

    #[must_use]
    pub fn get(template: &'static str, args: &[&str]) -> Self {
        Self::new(Method::GET, template, args)
    }

    #[must_use]
    pub fn post(template: &'static str, args: &[&str]) -> Self {
        Self::new(Method::POST, template, args)
    }

    #[must_use]
    pub fn patch(template: &'static str, args: &[&str]) -> Self {
        Self::new(Method::PATCH, template, args)
    }

    #[must_use]
    pub fn delete(template: &'static str, args: &[&str]) -> Self {
        Self::new(Method::DELETE, template, args)
    }

    /// A call to a URL outside the client's base (token endpoints); `template` names it in logs.
    #[must_use]
    pub fn to_url(method: Method, template: &'static str, url: Url) -> Self {
        let mut call = Self::new(method, template, &[]);
        call.absolute = Some(url);
        call
    }

    #[must_use]
    #[allow(clippy::needless_pass_by_value)] // by value so callers can pass temporaries
    pub fn query(mut self, key: &str, value: impl ToString) -> Self {
        self.query.push((key.to_owned(), value.to_string()));
        self
    }

    #[must_use]
    pub fn query_opt(self, key: &str, value: Option<impl ToString>) -> Self {
        match value {
            Some(v) => self.query(key, v),
            None => self,
        }
    }

    #[must_use]
    pub fn query_all<T: ToString>(mut self, key: &str, values: &[T]) -> Self {
        for v in values {
            self.query.push((key.to_owned(), v.to_string()));
        }
        self
    }

    /// A JSON body. Serialising our own request types cannot fail in practice; if it does the
    /// call is sent with `null` and the vendor's 400 says so.
    #[must_use]
    pub fn json(mut self, body: &impl Serialize) -> Self {
        self.body = Some(Body::Json(
            serde_json::to_value(body).unwrap_or(serde_json::Value::Null),
        ));
        self
    }

    #[must_use]
    pub fn form(mut self, fields: Vec<(&'static str, SecretString)>) -> Self {
        self.body = Some(Body::Form(fields));
        self
    }

    #[must_use]
    pub fn header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.headers.push((name, value));
        self
    }

    /// Marks a POST that repeats harmlessly (a calculation, a token request).
    #[must_use]
    pub fn idempotent(mut self) -> Self {
        self.idempotent = true;
        self
    }

    #[must_use]
    pub fn unauthenticated(mut self) -> Self {
        self.authenticated = false;
        self
    }

    /// The full URL under `base` (or the absolute URL), with the query.
    pub(crate) fn url(&self, base: &Url) -> Url {
        let mut url = self.absolute.clone().unwrap_or_else(|| {
            let mut u = base.clone();
            if let Ok(mut path) = u.path_segments_mut() {
                path.pop_if_empty();
                for s in &self.segments {
                    path.push(s);
                }
            }
            u
        });
        if !self.query.is_empty() {
            url.query_pairs_mut().extend_pairs(self.query.iter());
        }
        url
    }

    pub(crate) fn form_pairs(fields: &[(&'static str, SecretString)]) -> String {
        let mut ser = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in fields {
            ser.append_pair(k, v.expose_secret());
        }
        ser.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_and_encodes_path_segments() {
        let base = Url::parse("http://127.0.0.1:9/healthcare/v1/").unwrap();
        let call =
            Call::get("/patients/{id}/appointments", &["pt 1/2"]).query("startDate", "2023-01-01");
        assert_eq!(
            call.url(&base).as_str(),
            "http://127.0.0.1:9/healthcare/v1/patients/pt%201%2F2/appointments?startDate=2023-01-01"
        );
        assert!(call.idempotent);
        assert!(!Call::post("/appointments", &[]).idempotent);
        assert!(Call::post("/drive-times", &[]).idempotent().idempotent);
    }

    #[test]
    fn arrays_repeat_their_key() {
        let base = Url::parse("http://h/").unwrap();
        let call = Call::get("/available_slots", &[]).query_all("lids[]", &[1, 2]);
        assert_eq!(call.url(&base).query(), Some("lids%5B%5D=1&lids%5B%5D=2"));
    }
}
