//! The desk's slot question and how it is put to each vendor. Filters carry desk ids
//! (`nexhealth:123`), because a provider list picked on screen mixes vendors; each source is
//! asked only with its own ids, and a source none of the picked providers belong to is not
//! asked at all.

use crate::appointment::VisitMode;
use crate::ids::{ExternalId, Vendor};
use crate::ports::SlotQuery;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct UnifiedSlotQuery {
    /// First local day searched, inclusive.
    pub from: NaiveDate,
    /// Last local day searched, inclusive.
    pub to: NaiveDate,
    /// The vendor's appointment type, as a desk id (`nexhealth:7`).
    pub appointment_type: Option<String>,
    /// Desk ids (`zoom:prov_1`); empty means every provider.
    pub provider_ids: Vec<String>,
    /// Desk ids (`nexhealth:1`); empty means every location.
    pub location_ids: Vec<String>,
    /// Empty means every mode.
    pub modes: Vec<VisitMode>,
    /// The patient, for referral searches (the network's id for them).
    pub patient: Option<ExternalId>,
}

/// The visit kind each vendor's slots are.
#[must_use]
pub fn mode_of(vendor: Vendor) -> Option<VisitMode> {
    match vendor {
        Vendor::Nexhealth => Some(VisitMode::InPerson),
        Vendor::Zoom => Some(VisitMode::Telehealth),
        Vendor::Wellhive => Some(VisitMode::Referral),
        Vendor::Cxone | Vendor::Nextech => None,
    }
}

/// `nexhealth:123` -> (`NexHealth`, `123`). Ids without a known vendor prefix are `None`.
#[must_use]
pub fn split_desk_id(id: &str) -> Option<(Vendor, &str)> {
    let (vendor, rest) = id.split_once(':')?;
    Some((Vendor::from_key(vendor)?, rest))
}

/// The ids of `list` that belong to `vendor`, or `None` when the list names ids but none of
/// them are this vendor's (the vendor has nothing the person asked for).
fn own_ids(list: &[String], vendor: Vendor) -> Option<Vec<ExternalId>> {
    if list.is_empty() {
        return Some(Vec::new());
    }
    let own: Vec<ExternalId> = list
        .iter()
        .filter_map(|id| split_desk_id(id))
        .filter(|(v, _)| *v == vendor)
        .map(|(_, raw)| ExternalId::from(raw))
        .collect();
    (!own.is_empty()).then_some(own)
}

impl UnifiedSlotQuery {
    #[must_use]
    pub fn wants(&self, mode: VisitMode) -> bool {
        self.modes.is_empty() || self.modes.contains(&mode)
    }

    /// The question as `vendor` should hear it, or `None` when it is not to be asked.
    #[must_use]
    pub fn for_vendor(&self, vendor: Vendor) -> Option<SlotQuery> {
        let mode = mode_of(vendor)?;
        if !self.wants(mode) {
            return None;
        }
        let appointment_type = match self.appointment_type.as_deref().map(split_desk_id) {
            None => None,
            Some(Some((v, raw))) if v == vendor => Some(ExternalId::from(raw)),
            // A visit kind of another vendor: this vendor cannot offer it.
            Some(_) => return None,
        };
        Some(SlotQuery {
            from: self.from,
            to: self.to,
            provider_ids: own_ids(&self.provider_ids, vendor)?,
            location_ids: own_ids(&self.location_ids, vendor)?,
            appointment_type,
            patient: self.patient.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q() -> UnifiedSlotQuery {
        UnifiedSlotQuery {
            from: NaiveDate::from_ymd_opt(2026, 3, 9).unwrap(),
            to: NaiveDate::from_ymd_opt(2026, 3, 9).unwrap(),
            appointment_type: None,
            provider_ids: vec!["nexhealth:12".into(), "zoom:prov_1".into()],
            location_ids: Vec::new(),
            modes: Vec::new(),
            patient: None,
        }
    }

    #[test]
    fn each_vendor_hears_only_its_own_ids() {
        let nh = q().for_vendor(Vendor::Nexhealth).unwrap();
        assert_eq!(nh.provider_ids, vec![ExternalId::from("12")]);
        let zoom = q().for_vendor(Vendor::Zoom).unwrap();
        assert_eq!(zoom.provider_ids, vec![ExternalId::from("prov_1")]);
        assert!(q().for_vendor(Vendor::Wellhive).is_none());
    }

    #[test]
    fn modes_and_visit_kinds_narrow_the_vendors_asked() {
        let mut only_video = q();
        only_video.modes = vec![VisitMode::Telehealth];
        assert!(only_video.for_vendor(Vendor::Nexhealth).is_none());
        let mut typed = q();
        typed.appointment_type = Some("nexhealth:7".into());
        assert!(typed.for_vendor(Vendor::Zoom).is_none());
        assert_eq!(
            typed
                .for_vendor(Vendor::Nexhealth)
                .unwrap()
                .appointment_type,
            Some(ExternalId::from("7"))
        );
    }
}
