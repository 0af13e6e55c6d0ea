//! The vendors' four ways of paging, exactly as documented: CXone offset/limit (max 100),
//! NexHealth's current cursors (`start_cursor`/`end_cursor`, `page_info`), NexHealth's older
//! page/per_page, WellHive's opaque `nextToken` that stands for the whole query.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};

/// Half a page, when the "truncated pages" fault is on: the metadata still counts it all.
pub fn truncate<T>(mut items: Vec<T>, on: bool) -> Vec<T> {
    if on && items.len() > 1 {
        items.truncate(items.len() / 2);
    }
    items
}

pub fn offset_window<T: Clone>(items: &[T], offset: usize, limit: usize) -> Vec<T> {
    items.iter().skip(offset).take(limit).cloned().collect()
}

pub fn encode_cursor(id: u64) -> String {
    URL_SAFE_NO_PAD.encode(format!("id:{id}"))
}

pub fn decode_cursor(c: &str) -> Option<u64> {
    let bytes = URL_SAFE_NO_PAD.decode(c.trim_end_matches('=')).ok()?;
    String::from_utf8(bytes)
        .ok()?
        .strip_prefix("id:")?
        .parse()
        .ok()
}

/// NexHealth cursor paging over items sorted by id. `end_cursor` asks for the page after it,
/// `start_cursor` for the page before it.
pub fn cursor_page<T: Clone>(
    items: &[(u64, T)],
    start_cursor: Option<u64>,
    end_cursor: Option<u64>,
    per_page: usize,
) -> (Vec<T>, Value) {
    let (page, has_prev, has_next): (Vec<&(u64, T)>, bool, bool) = if let Some(after) = end_cursor {
        let rest: Vec<_> = items.iter().filter(|(id, _)| *id > after).collect();
        let page: Vec<_> = rest.iter().take(per_page).copied().collect();
        (
            page,
            items.iter().any(|(id, _)| *id <= after),
            rest.len() > per_page,
        )
    } else if let Some(before) = start_cursor {
        let prior: Vec<_> = items.iter().filter(|(id, _)| *id < before).collect();
        let skip = prior.len().saturating_sub(per_page);
        let page: Vec<_> = prior.iter().skip(skip).copied().collect();
        (page, skip > 0, true)
    } else {
        let page: Vec<_> = items.iter().take(per_page).collect();
        (page, false, items.len() > per_page)
    };
    let info = json!({
        "has_previous_page": has_prev,
        "has_next_page": has_next,
        "start_cursor": page.first().map(|(id, _)| encode_cursor(*id)),
        "end_cursor": page.last().map(|(id, _)| encode_cursor(*id)),
    });
    (page.into_iter().map(|(_, t)| t.clone()).collect(), info)
}

/// WellHive's `nextToken`: the original query and where the next page starts, opaque to the
/// client.
pub fn next_token(query: &[(String, String)], offset: usize) -> String {
    let q: Vec<Value> = query
        .iter()
        .filter(|(k, _)| k != "nextToken")
        .map(|(k, v)| json!([k, v]))
        .collect();
    URL_SAFE_NO_PAD.encode(json!({"q": q, "o": offset}).to_string())
}

pub fn parse_next_token(token: &str) -> Option<(Vec<(String, String)>, usize)> {
    let bytes = URL_SAFE_NO_PAD.decode(token).ok()?;
    let v: Value = serde_json::from_slice(&bytes).ok()?;
    let offset = usize::try_from(v.get("o")?.as_u64()?).ok()?;
    let q = v
        .get("q")?
        .as_array()?
        .iter()
        .filter_map(|p| {
            Some((
                p.get(0)?.as_str()?.to_string(),
                p.get(1)?.as_str()?.to_string(),
            ))
        })
        .collect();
    Some((q, offset))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn should_walk_cursor_pages_forward_and_back() {
        let items: Vec<(u64, u64)> = (1..=12).map(|i| (i, i)).collect();
        let (p1, info1) = cursor_page(&items, None, None, 5);
        assert_eq!(p1, vec![1, 2, 3, 4, 5]);
        assert_eq!(info1["has_next_page"], true);
        let end = decode_cursor(info1["end_cursor"].as_str().unwrap());
        let (p2, info2) = cursor_page(&items, None, end, 5);
        assert_eq!(p2, vec![6, 7, 8, 9, 10]);
        assert_eq!(info2["has_previous_page"], true);
        let start = decode_cursor(info2["start_cursor"].as_str().unwrap());
        let (back, _) = cursor_page(&items, start, None, 5);
        assert_eq!(back, vec![1, 2, 3, 4, 5]);
        let (p3, info3) = cursor_page(&items, None, Some(10), 5);
        assert_eq!(p3, vec![11, 12]);
        assert_eq!(info3["has_next_page"], false);
    }

    #[test]
    fn should_round_trip_next_token() {
        let q = vec![("patientId".to_string(), "A1".to_string())];
        let t = next_token(&q, 40);
        assert_eq!(parse_next_token(&t), Some((q, 40)));
    }
}
