//! Patients and their vendor records: the identity rules of `core::identity` applied as records
//! arrive, the merged view of a person, the index kept in step, and the card a receptionist
//! opens (every opening recorded in the audit log).

use crate::audit::{AuditEvent, AuditOutcome, append};
use crate::codec::{from_json, now_ms, to_json};
use crate::error::StoreError;
use crate::practice::bodies;
use crate::search::terms::{block_key, index_entry};
use crate::store::Store;
use chrono::{Datelike, NaiveDate};
use frontdesk_core::appointment::Appointment;
use frontdesk_core::contact::{Callback, Contact, Encounter, Referral};
use frontdesk_core::identity::{Candidate, Demographics, LinkDecision, decide};
use frontdesk_core::ids::{ExternalId, PatientId, Vendor};
use frontdesk_core::patient::{
    CommunicationPreferences, LinkConfidence, Patient, PatientSummary, VendorLink, VendorPatient,
};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Everything the desk knows about one person, as the card shows it. The patient's own fields
/// sit at the top level (`id`, `givenName`, ...), as in `Patient`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PatientCard {
    #[serde(flatten)]
    pub patient: Patient,
    pub appointments: Vec<Appointment>,
    pub contacts: Vec<Contact>,
    pub encounters: Vec<Encounter>,
    pub referrals: Vec<Referral>,
    pub callbacks: Vec<Callback>,
    /// Records that may be this person (or people this person's records may be), for a person
    /// to confirm or reject.
    pub suggestions: Vec<LinkSuggestion>,
}

/// "This vendor record may belong to that patient": shown, never acted on until confirmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct LinkSuggestion {
    pub vendor: Vendor,
    pub external_id: ExternalId,
    /// The patient the record belongs to now.
    pub record_patient_id: PatientId,
    /// The patient it may really be.
    pub suggested_patient_id: PatientId,
    pub points: i32,
    pub reasons: Vec<String>,
}

/// What one batch of vendor records did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpsertReport {
    pub created: usize,
    pub linked: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub suggested: usize,
}

impl Store {
    /// Stores a batch of vendor records in one transaction: known records update their person,
    /// new ones are linked by the identity rules or become new people with suggestions.
    pub fn upsert_vendor_patients(
        &self,
        records: &[VendorPatient],
    ) -> Result<UpsertReport, StoreError> {
        self.in_transaction(|tx| write_vendor_patients(tx, records))
    }

    /// The desk's person for a vendor record, if the record is known (for the sync engine).
    pub fn patient_id_for(
        &self,
        vendor: Vendor,
        external_id: &ExternalId,
    ) -> Result<Option<PatientId>, StoreError> {
        let conn = self.reader();
        Ok(conn
            .query_row(
                "SELECT p.id FROM patient_records r JOIN patients p ON p.pid = r.pid WHERE r.vendor = ?1 AND r.external_id = ?2",
                params![vendor.key(), external_id.0],
                |r| r.get::<_, String>(0),
            )
            .optional()?
            .map(PatientId))
    }

    /// Opens a patient's card, recording that `actor` looked.
    pub fn patient_card(&self, actor: &str, id: &PatientId) -> Result<PatientCard, StoreError> {
        let card = {
            let conn = self.reader();
            load_card(&conn, id)
        };
        let outcome = match &card {
            Ok(_) => AuditOutcome::Ok,
            Err(StoreError::NotFound { .. }) => AuditOutcome::Refused,
            Err(_) => AuditOutcome::Failed,
        };
        self.audit_append(&AuditEvent::new(actor, "patient.read", outcome).patient(id))?;
        card
    }

    /// Every suggestion waiting for a person.
    pub fn link_suggestions(&self) -> Result<Vec<LinkSuggestion>, StoreError> {
        let conn = self.reader();
        suggestions(&conn, None)
    }

