//! NexHealth wire -> core. Slot and appointment times are local with an offset and become UTC
//! instants here; a booked appointment stays `Pending` until NexHealth has inserted it into
//! the EHR (it then carries a `foreign_id`). A slot's id carries everything needed to book it.

use crate::nexhealth::wire::{
    Appointment, AppointmentTypeId, Location, LocationId, Operatory, OperatoryId, Patient,
    Provider, ProviderId, SlotGroup,
};
use crate::normalize::{birth_date, instant, phone, text};
use chrono::{DateTime, Duration, Utc};
use frontdesk_core::appointment::{
    Appointment as CoreAppointment, AppointmentStatus, Visit, VisitMode,
};
use frontdesk_core::patient::{PhoneKind, VendorPatient};
use frontdesk_core::practice::{
    Location as CoreLocation, Operatory as CoreOperatory, Provider as CoreProvider, ProviderLink,
};
use frontdesk_core::slot::Slot;
use frontdesk_core::{ExternalId, Vendor};

#[must_use]
pub fn patient(p: &Patient) -> VendorPatient {
    let bio = p.bio.clone().unwrap_or_default();
    let phones = [
        phone(bio.cell_phone_number.as_deref(), PhoneKind::Mobile),
        phone(bio.phone_number.as_deref(), PhoneKind::Other),
        phone(bio.home_phone_number.as_deref(), PhoneKind::Home),
        phone(bio.work_phone_number.as_deref(), PhoneKind::Work),
    ]
    .into_iter()
    .flatten()
    .fold(
        Vec::new(),
        |mut acc: Vec<frontdesk_core::patient::Phone>, ph| {
            if !acc.iter().any(|x| x.number == ph.number) {
                acc.push(ph);
            }
            acc
        },
    );
    VendorPatient {
        vendor: Vendor::Nexhealth,
        external_id: ExternalId(p.id.to_string()),
        given_name: p.first_name.clone().unwrap_or_default(),
        family_name: p.last_name.clone().unwrap_or_default(),
        middle_name: text(p.middle_name.as_deref()),
        birth_date: bio.date_of_birth.as_deref().and_then(birth_date),
        mrn: text(p.chart_id.as_deref()),
        phones,
        email: text(p.email.as_deref()),
        preferred_language: text(p.preferred_language.as_deref()),
        communication: None,
        updated_at: p.updated_at.as_deref().and_then(instant),
    }
}

/// NexHealth has no status field: the flags say it.
#[must_use]
pub fn status(a: &Appointment) -> AppointmentStatus {
    if a.cancelled == Some(true) {
        AppointmentStatus::Cancelled
    } else if a.patient_missed == Some(true) {
        AppointmentStatus::NoShow
    } else if a.checked_out == Some(true) {
        AppointmentStatus::Completed
    } else if a.checkin_at.is_some() {
        AppointmentStatus::CheckedIn
    } else if let Some(reason) = a.insertion_failure() {
        AppointmentStatus::Failed { reason }
    } else if a.foreign_id.as_deref().is_none_or(str::is_empty) {
        AppointmentStatus::Pending
    } else if a.confirmed == Some(true) {
        AppointmentStatus::Confirmed
    } else {
        AppointmentStatus::Scheduled
    }
}

/// `None` when the start time does not parse (the caller logs the id, skips the row).
#[must_use]
pub fn appointment(a: &Appointment) -> Option<CoreAppointment> {
    let start = instant(&a.start_time)?;
    let end = a
        .end_time
        .as_deref()
        .and_then(instant)
        .unwrap_or(start + Duration::minutes(30));
    let external_id = ExternalId(a.id.to_string());
    let location = a.location_id.map(|l| format!("nexhealth:{l}"));
    Some(CoreAppointment {
        id: CoreAppointment::desk_id(Vendor::Nexhealth, &external_id),
        vendor: Vendor::Nexhealth,
        external_id,
        patient_id: None,
        patient_external_id: a.patient_id.map(|p| ExternalId(p.to_string())),
        provider_id: a.provider_id.map(|p| format!("nexhealth:{p}")),
        location_id: location.clone(),
        appointment_type: a.appointment_type_id.map(|t| t.to_string()),
        start,
        end,
        status: status(a),
        visit: Visit::InPerson {
            location_id: location,
            operatory_id: a.operatory_id.map(|o| format!("nexhealth:{o}")),
        },
        as_of: a
            .updated_at
            .as_deref()
            .and_then(instant)
            .unwrap_or_else(Utc::now),
    })
}

