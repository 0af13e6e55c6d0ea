//! Which zone a slot's day is counted in: its location's, else the practice's.

use crate::slot::Slot;
use chrono_tz::Tz;
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub struct Zones {
    practice: Tz,
    by_location: HashMap<String, Tz>,
}

impl Zones {
    #[must_use]
    pub fn new(practice: Tz) -> Self {
        Self {
            practice,
            by_location: HashMap::new(),
        }
    }

    /// `location` is the desk id a slot carries (`nexhealth:1`).
    #[must_use]
    pub fn with_location(mut self, location: impl Into<String>, zone: Tz) -> Self {
        self.by_location.insert(location.into(), zone);
        self
    }

    pub fn insert(&mut self, location: impl Into<String>, zone: Tz) {
        self.by_location.insert(location.into(), zone);
    }

    #[must_use]
    pub fn of(&self, slot: &Slot) -> Tz {
        slot.location_id
            .as_ref()
            .and_then(|l| self.by_location.get(l))
            .copied()
            .unwrap_or(self.practice)
    }
}