    /// A person confirmed that the vendor record belongs to `patient`: move it there.
    pub fn confirm_link(
        &self,
        actor: &str,
        vendor: Vendor,
        external_id: &ExternalId,
        patient: &PatientId,
    ) -> Result<(), StoreError> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        let target = pid_of(&tx, patient)?;
        move_record(&tx, vendor, external_id, target, LinkConfidence::Confirmed)?;
        append(
            &tx,
            &AuditEvent::new(actor, "link.confirm", AuditOutcome::Ok)
                .patient(patient)
                .detail(serde_json::json!({ "vendor": vendor.key(), "externalId": external_id.0 })),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// A person said the vendor record is not `patient`: drop the suggestion and never make it again.
    pub fn reject_link(
        &self,
        actor: &str,
        vendor: Vendor,
        external_id: &ExternalId,
        patient: &PatientId,
    ) -> Result<(), StoreError> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        let target = pid_of(&tx, patient)?;
        tx.execute(
            "DELETE FROM link_suggestions WHERE vendor = ?1 AND external_id = ?2 AND pid = ?3",
            params![vendor.key(), external_id.0, target],
        )?;
        tx.execute(
            "INSERT OR IGNORE INTO link_rejections (vendor, external_id, patient_id) VALUES (?1, ?2, ?3)",
            params![vendor.key(), external_id.0, patient.0],
        )?;
        refresh_summary(&tx, target)?;
        append(
            &tx,
            &AuditEvent::new(actor, "link.reject", AuditOutcome::Ok)
                .patient(patient)
                .detail(serde_json::json!({ "vendor": vendor.key(), "externalId": external_id.0 })),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Undoes a link: the vendor record becomes a person of its own again, and the pair is
    /// remembered as rejected so the next sync does not link it back. Returns the new person.
    pub fn unlink(
        &self,
        actor: &str,
        vendor: Vendor,
        external_id: &ExternalId,
    ) -> Result<PatientId, StoreError> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        let (old_pid, _, _) =
            record_home(&tx, vendor, external_id)?.ok_or_else(|| StoreError::NotFound {
                what: format!("{} record {}", vendor.key(), external_id.0),
            })?;
        let siblings: i64 = tx.query_row(
            "SELECT count(*) FROM patient_records WHERE pid = ?1",
            [old_pid],
            |r| r.get(0),
        )?;
        if siblings < 2 {
            return Err(StoreError::invalid(
                "link",
                "this record is the patient's only record: nothing to undo",
            ));
        }
        let previous_person = id_of(&tx, old_pid)?;
        let body: String = tx.query_row(
            "SELECT body FROM patient_records WHERE vendor = ?1 AND external_id = ?2",
            params![vendor.key(), external_id.0],
            |r| r.get(0),
        )?;
        let record: VendorPatient = from_json("vendor patient", &body)?;
        let new_pid = create_patient(&tx, &record)?;
        tx.execute(
            "UPDATE patient_records SET pid = ?1, confidence = ?2 WHERE vendor = ?3 AND external_id = ?4",
            params![new_pid, confidence_key(LinkConfidence::Exact), vendor.key(), external_id.0],
        )?;
        tx.execute(
            "INSERT OR IGNORE INTO link_rejections (vendor, external_id, patient_id) VALUES (?1, ?2, ?3)",
            params![vendor.key(), external_id.0, previous_person.0],
        )?;
        rebuild(&tx, old_pid)?;
        refresh_summary(&tx, new_pid)?;
        let next_person = id_of(&tx, new_pid)?;
        append(
            &tx,
            &AuditEvent::new(actor, "link.undo", AuditOutcome::Ok)
                .patient(&previous_person)
                .detail(serde_json::json!({ "vendor": vendor.key(), "externalId": external_id.0, "newPatientId": next_person.0 })),
        )?;
        tx.commit()?;
        Ok(next_person)
    }
}

/// Links and stores vendor records inside the caller's transaction.
pub(crate) fn write_vendor_patients(
    tx: &Connection,
    records: &[VendorPatient],
) -> Result<UpsertReport, StoreError> {
    let mut report = UpsertReport::default();
    for record in records {
        upsert_one(tx, record, &mut report)?;
    }
    Ok(report)
}

fn upsert_one(
    conn: &Connection,
    record: &VendorPatient,
    report: &mut UpsertReport,
) -> Result<(), StoreError> {
    let body = to_json("vendor patient", record)?;
    let updated_at = record.updated_at.map(crate::codec::ms);
    if let Some((pid, _, old_body)) = record_home(conn, record.vendor, &record.external_id)? {
        if old_body == body {
            report.unchanged += 1;
            return Ok(());
        }
        conn.execute(
            "UPDATE patient_records SET body = ?1, updated_at = ?2 WHERE vendor = ?3 AND external_id = ?4",
            params![body, updated_at, record.vendor.key(), record.external_id.0],
        )?;
        rebuild(conn, pid)?;
        report.updated += 1;
        return Ok(());
    }
    let incoming = Demographics::from_vendor(record);
    let candidates = candidates(conn, record, &incoming)?;
    let (pid, confidence, suggestions, linked) = match decide(record.vendor, &incoming, &candidates)
    {
        LinkDecision::Link {
            patient_id,
            confidence,
            ..
        } => {
            report.linked += 1;
            (pid_of(conn, &patient_id)?, confidence, Vec::new(), true)
        }
        LinkDecision::NewPatient { suggestions } => {
            report.created += 1;
            (
                create_patient(conn, record)?,
                LinkConfidence::Exact,
                suggestions,
                false,
            )
        }
    };
    conn.execute(
        "INSERT INTO patient_records (vendor, external_id, pid, confidence, body, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![record.vendor.key(), record.external_id.0, pid, confidence_key(confidence), body, updated_at],
    )?;
    if linked {
        rebuild(conn, pid)?;
    } else {
        refresh_summary(conn, pid)?;
    }
    for (patient_id, score) in suggestions {
        report.suggested += 1;
        let target = pid_of(conn, &patient_id)?;
        conn.execute(
            "INSERT OR REPLACE INTO link_suggestions (vendor, external_id, pid, points, reasons, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                record.vendor.key(),
                record.external_id.0,
                target,
                score.points,
                to_json("reasons", &score.reasons)?,
                now_ms()
            ],
        )?;
        refresh_summary(conn, target)?;
    }
    Ok(())
}

