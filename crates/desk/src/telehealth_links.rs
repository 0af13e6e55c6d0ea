//! Ties Zoom's telehealth visits to the desk's own people, so a visit lands on its clinician's
//! "My day" with its patient named.
//!
//! Zoom knows its clinicians as `prov_…` and its patients as `pat_…`, and lists neither beside
//! the desk's other vendors: the visits arrive with a `zoom:prov_…` provider and a patient
//! nobody has synced (Zoom has no patient listing, only `GET /healthcare/patients/{id}`).
//!
//! - Providers are linked after each pass: every Zoom provider is matched to the desk provider
//!   who is the same person (NPI or e-mail when both sides have one, else the name with titles,
//!   credentials, accents and order folded away; never a guess between two), and the link is
//!   kept on the desk provider as a `ProviderLink`.
//! - Visits are resolved to the desk provider **where appointments are written** (the sink,
//!   [`resolve_visits`]), not in the Zoom mapping: the client cannot know the desk's ids, and the
//!   sink already resolves patients the same way, through the store. Resolving at write time
//!   means a board read never sees a `zoom:` provider once a link exists. Because a NexHealth
//!   practice refresh rewrites its providers (dropping links until the next linking step), a
//!   visit already stored against a desk provider keeps it rather than fall back to `zoom:`.
//! - Patients are linked after each pass: the unresolved visits' patients are fetched (at most
//!   [`PATIENTS_PER_PASS`], a few at a time under the client's rate budget) and stored as vendor
//!   records, so the store's identity rules link them (MRN, or name + birth date + phone; a weak
//!   match becomes a suggestion, never a silent merge). The visits are then re-written with
//!   the people and providers now known, so they show up without waiting for the next pass.

use crate::clients::Clients;
use crate::sink::blocking;
use chrono::{DateTime, Duration, Utc};
use frontdesk_core::appointment::Appointment;
use frontdesk_core::identity::{fold, normalize_email};
use frontdesk_core::practice::{Provider, ProviderLink};
use frontdesk_core::{CoreError, ExternalId, Vendor};
use frontdesk_store::{Store, StoreError};
use frontdesk_vendors::zoom::wire::{PatientId, Provider as ZoomProvider};
use frontdesk_vendors::zoom::{ZoomApi, ZoomClient, map};
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

/// Patient look-ups per pass: a first sync of a busy telehealth schedule catches up over a few
/// passes instead of spending a whole minute's rate budget at once.
pub(crate) const PATIENTS_PER_PASS: usize = 200;
/// Look-ups in flight at once; the client's own budget paces them further.
const CONCURRENT_LOOKUPS: usize = 4;

/// What one linking step did (counts only: no identifiers, so it can be logged).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LinkReport {
    pub providers_linked: usize,
    pub providers_unmatched: usize,
    pub patients_fetched: usize,
    pub patients_failed: usize,
    pub visits_updated: usize,
}

/// One side's view of a clinician, for matching.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Clinician<'a> {
    pub name: &'a str,
    pub npi: Option<&'a str>,
    pub email: Option<&'a str>,
}

// Said before a name ("Dr. Grace Lee").
const HONORIFICS: &[&str] = &["dr", "doctor", "prof", "professor", "mr", "mrs", "ms", "mx"];
// Said after it ("Grace Lee, MD"). "do" is also a surname, so credentials are only dropped
// after a comma or while more than a given and a family name remain.
const CREDENTIALS: &[&str] = &[
    "md", "do", "dds", "dmd", "od", "dpm", "dc", "np", "fnp", "aprn", "pa", "pac", "rn", "crnp",
    "phd", "psyd", "lcsw", "lpc", "mft", "facs", "facc", "faap", "mph", "msn", "dnp", "ot", "pt",
    "dpt", "cnm", "bc",
];

/// A clinician's name as a set of folded tokens: accents and case folded, honorifics and
/// credentials dropped, order ignored ("Lee, Grace" = "Grace Lee").
pub(crate) fn name_key(name: &str) -> Vec<String> {
    // "M.D." is "MD", not the initials M and D.
    let name = name.replace('.', "");
    let mut parts = name.split(',');
    let mut kept = parts.next().unwrap_or_default().to_owned();
    for part in parts {
        let folded = fold(part);
        let all_credentials = folded
            .split(' ')
            .filter(|t| !t.is_empty())
            .all(|t| CREDENTIALS.contains(&t));
        if !all_credentials {
            kept.push(' ');
            kept.push_str(part);
        }
    }
    let folded = fold(&kept);
    let mut tokens: Vec<&str> = folded.split(' ').filter(|t| !t.is_empty()).collect();
    while tokens.len() > 1 && tokens.first().is_some_and(|t| HONORIFICS.contains(t)) {
        tokens.remove(0);
    }
    while tokens.len() > 2 && tokens.last().is_some_and(|t| CREDENTIALS.contains(t)) {
        tokens.pop();
    }
    let set: BTreeSet<String> = tokens.into_iter().map(str::to_owned).collect();
    set.into_iter().collect()
}

