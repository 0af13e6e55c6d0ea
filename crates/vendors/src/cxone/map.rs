//! CXone wire -> core. CXone times are UTC already; dates of birth are plain dates; phones
//! arrive in E.164 but are normalised anyway because CXone does not enforce it.

use crate::cxone::wire;
use crate::normalize::{birth_date, phone, text};
use chrono::Utc;
use frontdesk_core::appointment::{Appointment, AppointmentStatus, Visit};
use frontdesk_core::contact::Contact;
use frontdesk_core::patient::{CommunicationPreferences, PhoneKind, VendorPatient};
use frontdesk_core::{ExternalId, Vendor};

#[must_use]
pub fn patient(p: &wire::Patient) -> VendorPatient {
    let info = p.contact_info.as_ref();
    let phones = [
        phone(
            info.and_then(|c| c.phone_number.as_deref()),
            PhoneKind::Mobile,
        ),
        phone(
            info.and_then(|c| c.alternate_phone_number.as_deref()),
            PhoneKind::Other,
        ),
    ]
    .into_iter()
    .flatten()
    .collect();
    VendorPatient {
        vendor: Vendor::Cxone,
        external_id: ExternalId(p.id.0.clone()),
        given_name: p.first_name.clone(),
        family_name: p.last_name.clone(),
        middle_name: None,
        birth_date: p.date_of_birth.as_deref().and_then(birth_date),
        mrn: text(p.mrn.as_deref()),
        phones,
        email: text(info.and_then(|c| c.email.as_deref())),
        preferred_language: text(p.preferred_language.as_deref()),
        communication: p
            .communication_preferences
            .map(|c| CommunicationPreferences {
                allow_email: c.allow_email,
                allow_sms: c.allow_sms,
                allow_voice: c.allow_voice,
            }),
        updated_at: p.updated_at.or(p.created_at),
    }
}

/// The doc lists `scheduled`, `cancelled`, `completed`; the webhook says `canceled`.
#[must_use]
pub fn status(s: &str) -> AppointmentStatus {
    match s.to_ascii_lowercase().replace(['-', ' '], "_").as_str() {
        "cancelled" | "canceled" => AppointmentStatus::Cancelled,
        "completed" => AppointmentStatus::Completed,
        "confirmed" => AppointmentStatus::Confirmed,
        "checked_in" => AppointmentStatus::CheckedIn,
        "no_show" | "noshow" => AppointmentStatus::NoShow,
        "in_progress" => AppointmentStatus::InProgress,
        "pending" => AppointmentStatus::Pending,
        other => {
            if other != "scheduled" {
                tracing::warn!(
                    vendor = "cxone",
                    status = other,
                    "unknown_appointment_status"
                );
            }
            AppointmentStatus::Scheduled
        }
    }
}

#[must_use]
pub fn appointment(a: &wire::Appointment) -> Appointment {
    let external_id = ExternalId(a.id.0.clone());
    Appointment {
        id: Appointment::desk_id(Vendor::Cxone, &external_id),
        vendor: Vendor::Cxone,
        external_id,
        patient_id: None,
        patient_external_id: Some(ExternalId(a.patient_id.0.clone())),
        provider_id: a.provider_id.as_ref().map(|p| format!("cxone:{p}")),
        location_id: a.location_id.as_ref().map(|l| format!("cxone:{l}")),
        appointment_type: a.appointment_type.clone(),
        start: a.start_time,
        end: a.end_time,
        status: status(&a.status),
        visit: Visit::InPerson {
            location_id: a.location_id.as_ref().map(|l| format!("cxone:{l}")),
            operatory_id: None,
        },
        as_of: a.updated_at.unwrap_or_else(Utc::now),
    }
}

#[must_use]
pub fn contact(c: &wire::Contact) -> Contact {
    Contact {
        external_id: ExternalId(c.id.0.clone()),
        patient_id: None,
        channel: c.channel.clone(),
        direction: c.direction.clone(),
        start: c.start_time,
        end: c.end_time,
        disposition: c.disposition.clone(),
        notes: c.notes.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC_PATIENT: &str = r#"{
      "id": "pt-12345", "mrn": "MRN-987654", "firstName": "John", "lastName": "Doe",
      "dateOfBirth": "1980-05-15", "gender": "male",
      "contactInfo": {"email": "john.doe@example.com", "phoneNumber": "+12025551234",
        "alternatePhoneNumber": "(202) 555-6789", "preferredContactMethod": "phone"},
      "preferredLanguage": "en",
      "communicationPreferences": {"allowEmail": true, "allowSMS": false, "allowVoice": true},
      "tags": ["primary-care"], "createdAt": "2023-01-15T12:30:45Z", "updatedAt": "2023-03-20T09:15:30Z"}"#;

    #[test]
    fn maps_the_doc_patient() {
        let p: wire::Patient = serde_json::from_str(DOC_PATIENT).unwrap();
        let v = patient(&p);
        assert_eq!(v.external_id.0, "pt-12345");
        assert_eq!(v.mrn.as_deref(), Some("MRN-987654"));
        assert_eq!(v.birth_date.unwrap().to_string(), "1980-05-15");
        assert_eq!(v.phones[0].number, "+12025551234");
        assert_eq!(v.phones[1].number, "+12025556789");
        assert!(!v.communication.unwrap().allow_sms);
        assert_eq!(
            v.updated_at.unwrap().to_rfc3339(),
            "2023-03-20T09:15:30+00:00"
        );
    }

    #[test]
    fn statuses() {
        assert_eq!(status("scheduled"), AppointmentStatus::Scheduled);
        assert_eq!(status("cancelled"), AppointmentStatus::Cancelled);
        assert_eq!(status("canceled"), AppointmentStatus::Cancelled);
        assert_eq!(status("completed"), AppointmentStatus::Completed);
        assert_eq!(status("no-show"), AppointmentStatus::NoShow);
        assert_eq!(status("Checked-In"), AppointmentStatus::CheckedIn);
        assert_eq!(status("something-new"), AppointmentStatus::Scheduled);
    }

    #[test]
    fn appointment_times_stay_utc() {
        let a: wire::Appointment = serde_json::from_str(
            r#"{"id":"appt-54321","patientId":"pt-12345","providerId":"dr-789","locationId":"loc-456",
            "appointmentType":"follow-up","status":"scheduled","startTime":"2023-05-10T14:30:00Z",
            "endTime":"2023-05-10T15:00:00Z","reminderSent":true,"reminderStatus":null}"#,
        )
        .unwrap();
        let m = appointment(&a);
        assert_eq!(m.id, "cxone:appt-54321");
        assert_eq!(m.start.to_rfc3339(), "2023-05-10T14:30:00+00:00");
        assert_eq!((m.end - m.start).num_minutes(), 30);
    }
}
