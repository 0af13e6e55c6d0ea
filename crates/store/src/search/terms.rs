//! What goes into the search index for one patient. Every term is namespaced by its first byte
//! so that one B-tree serves every kind of lookup and a prefix never strays into another kind
//! (typing "d" must not wander into dates of birth):
//!
//! | ns | kind | example |
//! |----|------|---------|
//! | `n` | a name word (family, given, middle; compound parts and the joined whole) | `nnguyen` |
//! | `p` | an ordered pair of name words, for "given family" typed in full | `pminh nguyen` |
//! | `t` | phone: national digits and its last 7, 6, 5 and 4 digits | `t2025550101` |
//! | `m` | MRN / chart number | `mmrn0042` |
//! | `b` | date of birth, `YYYYMMDD` | `b19640503` |
//! | `e` | e-mail | `erosa@example.org` |
//! | `k` | identity blocking key: date of birth + first two letters of a name (never searched) | `k19640503ng` |

use frontdesk_core::identity::{name_tokens, normalize_email, normalize_mrn, phone_digits};
use frontdesk_core::patient::Patient;

pub(crate) const KIND_FAMILY: u8 = 0;
pub(crate) const KIND_GIVEN: u8 = 1;
pub(crate) const KIND_MIDDLE: u8 = 2;
pub(crate) const KIND_PAIR: u8 = 3;
pub(crate) const KIND_PHONE: u8 = 4;
pub(crate) const KIND_MRN: u8 = 5;
pub(crate) const KIND_DOB: u8 = 6;
pub(crate) const KIND_EMAIL: u8 = 7;
pub(crate) const KIND_BLOCK: u8 = 8;

/// A patient's index entries and verification document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct IndexEntry {
    pub terms: Vec<(String, u8)>,
    /// Space-separated unit terms (no pairs, phones by national digits only) used to check the
    /// other words of a multi-word query against a candidate in one read.
    pub doc: String,
    /// Distinct name words, for the typo vocabulary.
    pub vocab: Vec<String>,
}

pub(crate) fn index_entry(patient: &Patient) -> IndexEntry {
    let mut entry = IndexEntry::default();
    let mut doc: Vec<String> = Vec::new();
    let family = name_tokens(&patient.family_name);
    let given = name_tokens(&patient.given_name);
    let middle = patient
        .middle_name
        .as_deref()
        .map(name_tokens)
        .unwrap_or_default();
    for (words, kind) in [
        (&family, KIND_FAMILY),
        (&given, KIND_GIVEN),
        (&middle, KIND_MIDDLE),
    ] {
        for w in words {
            entry.terms.push((format!("n{w}"), kind));
            doc.push(format!("n{w}"));
            entry.vocab.push(w.clone());
        }
    }
    // Every ordered pair of name words, so "given family", "family given", "given middle" and
    // the parts of a compound name all find the person by one range scan. Bounded (6 words,
    // 30 pairs) so an unusual name cannot bloat the index.
    let mut words: Vec<&String> = Vec::new();
    for w in given.iter().chain(&middle).chain(&family) {
        if !words.contains(&w) && words.len() < 6 {
            words.push(w);
        }
    }
    for a in &words {
        for b in &words {
            if a != b {
                entry.terms.push((format!("p{a} {b}"), KIND_PAIR));
            }
        }
    }
    for phone in &patient.phones {
        let digits = phone_digits(&phone.number);
        if digits.len() < 4 {
            continue;
        }
        doc.push(format!("t{digits}"));
        entry.terms.push((format!("t{digits}"), KIND_PHONE));
        for tail in [7, 6, 5, 4] {
            if digits.len() > tail {
                entry
                    .terms
                    .push((format!("t{}", &digits[digits.len() - tail..]), KIND_PHONE));
            }
        }
    }
    if let Some(mrn) = patient
        .mrn
        .as_deref()
        .map(normalize_mrn)
        .filter(|m| !m.is_empty())
    {
        entry.terms.push((format!("m{mrn}"), KIND_MRN));
        doc.push(format!("m{mrn}"));
    }
    if let Some(dob) = patient.birth_date {
        let term = format!("b{}", dob.format("%Y%m%d"));
        entry.terms.push((term.clone(), KIND_DOB));
        doc.push(term);
        for name in [family.last(), given.last()].into_iter().flatten() {
            entry.terms.push((block_key(dob, name), KIND_BLOCK));
        }
    }
    if let Some(email) = patient
        .email
        .as_deref()
        .map(normalize_email)
        .filter(|e| !e.is_empty() && !e.contains(' '))
    {
        entry.terms.push((format!("e{email}"), KIND_EMAIL));
        doc.push(format!("e{email}"));
    }
    entry.terms.sort();
    entry.terms.dedup();
    doc.sort();
    doc.dedup();
    entry.doc = doc.join(" ");
    entry.vocab.sort();
    entry.vocab.dedup();
    entry
}

/// The identity blocking key: who might be this person is looked up by date of birth and the
/// first letters of a name instead of scoring everyone born that day.
pub(crate) fn block_key(dob: chrono::NaiveDate, folded_name: &str) -> String {
    let head: String = folded_name.chars().take(2).collect();
    format!("k{}{head}", dob.format("%Y%m%d"))
}
