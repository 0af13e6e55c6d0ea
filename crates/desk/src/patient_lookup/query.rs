//! What the receptionist typed, read the way the cache's search reads it (the same
//! `core::identity` folding, date readings and phone digits), into the fields the vendors
//! filter by; and the check that a vendor's record really matches it, so only people who
//! were asked for are kept in the cache (the vendors' filters are looser than the typed query:
//! a last-name prefix, a name "contains", a whole listing when a filter is ignored).

use chrono::NaiveDate;
use frontdesk_core::identity::{
    dob_candidates, fold, normalize_email, normalize_mrn, phone_digits,
};
use frontdesk_core::patient::VendorPatient;
use frontdesk_vendors::lookup::PatientLookup;

/// Fewer phone digits than this are a chart number, not a phone.
const MIN_PHONE_DIGITS: usize = 7;

/// The typed query, read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Reading {
    pub names: Vec<String>,
    pub chart: Option<String>,
    pub phone: Option<String>,
    /// Every plausible reading of a typed date (a day/month swap gives two).
    pub birth_dates: Vec<NaiveDate>,
    pub email: Option<String>,
}

impl Reading {
    /// Nothing a vendor could be asked by (an empty or punctuation-only query).
    pub(crate) fn is_empty(&self) -> bool {
        self.names.is_empty()
            && self.chart.is_none()
            && self.phone.is_none()
            && self.birth_dates.is_empty()
            && self.email.is_none()
    }

    /// The questions to put to each vendor: one per reading of the date, or one.
    pub(crate) fn lookups(&self) -> Vec<PatientLookup> {
        let base = PatientLookup {
            names: self.names.clone(),
            chart: self.chart.clone(),
            phone: self.phone.clone(),
            birth_date: None,
            email: self.email.clone(),
        };
        if self.birth_dates.is_empty() {
            return vec![base];
        }
        self.birth_dates
            .iter()
            .map(|d| PatientLookup {
                birth_date: Some(*d),
                ..base.clone()
            })
            .collect()
    }

    /// Whether `record` is someone this query asked for.
    pub(crate) fn matches(&self, record: &VendorPatient) -> bool {
        let words: Vec<String> = [
            record.given_name.as_str(),
            record.middle_name.as_deref().unwrap_or(""),
            record.family_name.as_str(),
        ]
        .iter()
        .flat_map(|part| {
            fold(part)
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect();
        let names_ok = self
            .names
            .iter()
            .all(|n| words.iter().any(|w| w.starts_with(n.as_str())));
        let date_ok = self.birth_dates.is_empty()
            || record
                .birth_date
                .is_some_and(|d| self.birth_dates.contains(&d));
        let phone_ok = self.phone.as_ref().is_none_or(|p| {
            record
                .phones
                .iter()
                .any(|r| phone_digits(&r.number).contains(p.as_str()))
        });
        let chart_ok = self.chart.as_ref().is_none_or(|c| {
            record
                .mrn
                .as_deref()
                .is_some_and(|m| normalize_mrn(m).starts_with(&normalize_mrn(c)))
        });
        let email_ok = self.email.as_ref().is_none_or(|e| {
            record
                .email
                .as_deref()
                .is_some_and(|r| normalize_email(r) == *e)
        });
        names_ok && date_ok && phone_ok && chart_ok && email_ok
    }
}

/// Reads `query` like the cache search's parser: a query of nothing but phone digits and
/// punctuation is one phone however spaced; otherwise word by word, an `@` is an e-mail, a
/// date is a birth date, digits (with phone punctuation) are a phone when long enough and a
/// chart number when short, letters with digits are a chart number, the rest name words.
pub(crate) fn read(query: &str, today: NaiveDate) -> Reading {
    let mut r = Reading::default();
    let all_digits: String = query.chars().filter(char::is_ascii_digit).collect();
    let phone_like = query
        .chars()
        .all(|c| c.is_ascii_digit() || c.is_whitespace() || "()+-.".contains(c));
    if phone_like && all_digits.len() >= MIN_PHONE_DIGITS && query.trim().contains(' ') {
        r.phone = Some(phone_digits(&all_digits));
        return r;
    }
    for raw in query.split(|c: char| c.is_whitespace() || c == ',' || c == ';') {
        if raw.is_empty() {
            continue;
        }
        if raw.contains('@') {
            let email = normalize_email(raw);
            if email.len() > 1 {
                r.email = Some(email);
            }
            continue;
        }
        let dates = dob_candidates(raw, today);
        if !dates.is_empty() {
            r.birth_dates = dates;
            continue;
        }
        let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
        let only_phone_punctuation = raw
            .chars()
            .all(|c| c.is_ascii_digit() || "()+-./".contains(c));
        if only_phone_punctuation && !digits.is_empty() {
            if digits.len() >= MIN_PHONE_DIGITS {
                r.phone = Some(phone_digits(&digits));
            } else {
                r.chart = Some(digits);
            }
            continue;
        }
        if raw.chars().any(char::is_alphabetic) && raw.chars().any(|c| c.is_ascii_digit()) {
            r.chart = Some(raw.to_owned());
            continue;
        }
        r.names.extend(
            fold(raw)
                .split(' ')
                .filter(|p| !p.is_empty())
                .map(str::to_owned),
        );
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use frontdesk_core::patient::{Phone, PhoneKind};
    use frontdesk_core::{ExternalId, Vendor};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap_or_default()
    }

    fn record() -> VendorPatient {
        VendorPatient {
            vendor: Vendor::Cxone,
            external_id: ExternalId("pt-1".into()),
            given_name: "José".into(),
            family_name: "García-López".into(),
            middle_name: None,
            birth_date: NaiveDate::from_ymd_opt(1980, 5, 15),
            mrn: Some("MRN-1001".into()),
            phones: vec![Phone {
                number: "+13125550142".into(),
                kind: PhoneKind::Mobile,
            }],
            email: Some("jose@example.com".into()),
            preferred_language: None,
            communication: None,
            updated_at: None,
        }
    }

    #[test]
    fn reads_names_dates_phones_and_charts_like_the_cache_search() {
        let r = read("Garcia jos 1980-05-15", today());
        assert_eq!(r.names, vec!["garcia", "jos"]);
        assert_eq!(
            r.birth_dates.first().copied(),
            NaiveDate::from_ymd_opt(1980, 5, 15)
        );
        assert_eq!(
            read("(312) 555-0142", today()).phone.as_deref(),
            Some("3125550142")
        );
        assert_eq!(read("MRN-1001", today()).chart.as_deref(), Some("MRN-1001"));
        assert_eq!(read("1001", today()).chart.as_deref(), Some("1001"));
        assert_eq!(
            read("Jose@Example.com", today()).email.as_deref(),
            Some("jose@example.com")
        );
        assert!(read(" ,; ", today()).is_empty());
    }

    #[test]
    fn an_ambiguous_date_is_asked_once_per_reading() {
        let r = read("03/04/1980", today());
        assert_eq!(r.lookups().len(), r.birth_dates.len());
        assert!(r.birth_dates.len() >= 2);
    }

    #[test]
    fn keeps_only_records_that_match_every_typed_word() {
        assert!(read("garc jose", today()).matches(&record()));
        assert!(read("lopez 5/15/1980", today()).matches(&record()));
        assert!(read("555-0142", today()).matches(&record()));
        assert!(read("mrn1001", today()).matches(&record()));
        assert!(!read("garcia maria", today()).matches(&record()));
        assert!(!read("garcia 1981-05-15", today()).matches(&record()));
        assert!(!read("MRN-2002", today()).matches(&record()));
    }
}