fn same_npi(a: Option<&str>, b: Option<&str>) -> Option<bool> {
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    match (a.map(digits), b.map(digits)) {
        (Some(a), Some(b)) if !a.is_empty() && !b.is_empty() => Some(a == b),
        _ => None,
    }
}

fn same_email(a: Option<&str>, b: Option<&str>) -> Option<bool> {
    match (a.map(normalize_email), b.map(normalize_email)) {
        (Some(a), Some(b)) if !a.is_empty() && !b.is_empty() => Some(a == b),
        _ => None,
    }
}

/// The one desk clinician who is `who`, by index into `desk`; `None` when nobody or more than
/// one fits. An identifier both sides have decides (equal links, different vetoes the name);
/// otherwise the folded name must be equal.
pub(crate) fn match_clinician(who: &Clinician<'_>, desk: &[Clinician<'_>]) -> Option<usize> {
    let by_id: Vec<usize> = desk
        .iter()
        .enumerate()
        .filter(|(_, d)| {
            same_npi(who.npi, d.npi) == Some(true) || same_email(who.email, d.email) == Some(true)
        })
        .map(|(i, _)| i)
        .collect();
    if !by_id.is_empty() {
        return only(&by_id);
    }
    let key = name_key(who.name);
    if key.is_empty() {
        return None;
    }
    let by_name: Vec<usize> = desk
        .iter()
        .enumerate()
        .filter(|(_, d)| {
            same_npi(who.npi, d.npi) != Some(false) && same_email(who.email, d.email) != Some(false)
        })
        .filter(|(_, d)| name_key(d.name) == key)
        .map(|(i, _)| i)
        .collect();
    only(&by_name)
}

fn only(found: &[usize]) -> Option<usize> {
    match found {
        [one] => Some(*one),
        _ => None,
    }
}

/// Zoom provider id -> desk provider id, from the links the store keeps.
fn zoom_links(providers: &[Provider]) -> HashMap<String, String> {
    providers
        .iter()
        .flat_map(|p| {
            p.links
                .iter()
                .filter(|l| l.vendor == Vendor::Zoom)
                .map(|l| (l.external_id.0.clone(), p.id.clone()))
        })
        .collect()
}

/// Rewrites `zoom:prov_…` providers to the linked desk provider, in place (the sink calls this
/// for every Zoom appointment page, on the blocking pool). Where no link is known (yet, or
/// during a practice refresh) a visit already stored against a desk provider keeps it.
pub(crate) fn resolve_visits(
    store: &Store,
    appointments: &mut [Appointment],
) -> Result<usize, StoreError> {
    if !appointments.iter().any(unresolved_provider) {
        return Ok(0);
    }
    let links = zoom_links(&store.providers()?);
    let mut resolved = 0;
    for a in appointments.iter_mut().filter(|a| unresolved_provider(a)) {
        let linked = a
            .provider_id
            .as_deref()
            .and_then(map::zoom_provider)
            .and_then(|z| links.get(z))
            .cloned();
        let kept = match linked {
            Some(id) => Some(id),
            None => match store.appointment(&a.id) {
                Ok(stored) => stored
                    .provider_id
                    .filter(|p| map::zoom_provider(p).is_none()),
                Err(StoreError::NotFound { .. }) => None,
                Err(e) => return Err(e),
            },
        };
        if let Some(id) = kept {
            a.provider_id = Some(id);
            resolved += 1;
        }
    }
    Ok(resolved)
}

fn unresolved_provider(a: &Appointment) -> bool {
    a.vendor == Vendor::Zoom
        && a.provider_id
            .as_deref()
            .is_some_and(|p| map::zoom_provider(p).is_some())
}

