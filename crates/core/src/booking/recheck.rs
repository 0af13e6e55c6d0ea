//! Re-asking a slot's own source about it: just before booking (is it still open?) and after
//! losing a race (what are the provider's next times that day?).

use crate::ExternalId;
use crate::error::CoreError;
use crate::ports::{SlotQuery, SlotSource};
use crate::slot::Slot;
use crate::slots::split_desk_id;

/// How many alternatives a lost race offers.
pub const NEXT_SLOTS: usize = 5;

fn raw(id: Option<&String>) -> Vec<ExternalId> {
    id.and_then(|d| split_desk_id(d).map(|(_, r)| ExternalId::from(r)))
        .into_iter()
        .collect()
}

/// The slot's provider and location, a day either side of its UTC date (the vendor's days
/// may be local ones).
fn around(slot: &Slot) -> SlotQuery {
    let day = slot.start.date_naive();
    SlotQuery {
        from: day.pred_opt().unwrap_or(day),
        to: day.succ_opt().unwrap_or(day),
        provider_ids: raw(slot.provider_id.as_ref()),
        location_ids: raw(slot.location_id.as_ref()),
        appointment_type: slot.appointment_type.clone().map(ExternalId::from),
        patient: None,
    }
}

fn same_time(a: &Slot, b: &Slot) -> bool {
    a.start == b.start && a.provider_id == b.provider_id && a.location_id == b.location_id
}

/// Whether the source still offers this exact time.
pub async fn still_open(source: &dyn SlotSource, slot: &Slot) -> Result<bool, CoreError> {
    let offered = source.slots(&around(slot)).await?;
    Ok(offered.iter().any(|s| same_time(s, slot)))
}

/// The provider's next open times after `slot`, on the same UTC day or the next.
pub async fn next_slots(source: &dyn SlotSource, slot: &Slot) -> Result<Vec<Slot>, CoreError> {
    let mut offered: Vec<Slot> = source
        .slots(&around(slot))
        .await?
        .into_iter()
        .filter(|s| s.start > slot.start && s.provider_id == slot.provider_id)
        .collect();
    offered.sort_by_key(|s| s.start);
    offered.dedup_by(|a, b| a.start == b.start);
    offered.truncate(NEXT_SLOTS);
    Ok(offered)
}

/// The error for a lost race: the slot is gone, here are the next ones (none if the source
/// cannot say right now).
pub async fn taken(source: &dyn SlotSource, slot: &Slot) -> crate::booking::BookingError {
    let next = next_slots(source, slot).await.unwrap_or_default();
    crate::booking::BookingError::SlotTaken { next }
}
