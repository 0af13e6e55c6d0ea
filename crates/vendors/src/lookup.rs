//! "Search the vendors": asking a vendor for people the desk's cache does not hold (the cache
//! keeps only patients seen lately). Sync lists everyone changed since a cursor; this asks one
//! question with whatever the receptionist typed, in each vendor's own documented filters:
//!
//! - Nextech `GET /search?term=` matches a name or a chart number, nothing else (no birth date,
//!   no phone);
//! - CXone `GET /patients` filters by `mrn`, `phoneNumber`, `email`, `lastName` and
//!   `dateOfBirth` (last name only: a first name alone cannot be asked);
//! - NexHealth `GET /patients` filters by `name`, `email`, `phone_number` and `date_of_birth`
//!   per location (the current spec's parameters).
//!
//! One page per question: a search is a look-up, not a listing, and the caller narrows what
//! comes back to what was typed before anything is kept.

use crate::cxone::CxoneClient;
use crate::cxone::client::MAX_LIMIT as CXONE_LIMIT;
use crate::cxone::wire::PatientQuery as CxoneQuery;
use crate::nexhealth::NexhealthClient;
use crate::nexhealth::wire::PatientQuery as NexQuery;
use crate::nextech::NextechClient;
use crate::{cxone, nexhealth, nextech};
use async_trait::async_trait;
use chrono::NaiveDate;
use frontdesk_core::patient::VendorPatient;
use frontdesk_core::{CoreError, Vendor};

/// At most this many separate name questions to one vendor for one search.
const MAX_NAME_QUESTIONS: usize = 3;

/// What the receptionist typed, read into the fields vendors filter by.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PatientLookup {
    /// Name words as typed (folded to lower case, accents removed), in order.
    pub names: Vec<String>,
    /// A chart number / MRN ("MRN-1001", "ABC12345").
    pub chart: Option<String>,
    /// Phone digits, national (no country code).
    pub phone: Option<String>,
    /// One date of birth (the caller asks again for another reading of an ambiguous date).
    pub birth_date: Option<NaiveDate>,
    pub email: Option<String>,
}

impl PatientLookup {
    fn longest_name(&self) -> Option<&str> {
        self.names
            .iter()
            .max_by_key(|n| n.chars().count())
            .map(String::as_str)
    }

    /// A number, date or address to ask by: the name is then checked by the caller, not asked.
    fn has_other(&self) -> bool {
        self.chart.is_some() || self.has_demographic()
    }

    /// A filter every searching vendor but Nextech has: phone, birth date or e-mail.
    fn has_demographic(&self) -> bool {
        self.phone.is_some() || self.birth_date.is_some() || self.email.is_some()
    }
}

/// A vendor's answer to one look-up.
#[derive(Debug, Clone, PartialEq)]
pub enum LookupAnswer {
    Found(Vec<VendorPatient>),
    /// The vendor's API has no filter for anything in the query (Nextech and a birth date).
    CannotSearch,
}

/// A vendor that can be asked for patients by what was typed.
#[async_trait]
pub trait PatientLookupSource: Send + Sync {
    fn vendor(&self) -> Vendor;
    async fn lookup(&self, query: &PatientLookup) -> Result<LookupAnswer, CoreError>;
}

#[async_trait]
impl PatientLookupSource for NextechClient {
    fn vendor(&self) -> Vendor {
        Vendor::Nextech
    }

    /// The term is the chart number when one was typed, else the name words together.
    async fn lookup(&self, query: &PatientLookup) -> Result<LookupAnswer, CoreError> {
        let term = match (&query.chart, query.names.is_empty()) {
            (Some(chart), _) => chart.clone(),
            (None, false) => query.names.join(" "),
            (None, true) => return Ok(LookupAnswer::CannotSearch),
        };
        let list = self.search_patients(&term).await?;
        Ok(LookupAnswer::Found(
            list.iter().map(nextech::map::patient).collect(),
        ))
    }
}

#[async_trait]
impl PatientLookupSource for CxoneClient {
    fn vendor(&self) -> Vendor {
        Vendor::Cxone
    }

    /// With a number, date or address to ask by, the name is left for the caller to check
    /// (CXone's `lastName` would miss a first name). With names alone, each of the first few
    /// words is asked as a last name, since which word is the last name is not known.
    async fn lookup(&self, query: &PatientLookup) -> Result<LookupAnswer, CoreError> {
        let base = CxoneQuery {
            mrn: query.chart.clone(),
            // The doc's example number is E.164.
            phone_number: query.phone.as_deref().map(crate::normalize::e164),
            email: query.email.clone(),
            last_name: None,
            date_of_birth: query.birth_date,
        };
        let questions: Vec<CxoneQuery> = if query.has_other() {
            vec![base]
        } else {
            query
                .names
                .iter()
                .take(MAX_NAME_QUESTIONS)
                .map(|n| CxoneQuery {
                    last_name: Some(n.clone()),
                    ..base.clone()
                })
                .collect()
        };
        if questions.is_empty() {
            return Ok(LookupAnswer::CannotSearch);
        }
        let mut found = Vec::new();
        for q in &questions {
            let page = self.search_patients(q, 0, CXONE_LIMIT).await?;
            found.extend(page.data.iter().map(cxone::map::patient));
        }
        Ok(LookupAnswer::Found(found))
    }
}

#[async_trait]
impl PatientLookupSource for NexhealthClient {
    fn vendor(&self) -> Vendor {
        Vendor::Nexhealth
    }

    /// Asked at every configured location. The `name` filter gets the longest name word only
    /// (a whole name typed surname first would match nothing), and none when a phone, date or
    /// address narrows the search already. NexHealth has no chart-number filter.
    async fn lookup(&self, query: &PatientLookup) -> Result<LookupAnswer, CoreError> {
        let q = NexQuery {
            name: if query.has_demographic() {
                None
            } else {
                query.longest_name().map(str::to_owned)
            },
            email: query.email.clone(),
            phone_number: query.phone.clone(),
            date_of_birth: query.birth_date,
            updated_since: None,
            new_patient: None,
        };
        if q.name.is_none() && !query.has_demographic() {
            return Ok(LookupAnswer::CannotSearch);
        }
        let mut found = Vec::new();
        for location in self.location_ids().to_vec() {
            let page = self.patients(location, &q, None).await?;
            found.extend(page.items.iter().map(nexhealth::map::patient));
        }
        Ok(LookupAnswer::Found(found))
    }
}
