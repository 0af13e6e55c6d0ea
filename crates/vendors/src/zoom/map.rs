//! Zoom wire -> core. Zoom times are UTC. A visit or meeting is a telehealth appointment whose
//! provider link (the meeting's `start_url`) is staff-only.

use crate::zoom::wire::{AvailabilityWindow, Meeting, Visit};
use chrono::{Duration, Utc};
use frontdesk_core::appointment::{Appointment, AppointmentStatus, Visit as CoreVisit, VisitMode};
use frontdesk_core::slot::Slot;
use frontdesk_core::{ExternalId, Vendor};

/// Visit statuses of the doc's table.
#[must_use]
pub fn visit_status(s: &str) -> AppointmentStatus {
    match s {
        "waiting" => AppointmentStatus::Waiting,
        "in_progress" => AppointmentStatus::InProgress,
        "completed" => AppointmentStatus::Completed,
        "cancelled" | "canceled" => AppointmentStatus::Cancelled,
        "no_show" => AppointmentStatus::NoShow,
        other => {
            if other != "scheduled" {
                tracing::warn!(vendor = "zoom", status = other, "unknown_visit_status");
            }
            AppointmentStatus::Scheduled
        }
    }
}

/// Meeting statuses of the spec (`GET /meetings/{id}`).
#[must_use]
pub fn meeting_status(s: Option<&str>) -> AppointmentStatus {
    match s {
        Some("started") => AppointmentStatus::InProgress,
        Some("finished") => AppointmentStatus::Completed,
        _ => AppointmentStatus::Scheduled,
    }
}

#[must_use]
pub fn visit(v: &Visit) -> Appointment {
    let external_id = ExternalId(v.id.0.clone());
    Appointment {
        id: Appointment::desk_id(Vendor::Zoom, &external_id),
        vendor: Vendor::Zoom,
        external_id,
        patient_id: None,
        patient_external_id: Some(ExternalId(v.patient_id.0.clone())),
        provider_id: Some(format!("zoom:{}", v.provider_id)),
        location_id: None,
        appointment_type: v.visit_type.clone(),
        start: v.scheduled_time,
        end: v.scheduled_time + Duration::minutes(i64::from(v.duration_minutes)),
        status: visit_status(&v.status),
        visit: CoreVisit::Telehealth {
            patient_join_url: v.join_url_patient.clone(),
            provider_join_url: v.join_url_provider.clone(),
        },
        as_of: Utc::now(),
    }
}

/// `None` for a meeting without a start time (instant or recurring without fixed time).
#[must_use]
pub fn meeting(m: &Meeting) -> Option<Appointment> {
    let start = m.start_time?;
    let external_id = ExternalId(m.id.to_string());
    Some(Appointment {
        id: Appointment::desk_id(Vendor::Zoom, &external_id),
        vendor: Vendor::Zoom,
        external_id,
        patient_id: None,
        // A plain meeting has no patient record; the desk links it by the booking it made.
        patient_external_id: None,
        provider_id: m.host_id.as_ref().map(|h| format!("zoom:{h}")),
        location_id: None,
        appointment_type: None,
        start,
        end: start + Duration::minutes(i64::from(m.duration.unwrap_or(30))),
        status: meeting_status(m.status.as_deref()),
        visit: CoreVisit::Telehealth {
            patient_join_url: m.join_url.clone(),
            provider_join_url: m.start_url.clone(),
        },
        as_of: Utc::now(),
    })
}

#[must_use]
pub fn slot(provider: &str, w: &AvailabilityWindow) -> Slot {
    Slot {
        id: format!("zoom:{provider}:{}", w.start_time.timestamp()),
        vendor: Vendor::Zoom,
        mode: VisitMode::Telehealth,
        provider_id: Some(format!("zoom:{provider}")),
        location_id: None,
        operatory_id: None,
        appointment_type: None,
        start: w.start_time,
        end: w.end_time,
        drive_time_minutes: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_visit_maps_to_a_telehealth_appointment() {
        let v: Visit = serde_json::from_str(
            r#"{"id":"visit_abc123","patient_id":"pat_123","provider_id":"prov_456",
            "scheduled_time":"2024-02-01T14:00:00Z","duration_minutes":30,"status":"scheduled",
            "join_url_patient":"https://zoom.us/j/123?pwd=xxx","join_url_provider":"https://zoom.us/j/123?pwd=yyy",
            "created_at":"2024-01-25T10:00:00Z"}"#,
        )
        .unwrap();
        let a = visit(&v);
        assert_eq!(a.id, "zoom:visit_abc123");
        assert_eq!(a.end.to_rfc3339(), "2024-02-01T14:30:00+00:00");
        assert_eq!(a.visit.mode(), VisitMode::Telehealth);
    }

    #[test]
    fn every_visit_status_of_the_doc() {
        for (s, want) in [
            ("scheduled", AppointmentStatus::Scheduled),
            ("waiting", AppointmentStatus::Waiting),
            ("in_progress", AppointmentStatus::InProgress),
            ("completed", AppointmentStatus::Completed),
            ("cancelled", AppointmentStatus::Cancelled),
            ("no_show", AppointmentStatus::NoShow),
        ] {
            assert_eq!(visit_status(s), want, "{s}");
        }
        assert_eq!(
            meeting_status(Some("started")),
            AppointmentStatus::InProgress
        );
        assert_eq!(
            meeting_status(Some("finished")),
            AppointmentStatus::Completed
        );
        assert_eq!(
            meeting_status(Some("waiting")),
            AppointmentStatus::Scheduled
        );
    }

    #[test]
    fn spec_meeting_keeps_start_url_as_provider_link() {
        let m: Meeting = serde_json::from_str(
            r#"{"id":85746065432,"topic":"Telehealth visit","type":2,"start_time":"2024-02-01T14:00:00Z",
            "duration":45,"timezone":"UTC","join_url":"https://zoom.us/j/85746065432","start_url":"https://zoom.us/s/85746065432"}"#,
        )
        .unwrap();
        let a = meeting(&m).unwrap();
        assert_eq!(a.external_id.0, "85746065432");
        assert_eq!((a.end - a.start).num_minutes(), 45);
        match a.visit {
            CoreVisit::Telehealth {
                provider_join_url, ..
            } => {
                assert_eq!(
                    provider_join_url.as_deref(),
                    Some("https://zoom.us/s/85746065432")
                );
            }
            other => panic!("{other:?}"),
        }
    }
}
