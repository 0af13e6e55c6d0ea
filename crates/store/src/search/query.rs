//! A typed query turned into words with their possible meanings. Nothing the user types reaches
//! SQL as syntax: every word becomes bound parameters for B-tree range scans, so FTS operators,
//! quotes, `*`, `NEAR(` and SQL fragments are just characters that fold away or match nothing.

use chrono::NaiveDate;
use frontdesk_core::identity::{
    dob_candidates, fold, normalize_email, normalize_mrn, phone_digits,
};

/// How an alternative matches an index term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Match {
    Exact,
    Prefix,
    /// Phone digits: found through the suffix terms by prefix, checked as a substring.
    Digits,
}

/// One thing a word might mean, as an index term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Alt {
    pub term: String,
    pub how: Match,
}

/// One word of the query and everything it might mean; a patient matches the word when any
/// alternative matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    pub alts: Vec<Alt>,
    /// A plain name word, eligible for typo tolerance.
    pub name: Option<String>,
    /// A date of birth: ranks above name words.
    pub is_date: bool,
}

pub(crate) fn parse(query: &str, today: NaiveDate) -> Vec<Word> {
    let mut words = Vec::new();
    // A query of nothing but digits and phone punctuation is one phone number however it is
    // spaced: "+1 (202) 555 0101".
    let digits: String = query.chars().filter(char::is_ascii_digit).collect();
    let phone_like = query
        .chars()
        .all(|c| c.is_ascii_digit() || c.is_whitespace() || "()+-.".contains(c));
    if phone_like && digits.len() >= 7 && query.trim().contains(char::is_whitespace) {
        words.push(digit_word(&digits));
        return words;
    }
    for raw in query.split(|c: char| c.is_whitespace() || c == ',' || c == ';') {
        if raw.is_empty() {
            continue;
        }
        if raw.contains('@') {
            let email = normalize_email(raw);
            if email.len() > 1 {
                words.push(Word {
                    alts: vec![Alt {
                        term: format!("e{email}"),
                        how: Match::Prefix,
                    }],
                    name: None,
                    is_date: false,
                });
            }
            continue;
        }
        let dates = dob_candidates(raw, today);
        if !dates.is_empty() {
            words.push(Word {
                alts: dates
                    .iter()
                    .map(|d| Alt {
                        term: format!("b{}", d.format("%Y%m%d")),
                        how: Match::Exact,
                    })
                    .collect(),
                name: None,
                is_date: true,
            });
            continue;
        }
        // A phone typed with separators ("555-0101", "(202)") is one number, not two words.
        let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
        let only_phone_punctuation = raw
            .chars()
            .all(|c| c.is_ascii_digit() || "()+-./".contains(c));
        if only_phone_punctuation && !digits.is_empty() {
            words.push(digit_word(&digits));
            continue;
        }
        // Letters and digits together are a record number, punctuation and all: "MRN-0042".
        if raw.chars().any(char::is_alphabetic) && raw.chars().any(|c| c.is_ascii_digit()) {
            let mrn = normalize_mrn(raw);
            words.push(Word {
                alts: vec![Alt {
                    term: format!("m{mrn}"),
                    how: Match::Prefix,
                }],
                name: None,
                is_date: false,
            });
            continue;
        }
        for part in fold(raw).split(' ').filter(|p| !p.is_empty()) {
            if part.chars().all(|c| c.is_ascii_digit()) {
                words.push(digit_word(part));
            } else if part.chars().any(|c| c.is_ascii_digit()) {
                words.push(Word {
                    alts: vec![Alt {
                        term: format!("m{part}"),
                        how: Match::Prefix,
                    }],
                    name: None,
                    is_date: false,
                });
            } else {
                words.push(Word {
                    alts: vec![Alt {
                        term: format!("n{part}"),
                        how: Match::Prefix,
                    }],
                    name: Some(part.to_owned()),
                    is_date: false,
                });
            }
        }
    }
    words
}

fn digit_word(digits: &str) -> Word {
    // Phones are indexed by their national digits (`phone_digits`); a query is read the same
    // way, so the two can never drift apart.
    let national = phone_digits(digits);
    let mut alts = vec![Alt {
        term: format!("m{digits}"),
        how: Match::Exact,
    }];
    if national.len() >= 3 {
        alts.push(Alt {
            term: format!("t{national}"),
            how: Match::Digits,
        });
    }
    alts.push(Alt {
        term: format!("m{digits}"),
        how: Match::Prefix,
    });
    Word {
        alts,
        name: None,
        is_date: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
    }

    fn terms(q: &str) -> Vec<Vec<String>> {
        parse(q, today())
            .into_iter()
            .map(|w| w.alts.into_iter().map(|a| a.term).collect())
            .collect()
    }

    #[test]
    fn a_name_prefix_and_a_date_mix() {
        assert_eq!(
            terms("nguy 5/3/64"),
            vec![
                vec!["nnguy".to_owned()],
                vec!["b19640503".to_owned(), "b19640305".to_owned()]
            ]
        );
    }

    #[test]
    fn phones_in_any_format_are_one_number() {
        for q in [
            "(202) 555-0101",
            "+1 202 555 0101",
            "202.555.0101",
            "12025550101",
            "2025550101",
        ] {
            let t = terms(q);
            assert_eq!(t.len(), 1, "{q}");
            assert_eq!(t[0][1], "t2025550101", "{q}");
        }
        assert_eq!(terms("555-0101")[0][1], "t5550101");
    }

    #[test]
    fn hostile_text_is_only_characters() {
        assert_eq!(
            terms("\"smith\" OR 1=1; DROP TABLE patients; --"),
            terms("smith or 1 1 drop table patients")
        );
        assert_eq!(terms("NEAR(smith jones)"), terms("near smith jones"));
        assert!(terms("* ' \" ( ) ^ : -").is_empty());
        assert_eq!(terms("o'brien"), vec![vec!["nobrien".to_owned()]]);
    }
}
