//! Appointments from every source in one shape. The async states matter: a NexHealth booking is
//! `Pending` until the EHR confirms the insertion and a WellHive booking is `Pending` until the
//! network has submitted it, and a receptionist must see that, not a false "booked".

use crate::ids::{ExternalId, PatientId, Vendor};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use specta::Type;

/// How the patient attends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum VisitMode {
    InPerson,
    Telehealth,
    Referral,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(tag = "state", rename_all = "camelCase")]
pub enum AppointmentStatus {
    Scheduled,
    /// Accepted by the vendor, not yet confirmed in the record system.
    Pending,
    Confirmed,
    /// The patient is in the Zoom waiting room.
    Waiting,
    CheckedIn,
    InProgress,
    Completed,
    NoShow,
    Cancelled,
    /// The vendor gave up; `reason` is its own words.
    Failed {
        reason: String,
    },
}

impl AppointmentStatus {
    /// Whether the appointment still holds its time on the board.
    #[must_use]
    pub fn is_active(&self) -> bool {
        !matches!(
            self,
            AppointmentStatus::Cancelled | AppointmentStatus::Failed { .. }
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(tag = "mode", rename_all = "camelCase")]
pub enum Visit {
    #[serde(rename_all = "camelCase")]
    InPerson {
        location_id: Option<String>,
        operatory_id: Option<String>,
    },
    #[serde(rename_all = "camelCase")]
    Telehealth {
        patient_join_url: Option<String>,
        /// Shown only to staff; never sent to a patient channel.
        provider_join_url: Option<String>,
    },
    #[serde(rename_all = "camelCase")]
    Referral {
        network: Option<String>,
        provider_service: Option<String>,
        referral: Option<String>,
    },
}

impl Visit {
    #[must_use]
    pub fn mode(&self) -> VisitMode {
        match self {
            Visit::InPerson { .. } => VisitMode::InPerson,
            Visit::Telehealth { .. } => VisitMode::Telehealth,
            Visit::Referral { .. } => VisitMode::Referral,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Appointment {
    /// The desk's id: `vendor:externalId`.
    pub id: String,
    pub vendor: Vendor,
    pub external_id: ExternalId,
    /// The desk's person, once the sync engine has resolved `patient_external_id`.
    pub patient_id: Option<PatientId>,
    /// The vendor's own id for the patient, as the vendor sent it. Vendor clients cannot know
    /// the desk's ids; the sync engine resolves this into `patient_id` through the store.
    #[serde(default)]
    pub patient_external_id: Option<ExternalId>,
    pub provider_id: Option<String>,
    pub location_id: Option<String>,
    pub appointment_type: Option<String>,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub status: AppointmentStatus,
    pub visit: Visit,
    pub as_of: DateTime<Utc>,
}

impl Appointment {
    #[must_use]
    pub fn desk_id(vendor: Vendor, external_id: &ExternalId) -> String {
        format!("{}:{}", vendor.key(), external_id.0)
    }
}
