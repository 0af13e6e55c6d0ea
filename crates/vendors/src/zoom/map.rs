//! Zoom wire -> core. Zoom times are UTC. A visit or meeting is a telehealth appointment whose
//! provider link (the meeting's `start_url`) is staff-only.
//!
//! A visit's provider comes out as [`provider_id`] (`zoom:prov_…`): the client cannot know the
//! desk's providers. The desk rewrites it to the linked desk provider where appointments are
//! written (`frontdesk-desk`'s `telehealth_links`), the same place patients are resolved.

use crate::normalize::{birth_date, phone, text};
use crate::zoom::wire::{Availability, Meeting, Patient, Provider, Visit};
use chrono::{Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use frontdesk_core::appointment::{Appointment, AppointmentStatus, Visit as CoreVisit, VisitMode};
use frontdesk_core::patient::{PhoneKind, VendorPatient};
use frontdesk_core::slot::Slot;
use frontdesk_core::{ExternalId, Vendor};

/// The prefix of an unresolved Zoom provider id.
pub const PROVIDER_PREFIX: &str = "zoom:";

/// The provider id a Zoom record carries until the desk resolves it to its own provider.
#[must_use]
pub fn provider_id(zoom_provider: &str) -> String {
    format!("{PROVIDER_PREFIX}{zoom_provider}")
}

/// The Zoom provider id inside an unresolved `zoom:…` provider id.
#[must_use]
pub fn zoom_provider(provider_id: &str) -> Option<&str> {
    provider_id.strip_prefix(PROVIDER_PREFIX)
}

/// `GET /healthcare/patients/{id}` as a vendor record for the desk's identity linking.
#[must_use]
pub fn patient(p: &Patient) -> VendorPatient {
    VendorPatient {
        vendor: Vendor::Zoom,
        external_id: ExternalId(p.id.0.clone()),
        given_name: p.first_name.clone().unwrap_or_default(),
        family_name: p.last_name.clone().unwrap_or_default(),
        middle_name: None,
        birth_date: p.date_of_birth.as_deref().and_then(birth_date),
        mrn: text(p.mrn.as_deref()),
        // Zoom's one number is the one it texts invitations to.
        phones: phone(p.phone.as_deref(), PhoneKind::Mobile)
            .into_iter()
            .collect(),
        email: text(p.email.as_deref()),
        preferred_language: text(p.preferred_language.as_deref()),
        communication: None,
        updated_at: p.updated_at.or(p.created_at),
    }
}

/// A Zoom provider's name as a person reads it: the display name, else the parts.
#[must_use]
pub fn provider_name(p: &Provider) -> String {
    p.display_name
        .clone()
        .or_else(|| p.name.clone())
        .unwrap_or_else(|| {
            [p.first_name.as_deref(), p.last_name.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ")
        })
}

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
        provider_id: Some(provider_id(v.provider_id.as_str())),
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
        provider_id: m.host_id.as_deref().map(provider_id),
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

/// Concrete telehealth windows from weekly hours, for each day `from..=to` in the provider's
/// zone (so a window keeps its wall-clock time across a daylight-saving change), minus the
/// provider's unavailable dates.
#[must_use]
pub fn slots(provider: &str, a: &Availability, from: NaiveDate, to: NaiveDate) -> Vec<Slot> {
    let tz: Tz = a
        .timezone
        .as_deref()
        .and_then(|t| t.parse().ok())
        .unwrap_or(Tz::UTC);
    let mut out = Vec::new();
    let mut day = from;
    while day <= to {
        let weekday = day.format("%A").to_string().to_ascii_lowercase();
        if !a.unavailable_dates.contains(&day) {
            for w in a
                .weekly_hours
                .iter()
                .filter(|w| w.day.eq_ignore_ascii_case(&weekday))
            {
                let at = |hm: &str| {
                    NaiveTime::parse_from_str(hm, "%H:%M")
                        .ok()
                        .and_then(|t| tz.from_local_datetime(&day.and_time(t)).earliest())
                        .map(|t| t.with_timezone(&Utc))
                };
                if let (Some(start), Some(end)) = (at(&w.start_time), at(&w.end_time)) {
                    out.push(Slot {
                        id: format!("zoom|{provider}|{}", start.timestamp()),
                        vendor: Vendor::Zoom,
                        mode: VisitMode::Telehealth,
                        provider_id: Some(provider_id(provider)),
                        location_id: None,
                        operatory_id: None,
                        appointment_type: None,
                        start,
                        end,
                        drive_time_minutes: None,
                    });
                }
            }
        }
        let Some(next) = day.succ_opt() else { break };
        day = next;
    }
    out
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
    fn a_zoom_patient_is_a_vendor_record_for_identity_linking() {
        let p: Patient = serde_json::from_str(
            r#"{"id":"pat_123","first_name":"Minh","last_name":"Nguyen","phone":"(312) 555-0100",
            "date_of_birth":"1964-05-03","email":"m@example.com","mrn":"MRN-1"}"#,
        )
        .unwrap();
        let v = patient(&p);
        assert_eq!(v.vendor, Vendor::Zoom);
        assert_eq!(v.external_id.0, "pat_123");
        assert_eq!(v.birth_date, NaiveDate::from_ymd_opt(1964, 5, 3));
        assert_eq!(v.phones.len(), 1);
        assert_eq!(v.mrn.as_deref(), Some("MRN-1"));
        assert_eq!(zoom_provider(&provider_id("prov_456")), Some("prov_456"));
        assert_eq!(zoom_provider("nexhealth:101"), None);
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
    fn weekly_hours_keep_wall_clock_time_across_dst() {
        let a: Availability = serde_json::from_str(
            r#"{"provider_id":"prov_1","timezone":"America/New_York","unavailable_dates":["2024-03-13"],
            "weekly_hours":[{"day":"monday","start_time":"12:00","end_time":"13:00"},
                            {"day":"wednesday","start_time":"17:00","end_time":"18:30"}]}"#,
        )
        .unwrap();
        let from = NaiveDate::from_ymd_opt(2024, 3, 4).unwrap();
        let to = NaiveDate::from_ymd_opt(2024, 3, 13).unwrap();
        let s = slots("prov_1", &a, from, to);
        let starts: Vec<String> = s.iter().map(|x| x.start.to_rfc3339()).collect();
        assert_eq!(
            starts,
            vec![
                "2024-03-04T17:00:00+00:00", // Monday, EST
                "2024-03-06T22:00:00+00:00", // Wednesday, EST
                "2024-03-11T16:00:00+00:00", // Monday after the change, EDT
            ]
        );
        assert_eq!((s[1].end - s[1].start).num_minutes(), 90);
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
