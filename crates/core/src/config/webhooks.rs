//! `[webhooks]`: the desk's own HTTP receiver for vendor webhooks. Where it listens on this
//! machine, and the public URL the vendors call (a reverse proxy or tunnel that terminates TLS
//! and forwards to `listen`). Without this section the desk polls each vendor instead. The
//! signing secrets are not here: they live in the keychain (see [`super::secrets`]).

use crate::config::error::ConfigError;
use crate::config::raw::RawWebhooks;
use crate::config::settings::Checker;
use std::net::SocketAddr;

/// Where the receiver listens when the section does not say.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8787";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookSettings {
    /// The local address the receiver binds.
    pub listen: SocketAddr,
    /// The base URL the vendors reach the receiver at (`https://desk.example.org`); the
    /// receiver's paths (`/webhooks/zoom`, …) are appended. `None`: the receiver runs but no
    /// subscription can be registered until it is set.
    pub public_url: Option<String>,
}

impl Checker<'_> {
    pub fn webhooks(&self, raw: RawWebhooks) -> Result<Option<WebhookSettings>, ConfigError> {
        if !raw.enabled {
            return Ok(None);
        }
        let listen_text = raw.listen.unwrap_or_else(|| DEFAULT_LISTEN.to_owned());
        let listen: SocketAddr = listen_text.trim().parse().map_err(|_| {
            self.invalid("listen", "must be an address and port, like 127.0.0.1:8787")
        })?;
        let public_url = match raw
            .public_url
            .map(|u| u.trim().trim_end_matches('/').to_owned())
        {
            None => None,
            Some(u) if u.is_empty() => None,
            Some(u) if u.starts_with("https://") || u.starts_with("http://") => Some(u),
            Some(_) => {
                return Err(self.invalid(
                    "public_url",
                    "must be an absolute URL, like https://desk.example.org",
                ));
            }
        };
        Ok(Some(WebhookSettings { listen, public_url }))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use crate::config::Config;
    use std::path::Path;

    const PRACTICE: &str = "[practice]\nname = \"Clinic\"\n";

    fn parse(extra: &str) -> Result<Config, crate::config::ConfigError> {
        Config::parse(&format!("{PRACTICE}{extra}"), Path::new("desk.toml"))
    }

    #[test]
    fn without_the_section_there_is_no_receiver() {
        assert_eq!(parse("").unwrap().webhooks, None);
    }

    #[test]
    fn the_section_gets_the_default_address_and_a_trimmed_public_url() {
        let c = parse("[webhooks]\npublic_url = \"https://desk.example.org/\"\n").unwrap();
        let w = c.webhooks.unwrap();
        assert_eq!(w.listen.to_string(), super::DEFAULT_LISTEN);
        assert_eq!(w.public_url.as_deref(), Some("https://desk.example.org"));
    }

    #[test]
    fn a_disabled_section_is_no_receiver() {
        let c = parse("[webhooks]\nenabled = false\nlisten = \"0.0.0.0:9000\"\n").unwrap();
        assert_eq!(c.webhooks, None);
    }

    #[test]
    fn a_bad_address_or_url_names_its_key() {
        let e = parse("[webhooks]\nlisten = \"localhost\"\n").unwrap_err();
        assert_eq!(e.key(), Some("webhooks.listen"));
        assert_eq!(e.line(), Some(3));
        let e = parse("[webhooks]\npublic_url = \"desk.example.org\"\n").unwrap_err();
        assert_eq!(e.key(), Some("webhooks.public_url"));
        let e = parse("[webhooks]\nsecret = \"x\"\n").unwrap_err();
        assert_eq!(e.key(), Some("webhooks.secret"));
    }
}
