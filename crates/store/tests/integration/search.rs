//! Patient search as a receptionist types it: names in any order and by prefix, accents,
//! hyphens, apostrophes, typos, MRNs, phones in any format, e-mail, dates of birth in common
//! formats and mixed with a name; one row per person with its vendor links; hostile input is
//! just text.

use crate::common::{Fixture, record, with_email, with_mrn};
use frontdesk_core::ids::Vendor;
use frontdesk_store::StoreError;

fn seeded() -> Fixture {
    let f = Fixture::new();
    f.store
        .upsert_vendor_patients(&[
            with_mrn(
                record(
                    Vendor::Nextech,
                    "501",
                    "Minh",
                    "Nguyen",
                    (1964, 5, 3),
                    "(202) 555-0101",
                ),
                "MRN-0042",
            ),
            with_mrn(
                record(
                    Vendor::Cxone,
                    "pt-12345",
                    "Minh",
                    "Nguyen",
                    (1964, 5, 3),
                    "+1 202 555 0101",
                ),
                "mrn0042",
            ),
            record(
                Vendor::Nexhealth,
                "9001",
                "Minh",
                "Nguyen",
                (1964, 5, 3),
                "202.555.0101",
            ),
            record(
                Vendor::Nexhealth,
                "9002",
                "Thi",
                "Nguyen",
                (1964, 3, 5),
                "2025550199",
            ),
            record(
                Vendor::Nexhealth,
                "9003",
                "José",
                "Núñez",
                (1980, 5, 15),
                "3125550100",
            ),
            record(
                Vendor::Nexhealth,
                "9004",
                "María",
                "Garcia-Lopez",
                (1975, 9, 12),
                "3125550111",
            ),
            record(
                Vendor::Nexhealth,
                "9005",
                "Sean",
                "O'Brien",
                (1990, 12, 1),
                "6175550123",
            ),
            record(
                Vendor::Nexhealth,
                "9006",
                "Mary-Kate",
                "Johnson",
                (1991, 2, 2),
                "6175550999",
            ),
            with_email(
                record(
                    Vendor::Zoom,
                    "pat_77",
                    "Rosa",
                    "Martinez",
                    (1988, 7, 4),
                    "4155550142",
                ),
                "Rosa.M@Example.org",
            ),
        ])
        .unwrap();
    f
}

fn names(f: &Fixture, q: &str) -> Vec<String> {
    f.store
        .search("test", q, 20)
        .unwrap()
        .into_iter()
        .map(|p| format!("{} {}", p.given_name, p.family_name))
        .collect()
}

#[test]
fn should_link_the_same_person_across_vendors_and_show_one_row_with_badges() {
    let f = seeded();
    let hits = f.store.search("test", "nguyen minh", 20).unwrap();
    assert_eq!(hits.len(), 1, "{hits:?}");
    let vendors: Vec<_> = hits[0].links.iter().map(|l| l.vendor).collect();
    assert!(
        vendors.contains(&Vendor::Nextech)
            && vendors.contains(&Vendor::Cxone)
            && vendors.contains(&Vendor::Nexhealth)
    );
}

#[test]
fn should_find_names_in_any_order_and_by_prefix() {
    let f = seeded();
    for q in [
        "minh nguyen",
        "nguyen minh",
        "Nguyen, Minh",
        "ngu mi",
        "mi ngu",
        "NGUY",
    ] {
        assert!(names(&f, q).contains(&"Minh Nguyen".to_owned()), "{q}");
    }
    assert_eq!(names(&f, "n")[..2].len(), 2);
}

#[test]
fn should_tolerate_accents_hyphens_apostrophes_and_typos() {
    let f = seeded();
    for q in ["jose nunez", "José Núñez", "nunez"] {
        assert_eq!(names(&f, q), vec!["José Núñez"], "{q}");
    }
    for q in [
        "garcia-lopez",
        "garcia lopez",
        "garcialopez",
        "lopez maria",
        "López",
    ] {
        assert_eq!(names(&f, q), vec!["María Garcia-Lopez"], "{q}");
    }
    for q in [
        "Mary-Kate Johnson",
        "mary kate johnson",
        "kate johnson mary",
        "marykate johnson",
        "johnson mary-kate",
        "kate john",
    ] {
        assert_eq!(names(&f, q), vec!["Mary-Kate Johnson"], "{q}");
    }
    for q in ["o'brien", "obrien", "O’Brien sean"] {
        assert_eq!(names(&f, q), vec!["Sean O'Brien"], "{q}");
    }
    for q in ["ngyuen", "Nguyne minh", "martinze", "obrein"] {
        assert!(!names(&f, q).is_empty(), "{q}");
    }
}

#[test]
fn should_find_mrns_phones_and_emails() {
    let f = seeded();
    assert_eq!(names(&f, "MRN-0042"), vec!["Minh Nguyen"]);
    assert_eq!(names(&f, "mrn0042"), vec!["Minh Nguyen"]);
    for q in [
        "(202) 555-0101",
        "2025550101",
        "+1 202 555 0101",
        "555-0101",
        "0101",
        "5550101",
    ] {
        assert_eq!(names(&f, q), vec!["Minh Nguyen"], "{q}");
    }
    assert_eq!(names(&f, "rosa.m@example.org"), vec!["Rosa Martinez"]);
    assert_eq!(names(&f, "rosa.m@"), vec!["Rosa Martinez"]);
}

#[test]
fn should_find_dates_of_birth_in_common_formats_and_mixed_with_a_name() {
    let f = seeded();
    for q in ["1980-05-15", "05/15/1980", "15.05.1980", "5/15/80"] {
        assert_eq!(names(&f, q), vec!["José Núñez"], "{q}");
    }
    // The phone call at 08:05: two Nguyens, the one born May 3rd first.
    let hits = names(&f, "nguy 5/3/64");
    assert_eq!(hits, vec!["Minh Nguyen", "Thi Nguyen"]);
}

#[test]
fn should_search_hostile_input_as_text() {
    let f = seeded();
    let corpus = [
        "\"",
        "\"\"",
        "'",
        "*",
        "**",
        "nguy*",
        "NEAR(",
        "NEAR(nguyen minh, 2)",
        "nguyen AND minh",
        "nguyen OR 1=1",
        "minh NOT nguyen",
        "-nguyen",
        "^nguyen",
        "nguyen:",
        "col:val",
        "'; DROP TABLE patients; --",
        "1' OR '1'='1",
        "%",
        "_",
        "\\",
        "\0",
        "(",
        ")",
        "{}",
        "[x]",
        "🙂",
        "\u{202e}evil",
        "null",
        "SELECT * FROM patients",
    ];
    for q in corpus {
        f.store
            .search("test", q, 20)
            .unwrap_or_else(|e| panic!("{q:?}: {e}"));
    }
    assert_eq!(
        names(&f, "nguyen AND minh").len(),
        0,
        "AND is a word, not an operator"
    );
    assert!(names(&f, "\"nguyen\"").contains(&"Minh Nguyen".to_owned()));
    let long = "a".repeat(10 * 1024);
    assert!(matches!(
        f.store.search("test", &long, 20),
        Err(StoreError::Invalid { field: "query", .. })
    ));
    let many = "a b c d e f g h i j";
    assert!(matches!(
        f.store.search("test", many, 20),
        Err(StoreError::Invalid { .. })
    ));
    assert!(matches!(
        f.store.search("test", "x", 0),
        Err(StoreError::Invalid { field: "limit", .. })
    ));
    assert!(f.store.search("test", "   ", 20).unwrap().is_empty());
    // The tables are all still there.
    assert_eq!(names(&f, "minh nguyen").len(), 1);
}
