//! Which visit links the desk will hand to the system browser. A link comes from a vendor's
//! answer in the cache, never from the webview, and it must point at Zoom itself (https on
//! zoom.us or one of its subdomains) or at the Zoom base URL the practice configured (the demo
//! sandbox on loopback): anything else is refused, so a poisoned record cannot send a clinician
//! to an arbitrary page with one click. Zoom is the only vendor whose links the desk opens; the
//! opener plugin itself has no webview permission (capabilities/default.json), so this check,
//! on links read from the cache, is the only way anything reaches the system browser.

use crate::error::AppError;
use url::Url;

/// Checks `link` against the policy and returns it parsed.
pub fn allowed(link: &str, configured_zoom: Option<&Url>) -> Result<Url, AppError> {
    let refused = |message: &str| AppError::Invalid {
        field: "joinUrl".into(),
        message: message.into(),
    };
    let url = Url::parse(link).map_err(|_| refused("the visit link is not a valid address"))?;
    let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
    // Zoom's links carry no credentials and no port: either one is a link dressed up as Zoom's.
    let plain = url.username().is_empty() && url.password().is_none();
    let is_zoom = plain
        && url.scheme() == "https"
        && url.port().is_none()
        && (host == "zoom.us" || host.ends_with(".zoom.us"));
    let is_configured = configured_zoom.is_some_and(|base| {
        plain
            && base.scheme() == url.scheme()
            && base.host_str() == url.host_str()
            && base.port_or_known_default() == url.port_or_known_default()
    });
    if is_zoom || is_configured {
        Ok(url)
    } else {
        Err(refused(
            "the visit link does not point at Zoom; open the visit from Zoom directly",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::allowed;
    use url::Url;

    #[test]
    fn only_zoom_or_the_configured_zoom_origin_is_opened() {
        let sandbox = Url::parse("http://127.0.0.1:4100/v2").unwrap();
        let cases = [
            ("https://zoom.us/s/123?pwd=x", None, true),
            ("https://us02web.zoom.us/s/123", None, true),
            ("http://zoom.us/s/123", None, false),
            ("https://zoom.us.evil.example/s/1", None, false),
            ("https://evilzoom.us/s/1", None, false),
            ("javascript:alert(1)", None, false),
            ("file:///etc/passwd", None, false),
            ("not a url", None, false),
            ("http://127.0.0.1:4100/s/9?pwd=y", Some(&sandbox), true),
            ("http://127.0.0.1:4101/s/9", Some(&sandbox), false),
            ("http://127.0.0.1:4100/s/9", None, false),
            // Credentials before the host name the host after them.
            ("https://zoom.us@evil.example/s/1", None, false),
            ("https://user:pw@us02web.zoom.us/s/1", None, false),
            ("https://zoom.us:8443/s/1", None, false),
            ("http://x@127.0.0.1:4100/s/9", Some(&sandbox), false),
            ("https://ZOOM.US/s/1", None, true),
            ("https://xn--zoom-us.example/s/1", None, false),
            ("https://127.0.0.1:4100/s/9", Some(&sandbox), false),
        ];
        for (link, configured, expected) in cases {
            assert_eq!(allowed(link, configured).is_ok(), expected, "{link}");
        }
    }
}
