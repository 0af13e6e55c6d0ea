//! How alike two records of a person are, in points a person can read back ("same date of
//! birth, same phone, family name one letter off"). The weights encode a front desk's
//! experience: a date of birth and a phone or e-mail together identify a person, a name alone
//! never does, and relatives share phones and family names but not birth dates and given names.

use crate::patient::{Patient, VendorPatient};
use chrono::{Datelike, NaiveDate};

use super::normalize::{name_tokens, normalize_email, normalize_mrn, phone_digits};

/// At or above this the records are linked automatically (`LinkConfidence::Matched`). It needs a
/// matching date of birth, a matching name and a shared phone or e-mail: name and date of birth
/// alone (85) are a suggestion, because two people can share both.
pub const AUTO_LINK_THRESHOLD: i32 = 90;
/// At or above this (and below the automatic threshold) a person is asked to confirm.
pub const SUGGEST_THRESHOLD: i32 = 50;

/// The parts of a record that identify a person, normalised once.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Demographics {
    pub given: Vec<String>,
    pub family: Vec<String>,
    pub birth_date: Option<NaiveDate>,
    pub mrn: Option<String>,
    pub phones: Vec<String>,
    pub emails: Vec<String>,
}

impl Demographics {
    #[must_use]
    pub fn from_vendor(record: &VendorPatient) -> Self {
        Self::build(
            &record.given_name,
            &record.family_name,
            record.birth_date,
            record.mrn.as_deref(),
            record.phones.iter().map(|p| p.number.as_str()),
            record.email.as_deref(),
        )
    }

    #[must_use]
    pub fn from_patient(patient: &Patient) -> Self {
        Self::build(
            &patient.given_name,
            &patient.family_name,
            patient.birth_date,
            patient.mrn.as_deref(),
            patient.phones.iter().map(|p| p.number.as_str()),
            patient.email.as_deref(),
        )
    }

    fn build<'a>(
        given: &str,
        family: &str,
        birth_date: Option<NaiveDate>,
        mrn: Option<&str>,
        phones: impl Iterator<Item = &'a str>,
        email: Option<&str>,
    ) -> Self {
        Self {
            given: name_tokens(given),
            family: name_tokens(family),
            birth_date,
            mrn: mrn.map(normalize_mrn).filter(|m| !m.is_empty()),
            phones: phones.map(phone_digits).filter(|p| p.len() >= 7).collect(),
            emails: email
                .map(normalize_email)
                .filter(|e| e.contains('@'))
                .into_iter()
                .collect(),
        }
    }
}

/// Whether the practice's record number settles the question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MrnMatch {
    /// Both carry one and they are equal: the same person by the practice's own index.
    Same,
    /// Both carry one and they differ: the practice says these are two people.
    Different,
    /// At least one side has none.
    Unknown,
}

/// The score of one pair of records with the reasons behind it, for the confirm dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchScore {
    pub points: i32,
    pub mrn: MrnMatch,
    pub reasons: Vec<&'static str>,
}

