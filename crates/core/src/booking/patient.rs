//! Who is being booked: an existing record, or a new person looked for first so the desk does
//! not make a second record of someone the vendor already has.

use crate::error::CoreError;
use crate::ids::ExternalId;
use crate::patient::VendorPatient;
use crate::ports::{NewPatientRequest, PatientRegistry, PatientSearch};

#[derive(Debug, Clone, PartialEq)]
pub enum PatientChoice {
    /// The vendor's id for a patient the desk already linked.
    Existing(ExternalId),
    /// Details for someone the desk did not find; searched for again before creating.
    New(NewPatientRequest),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedPatient {
    pub id: ExternalId,
    /// Whether this booking created the vendor's record.
    pub created: bool,
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// Same birth date, and the same name or the same phone: the vendor's record of this person.
fn same_person(found: &VendorPatient, new: &NewPatientRequest) -> bool {
    if found.birth_date != Some(new.birth_date) {
        return false;
    }
    let same_name = found
        .family_name
        .eq_ignore_ascii_case(new.family_name.trim())
        && found.given_name.eq_ignore_ascii_case(new.given_name.trim());
    let phone = digits(&new.phone);
    let same_phone = !phone.is_empty()
        && found.phones.iter().any(|p| {
            let d = digits(&p.number);
            d.ends_with(&phone) || phone.ends_with(&d) && !d.is_empty()
        });
    same_name || same_phone
}

/// Finds the person in the vendor (by name, then by phone) or creates them there.
pub async fn resolve(
    search: Option<&dyn PatientSearch>,
    registry: Option<&dyn PatientRegistry>,
    choice: &PatientChoice,
) -> Result<ResolvedPatient, CoreError> {
    let new = match choice {
        PatientChoice::Existing(id) => {
            return Ok(ResolvedPatient {
                id: id.clone(),
                created: false,
            });
        }
        PatientChoice::New(new) => new,
    };
    if let Some(search) = search {
        for term in [new.family_name.trim(), new.phone.trim()] {
            if term.is_empty() {
                continue;
            }
            let found = search.search_patients(term).await?;
            if let Some(hit) = found.iter().find(|p| same_person(p, new)) {
                tracing::info!(vendor = %hit.vendor, "booking_patient_already_known");
                return Ok(ResolvedPatient {
                    id: hit.external_id.clone(),
                    created: false,
                });
            }
        }
    }
    let registry = registry.ok_or_else(|| {
        CoreError::invalid(
            "patient",
            "this vendor cannot register new patients from the desk",
        )
    })?;
    let created = registry.create_patient(new).await?;
    Ok(ResolvedPatient {
        id: created.external_id,
        created: true,
    })
}
