//! Nextech EHR payloads as the doc shows them (no published spec). The SSN the patient
//! resource carries is deliberately not modelled: the desk never needs it, so it is never
//! held in memory past parsing.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer};

int_id!(PatientId);
int_id!(EncounterId);
int_id!(DoctorId);

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Patient {
    pub patient_id: PatientId,
    #[serde(default)]
    pub chart_number: Option<String>,
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
    #[serde(default)]
    pub middle_name: Option<String>,
    /// A date sent as a date-time (`2017-12-14T15:08:59.934Z`).
    #[serde(default)]
    pub dob: Option<String>,
    #[serde(default)]
    pub home_phone: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Encounter {
    pub summary: EncounterSummary,
    /// CCD HTML; sanitise before display.
    #[serde(default)]
    pub ccd: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EncounterSummary {
    pub encounter_id: EncounterId,
    #[serde(default)]
    pub doctor_id: Option<DoctorId>,
    #[serde(default)]
    pub doctor_first_name: Option<String>,
    #[serde(default)]
    pub doctor_last_name: Option<String>,
    #[serde(default)]
    pub doctor_professional_designation: Option<String>,
    #[serde(default)]
    pub department: Option<String>,
    #[serde(default)]
    pub location: Option<String>,
    pub encounter_date: DateTime<Utc>,
    #[serde(rename = "type", default)]
    pub kind: Option<String>,
    /// The doc's field table says string, its example a boolean: both are read.
    #[serde(default, deserialize_with = "bool_or_string")]
    pub encounter_locked: bool,
}

fn bool_or_string<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        B(bool),
        S(String),
    }
    Ok(match Option::<Either>::deserialize(d)? {
        Some(Either::B(b)) => b,
        Some(Either::S(s)) => s.eq_ignore_ascii_case("true"),
        None => false,
    })
}

/// Filters of the encounter search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EncounterQuery {
    pub start: Option<chrono::NaiveDate>,
    pub end: Option<chrono::NaiveDate>,
    /// One of the names from `/encounters/categories`.
    pub section: Option<String>,
}

/// A CCD section name; sent as a bare string or as `{name}`.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum Category {
    Name(String),
    Object { name: String },
}

impl Category {
    #[must_use]
    pub fn name(&self) -> &str {
        match self {
            Category::Name(n) | Category::Object { name: n } => n,
        }
    }
}
