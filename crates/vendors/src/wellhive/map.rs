//! WellHive wire -> core. An appointment's standing combines its lifecycle `state`, the
//! provider system's `appointmentDetails.status` and the `error` of the last async request;
//! slots have a start but no length in the spec, so a default length is assumed.

use crate::wellhive::wire::{Appointment, NetworkId, ProviderServiceId, Referral, Slot, SlotId};
use chrono::{Duration, Utc};
use frontdesk_core::appointment::{
    Appointment as CoreAppointment, AppointmentStatus, Visit, VisitMode,
};
use frontdesk_core::contact::Referral as CoreReferral;
use frontdesk_core::slot::Slot as CoreSlot;
use frontdesk_core::{ExternalId, Vendor};

/// Slot length when the spec gives none.
pub const DEFAULT_SLOT_MINUTES: i64 = 30;

#[must_use]
#[allow(clippy::match_same_arms)] // arm order is the precedence; merging arms would hide it
pub fn status(a: &Appointment) -> AppointmentStatus {
    if let Some(error) = &a.error {
        return AppointmentStatus::Failed {
            reason: error.clone(),
        };
    }
    let detail = a
        .appointment_details
        .as_ref()
        .and_then(|d| d.status.as_deref());
    match (a.state.as_str(), detail) {
        ("draft", _) => AppointmentStatus::Pending,
        (_, Some("booked")) => AppointmentStatus::Scheduled,
        (_, Some("fulfilled")) => AppointmentStatus::Completed,
        (_, Some("cancelled" | "entered-in-error")) => AppointmentStatus::Cancelled,
        (_, Some("noshow")) => AppointmentStatus::NoShow,
        (_, Some("checked-in")) => AppointmentStatus::CheckedIn,
        (_, Some("booking-failed")) => AppointmentStatus::Failed {
            reason: "booking-failed".to_owned(),
        },
        // A failed cancel leaves the appointment standing.
        (_, Some("cancel-failed")) => AppointmentStatus::Scheduled,
        (_, Some("proposed" | "pending-booking" | "pending-cancel")) => AppointmentStatus::Pending,
        ("completed", _) => AppointmentStatus::Completed,
        ("submitted", _) => AppointmentStatus::Scheduled,
        _ => AppointmentStatus::Pending,
    }
}

/// `None` for a draft without a start (nothing to put on the board yet).
#[must_use]
pub fn appointment(a: &Appointment) -> Option<CoreAppointment> {
    let start = a.appointment_details.as_ref().and_then(|d| d.start)?;
    let external_id = ExternalId(a.id.0.clone());
    Some(CoreAppointment {
        id: CoreAppointment::desk_id(Vendor::Wellhive, &external_id),
        vendor: Vendor::Wellhive,
        external_id,
        patient_id: None,
        patient_external_id: Some(ExternalId(a.patient_id.0.clone())),
        provider_id: a
            .provider_service_id
            .as_ref()
            .map(|p| format!("wellhive:{p}")),
        location_id: None,
        appointment_type: None,
        start,
        end: start + Duration::minutes(DEFAULT_SLOT_MINUTES),
        status: status(a),
        visit: Visit::Referral {
            network: a.network_id.as_ref().map(ToString::to_string),
            provider_service: a.provider_service_id.as_ref().map(ToString::to_string),
            referral: a.referral.as_ref().and_then(|r| r.referral_number.clone()),
        },
        as_of: a
            .appointment_details
            .as_ref()
            .and_then(|d| d.last_retrieved)
            .unwrap_or_else(Utc::now),
    })
}

/// What a WellHive slot id carries to book it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotKey {
    pub provider_service: ProviderServiceId,
    pub slot: SlotId,
    pub network: NetworkId,
}

fn esc(s: &str) -> String {
    s.replace('%', "%25").replace('|', "%7C")
}

fn unesc(s: &str) -> String {
    s.replace("%7C", "|").replace("%25", "%")
}

impl SlotKey {
    #[must_use]
    pub fn encode(&self) -> String {
        format!(
            "wellhive|{}|{}|{}",
            esc(self.provider_service.as_str()),
            esc(self.slot.as_str()),
            esc(self.network.as_str())
        )
    }

    #[must_use]
    pub fn decode(s: &str) -> Option<Self> {
        let parts: Vec<&str> = s.split('|').collect();
        let [tag, service, slot, network] = parts.as_slice() else {
            return None;
        };
        (*tag == "wellhive").then_some(())?;
        Some(Self {
            provider_service: ProviderServiceId(unesc(service)),
            slot: SlotId(unesc(slot)),
            network: NetworkId(unesc(network)),
        })
    }
}