/// Scores how likely `a` and `b` are the same person.
#[must_use]
pub fn score(a: &Demographics, b: &Demographics) -> MatchScore {
    let mut points = 0;
    let mut reasons = Vec::new();
    let mrn = match (&a.mrn, &b.mrn) {
        (Some(x), Some(y)) if x == y => MrnMatch::Same,
        (Some(_), Some(_)) => MrnMatch::Different,
        _ => MrnMatch::Unknown,
    };

    match (a.birth_date, b.birth_date) {
        (Some(x), Some(y)) if x == y => {
            points += 40;
            reasons.push("same date of birth");
        }
        (Some(x), Some(y)) if swapped_day_month(x, y) => {
            points += 20;
            reasons.push("date of birth with day and month swapped");
        }
        (Some(x), Some(y))
            if edit_distance(
                &x.format("%Y%m%d").to_string(),
                &y.format("%Y%m%d").to_string(),
            ) == 1 =>
        {
            points += 15;
            reasons.push("date of birth one digit off");
        }
        (Some(_), Some(_)) => {
            points -= 30;
            reasons.push("different date of birth");
        }
        _ => {}
    }

    let (family_points, family_reason) = name_similarity(&a.family, &b.family, 25, 18, 12);
    points += family_points;
    reasons.extend(family_reason.map(|r| match r {
        NameMatch::Exact => "same family name",
        NameMatch::Typo => "family name one or two letters off",
        NameMatch::Partial => "family name shares a part (maiden or compound name)",
    }));
    let (given_points, given_reason) = name_similarity(&a.given, &b.given, 20, 14, 8);
    match given_reason {
        Some(r) => {
            points += given_points;
            reasons.push(match r {
                NameMatch::Exact => "same given name",
                NameMatch::Typo => "given name one or two letters off",
                NameMatch::Partial => "given name is a short form of the other",
            });
        }
        None if !a.given.is_empty() && !b.given.is_empty() => {
            points -= 10;
            reasons.push("different given name");
        }
        None => {}
    }

    let mut contact = 0;
    if a.phones.iter().any(|p| b.phones.contains(p)) {
        contact += 15;
        reasons.push("same phone");
    }
    if a.emails.iter().any(|e| b.emails.contains(e)) {
        contact += 15;
        reasons.push("same e-mail");
    }
    points += contact.min(25);

    MatchScore {
        points,
        mrn,
        reasons,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NameMatch {
    Exact,
    Typo,
    Partial,
}

fn name_similarity(
    a: &[String],
    b: &[String],
    exact: i32,
    typo: i32,
    partial: i32,
) -> (i32, Option<NameMatch>) {
    let (Some(a_full), Some(b_full)) = (a.last(), b.last()) else {
        return (0, None);
    };
    // `name_tokens` puts the joined compound last, so `last()` is the whole name.
    if a_full == b_full {
        return (exact, Some(NameMatch::Exact));
    }
    let allowed = if a_full.chars().count().min(b_full.chars().count()) >= 8 {
        2
    } else {
        1
    };
    if a_full.chars().count() >= 4 && edit_distance(a_full, b_full) <= allowed {
        return (typo, Some(NameMatch::Typo));
    }
    let shares_part = a.iter().any(|x| x.chars().count() >= 2 && b.contains(x));
    let short_form = a_full.chars().count() >= 2
        && b_full.chars().count() >= 2
        && (a_full.starts_with(b_full.as_str()) || b_full.starts_with(a_full.as_str()));
    if shares_part || short_form {
        return (partial, Some(NameMatch::Partial));
    }
    (0, None)
}

fn swapped_day_month(x: NaiveDate, y: NaiveDate) -> bool {
    x.year() == y.year() && x.month() == y.day() && x.day() == y.month()
}

/// Edit distance counting an adjacent transposition as one edit (optimal string alignment),
/// because "Ngyuen" for "Nguyen" is one slip of the fingers, not two.
#[must_use]
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut rows = vec![0usize; (a.len() + 1) * width];
    for (j, cell) in rows.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        rows[i * width] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[(i - 1) * width + j] + 1)
                .min(rows[i * width + j - 1] + 1)
                .min(rows[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[(i - 2) * width + j - 2] + 1);
            }
            rows[i * width + j] = best;
        }
    }
    rows[a.len() * width + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(
        given: &str,
        family: &str,
        dob: Option<(i32, u32, u32)>,
        phone: Option<&str>,
    ) -> Demographics {
        Demographics::build(
            given,
            family,
            dob.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
            None,
            phone.into_iter(),
            None,
        )
    }

    #[test]
    fn edit_distance_counts_transpositions_once() {
        assert_eq!(edit_distance("nguyen", "ngyuen"), 1);
        assert_eq!(edit_distance("smith", "smyth"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn same_name_date_and_phone_links_automatically() {
        let a = person("Minh", "Nguyen", Some((1964, 5, 3)), Some("(202) 555-0101"));
        let b = person(
            "MINH",
            "Nguyễn",
            Some((1964, 5, 3)),
            Some("+1 202 555 0101"),
        );
        assert!(score(&a, &b).points >= AUTO_LINK_THRESHOLD);
    }

    #[test]
    fn a_typo_in_the_family_name_still_links_with_date_and_phone() {
        let a = person("Minh", "Nguyen", Some((1964, 5, 3)), Some("2025550101"));
        let b = person("Minh", "Ngyuen", Some((1964, 5, 3)), Some("2025550101"));
        assert!(score(&a, &b).points >= AUTO_LINK_THRESHOLD);
    }

    #[test]
    fn name_and_date_alone_are_only_a_suggestion() {
        let a = person("John", "Smith", Some((1980, 1, 1)), None);
        let b = person("John", "Smith", Some((1980, 1, 1)), None);
        let s = score(&a, &b).points;
        assert!((SUGGEST_THRESHOLD..AUTO_LINK_THRESHOLD).contains(&s), "{s}");
    }

    #[test]
    fn swapped_day_and_month_is_a_suggestion_not_a_link() {
        let a = person("Lan", "Tran", Some((1950, 3, 7)), Some("2025550199"));
        let b = person("Lan", "Tran", Some((1950, 7, 3)), Some("2025550199"));
        let s = score(&a, &b);
        assert!(
            (SUGGEST_THRESHOLD..AUTO_LINK_THRESHOLD).contains(&s.points),
            "{s:?}"
        );
        assert!(
            s.reasons
                .contains(&"date of birth with day and month swapped")
        );
    }

    #[test]
    fn a_maiden_name_is_a_suggestion() {
        let a = person("Maria", "Garcia", Some((1975, 9, 12)), Some("3125550100"));
        let b = person("Maria", "Lopez", Some((1975, 9, 12)), Some("3125550100"));
        let s = score(&a, &b).points;
        assert!((SUGGEST_THRESHOLD..AUTO_LINK_THRESHOLD).contains(&s), "{s}");
        let married = person(
            "Maria",
            "Garcia-Lopez",
            Some((1975, 9, 12)),
            Some("3125550100"),
        );
        let s = score(&a, &married).points;
        assert!((SUGGEST_THRESHOLD..AUTO_LINK_THRESHOLD).contains(&s), "{s}");
    }

    #[test]
    fn relatives_sharing_a_phone_are_not_suggested() {
        let mother = person("Lan", "Tran", Some((1950, 3, 7)), Some("2025550199"));
        let daughter = person("Mai", "Tran", Some((1979, 11, 30)), Some("2025550199"));
        assert!(score(&mother, &daughter).points < SUGGEST_THRESHOLD);
    }

    #[test]
    fn twins_are_not_linked_automatically() {
        let a = person("Anna", "Kowalski", Some((2001, 4, 4)), Some("2025550123"));
        let b = person("Ewa", "Kowalski", Some((2001, 4, 4)), Some("2025550123"));
        assert!(score(&a, &b).points < AUTO_LINK_THRESHOLD);
    }
}
