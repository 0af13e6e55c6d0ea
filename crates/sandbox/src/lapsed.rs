//! A lapsed patient, for tests of the desk's "search the vendors": someone the practice's CXone
//! and Nextech hold but who has not been seen, or changed, in two years. CXone's record is
//! dated then, so a desk's incremental sync (records changed since its last pass) never brings
//! them into the cache; Nextech has no listing at all. Only a search at the vendors finds them.
//!
//! `POST /admin/patients/lapsed` `{"first","last","dob":"YYYY-MM-DD","phone":"10 digits","mrn"}`
//! answers `{"cxoneId","nextechId"}`.

use chrono::{Duration, NaiveDate, Utc};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::error::SandboxError;
use crate::state::{Shared, lock};
use crate::world::{CxPatient, Gender, NextechPatient};

/// How long ago the lapsed patient's CXone record last changed.
const LAPSED_DAYS: i64 = 730;

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LapsedPatient {
    pub first: String,
    pub last: String,
    pub dob: NaiveDate,
    /// Ten national digits.
    pub phone: String,
    pub mrn: String,
}

/// Adds `p` to CXone and Nextech; returns their ids there.
pub fn add(s: &Shared, p: &LapsedPatient) -> Result<Value, SandboxError> {
    let digits: String = p.phone.chars().filter(char::is_ascii_digit).collect();
    if digits.len() != 10 || p.first.trim().is_empty() || p.last.trim().is_empty() {
        return Err(SandboxError::InvalidOption(
            "a lapsed patient needs a first and last name and a 10-digit phone".into(),
        ));
    }
    let then = Utc::now() - Duration::days(LAPSED_DAYS);
    let mut w = lock(&s.world);
    let cx_id = format!("pt-{}", 90_000 + w.cx_patients.len());
    w.cx_patients.push(CxPatient {
        id: cx_id.clone(),
        person: usize::MAX,
        mrn: p.mrn.clone(),
        first: p.first.clone(),
        last: p.last.clone(),
        dob: p.dob,
        gender: Gender::Other,
        email: None,
        phone: format!("+1{digits}"),
        alt_phone: None,
        language: "en".into(),
        tags: Vec::new(),
        created_at: then,
        updated_at: then,
    });
    let nextech_id = w
        .nextech_patients
        .iter()
        .map(|x| x.patient_id)
        .max()
        .unwrap_or(1000)
        + 1;
    w.nextech_patients.push(NextechPatient {
        patient_id: nextech_id,
        person: usize::MAX,
        chart_number: p.mrn.clone(),
        first: p.first.clone(),
        middle: None,
        last: p.last.clone(),
        dob: p.dob,
        ssn: "***-**-0000".into(),
        home_phone: format!("({}) {}-{}", &digits[..3], &digits[3..6], &digits[6..]),
    });
    Ok(json!({"cxoneId": cx_id, "nextechId": nextech_id}))
}
