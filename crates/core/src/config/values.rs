//! Setting values that check themselves while the file is read, so a bad value is reported
//! by toml with the exact line and column of the value rather than later without one.

use serde::{Deserialize, Deserializer};

/// This desk's share of a vendor tenant's request budget: several desks of one practice share
/// one quota, so each takes a slice. Always more than 0 and at most 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RateShare(f64);

impl RateShare {
    pub const FULL: RateShare = RateShare(1.0);

    pub fn new(share: f64) -> Result<Self, String> {
        if share.is_finite() && share > 0.0 && share <= 1.0 {
            Ok(Self(share))
        } else {
            Err(format!(
                "rate share {share} is out of range: it must be more than 0 and at most 1 (this desk's share of the vendor plan)"
            ))
        }
    }

    #[must_use]
    pub fn get(self) -> f64 {
        self.0
    }
}

impl Default for RateShare {
    fn default() -> Self {
        Self::FULL
    }
}

impl<'de> Deserialize<'de> for RateShare {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = f64::deserialize(d)?;
        RateShare::new(raw).map_err(serde::de::Error::custom)
    }
}

/// An IANA time zone name, checked against the zone database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Zone(pub chrono_tz::Tz);

impl Default for Zone {
    /// The zone of a desk whose file does not say: the sandbox's and most first installs'.
    fn default() -> Self {
        Zone(chrono_tz::America::New_York)
    }
}

impl<'de> Deserialize<'de> for Zone {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        raw.parse().map(Zone).map_err(|_| {
            serde::de::Error::custom(format!(
                "unknown time zone `{raw}`: use an IANA name such as America/Chicago"
            ))
        })
    }
}

/// CXone's plans, which set its documented per-minute limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CxonePlan {
    Basic,
    Professional,
    Enterprise,
}

/// Which NexHealth API generation the tenant speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NexhealthGeneration {
    /// The published spec (`Nex-Api-Version`).
    #[default]
    Current,
    /// The doc's older `version=2` names.
    V2,
}

/// Which Zoom API carries the practice's video visits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ZoomGeneration {
    /// Zoom for Healthcare visits.
    #[default]
    Healthcare,
    /// Plain meetings, for accounts without the healthcare licence.
    Meetings,
}

/// The WellHive client-assertion signing algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum SigningAlgorithm {
    #[default]
    Rs256,
    Es256,
}