/// What a NexHealth slot id carries: enough to book it without another lookup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotKey {
    pub location: LocationId,
    pub provider: ProviderId,
    pub operatory: Option<OperatoryId>,
    pub appointment_type: Option<AppointmentTypeId>,
    /// As NexHealth wrote it, offset included, so the booking echoes it exactly.
    pub start_time: String,
    pub end_time: Option<String>,
}

impl SlotKey {
    #[must_use]
    pub fn encode(&self) -> String {
        let opt = |v: Option<String>| v.unwrap_or_else(|| "-".to_owned());
        format!(
            "nexhealth|{}|{}|{}|{}|{}|{}",
            self.location,
            self.provider,
            opt(self.operatory.map(|o| o.to_string())),
            opt(self.appointment_type.map(|t| t.to_string())),
            self.start_time,
            opt(self.end_time.clone()),
        )
    }

    #[must_use]
    pub fn decode(text: &str) -> Option<Self> {
        let parts: Vec<&str> = text.split('|').collect();
        let [tag, location, provider, operatory, kind, start, end] = parts.as_slice() else {
            return None;
        };
        let opt = |v: &str| (v != "-").then(|| v.to_owned());
        (*tag == "nexhealth").then_some(())?;
        Some(Self {
            location: location.parse().ok()?,
            provider: provider.parse().ok()?,
            operatory: opt(operatory).and_then(|v| v.parse().ok()),
            appointment_type: opt(kind).and_then(|v| v.parse().ok()),
            start_time: (*start).to_owned(),
            end_time: opt(end),
        })
    }
}

/// Slots of one answer; `minutes` (the appointment type's length) gives the end where the
/// `version=2` answer has none.
#[must_use]
pub fn slots(
    groups: &[SlotGroup],
    appointment_type: Option<AppointmentTypeId>,
    minutes: u32,
) -> Vec<Slot> {
    let mut out = Vec::new();
    for g in groups {
        for s in &g.slots {
            let Some(start) = instant(&s.time) else {
                tracing::warn!(vendor = "nexhealth", "slot_time_unparseable");
                continue;
            };
            let end: DateTime<Utc> = s
                .end_time
                .as_deref()
                .and_then(instant)
                .unwrap_or(start + Duration::minutes(i64::from(minutes)));
            let Some(provider) = s.provider_id.or(g.pid) else {
                continue;
            };
            let operatory = s.operatory_id.or(g.operatory_id);
            let key = SlotKey {
                location: g.lid,
                provider,
                operatory,
                appointment_type,
                start_time: s.time.clone(),
                end_time: s.end_time.clone(),
            };
            out.push(Slot {
                id: key.encode(),
                vendor: Vendor::Nexhealth,
                mode: VisitMode::InPerson,
                provider_id: Some(format!("nexhealth:{provider}")),
                location_id: Some(format!("nexhealth:{}", g.lid)),
                operatory_id: operatory.map(|o| format!("nexhealth:{o}")),
                appointment_type: appointment_type.map(|t| t.to_string()),
                start,
                end,
                drive_time_minutes: None,
            });
        }
    }
    out
}

