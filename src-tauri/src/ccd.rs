//! Encounter CCDs arrive from Nextech as HTML, and a CCD from a compromised or careless source
//! can carry script, event handlers or `javascript:` links. Every CCD is cleaned here, with an
//! allow-list sanitiser, before it leaves the backend; the UI also renders it in a sandboxed
//! frame, so a miss in one layer is not a script run in the desk.

use frontdesk_store::PatientCard;
use std::collections::HashSet;

/// Cleans one CCD: document structure, tables and text formatting survive; script, styles that
/// could exfiltrate, forms, frames, event handlers and every URL that is not http(s) or mailto do not.
#[must_use]
pub fn sanitize(html: &str) -> String {
    ammonia::Builder::default()
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .link_rel(Some("noopener noreferrer"))
        .clean(html)
        .to_string()
}

/// Cleans every encounter CCD on a card in place.
pub fn sanitize_card(card: &mut PatientCard) {
    for encounter in &mut card.encounters {
        if let Some(html) = encounter.ccd_html.as_mut() {
            *html = sanitize(html);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::sanitize;

    #[test]
    fn removes_script_handlers_and_javascript_urls_but_keeps_the_clinical_content() {
        let hostile = r#"<h2>Problems</h2><script>alert(1)</script>
            <table><tr><td onclick="steal()">Hypertension</td></tr></table>
            <img src="x" onerror="steal()"><a href="javascript:steal()">more</a>
            <a href="https://example.org/guide">guide</a><iframe src="https://evil"></iframe>
            <svg><script>alert(2)</script></svg><style>body{background:url(https://evil)}</style>"#;
        let clean = sanitize(hostile);
        for banned in [
            "<script",
            "onclick",
            "onerror",
            "javascript:",
            "<iframe",
            "<style",
            "alert(",
        ] {
            assert!(
                !clean.to_lowercase().contains(banned),
                "{banned} survived: {clean}"
            );
        }
        assert!(clean.contains("<h2>Problems</h2>"));
        assert!(clean.contains("Hypertension"));
        assert!(clean.contains(r#"href="https://example.org/guide""#));
        assert!(clean.contains("noopener noreferrer"));
    }
}