/// The linking step after a pass: providers, then the unresolved visits' patients, then the
/// visits re-written. `days_back`/`days_ahead` are the pass's appointment window.
pub(crate) async fn link_after_pass(
    clients: &Clients,
    store: &Arc<Store>,
    days_back: u32,
    days_ahead: u32,
) -> Result<LinkReport, CoreError> {
    let Some(zoom) = clients.zoom.clone() else {
        return Ok(LinkReport::default());
    };
    // The meetings API has no providers or patients to link; its hosts are users, not people.
    if zoom.api() != ZoomApi::HealthcareVisits {
        return Ok(LinkReport::default());
    }
    let mut report = LinkReport::default();
    let zoom_providers = zoom.all_providers().await?;
    let (linked, unmatched) = link_providers(store, zoom_providers.clone()).await?;
    report.providers_linked = linked;
    report.providers_unmatched = unmatched;

    let now = Utc::now();
    let from = now - Duration::days(i64::from(days_back) + 1);
    let to = now + Duration::days(i64::from(days_ahead) + 2);
    let zoom_ids: Vec<String> = zoom_providers.iter().map(|p| p.id.0.clone()).collect();
    let visits = blocking(store, move |s| unresolved_visits(s, &zoom_ids, from, to)).await?;
    if visits.is_empty() {
        return Ok(report);
    }

    let wanted = blocking(store, {
        let ids: Vec<ExternalId> = visits
            .iter()
            .filter(|a| a.patient_id.is_none())
            .filter_map(|a| a.patient_external_id.clone())
            .collect();
        move |s| {
            let mut unknown = BTreeSet::new();
            for id in ids {
                if s.patient_id_for(Vendor::Zoom, &id)?.is_none() {
                    unknown.insert(id);
                }
            }
            Ok(unknown)
        }
    })
    .await?;
    let (records, failed) = fetch_patients(&zoom, wanted.into_iter().take(PATIENTS_PER_PASS)).await;
    report.patients_fetched = records.len();
    report.patients_failed = failed;
    report.visits_updated = blocking(store, move |s| {
        if !records.is_empty() {
            s.upsert_vendor_patients(&records)?;
        }
        rewrite_visits(s, visits)
    })
    .await?;
    Ok(report)
}

/// Links every Zoom provider that matches exactly one desk provider (and is the only Zoom
/// provider matching it). Returns (linked now or already, unmatched).
async fn link_providers(
    store: &Arc<Store>,
    zoom_providers: Vec<ZoomProvider>,
) -> Result<(usize, usize), CoreError> {
    blocking(store, move |s| {
        // Desk providers come from the practice's scheduling vendor; a `zoom:` one is not a
        // person to link to.
        let desk: Vec<Provider> = s
            .providers()?
            .into_iter()
            .filter(|p| map::zoom_provider(&p.id).is_none())
            .collect();
        let desk_people: Vec<Clinician<'_>> = desk
            .iter()
            .map(|p| Clinician {
                name: &p.display_name,
                npi: None,
                email: None,
            })
            .collect();
        let names: Vec<String> = zoom_providers.iter().map(map::provider_name).collect();
        let mut matches: HashMap<usize, Vec<usize>> = HashMap::new();
        for (z, p) in zoom_providers.iter().enumerate() {
            let who = Clinician {
                name: &names[z],
                npi: p.npi.as_deref(),
                email: p.email.as_deref(),
            };
            if let Some(d) = match_clinician(&who, &desk_people) {
                matches.entry(d).or_default().push(z);
            }
        }
        let mut linked = 0;
        for (d, zs) in &matches {
            // Two Zoom accounts for one clinician: which one hosts her visits is not ours to guess.
            let [z] = zs.as_slice() else { continue };
            let link = ProviderLink {
                vendor: Vendor::Zoom,
                external_id: ExternalId(zoom_providers[*z].id.0.clone()),
            };
            s.link_provider(&desk[*d].id, &link)?;
            linked += 1;
        }
        Ok((linked, zoom_providers.len() - linked))
    })
    .await
}

