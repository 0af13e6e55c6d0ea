//! What each vendor's section of the config file may hold, as the Settings form edits it: the
//! keys, what kind of value each takes, which are required when the vendor is on, and the
//! keychain secret the vendor signs in with. One table drives reading, checking and writing,
//! so the form, the file and the parser in `frontdesk_core::config` agree on every key.

use frontdesk_core::Vendor;
use frontdesk_core::config::secrets;

/// The kind of value a key takes, which decides how it is checked and written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// An `https://` URL, or `http://` on this computer (the sandbox).
    Url,
    /// An id or name: one line of printable text.
    Text,
    /// One of a fixed list of words.
    Choice(&'static [&'static str]),
    /// Requests per minute the vendor allows the tenant (a whole number).
    PerMinute,
    /// This desk's share of the tenant's budget: more than 0, at most 1.
    Share,
    /// NexHealth location ids: whole numbers, separated by commas or spaces.
    LocationIds,
    /// A file on this computer (absolute path).
    Path,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Field {
    pub key: &'static str,
    pub kind: Kind,
    /// Needed when the vendor is on (core's checker refuses the file without it).
    pub required: bool,
    /// What the desk uses when the key is left out (shown as the field's placeholder).
    pub default: Option<&'static str>,
}

const fn field(key: &'static str, kind: Kind) -> Field {
    Field {
        key,
        kind,
        required: false,
        default: None,
    }
}

const fn required(key: &'static str, kind: Kind) -> Field {
    Field {
        key,
        kind,
        required: true,
        default: None,
    }
}

const fn defaulted(key: &'static str, kind: Kind, default: &'static str) -> Field {
    Field {
        key,
        kind,
        required: false,
        default: Some(default),
    }
}

const SHARE: Field = defaulted("rate_share", Kind::Share, "1");
const PER_MINUTE: Field = field("per_minute", Kind::PerMinute);

const CXONE: &[Field] = &[
    defaulted("base_url", Kind::Url, "https://api.cxone.com/healthcare/v1"),
    defaulted("token_url", Kind::Url, "https://auth.cxone.com/oauth/token"),
    required("client_id", Kind::Text),
    required(
        "plan",
        Kind::Choice(&["basic", "professional", "enterprise"]),
    ),
    SHARE,
];

const ZOOM: &[Field] = &[
    defaulted("base_url", Kind::Url, "https://api.zoom.us/v2"),
    defaulted("token_url", Kind::Url, "https://zoom.us/oauth/token"),
    required("account_id", Kind::Text),
    required("client_id", Kind::Text),
    defaulted("user_id", Kind::Text, "me"),
    defaulted(
        "api",
        Kind::Choice(&["healthcare", "meetings"]),
        "healthcare",
    ),
    PER_MINUTE,
    SHARE,
];

const NEXTECH: &[Field] = &[
    defaulted(
        "base_url",
        Kind::Url,
        "https://saas.nextech-api.com/ehr/api",
    ),
    field("tenant_id", Kind::Text),
    field("authorize_url", Kind::Url),
    field("token_url", Kind::Url),
    required("client_id", Kind::Text),
    required("resource", Kind::Text),
    required("practice_id", Kind::Text),
    PER_MINUTE,
    SHARE,
];

const NEXHEALTH: &[Field] = &[
    defaulted("base_url", Kind::Url, "https://nexhealth.info"),
    required("subdomain", Kind::Text),
    required("location_ids", Kind::LocationIds),
    defaulted("api", Kind::Choice(&["current", "v2"]), "current"),
    PER_MINUTE,
    SHARE,
];

const WELLHIVE: &[Field] = &[
    required("base_url", Kind::Url),
    required("token_url", Kind::Url),
    field("audience", Kind::Url),
    required("client_id", Kind::Text),
    defaulted("algorithm", Kind::Choice(&["RS256", "ES256"]), "RS256"),
    field("private_key_path", Kind::Path),
    PER_MINUTE,
    SHARE,
];

/// The keys the form edits for `vendor`, in the order the form shows them.
pub(crate) fn fields(vendor: Vendor) -> &'static [Field] {
    match vendor {
        Vendor::Cxone => CXONE,
        Vendor::Zoom => ZOOM,
        Vendor::Nextech => NEXTECH,
        Vendor::Nexhealth => NEXHEALTH,
        Vendor::Wellhive => WELLHIVE,
    }
}

/// The keychain secret the vendor's sign-in uses. Nextech's is the refresh token its browser
/// sign-in leaves behind, never typed into a form.
pub(crate) fn secret_name(vendor: Vendor) -> &'static str {
    match vendor {
        Vendor::Cxone => secrets::CXONE_CLIENT_SECRET,
        Vendor::Zoom => secrets::ZOOM_CLIENT_SECRET,
        Vendor::Nextech => secrets::NEXTECH_REFRESH_TOKEN,
        Vendor::Nexhealth => secrets::NEXHEALTH_API_KEY,
        Vendor::Wellhive => secrets::WELLHIVE_PRIVATE_KEY,
    }
}

/// Whether a person may type the vendor's secret into the form.
pub(crate) fn secret_is_typed(vendor: Vendor) -> bool {
    vendor != Vendor::Nextech
}
