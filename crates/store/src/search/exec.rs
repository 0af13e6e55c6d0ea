//! Running a parsed query against the index: pick the driving word, stream its range in index
//! order, check the other words on each candidate, stop at the limit, rank the few found.

use super::query::{Alt, Match, Word, parse};
use super::terms::{
    KIND_DOB, KIND_EMAIL, KIND_FAMILY, KIND_GIVEN, KIND_MRN, KIND_PAIR, KIND_PHONE,
};
use super::{MAX_LIMIT, MAX_QUERY_CHARS};
use crate::error::StoreError;
use crate::patients::load_summary;
use chrono::NaiveDate;
use frontdesk_core::identity::edit_distance;
use frontdesk_core::patient::PatientSummary;
use rusqlite::{Connection, params};
use std::collections::HashSet;

/// More words than this is not a person typing.
const MAX_WORDS: usize = 8;
/// Counting a word's matches stops here: only "few or many" matters for choosing the driver.
const ESTIMATE_CAP: i64 = 256;
/// A word with fewer matches than this drives alone: checking a few dozen people is cheaper
/// than any pair.
const SELECTIVE_WORD: i64 = 32;
/// The most index rows one search reads, so a query of common fragments ("j s") stays bounded.
const SCAN_CAP: usize = 2_000;
/// Above this every term sorts: terms are text and no character is greater.
const HIGHEST: char = '\u{10FFFF}';

pub(crate) fn search(
    conn: &Connection,
    query: &str,
    limit: usize,
    today: NaiveDate,
) -> Result<Vec<PatientSummary>, StoreError> {
    if limit == 0 || limit > MAX_LIMIT {
        return Err(StoreError::invalid(
            "limit",
            format!("must be between 1 and {MAX_LIMIT}"),
        ));
    }
    if query.chars().count() > MAX_QUERY_CHARS {
        return Err(StoreError::invalid(
            "query",
            format!("is longer than {MAX_QUERY_CHARS} characters"),
        ));
    }
    let mut words = parse(query, today);
    if words.is_empty() {
        return Ok(Vec::new());
    }
    if words.len() > MAX_WORDS {
        return Err(StoreError::invalid(
            "query",
            format!("has more than {MAX_WORDS} words"),
        ));
    }
    let mut hits = run(conn, &words, limit)?;
    if hits.is_empty() && widen_for_typos(conn, &mut words)? {
        hits = run(conn, &words, limit)?;
    }
    hits.into_iter()
        .map(|pid| load_summary(conn, pid))
        .collect()
}

struct Hit {
    pid: i64,
    score: i32,
    order: usize,
}

/// One search's progress across the driving scans.
struct Scan {
    seen: HashSet<i64>,
    hits: Vec<Hit>,
    scanned: usize,
    want: usize,
}

fn run(conn: &Connection, words: &[Word], limit: usize) -> Result<Vec<i64>, StoreError> {
    // Twice the limit gives the ranking a little room without reading much more.
    let mut scan = Scan {
        seen: HashSet::new(),
        hits: Vec::new(),
        scanned: 0,
        want: limit * 2,
    };
    match choose_driver(conn, words)? {
        Driver::Nobody => {}
        Driver::Word(alts) => drive(conn, &alts, words, &mut scan)?,
        Driver::Pairs(pairs, fallback) => {
            // A pair row proves both of its words; with nothing else typed there is nothing
            // left to check, and the scan reads no per-person rows at all.
            let rest: &[Word] = if words.len() == 2 { &[] } else { words };
            drive(conn, &pairs, rest, &mut scan)?;
            // Pairs find people with one word typed in full; when every word is still a
            // prefix ("ngu mi"), the best single word drives instead.
            if scan.hits.is_empty() {
                drive(conn, &fallback, words, &mut scan)?;
            }
        }
    }
    let mut hits = scan.hits;
    hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.order.cmp(&b.order)));
    Ok(hits.into_iter().take(limit).map(|h| h.pid).collect())
}

/// Streams the driving ranges in index order, checking the other words on each new person,
/// until enough people are found or the scan budget is spent.
fn drive(
    conn: &Connection,
    driver: &[Alt],
    words: &[Word],
    scan: &mut Scan,
) -> Result<(), StoreError> {
    let mut doc_stmt = conn.prepare_cached("SELECT doc FROM search_docs WHERE pid = ?1")?;
    for alt in driver {
        let (lo, hi) = range(alt);
        let mut stmt = conn.prepare_cached(
            "SELECT pid, kind, term = ?1 FROM search_terms WHERE term >= ?1 AND term < ?2 ORDER BY term, pid",
        )?;
        let mut rows = stmt.query(params![lo, hi])?;
        while let Some(row) = rows.next()? {
            scan.scanned += 1;
            if scan.scanned > SCAN_CAP {
                return Ok(());
            }
            let pid: i64 = row.get(0)?;
            if !scan.seen.insert(pid) {
                continue;
            }
            let kind: u8 = row.get(1)?;
            let exact: bool = row.get(2)?;
            let mut score = kind_weight(kind) + if exact { 3 } else { 0 };
            if words.len() > 1 {
                let doc: String = doc_stmt.query_row([pid], |r| r.get(0))?;
                match verify(&doc, words) {
                    Some(extra) => score += extra,
                    None => continue,
                }
            }
            let order = scan.hits.len();
            scan.hits.push(Hit { pid, score, order });
            if scan.hits.len() >= scan.want {
                return Ok(());
            }
        }
    }
    Ok(())
}