/// Zoom visits in `[from, to)` still missing their desk provider or their patient.
fn unresolved_visits(
    store: &Store,
    zoom_ids: &[String],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<Appointment>, StoreError> {
    let links = zoom_links(&store.providers()?);
    let mut owners: BTreeSet<String> = zoom_ids.iter().map(|z| map::provider_id(z)).collect();
    owners.extend(links.values().cloned());
    let mut out = Vec::new();
    for owner in owners {
        out.extend(
            store
                .appointments_for_provider(&owner, from, to)?
                .into_iter()
                .filter(|a| a.vendor == Vendor::Zoom)
                .filter(|a| a.patient_id.is_none() || unresolved_provider(a)),
        );
    }
    Ok(out)
}

/// `GET /healthcare/patients/{id}` for each id, a few at a time. Failures are counted, not
/// fatal: the visit stays unnamed and is tried again next pass.
async fn fetch_patients(
    zoom: &Arc<ZoomClient>,
    ids: impl Iterator<Item = ExternalId>,
) -> (Vec<frontdesk_core::patient::VendorPatient>, usize) {
    let gate = Arc::new(tokio::sync::Semaphore::new(CONCURRENT_LOOKUPS));
    let mut tasks = tokio::task::JoinSet::new();
    for id in ids {
        let zoom = zoom.clone();
        let gate = gate.clone();
        tasks.spawn(async move {
            let _permit = gate.acquire_owned().await.ok()?;
            match zoom.patient(&PatientId(id.0)).await {
                Ok(p) => Some(map::patient(&p)),
                Err(e) => {
                    let e = CoreError::from(e);
                    // The kind only: the error may carry the vendor's text about the person.
                    tracing::warn!(vendor = "zoom", kind = ?e.kind(), "telehealth_patient_lookup_failed");
                    None
                }
            }
        });
    }
    let (mut records, mut failed) = (Vec::new(), 0);
    while let Some(done) = tasks.join_next().await {
        match done {
            Ok(Some(record)) => records.push(record),
            _ => failed += 1,
        }
    }
    (records, failed)
}

/// Fills in what is now known (desk provider, desk person) and stores the visits that changed.
fn rewrite_visits(store: &Store, mut visits: Vec<Appointment>) -> Result<usize, StoreError> {
    let before = visits.clone();
    resolve_visits(store, &mut visits)?;
    for a in visits.iter_mut().filter(|a| a.patient_id.is_none()) {
        if let Some(id) = &a.patient_external_id {
            a.patient_id = store.patient_id_for(Vendor::Zoom, id)?;
        }
    }
    let changed: Vec<Appointment> = visits
        .into_iter()
        .zip(before)
        .filter(|(after, before)| after != before)
        .map(|(after, _)| after)
        .collect();
    if !changed.is_empty() {
        store.upsert_appointments(&changed)?;
    }
    Ok(changed.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str) -> Clinician<'_> {
        Clinician {
            name,
            npi: None,
            email: None,
        }
    }

    #[test]
    fn titles_credentials_accents_and_order_fold_away() {
        let key = name_key("Dr. Grace Lee");
        assert_eq!(key, vec!["grace", "lee"]);
        assert_eq!(name_key("Grace Lee, MD"), key);
        assert_eq!(name_key("Lee, Grace"), key);
        assert_eq!(name_key("GRACE LEE MD"), key);
        assert_eq!(name_key("Dr. José Peña"), name_key("Jose Pena, M.D."));
        assert_eq!(
            name_key("Doctor Ana Núñez, DO, FACS"),
            name_key("Ana Nunez")
        );
        // "Do" is a family name too: with only two names left, it stays.
        assert_eq!(name_key("Dr. Anh Do"), vec!["anh", "do"]);
    }

    #[test]
    fn the_same_person_matches_and_a_different_one_does_not() {
        let desk = [
            named("Dr. Ana Lee"),
            named("Dr. Grace Lee"),
            named("Dr. Raj Patel"),
        ];
        assert_eq!(match_clinician(&named("Grace Lee, MD"), &desk), Some(1));
        assert_eq!(match_clinician(&named("Dr. Grace Leeds"), &desk), None);
        assert_eq!(match_clinician(&named("Lee"), &desk), None);
        assert_eq!(match_clinician(&named(""), &desk), None);
    }

    #[test]
    fn two_desk_providers_with_one_name_are_never_guessed_between() {
        let desk = [named("Dr. Grace Lee"), named("Grace Lee, DO")];
        assert_eq!(match_clinician(&named("Grace Lee"), &desk), None);
    }

    #[test]
    fn npi_or_email_decide_when_both_sides_have_them() {
        let desk = [
            Clinician {
                name: "Dr. Grace Lee",
                npi: Some("1234567890"),
                email: None,
            },
            Clinician {
                name: "Grace Lee, DO",
                npi: Some("9999999999"),
                email: Some("glee2@clinic.example"),
            },
        ];
        let by_npi = Clinician {
            name: "G. Lee",
            npi: Some("123-456-7890"),
            email: None,
        };
        assert_eq!(match_clinician(&by_npi, &desk), Some(0));
        let by_email = Clinician {
            name: "Grace Lee",
            npi: None,
            email: Some(" GLee2@clinic.example"),
        };
        assert_eq!(match_clinician(&by_email, &desk), Some(1));
        // A different NPI vetoes a name that matches.
        let other = Clinician {
            name: "Dr. Grace Lee",
            npi: Some("5555555555"),
            email: None,
        };
        assert_eq!(
            match_clinician(&other, &desk[..1]),
            None,
            "same name, different NPI"
        );
    }
}