#[must_use]
pub fn slot(s: &Slot, network: &NetworkId, drive_time_minutes: Option<u32>) -> CoreSlot {
    let key = SlotKey {
        provider_service: s.provider_service_id.clone(),
        slot: s.id.clone(),
        network: network.clone(),
    };
    CoreSlot {
        id: key.encode(),
        vendor: Vendor::Wellhive,
        mode: VisitMode::Referral,
        provider_id: Some(format!("wellhive:{}", s.provider_service_id)),
        location_id: None,
        operatory_id: None,
        appointment_type: Some(s.appointment_type_id.0.clone()),
        start: s.start,
        end: s.start + Duration::minutes(DEFAULT_SLOT_MINUTES),
        drive_time_minutes,
    }
}

#[must_use]
pub fn referral(r: &Referral) -> CoreReferral {
    CoreReferral {
        external_id: ExternalId(r.id.0.clone()),
        patient_id: None,
        referral_number: r.referral_number.clone(),
        specialty: r.specialty_ids.first().map(ToString::to_string),
        status: r.status.clone(),
        network: r.network().map(ToString::to_string),
        as_of: Utc::now(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn appt(state: &str, detail: Option<&str>, error: Option<&str>) -> Appointment {
        let mut v = serde_json::json!({"id": "a1", "state": state, "patientId": "p1",
            "appointmentDetails": {"start": "2026-01-01T17:00:00Z"}});
        if let Some(d) = detail {
            v["appointmentDetails"]["status"] = d.into();
        }
        if let Some(e) = error {
            v["error"] = e.into();
        }
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn every_state_and_detail_status() {
        use AppointmentStatus as S;
        let failed = |r: &str| S::Failed {
            reason: r.to_owned(),
        };
        for (state, detail, error, want) in [
            ("draft", None, None, S::Pending),
            ("submitted", None, None, S::Scheduled),
            ("submitted", Some("proposed"), None, S::Pending),
            ("submitted", Some("pending-booking"), None, S::Pending),
            ("submitted", Some("booked"), None, S::Scheduled),
            ("submitted", Some("checked-in"), None, S::CheckedIn),
            ("completed", Some("fulfilled"), None, S::Completed),
            ("submitted", Some("pending-cancel"), None, S::Pending),
            ("completed", Some("cancelled"), None, S::Cancelled),
            ("completed", Some("entered-in-error"), None, S::Cancelled),
            ("completed", Some("noshow"), None, S::NoShow),
            (
                "submitted",
                Some("booking-failed"),
                None,
                failed("booking-failed"),
            ),
            ("submitted", Some("cancel-failed"), None, S::Scheduled),
            ("submitted", Some("unknown"), None, S::Scheduled),
            ("completed", None, None, S::Completed),
            ("draft", None, Some("conflict"), failed("conflict")),
            (
                "submitted",
                Some("booked"),
                Some("too-late-to-cancel"),
                failed("too-late-to-cancel"),
            ),
        ] {
            assert_eq!(
                status(&appt(state, detail, error)),
                want,
                "{state} {detail:?} {error:?}"
            );
        }
    }

    #[test]
    fn slot_keys_round_trip() {
        let k = SlotKey {
            provider_service: "ps-1".into(),
            slot: "s|odd".into(),
            network: "n-1".into(),
        };
        assert_eq!(SlotKey::decode(&k.encode()).unwrap(), k);
        assert_eq!(SlotKey::decode("nexhealth|a|b|c"), None);
    }

    #[test]
    fn spec_example_appointment_maps_to_a_referral_visit() {
        let a: Appointment = serde_json::from_str(
            r#"{"appointmentDetails":{"isLatest":true,"lastRetrieved":"2002-01-31T04:51:25Z","phone":"555-555-1000",
            "start":"2026-01-01T17:00:00Z","status":"booked"},"id":"b79e46ba","networkId":"00eff3f3",
            "patientId":"b6cc1875","providerServiceId":"69cd9203","referral":{"referralNumber":"12345"},
            "slotIds":["s1"],"state":"submitted"}"#,
        )
        .unwrap();
        let m = appointment(&a).unwrap();
        assert_eq!(m.visit.mode(), VisitMode::Referral);
        assert_eq!(m.start.to_rfc3339(), "2026-01-01T17:00:00+00:00");
        assert_eq!(m.status, AppointmentStatus::Scheduled);
    }
}
