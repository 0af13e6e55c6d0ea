//! The connection settings as the Settings screen reads and sends them. Values travel as the
//! text a person typed, keyed by the config file's own key names (`client_id`, `rate_share`), so
//! a refused value comes back as `Invalid { field: "rate_share", .. }` and lands beside its
//! input. Secrets only ever travel towards the desk: reads say whether each is set, never what
//! it is.

use frontdesk_core::Vendor;
use serde::{Deserialize, Serialize};
use specta::Type;
use std::collections::BTreeMap;

/// Everything the Settings screen shows about the practice's vendor connections.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionSettings {
    /// The file these settings live in (shown so an admin knows what is being edited).
    pub config_path: String,
    /// False before the first save on a new desk.
    pub file_exists: bool,
    pub practice: PracticeForm,
    pub vendors: Vec<VendorSettings>,
}

/// The practice's own name and time zone (`[practice]`), needed before any vendor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PracticeForm {
    pub name: String,
    /// An IANA zone name; empty means the desk's default (`America/New_York`).
    pub timezone: String,
}

/// One vendor's section as it stands in the file.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct VendorSettings {
    pub vendor: Vendor,
    /// Whether the file has a section for this vendor at all.
    pub present: bool,
    pub enabled: bool,
    /// Each key the form edits, with its value as written (empty when the file leaves it out).
    pub values: BTreeMap<String, String>,
    /// What the desk uses for keys left out, for the form's placeholders.
    pub defaults: BTreeMap<String, String>,
    /// Keys that must be filled while the vendor is on.
    pub required: Vec<String>,
    /// The choices of keys that take one of a few words.
    pub choices: BTreeMap<String, Vec<String>>,
    pub secret: SecretState,
}

/// Whether a secret is in the keychain; its value never leaves the desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SecretState {
    /// The keychain entry (`cxone.client_secret`), as `frontdesk secrets` names it.
    pub name: String,
    pub set: bool,
    /// False for Nextech, whose refresh token only its browser sign-in writes.
    pub typed: bool,
}

/// One vendor's settings as the form sends them to be saved or tested.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct VendorUpdate {
    pub vendor: Vendor,
    pub enabled: bool,
    pub values: BTreeMap<String, String>,
    /// A new secret to store; `None` (or empty) keeps the one in the keychain.
    pub secret: Option<String>,
}

/// What "Test connection" found when the vendor could be reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(
    tag = "outcome",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum ConnectionCheck {
    /// Signed in and read something small.
    Ok {
        vendor: Vendor,
        /// What was read, e.g. `GET /integrations/cxone/ivr/templates`.
        checked: String,
    },
    /// The vendor answered with an error: its own status, code, message and trace id.
    Refused {
        vendor: Vendor,
        failure: VendorFailure,
    },
}

/// Why a vendor refused, in its own words. The message comes only from the token endpoint or
/// the patient-free read the check makes, so it carries no patient data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct VendorFailure {
    pub reason: FailureReason,
    /// `sign-in` (the token endpoint) or the request the check made.
    pub step: String,
    pub status: Option<u16>,
    pub code: Option<String>,
    pub message: Option<String>,
    pub trace_id: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum FailureReason {
    /// The credentials were refused.
    Rejected,
    /// The secret is not in the keychain yet.
    MissingSecret,
    /// Nextech needs a person to sign in through the browser first.
    NeedsSignIn,
    /// The signing key (WellHive) could not be read or used.
    BadKey,
    /// The vendor answered with an error other than refusing the credentials.
    VendorError,
    /// The answer was not what the vendor documents.
    UnexpectedAnswer,
}
