//! Identifiers. The desk gives each person its own id and keeps every vendor's id beside it,
//! because no two vendors number patients the same way (CXone `pt-12345`, Nextech integers,
//! NexHealth integers, Zoom `pat_…`, WellHive the practice's own patient index).

use serde::{Deserialize, Serialize};
use specta::Type;
use std::fmt;

/// The five systems the desk sits over.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Type,
)]
#[serde(rename_all = "camelCase")]
pub enum Vendor {
    Cxone,
    Zoom,
    Nextech,
    Nexhealth,
    Wellhive,
}

impl Vendor {
    pub const ALL: [Vendor; 5] = [
        Vendor::Cxone,
        Vendor::Zoom,
        Vendor::Nextech,
        Vendor::Nexhealth,
        Vendor::Wellhive,
    ];

    /// The stable lower-case key used in config files, the store and environment variables.
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            Vendor::Cxone => "cxone",
            Vendor::Zoom => "zoom",
            Vendor::Nextech => "nextech",
            Vendor::Nexhealth => "nexhealth",
            Vendor::Wellhive => "wellhive",
        }
    }

    /// The vendor's name as a receptionist knows it.
    #[must_use]
    pub const fn display_name(self) -> &'static str {
        match self {
            Vendor::Cxone => "NICE CXone",
            Vendor::Zoom => "Zoom",
            Vendor::Nextech => "Nextech",
            Vendor::Nexhealth => "NexHealth",
            Vendor::Wellhive => "WellHive",
        }
    }

    /// Parses the key form (`cxone`, `zoom`, ...), case-insensitively.
    #[must_use]
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|v| v.key().eq_ignore_ascii_case(key))
    }
}

impl fmt::Display for Vendor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.display_name())
    }
}

/// The desk's own id for one person, stable across vendors and re-syncs.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Type)]
#[serde(transparent)]
pub struct PatientId(pub String);

impl PatientId {
    #[must_use]
    pub fn new_random() -> Self {
        Self(uuid::Uuid::new_v4().to_string())
    }
}

impl fmt::Display for PatientId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An id as one vendor spells it, kept as text because vendors mix integers and strings.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Type)]
#[serde(transparent)]
pub struct ExternalId(pub String);

impl fmt::Display for ExternalId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for ExternalId {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

impl From<String> for ExternalId {
    fn from(value: String) -> Self {
        Self(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vendor_keys_round_trip() {
        for v in Vendor::ALL {
            assert_eq!(Vendor::from_key(v.key()), Some(v));
            assert_eq!(Vendor::from_key(&v.key().to_uppercase()), Some(v));
        }
        assert_eq!(Vendor::from_key("epic"), None);
    }

    #[test]
    fn vendor_serialises_camel_case() {
        assert_eq!(
            serde_json::to_string(&Vendor::Nexhealth).unwrap(),
            "\"nexhealth\""
        );
    }
}