enum Driver {
    /// Some word matches nobody, so the query does too.
    Nobody,
    Word(Vec<Alt>),
    /// Two adjacent name words as a pair (both orders), with the best single word as fallback.
    Pairs(Vec<Alt>, Vec<Alt>),
}

/// The ranges to scan. A word with few matches drives alone (a date of birth, a rare name).
/// Otherwise two adjacent name words drive as a pair ("maria garcia" in both orders): nearly
/// every row of a pair range is a hit, where a common word's rows would mostly fail the check.
fn choose_driver(conn: &Connection, words: &[Word]) -> Result<Driver, StoreError> {
    if let [only] = words {
        return Ok(Driver::Word(only.alts.clone()));
    }
    let mut best_word: Option<(i64, &Word)> = None;
    for word in words {
        let mut count = 0;
        for alt in &word.alts {
            count += estimate(conn, alt)?;
        }
        if count == 0 {
            return Ok(Driver::Nobody);
        }
        if best_word.is_none_or(|(c, _)| count < c) {
            best_word = Some((count, word));
        }
    }
    let Some((word_count, word)) = best_word else {
        return Ok(Driver::Nobody);
    };
    let mut best_pair: Option<(i64, Vec<Alt>)> = None;
    for adjacent in words.windows(2) {
        let (Some(a), Some(b)) = (&adjacent[0].name, &adjacent[1].name) else {
            continue;
        };
        let mut alts = Vec::new();
        let mut count = 0;
        for term in [format!("p{a} {b}"), format!("p{b} {a}")] {
            let alt = Alt {
                term,
                how: Match::Prefix,
            };
            let n = estimate(conn, &alt)?;
            if n > 0 {
                count += n;
                alts.push(alt);
            }
        }
        if count > 0 && best_pair.as_ref().is_none_or(|(c, _)| count < *c) {
            best_pair = Some((count, alts));
        }
    }
    match best_pair {
        Some((pair_count, pairs)) if word_count >= SELECTIVE_WORD || pair_count <= word_count => {
            Ok(Driver::Pairs(pairs, word.alts.clone()))
        }
        _ => Ok(Driver::Word(word.alts.clone())),
    }
}

fn estimate(conn: &Connection, alt: &Alt) -> Result<i64, StoreError> {
    let (lo, hi) = range(alt);
    let mut stmt = conn.prepare_cached(
        "SELECT count(*) FROM (SELECT 1 FROM search_terms WHERE term >= ?1 AND term < ?2 LIMIT ?3)",
    )?;
    Ok(stmt.query_row(params![lo, hi, ESTIMATE_CAP], |r| r.get(0))?)
}

fn range(alt: &Alt) -> (String, String) {
    match alt.how {
        // Terms hold no control characters, so nothing but the term itself sorts below `term\x01`.
        Match::Exact => (alt.term.clone(), format!("{}\u{1}", alt.term)),
        Match::Prefix | Match::Digits => (alt.term.clone(), format!("{}{HIGHEST}", alt.term)),
    }
}

fn kind_weight(kind: u8) -> i32 {
    match kind {
        KIND_MRN => 10,
        KIND_PAIR => 6,
        KIND_DOB => 5,
        KIND_FAMILY | KIND_PHONE | KIND_EMAIL => 4,
        KIND_GIVEN => 3,
        _ => 1,
    }
}

/// Whether a candidate's document matches every word; the extra score for exact matches.
fn verify(doc: &str, words: &[Word]) -> Option<i32> {
    let mut extra = 0;
    for word in words {
        let mut best = 0;
        for alt in &word.alts {
            for term in doc.split(' ') {
                let quality = match alt.how {
                    Match::Exact => i32::from(term == alt.term) * 2,
                    Match::Prefix if term == alt.term => 2,
                    Match::Prefix => i32::from(term.starts_with(alt.term.as_str())),
                    Match::Digits => {
                        i32::from(term.starts_with('t') && term[1..].contains(&alt.term[1..]))
                    }
                };
                best = best.max(quality);
            }
        }
        if best == 0 {
            return None;
        }
        extra += best + if word.is_date { 2 } else { 0 };
    }
    Some(extra)
}

/// Replaces name words that match nobody with the known name words within a small edit
/// distance ("Ngyuen" -> "nguyen"). True when any word was widened.
fn widen_for_typos(conn: &Connection, words: &mut [Word]) -> Result<bool, StoreError> {
    let mut widened = false;
    for word in words.iter_mut() {
        let Some(name) = word.name.clone() else {
            continue;
        };
        let length = name.chars().count();
        if length < 4 || estimate(conn, &word.alts[0])? > 0 {
            continue;
        }
        let allowed = if length >= 8 { 2 } else { 1 };
        let mut near: Vec<(usize, String)> = Vec::new();
        // Typos rarely hit the first letter; reading one letter's vocabulary keeps this short.
        let first: String = name.chars().take(1).collect();
        let mut stmt =
            conn.prepare_cached("SELECT term FROM name_vocab WHERE term >= ?1 AND term < ?2")?;
        let mut rows = stmt.query(params![first, format!("{first}{HIGHEST}")])?;
        while let Some(row) = rows.next()? {
            let candidate: String = row.get(0)?;
            let head: String = candidate.chars().take(length).collect();
            let distance = edit_distance(&name, &candidate).min(edit_distance(&name, &head));
            if distance <= allowed {
                near.push((distance, candidate));
            }
        }
        near.sort();
        near.truncate(8);
        if !near.is_empty() {
            word.alts = near
                .into_iter()
                .map(|(_, v)| Alt {
                    term: format!("n{v}"),
                    how: Match::Exact,
                })
                .collect();
            widened = true;
        }
    }
    Ok(widened)
}