/// The people an incoming record could be, found by exact keys rather than by scoring everyone.
fn candidates(
    conn: &Connection,
    record: &VendorPatient,
    incoming: &Demographics,
) -> Result<Vec<Candidate>, StoreError> {
    let mut keys: Vec<String> = Vec::new();
    if let Some(mrn) = &incoming.mrn {
        keys.push(format!("m{mrn}"));
    }
    if let Some(dob) = incoming.birth_date {
        let mut dates = vec![dob];
        if let Some(swapped) = NaiveDate::from_ymd_opt(dob.year(), dob.day(), dob.month())
            && swapped != dob
        {
            dates.push(swapped);
        }
        for date in dates {
            for name in [incoming.family.last(), incoming.given.last()]
                .into_iter()
                .flatten()
            {
                keys.push(block_key(date, name));
            }
        }
    }
    keys.extend(incoming.phones.iter().map(|p| format!("t{p}")));
    keys.extend(incoming.emails.iter().map(|e| format!("e{e}")));
    let mut pids: BTreeSet<i64> = BTreeSet::new();
    let mut stmt =
        conn.prepare_cached("SELECT DISTINCT pid FROM search_terms WHERE term = ?1 LIMIT 20")?;
    for key in &keys {
        let rows = stmt.query_map([key], |r| r.get::<_, i64>(0))?;
        for pid in rows {
            pids.insert(pid?);
        }
    }
    let mut out = Vec::with_capacity(pids.len());
    let mut vendors_stmt =
        conn.prepare_cached("SELECT vendor FROM patient_records WHERE pid = ?1")?;
    let mut rejected_stmt = conn.prepare_cached(
        "SELECT 1 FROM link_rejections WHERE vendor = ?1 AND external_id = ?2 AND patient_id = ?3",
    )?;
    for pid in pids.into_iter().take(50) {
        let patient = load_patient_body(conn, pid)?;
        let vendors = vendors_stmt
            .query_map([pid], |r| r.get::<_, String>(0))?
            .filter_map(|v| v.ok().and_then(|k| Vendor::from_key(&k)))
            .collect();
        let rejected = rejected_stmt.exists(params![
            record.vendor.key(),
            record.external_id.0,
            patient.id.0
        ])?;
        out.push(Candidate {
            patient_id: patient.id.clone(),
            demographics: Demographics::from_patient(&patient),
            vendors,
            rejected,
        });
    }
    Ok(out)
}

fn create_patient(conn: &Connection, record: &VendorPatient) -> Result<i64, StoreError> {
    let patient = merge(&PatientId::new_random(), std::slice::from_ref(record));
    conn.execute(
        "INSERT INTO patients (id, body, as_of) VALUES (?1, ?2, ?3)",
        params![
            patient.id.0,
            to_json("patient", &patient)?,
            crate::codec::ms(patient.as_of)
        ],
    )?;
    let pid = conn.last_insert_rowid();
    write_index(conn, pid, None, &patient)?;
    Ok(pid)
}

