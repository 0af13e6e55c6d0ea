//! The linking decision for one incoming vendor record against the desk's people who might be
//! the same person. Pure, so the rules ("never merge silently", "a vendor's two records are two
//! people until someone says otherwise") are tested without a database.

use crate::ids::{PatientId, Vendor};
use crate::patient::LinkConfidence;

use super::score::{
    AUTO_LINK_THRESHOLD, Demographics, MatchScore, MrnMatch, SUGGEST_THRESHOLD, score,
};

/// A desk patient the incoming record might belong to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub patient_id: PatientId,
    pub demographics: Demographics,
    /// Vendors whose records are already linked to this patient.
    pub vendors: Vec<Vendor>,
    /// A person already said the incoming record is not this patient.
    pub rejected: bool,
}

/// What to do with the incoming record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkDecision {
    /// Link it to this patient, with this confidence (`Exact` or `Matched`).
    Link {
        patient_id: PatientId,
        confidence: LinkConfidence,
        score: MatchScore,
    },
    /// Make it a new patient; these look alike and are shown for a person to confirm or reject.
    NewPatient {
        suggestions: Vec<(PatientId, MatchScore)>,
    },
}

/// Whether the desk itself can make a second record of someone at this vendor without knowing:
/// Zoom cannot be searched for patients, so a video visit booked before the desk has seen a
/// person's Zoom record makes another one. Such a record carrying the person's MRN is the person
/// (the practice put that MRN there); treating it as Zoom's own second person would put a
/// duplicate of them at the desk.
fn makes_unseen_duplicates(vendor: Vendor) -> bool {
    vendor == Vendor::Zoom
}

