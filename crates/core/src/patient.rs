//! One person at the desk, as the desk knows them after linking every vendor's record of them.

use crate::ids::{ExternalId, PatientId, Vendor};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use specta::Type;

/// How sure the desk is that a vendor record belongs to this person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum LinkConfidence {
    /// MRN equals chart number, or the vendor record was created from this desk patient.
    Exact,
    /// Scored above the automatic threshold on name, date of birth and phone/email.
    Matched,
    /// Scored below the threshold: shown for a person to confirm or reject, never used silently.
    Suggested,
    /// A person confirmed the link.
    Confirmed,
}

/// One vendor's record of this person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct VendorLink {
    pub vendor: Vendor,
    pub external_id: ExternalId,
    pub confidence: LinkConfidence,
}

/// Which channels the patient has agreed to be contacted on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CommunicationPreferences {
    pub allow_email: bool,
    pub allow_sms: bool,
    pub allow_voice: bool,
}

/// A phone number normalised to E.164 where it could be, with the digits kept for search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Phone {
    /// `+12025551234` when normalisable, otherwise the vendor's text.
    pub number: String,
    pub kind: PhoneKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum PhoneKind {
    Mobile,
    Home,
    Work,
    Other,
}

/// One person at the desk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Patient {
    pub id: PatientId,
    pub given_name: String,
    pub family_name: String,
    pub middle_name: Option<String>,
    pub birth_date: Option<NaiveDate>,
    /// The practice's medical record number (CXone MRN = Nextech chart number).
    pub mrn: Option<String>,
    pub phones: Vec<Phone>,
    pub email: Option<String>,
    pub preferred_language: Option<String>,
    pub communication: CommunicationPreferences,
    pub links: Vec<VendorLink>,
    /// When the desk last heard about this person from any vendor.
    pub as_of: DateTime<Utc>,
}

impl Patient {
    /// The vendor's id for this person, if a link that may be acted on exists.
    #[must_use]
    pub fn link(&self, vendor: Vendor) -> Option<&ExternalId> {
        self.links
            .iter()
            .find(|l| l.vendor == vendor && l.confidence != LinkConfidence::Suggested)
            .map(|l| &l.external_id)
    }

    /// "Family, Given" as the desk lists people.
    #[must_use]
    pub fn display_name(&self) -> String {
        format!("{}, {}", self.family_name, self.given_name)
    }
}

/// A vendor's record of a person before the desk has linked it to anyone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct VendorPatient {
    pub vendor: Vendor,
    pub external_id: ExternalId,
    pub given_name: String,
    pub family_name: String,
    pub middle_name: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub mrn: Option<String>,
    pub phones: Vec<Phone>,
    pub email: Option<String>,
    pub preferred_language: Option<String>,
    pub communication: Option<CommunicationPreferences>,
    pub updated_at: Option<DateTime<Utc>>,
}

/// One row of a type-ahead search: enough to pick the right person from a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PatientSummary {
    pub id: PatientId,
    pub given_name: String,
    pub family_name: String,
    pub birth_date: Option<NaiveDate>,
    pub mrn: Option<String>,
    pub phones: Vec<Phone>,
    pub links: Vec<VendorLink>,
}