/// Recomputes a person from all their records and re-indexes them; removes a person left with
/// no records (moving their appointments and history to nobody is not ours to decide, so a
/// person only disappears when every record moved elsewhere).
fn rebuild(conn: &Connection, pid: i64) -> Result<(), StoreError> {
    let old = load_patient_body(conn, pid)?;
    let mut stmt = conn.prepare_cached("SELECT body FROM patient_records WHERE pid = ?1")?;
    let bodies: Vec<String> = stmt
        .query_map([pid], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    if bodies.is_empty() {
        write_index(conn, pid, Some(&old), &empty_like(&old))?;
        conn.execute("DELETE FROM link_suggestions WHERE pid = ?1", [pid])?;
        conn.execute("DELETE FROM search_docs WHERE pid = ?1", [pid])?;
        conn.execute("DELETE FROM patients WHERE pid = ?1", [pid])?;
        return Ok(());
    }
    let records: Vec<VendorPatient> = bodies
        .iter()
        .map(|b| from_json("vendor patient", b))
        .collect::<Result<_, _>>()?;
    let patient = merge(&old.id, &records);
    if patient != old {
        conn.execute(
            "UPDATE patients SET body = ?1, as_of = ?2 WHERE pid = ?3",
            params![
                to_json("patient", &patient)?,
                crate::codec::ms(patient.as_of),
                pid
            ],
        )?;
        write_index(conn, pid, Some(&old), &patient)?;
    }
    refresh_summary(conn, pid)
}

fn empty_like(old: &Patient) -> Patient {
    merge(&old.id, &[])
}

fn write_index(
    conn: &Connection,
    pid: i64,
    old: Option<&Patient>,
    new: &Patient,
) -> Result<(), StoreError> {
    let new_entry = index_entry(new);
    if let Some(old) = old {
        let mut delete = conn.prepare_cached(
            "DELETE FROM search_terms WHERE term = ?1 AND pid = ?2 AND kind = ?3",
        )?;
        for (term, kind) in index_entry(old).terms {
            delete.execute(params![term, pid, kind])?;
        }
    }
    let mut insert = conn.prepare_cached(
        "INSERT OR IGNORE INTO search_terms (term, pid, kind) VALUES (?1, ?2, ?3)",
    )?;
    for (term, kind) in &new_entry.terms {
        insert.execute(params![term, pid, kind])?;
    }
    conn.prepare_cached(
        "INSERT INTO search_docs (pid, doc) VALUES (?1, ?2) ON CONFLICT (pid) DO UPDATE SET doc = excluded.doc",
    )?
        .execute(params![pid, new_entry.doc])?;
    let mut vocab = conn.prepare_cached("INSERT OR IGNORE INTO name_vocab (term) VALUES (?1)")?;
    for word in &new_entry.vocab {
        vocab.execute([word])?;
    }
    Ok(())
}

/// One person from their records: the record systems' own record (one with an MRN, the EHR
/// first) leads for names and date of birth; phones are the union; the rest is first known.
fn merge(id: &PatientId, records: &[VendorPatient]) -> Patient {
    let mut ordered: Vec<&VendorPatient> = records.iter().collect();
    ordered.sort_by_key(|r| {
        (
            r.mrn.is_none(),
            vendor_rank(r.vendor),
            r.external_id.0.clone(),
        )
    });
    let lead = ordered.first();
    let mut phones: Vec<frontdesk_core::patient::Phone> = Vec::new();
    for phone in ordered.iter().flat_map(|r| r.phones.iter()) {
        let digits = frontdesk_core::identity::phone_digits(&phone.number);
        if !phones
            .iter()
            .any(|p| frontdesk_core::identity::phone_digits(&p.number) == digits)
        {
            phones.push(phone.clone());
        }
    }
    let as_of = ordered
        .iter()
        .filter_map(|r| r.updated_at)
        .max()
        .unwrap_or_else(chrono::Utc::now);
    Patient {
        id: id.clone(),
        given_name: lead.map(|r| r.given_name.clone()).unwrap_or_default(),
        family_name: lead.map(|r| r.family_name.clone()).unwrap_or_default(),
        middle_name: ordered.iter().find_map(|r| r.middle_name.clone()),
        birth_date: ordered.iter().find_map(|r| r.birth_date),
        mrn: ordered.iter().find_map(|r| r.mrn.clone()),
        phones,
        email: ordered.iter().find_map(|r| r.email.clone()),
        preferred_language: ordered.iter().find_map(|r| r.preferred_language.clone()),
        communication: ordered
            .iter()
            .find_map(|r| r.communication)
            .unwrap_or(CommunicationPreferences::default()),
        links: Vec::new(),
        as_of,
    }
}

fn vendor_rank(vendor: Vendor) -> u8 {
    match vendor {
        Vendor::Nextech => 0,
        Vendor::Cxone => 1,
        Vendor::Nexhealth => 2,
        Vendor::Wellhive => 3,
        Vendor::Zoom => 4,
    }
}

fn move_record(
    conn: &Connection,
    vendor: Vendor,
    external_id: &ExternalId,
    target: i64,
    confidence: LinkConfidence,
) -> Result<(), StoreError> {
    let (old_pid, _, _) =
        record_home(conn, vendor, external_id)?.ok_or_else(|| StoreError::NotFound {
            what: format!("{} record {}", vendor.key(), external_id.0),
        })?;
    conn.execute(
        "UPDATE patient_records SET pid = ?1, confidence = ?2 WHERE vendor = ?3 AND external_id = ?4",
        params![target, confidence_key(confidence), vendor.key(), external_id.0],
    )?;
    let suggested: Vec<i64> = conn
        .prepare_cached("SELECT pid FROM link_suggestions WHERE vendor = ?1 AND external_id = ?2")?
        .query_map(params![vendor.key(), external_id.0], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    conn.execute(
        "DELETE FROM link_suggestions WHERE vendor = ?1 AND external_id = ?2",
        params![vendor.key(), external_id.0],
    )?;
    for pid in suggested {
        refresh_summary(conn, pid)?;
    }
    if old_pid != target {
        let previous_person = id_of(conn, old_pid)?;
        let next_person = id_of(conn, target)?;
        let remaining: i64 = conn.query_row(
            "SELECT count(*) FROM patient_records WHERE pid = ?1",
            [old_pid],
            |r| r.get(0),
        )?;
        if remaining == 0 {
            // The old person was only this record: their history follows the record.
            for table in ["appointments", "contacts", "encounters", "referrals"] {
                conn.execute(
                    &format!("UPDATE {table} SET patient_id = ?1 WHERE patient_id = ?2"),
                    params![next_person.0, previous_person.0],
                )?;
            }
        }
        rebuild(conn, old_pid)?;
    }
    rebuild(conn, target)
}

fn record_home(
    conn: &Connection,
    vendor: Vendor,
    external_id: &ExternalId,
) -> Result<Option<(i64, String, String)>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT pid, confidence, body FROM patient_records WHERE vendor = ?1 AND external_id = ?2")?
        .query_row(params![vendor.key(), external_id.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?)
}

pub(crate) fn pid_of(conn: &Connection, id: &PatientId) -> Result<i64, StoreError> {
    conn.prepare_cached("SELECT pid FROM patients WHERE id = ?1")?
        .query_row([&id.0], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::NotFound {
            what: format!("patient {id}"),
        })
}

fn id_of(conn: &Connection, pid: i64) -> Result<PatientId, StoreError> {
    Ok(PatientId(conn.query_row(
        "SELECT id FROM patients WHERE pid = ?1",
        [pid],
        |r| r.get(0),
    )?))
}

fn load_patient_body(conn: &Connection, pid: i64) -> Result<Patient, StoreError> {
    let body: String = conn
        .prepare_cached("SELECT body FROM patients WHERE pid = ?1")?
        .query_row([pid], |r| r.get(0))?;
    from_json("patient", &body)
}

fn links(conn: &Connection, pid: i64) -> Result<Vec<VendorLink>, StoreError> {
    let mut out = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT vendor, external_id, confidence FROM patient_records WHERE pid = ?1
         UNION ALL SELECT vendor, external_id, 'suggested' FROM link_suggestions WHERE pid = ?1
         ORDER BY 1, 2",
    )?;
    let mut rows = stmt.query([pid])?;
    while let Some(r) = rows.next()? {
        let vendor: String = r.get(0)?;
        let Some(vendor) = Vendor::from_key(&vendor) else {
            continue;
        };
        out.push(VendorLink {
            vendor,
            external_id: ExternalId(r.get(1)?),
            confidence: confidence_from_key(&r.get::<_, String>(2)?),
        });
    }
    Ok(out)
}

pub(crate) fn load_patient(conn: &Connection, pid: i64) -> Result<Patient, StoreError> {
    let mut patient = load_patient_body(conn, pid)?;
    patient.links = links(conn, pid)?;
    Ok(patient)
}

pub(crate) fn load_summary(conn: &Connection, pid: i64) -> Result<PatientSummary, StoreError> {
    let stored: Option<String> = conn
        .prepare_cached("SELECT summary FROM search_docs WHERE pid = ?1")?
        .query_row([pid], |r| r.get(0))
        .optional()?;
    match stored {
        Some(text) if !text.is_empty() => from_json("patient summary", &text),
        _ => build_summary(conn, pid),
    }
}

fn build_summary(conn: &Connection, pid: i64) -> Result<PatientSummary, StoreError> {
    let p = load_patient(conn, pid)?;
    Ok(PatientSummary {
        id: p.id,
        given_name: p.given_name,
        family_name: p.family_name,
        birth_date: p.birth_date,
        mrn: p.mrn,
        phones: p.phones,
        links: p.links,
    })
}

/// Rewrites the stored result row of a person whose fields or links changed.
fn refresh_summary(conn: &Connection, pid: i64) -> Result<(), StoreError> {
    let summary = build_summary(conn, pid)?;
    conn.prepare_cached("UPDATE search_docs SET summary = ?2 WHERE pid = ?1")?
        .execute(params![pid, to_json("patient summary", &summary)?])?;
    Ok(())
}

fn load_card(conn: &Connection, id: &PatientId) -> Result<PatientCard, StoreError> {
    let pid = pid_of(conn, id)?;
    let patient = load_patient(conn, pid)?;
    let of = [&id.0];
    let appointments: Vec<Appointment> = bodies(
        conn,
        "SELECT body FROM appointments WHERE patient_id = ?1 ORDER BY start_ms DESC LIMIT 200",
        of,
        "appointment",
    )?;
    let contacts: Vec<Contact> = bodies(
        conn,
        "SELECT body FROM contacts WHERE patient_id = ?1 ORDER BY start_ms DESC LIMIT 100",
        of,
        "contact",
    )?;
    let encounters: Vec<Encounter> = bodies(
        conn,
        "SELECT body FROM encounters WHERE patient_id = ?1 ORDER BY date_ms DESC LIMIT 50",
        of,
        "encounter",
    )?;
    let referrals: Vec<Referral> = bodies(
        conn,
        "SELECT body FROM referrals WHERE patient_id = ?1 ORDER BY as_of DESC LIMIT 50",
        of,
        "referral",
    )?;
    let callbacks: Vec<Callback> = bodies(
        conn,
        "SELECT body FROM outbox WHERE kind = 'callback' AND patient_id = ?1 ORDER BY due_ms DESC LIMIT 50",
        of,
        "callback",
    )?;
    Ok(PatientCard {
        suggestions: suggestions(conn, Some(pid))?,
        patient,
        appointments,
        contacts,
        encounters,
        referrals,
        callbacks,
    })
}

fn suggestions(conn: &Connection, pid: Option<i64>) -> Result<Vec<LinkSuggestion>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.vendor, s.external_id, home.id, target.id, s.points, s.reasons
         FROM link_suggestions s
         JOIN patients target ON target.pid = s.pid
         JOIN patient_records r ON r.vendor = s.vendor AND r.external_id = s.external_id
         JOIN patients home ON home.pid = r.pid
         WHERE ?1 IS NULL OR s.pid = ?1 OR r.pid = ?1
         ORDER BY s.points DESC",
    )?;
    let mut rows = stmt.query([pid])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let Some(vendor) = Vendor::from_key(&r.get::<_, String>(0)?) else {
            continue;
        };
        out.push(LinkSuggestion {
            vendor,
            external_id: ExternalId(r.get(1)?),
            record_patient_id: PatientId(r.get(2)?),
            suggested_patient_id: PatientId(r.get(3)?),
            points: r.get(4)?,
            reasons: from_json("reasons", &r.get::<_, String>(5)?)?,
        });
    }
    Ok(out)
}

fn confidence_key(c: LinkConfidence) -> &'static str {
    match c {
        LinkConfidence::Exact => "exact",
        LinkConfidence::Matched => "matched",
        LinkConfidence::Suggested => "suggested",
        LinkConfidence::Confirmed => "confirmed",
    }
}

fn confidence_from_key(key: &str) -> LinkConfidence {
    match key {
        "exact" => LinkConfidence::Exact,
        "matched" => LinkConfidence::Matched,
        "confirmed" => LinkConfidence::Confirmed,
        _ => LinkConfidence::Suggested,
    }
}