/// Decides where `incoming` (a record from `vendor`) belongs among `candidates`.
#[must_use]
pub fn decide(vendor: Vendor, incoming: &Demographics, candidates: &[Candidate]) -> LinkDecision {
    let mut automatic: Vec<(&Candidate, MatchScore, LinkConfidence)> = Vec::new();
    let mut suggestions: Vec<(PatientId, MatchScore)> = Vec::new();
    for candidate in candidates.iter().filter(|c| !c.rejected) {
        let s = score(incoming, &candidate.demographics);
        // A vendor's own two records are two people in that vendor's eyes; joining them is a
        // person's call even when everything matches.
        let same_vendor = candidate.vendors.contains(&vendor);
        match s.mrn {
            MrnMatch::Same if !same_vendor || makes_unseen_duplicates(vendor) => {
                automatic.push((candidate, s, LinkConfidence::Exact));
            }
            MrnMatch::Different => {}
            _ if s.points >= AUTO_LINK_THRESHOLD && !same_vendor => {
                automatic.push((candidate, s, LinkConfidence::Matched));
            }
            _ if s.points >= SUGGEST_THRESHOLD || s.mrn == MrnMatch::Same => {
                suggestions.push((candidate.patient_id.clone(), s));
            }
            _ => {}
        }
    }
    let exact: Vec<_> = automatic
        .iter()
        .filter(|(_, _, c)| *c == LinkConfidence::Exact)
        .collect();
    let winner = match (exact.len(), automatic.len()) {
        (1, _) | (0, 1) => Some(exact.first().copied().unwrap_or(&automatic[0])),
        _ => None,
    };
    if let Some((candidate, s, confidence)) = winner {
        return LinkDecision::Link {
            patient_id: candidate.patient_id.clone(),
            confidence: *confidence,
            score: s.clone(),
        };
    }
    // Two or more people match equally well: ambiguity is for a person to resolve.
    suggestions.extend(
        automatic
            .into_iter()
            .map(|(c, s, _)| (c.patient_id.clone(), s)),
    );
    suggestions.sort_by_key(|s| std::cmp::Reverse(s.1.points));
    LinkDecision::NewPatient { suggestions }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn demo(
        given: &str,
        family: &str,
        dob: (i32, u32, u32),
        phone: &str,
        mrn: Option<&str>,
    ) -> Demographics {
        Demographics {
            given: crate::identity::name_tokens(given),
            family: crate::identity::name_tokens(family),
            birth_date: NaiveDate::from_ymd_opt(dob.0, dob.1, dob.2),
            mrn: mrn.map(crate::identity::normalize_mrn),
            phones: vec![crate::identity::phone_digits(phone)],
            emails: vec![],
        }
    }

    fn candidate(id: &str, d: Demographics, vendors: &[Vendor]) -> Candidate {
        Candidate {
            patient_id: PatientId(id.into()),
            demographics: d,
            vendors: vendors.to_vec(),
            rejected: false,
        }
    }

    #[test]
    fn mrn_equal_to_chart_number_links_exactly_even_with_a_different_name_spelling() {
        let cxone = demo(
            "Bob",
            "Nguyen",
            (1964, 5, 3),
            "2025550101",
            Some("MRN-0042"),
        );
        let nextech = candidate(
            "p1",
            demo("Robert", "Nguyen", (1964, 5, 3), "", Some("mrn0042")),
            &[Vendor::Nextech],
        );
        match decide(Vendor::Cxone, &cxone, &[nextech]) {
            LinkDecision::Link {
                patient_id,
                confidence,
                ..
            } => {
                assert_eq!(patient_id.0, "p1");
                assert_eq!(confidence, LinkConfidence::Exact);
            }
            other @ LinkDecision::NewPatient { .. } => panic!("{other:?}"),
        }
    }

    #[test]
    fn different_mrns_are_never_linked_or_suggested() {
        let a = demo("Minh", "Nguyen", (1964, 5, 3), "2025550101", Some("100"));
        let b = candidate(
            "p1",
            demo("Minh", "Nguyen", (1964, 5, 3), "2025550101", Some("200")),
            &[Vendor::Nextech],
        );
        assert_eq!(
            decide(Vendor::Cxone, &a, &[b]),
            LinkDecision::NewPatient {
                suggestions: vec![]
            }
        );
    }

    #[test]
    fn strong_scores_link_as_matched() {
        let a = demo("Minh", "Ngyuen", (1964, 5, 3), "2025550101", None);
        let b = candidate(
            "p1",
            demo("Minh", "Nguyen", (1964, 5, 3), "202-555-0101", None),
            &[Vendor::Nextech],
        );
        assert!(matches!(
            decide(Vendor::Nexhealth, &a, &[b]),
            LinkDecision::Link {
                confidence: LinkConfidence::Matched,
                ..
            }
        ));
    }

    #[test]
    fn look_alikes_become_suggestions_never_links() {
        let incoming = demo("Lan", "Tran", (1950, 7, 3), "2025550199", None);
        let swapped = candidate(
            "p1",
            demo("Lan", "Tran", (1950, 3, 7), "2025550199", None),
            &[Vendor::Cxone],
        );
        let maiden = candidate(
            "p2",
            demo("Lan", "Pham", (1950, 7, 3), "2025550199", None),
            &[Vendor::Cxone],
        );
        match decide(Vendor::Nexhealth, &incoming, &[swapped, maiden]) {
            LinkDecision::NewPatient { suggestions } => {
                let ids: Vec<_> = suggestions.iter().map(|(p, _)| p.0.as_str()).collect();
                assert_eq!(ids.len(), 2);
                assert!(ids.contains(&"p1") && ids.contains(&"p2"));
            }
            other @ LinkDecision::Link { .. } => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_vendors_own_duplicate_is_only_suggested() {
        let a = demo("Minh", "Nguyen", (1964, 5, 3), "2025550101", None);
        let b = candidate(
            "p1",
            demo("Minh", "Nguyen", (1964, 5, 3), "2025550101", None),
            &[Vendor::Nexhealth],
        );
        assert!(
            matches!(decide(Vendor::Nexhealth, &a, &[b]), LinkDecision::NewPatient { suggestions } if suggestions.len() == 1)
        );
    }

    /// Minh as a vendor has him, MRN included.
    fn numbered_minh() -> Demographics {
        demo(
            "Minh",
            "Nguyen",
            (1964, 5, 3),
            "6465550143",
            Some("A0100000"),
        )
    }

    #[test]
    fn a_second_zoom_record_with_the_persons_mrn_joins_them() {
        let minh = candidate("p1", numbered_minh(), &[Vendor::Cxone, Vendor::Zoom]);
        assert!(matches!(
            decide(Vendor::Zoom, &numbered_minh(), std::slice::from_ref(&minh)),
            LinkDecision::Link { patient_id, confidence: LinkConfidence::Exact, .. } if patient_id.0 == "p1"
        ));
        // Without the MRN it is still only a suggestion: the same name, birth date and phone at
        // one vendor can be two people (twins sharing a phone).
        let unnumbered = demo("Minh", "Nguyen", (1964, 5, 3), "6465550143", None);
        assert!(matches!(
            decide(Vendor::Zoom, &unnumbered, &[minh]),
            LinkDecision::NewPatient { suggestions } if suggestions.len() == 1
        ));
    }

    #[test]
    fn a_nexhealth_duplicate_with_the_same_mrn_is_only_suggested() {
        let minh = candidate("p1", numbered_minh(), &[Vendor::Nexhealth]);
        assert!(matches!(
            decide(Vendor::Nexhealth, &numbered_minh(), &[minh]),
            LinkDecision::NewPatient { suggestions } if suggestions.len() == 1
        ));
    }

    #[test]
    fn rejected_pairs_are_not_suggested_again() {
        let a = demo("Lan", "Tran", (1950, 7, 3), "2025550199", None);
        let mut b = candidate(
            "p1",
            demo("Lan", "Tran", (1950, 3, 7), "2025550199", None),
            &[Vendor::Cxone],
        );
        b.rejected = true;
        assert_eq!(
            decide(Vendor::Nexhealth, &a, &[b]),
            LinkDecision::NewPatient {
                suggestions: vec![]
            }
        );
    }

    #[test]
    fn two_equally_good_people_are_left_for_a_person() {
        let a = demo("Minh", "Nguyen", (1964, 5, 3), "2025550101", None);
        let b = candidate(
            "p1",
            demo("Minh", "Nguyen", (1964, 5, 3), "2025550101", None),
            &[Vendor::Cxone],
        );
        let c = candidate(
            "p2",
            demo("Minh", "Nguyen", (1964, 5, 3), "2025550101", None),
            &[Vendor::Nextech],
        );
        assert!(
            matches!(decide(Vendor::Nexhealth, &a, &[b, c]), LinkDecision::NewPatient { suggestions } if suggestions.len() == 2)
        );
    }
}
