//! Unified slot search: one question (days, visit kind, providers, locations, modes) asked of
//! every configured slot source at once, each under its own deadline, so the desk shows what
//! the answering vendors offer beside a plain word about the one that was slow or failing,
//! and the whole takes as long as the slowest vendor, never the sum.

mod merge;
mod outcome;
mod query;
mod search;
mod zones;

#[cfg(test)]
mod tests;

pub use merge::{DaySlot, SlotDay, group_by_day, merge};
pub use outcome::{OutcomeState, VendorOutcome};
pub use query::{UnifiedSlotQuery, mode_of, split_desk_id};
pub use search::{DEFAULT_DEADLINE, SlotSearch, SlotSearchResult};
pub use zones::Zones;
