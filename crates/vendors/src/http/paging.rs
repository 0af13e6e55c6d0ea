//! Walking a listing to its end, whatever the vendor's cursor is (offset, page number, opaque
//! token). Guards against vendors that repeat a cursor or never stop.

use frontdesk_core::ports::Page;
use std::future::Future;

/// Upper bound on pages in one walk; a listing longer than this is a vendor bug, not data.
pub const MAX_PAGES: usize = 10_000;

/// Calls `fetch(cursor)` from `None` until a page has no `next`, collecting every item.
pub async fn collect_all<T, E, F, Fut>(mut fetch: F) -> Result<Vec<T>, E>
where
    F: FnMut(Option<String>) -> Fut,
    Fut: Future<Output = Result<Page<T>, E>>,
{
    let mut items = Vec::new();
    let mut cursor: Option<String> = None;
    let mut seen = std::collections::HashSet::new();
    for _ in 0..MAX_PAGES {
        let page = fetch(cursor.take()).await?;
        items.extend(page.items);
        match page.next {
            Some(next) if seen.insert(next.clone()) => cursor = Some(next),
            _ => break,
        }
    }
    Ok(items)
}

/// The next offset for offset/limit listings (CXone), `None` past the total or on a short page.
#[must_use]
pub fn next_offset(offset: u64, returned: usize, limit: u64, total: Option<u64>) -> Option<String> {
    let returned = returned as u64;
    let next = offset + returned;
    let more = match total {
        Some(total) => next < total && returned > 0,
        None => returned >= limit && returned > 0,
    };
    more.then(|| next.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn walks_until_no_next_and_stops_on_a_repeated_cursor() {
        let all = collect_all(|c: Option<String>| async move {
            let n: u32 = c.as_deref().map_or(0, |s| s.parse().unwrap());
            Ok::<_, ()>(Page {
                items: vec![n],
                next: (n < 3).then(|| (n + 1).to_string()),
            })
        })
        .await
        .unwrap();
        assert_eq!(all, vec![0, 1, 2, 3]);
        let looped = collect_all(|_c| async move {
            Ok::<_, ()>(Page {
                items: vec![1],
                next: Some("same".to_owned()),
            })
        })
        .await
        .unwrap();
        assert_eq!(looped.len(), 2);
    }

    #[test]
    fn offsets() {
        assert_eq!(next_offset(0, 20, 20, Some(45)), Some("20".into()));
        assert_eq!(next_offset(40, 5, 20, Some(45)), None);
        assert_eq!(next_offset(0, 20, 20, None), Some("20".into()));
        assert_eq!(
            next_offset(20, 0, 20, Some(45)),
            None,
            "an empty page ends the walk"
        );
    }
}
