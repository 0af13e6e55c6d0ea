//! Nextech wire -> core: `dob` is a date sent as a date-time (the calendar date is kept as
//! written), the chart number is the MRN, encounter dates are UTC, and the CCD is passed on
//! marked for sanitising.

use crate::nextech::wire::{Encounter, Patient};
use crate::normalize::{birth_date, phone, text};
use frontdesk_core::contact::Encounter as CoreEncounter;
use frontdesk_core::patient::{PhoneKind, VendorPatient};
use frontdesk_core::{ExternalId, Vendor};

#[must_use]
pub fn patient(p: &Patient) -> VendorPatient {
    VendorPatient {
        vendor: Vendor::Nextech,
        external_id: ExternalId(p.patient_id.to_string()),
        given_name: p.first_name.clone().unwrap_or_default(),
        family_name: p.last_name.clone().unwrap_or_default(),
        middle_name: text(p.middle_name.as_deref()),
        birth_date: p.dob.as_deref().and_then(birth_date),
        mrn: text(p.chart_number.as_deref()),
        phones: phone(p.home_phone.as_deref(), PhoneKind::Home)
            .into_iter()
            .collect(),
        email: None,
        preferred_language: None,
        communication: None,
        updated_at: None,
    }
}

#[must_use]
pub fn encounter(e: &Encounter) -> CoreEncounter {
    let s = &e.summary;
    let doctor = match (&s.doctor_first_name, &s.doctor_last_name) {
        (None, None) => None,
        (f, l) => {
            let mut name = [f.as_deref(), l.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
            if let Some(d) = s
                .doctor_professional_designation
                .as_deref()
                .filter(|d| !d.is_empty())
            {
                name = format!("{name}, {d}");
            }
            Some(name)
        }
    };
    CoreEncounter {
        external_id: ExternalId(s.encounter_id.to_string()),
        patient_id: None,
        date: s.encounter_date,
        doctor,
        department: text(s.department.as_deref()),
        location: text(s.location.as_deref()),
        kind: text(s.kind.as_deref()),
        locked: s.encounter_locked,
        ccd_html: e.ccd.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_patient_dob_is_a_calendar_date() {
        let p: Patient = serde_json::from_str(
            r#"{"patientId":1000,"chartNumber":"ABC12345","firstName":"William","lastName":"Ng",
            "middleName":"","dob":"2017-12-14T15:08:59.934Z","ssn":"000-00-0000","homePhone":"(555) 201-3344"}"#,
        )
        .unwrap();
        let v = patient(&p);
        assert_eq!(v.external_id.0, "1000");
        assert_eq!(v.birth_date.unwrap().to_string(), "2017-12-14");
        assert_eq!(v.mrn.as_deref(), Some("ABC12345"));
        assert_eq!(v.middle_name, None);
        assert_eq!(v.phones[0].number, "+15552013344");
    }

    #[test]
    fn doc_encounter_maps_with_designation_and_lock() {
        let e: Encounter = serde_json::from_str(
            r#"{"summary":{"encounterId":7,"doctorId":3,"doctorFirstName":"Ann","doctorLastName":"Lee",
            "doctorProfessionalDesignation":"MD","department":"Ophthalmology","location":"Main",
            "encounterDate":"2017-12-14T15:08:59.924Z","type":"Office Visit","encounterLocked":"true"},
            "ccd":"<div>ok</div>"}"#,
        )
        .unwrap();
        let c = encounter(&e);
        assert_eq!(c.doctor.as_deref(), Some("Ann Lee, MD"));
        assert!(c.locked);
        assert_eq!(c.date.to_rfc3339(), "2017-12-14T15:08:59.924+00:00");
    }
}