#[must_use]
pub fn provider(p: &Provider, as_of: DateTime<Utc>) -> CoreProvider {
    let display = p
        .display_name
        .clone()
        .or_else(|| p.name.clone())
        .unwrap_or_else(|| {
            [p.first_name.as_deref(), p.last_name.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ")
        });
    CoreProvider {
        id: format!("nexhealth:{}", p.id),
        display_name: display,
        designation: None,
        links: vec![ProviderLink {
            vendor: Vendor::Nexhealth,
            external_id: ExternalId(p.id.to_string()),
        }],
        as_of,
    }
}

#[must_use]
pub fn location(l: &Location) -> CoreLocation {
    let address = [
        l.street_address.as_deref(),
        l.city.as_deref(),
        l.state.as_deref(),
        l.zip_code.as_deref(),
    ]
    .into_iter()
    .flatten()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(", ");
    CoreLocation {
        id: format!("nexhealth:{}", l.id),
        vendor: Vendor::Nexhealth,
        external_id: ExternalId(l.id.to_string()),
        name: l.name.clone(),
        time_zone: l.tz.clone().unwrap_or_else(|| "UTC".to_owned()),
        address: (!address.is_empty()).then_some(address),
        phone: l.phone_number.as_deref().map(crate::normalize::e164),
    }
}

#[must_use]
pub fn operatory(o: &Operatory, location: LocationId) -> CoreOperatory {
    CoreOperatory {
        id: format!("nexhealth:{}", o.id),
        vendor: Vendor::Nexhealth,
        external_id: ExternalId(o.id.to_string()),
        location_id: format!("nexhealth:{}", o.location_id.unwrap_or(location)),
        name: o.display_name.clone().unwrap_or_else(|| o.name.clone()),
        active: o.active.unwrap_or(true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn appt(json: &str) -> Appointment {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn doc_slot_local_time_becomes_utc_and_round_trips_its_key() {
        let groups: Vec<SlotGroup> = serde_json::from_str(
            r#"[{"lid":1,"pid":0,"operatory_id":54,"slots":[{"time":"2017-10-09T07:00:00.000-04:00","operatory_id":0,"provider_id":83}]}]"#,
        )
        .unwrap();
        let s = slots(&groups, None, 30);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].start.to_rfc3339(), "2017-10-09T11:00:00+00:00");
        assert_eq!(s[0].end.to_rfc3339(), "2017-10-09T11:30:00+00:00");
        let key = SlotKey::decode(&s[0].id).unwrap();
        assert_eq!(key.start_time, "2017-10-09T07:00:00.000-04:00");
        assert_eq!(key.provider, ProviderId(83));
        assert_eq!(key.operatory, Some(OperatoryId(0)));
    }

    #[test]
    fn dst_days_keep_their_offsets() {
        // 2024-03-10 is the US spring-forward day: 01:30 EST and 03:30 EDT are one hour apart.
        let before = instant("2024-03-10T01:30:00-05:00").unwrap();
        let after = instant("2024-03-10T03:30:00-04:00").unwrap();
        assert_eq!((after - before).num_minutes(), 60);
    }

    #[test]
    fn a_refused_insertion_is_failed_with_the_vendors_reason() {
        let base = r#""id":1,"start_time":"2021-12-06T09:45:00.000Z""#;
        assert_eq!(
            status(&appt(&format!(
                r#"{{{base},"misc":{{"insertion_status":"failed","insertion_error":"Operatory closed"}}}}"#
            ))),
            AppointmentStatus::Failed {
                reason: "Operatory closed".into()
            }
        );
        assert_eq!(
            status(&appt(&format!(
                r#"{{{base},"misc":{{"insertion_status":"pending"}}}}"#
            ))),
            AppointmentStatus::Pending
        );
        assert_eq!(
            status(&appt(&format!(r#"{{{base},"misc":"free text"}}"#))),
            AppointmentStatus::Pending
        );
    }

    #[test]
    fn statuses_from_flags() {
        let base = r#""id":1,"start_time":"2021-12-06T09:45:00.000Z""#;
        assert_eq!(
            status(&appt(&format!("{{{base}}}"))),
            AppointmentStatus::Pending
        );
        assert_eq!(
            status(&appt(&format!(r#"{{{base},"foreign_id":"77"}}"#))),
            AppointmentStatus::Scheduled
        );
        assert_eq!(
            status(&appt(&format!(
                r#"{{{base},"foreign_id":77,"confirmed":true}}"#
            ))),
            AppointmentStatus::Confirmed
        );
        assert_eq!(
            status(&appt(&format!(
                r#"{{{base},"foreign_id":"7","checkin_at":"2021-12-06T09:40:00Z"}}"#
            ))),
            AppointmentStatus::CheckedIn
        );
        assert_eq!(
            status(&appt(&format!(
                r#"{{{base},"foreign_id":"7","checked_out":true}}"#
            ))),
            AppointmentStatus::Completed
        );
        assert_eq!(
            status(&appt(&format!(
                r#"{{{base},"foreign_id":"7","patient_missed":true}}"#
            ))),
            AppointmentStatus::NoShow
        );
        assert_eq!(
            status(&appt(&format!(r#"{{{base},"cancelled":true}}"#))),
            AppointmentStatus::Cancelled
        );
    }

    #[test]
    fn doc_patient_maps_phones_and_dob() {
        let p: Patient = serde_json::from_str(
            r#"{"id":415,"email":"a@example.com","first_name":"John","middle_name":"Anthony","last_name":"Smith",
            "foreign_id":0,"bio":{"phone_number":"5163042196","date_of_birth":"1964-05-03"},"inactive":false}"#,
        )
        .unwrap();
        let v = patient(&p);
        assert_eq!(v.external_id.0, "415");
        assert_eq!(v.phones[0].number, "+15163042196");
        assert_eq!(v.birth_date.unwrap().to_string(), "1964-05-03");
    }
}
