//! Exactly-once across outages, lost answers and restarts, against an in-memory queue with the
//! store's rules (state changes only from queued) and a contact center that remembers what
//! reached it.

use super::*;
use crate::contact::{Callback, OutboxState, Reminder};
use crate::error::CoreError;
use crate::ids::{ExternalId, PatientId, Vendor};
use async_trait::async_trait;
use chrono::{DateTime, TimeZone, Utc};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

#[derive(Default)]
struct Queue {
    items: Mutex<BTreeMap<String, (OutboxItem, u32)>>,
    fail_next_mark_sent: Mutex<bool>,
}

fn set_state(item: &mut OutboxItem, state: OutboxState) {
    match item {
        OutboxItem::Callback(c) => c.state = state,
        OutboxItem::Reminder(r) => r.state = state,
    }
}

#[async_trait]
impl OutboxStore for Queue {
    async fn enqueue(&self, item: &OutboxItem) -> Result<(), CoreError> {
        let mut items = self.items.lock().unwrap();
        if items.contains_key(item.id()) {
            return Err(CoreError::Conflict {
                message: "already queued".into(),
            });
        }
        items.insert(item.id().into(), (item.clone(), 0));
        Ok(())
    }
    async fn due(&self, now: DateTime<Utc>) -> Result<Vec<OutboxItem>, CoreError> {
        Ok(self
            .items
            .lock()
            .unwrap()
            .values()
            .filter(|(i, _)| *i.state() == OutboxState::Queued && i.at() <= now)
            .map(|(i, _)| i.clone())
            .collect())
    }
    async fn all(&self) -> Result<Vec<OutboxItem>, CoreError> {
        Ok(self
            .items
            .lock()
            .unwrap()
            .values()
            .map(|(i, _)| i.clone())
            .collect())
    }
    async fn begin_attempt(&self, id: &str) -> Result<u32, CoreError> {
        let mut items = self.items.lock().unwrap();
        let entry = items.get_mut(id).unwrap();
        entry.1 += 1;
        Ok(entry.1)
    }
    async fn mark_sent(&self, id: &str, external_id: &ExternalId) -> Result<(), CoreError> {
        if std::mem::take(&mut *self.fail_next_mark_sent.lock().unwrap()) {
            return Err(CoreError::Storage {
                message: "power cut".into(),
                way_out: String::new(),
            });
        }
        self.transition(
            id,
            OutboxState::Sent {
                external_id: external_id.clone(),
            },
        )
    }
    async fn mark_failed(&self, id: &str, reason: &str) -> Result<(), CoreError> {
        self.transition(
            id,
            OutboxState::Failed {
                reason: reason.into(),
            },
        )
    }
}

impl Queue {
    fn transition(&self, id: &str, state: OutboxState) -> Result<(), CoreError> {
        let mut items = self.items.lock().unwrap();
        let (item, _) = items.get_mut(id).unwrap();
        if *item.state() != OutboxState::Queued {
            return Err(CoreError::Conflict {
                message: "not queued".into(),
            });
        }
        set_state(item, state);
        Ok(())
    }
    fn state(&self, id: &str) -> OutboxState {
        self.items.lock().unwrap()[id].0.state().clone()
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Down,
    Up,
    /// The request lands but the answer is lost (a timeout after the vendor acted).
    LosesAnswer,
    Refuses,
    /// Answers, but with a server error every time.
    Failing,
}

/// The contact center: what reached it, by idempotency key, in arrival order.
struct ContactCenter {
    mode: Mutex<Mode>,
    can_check: bool,
    received: Mutex<Vec<String>>,
}

impl ContactCenter {
    fn new(mode: Mode, can_check: bool) -> Arc<Self> {
        Arc::new(Self {
            mode: Mutex::new(mode),
            can_check,
            received: Mutex::new(vec![]),
        })
    }
    fn set(&self, mode: Mode) {
        *self.mode.lock().unwrap() = mode;
    }
    /// Distinct items the vendor will act on (a vendor honouring keys keeps one per key).
    fn copies(&self) -> HashMap<String, usize> {
        let mut out = HashMap::new();
        for k in self.received.lock().unwrap().iter() {
            *out.entry(k.clone()).or_default() += 1;
        }
        out
    }
}

#[async_trait]
impl OutboxTransport for ContactCenter {
    fn vendor(&self) -> Vendor {
        Vendor::Cxone
    }
    async fn send(&self, _: &OutboxItem, key: &IdempotencyKey) -> Result<ExternalId, CoreError> {
        match *self.mode.lock().unwrap() {
            Mode::Down => Err(CoreError::Offline {
                vendor: Some(Vendor::Cxone),
            }),
            Mode::Refuses => Err(CoreError::invalid("phoneNumber", "not a phone number")),
            Mode::Failing => Err(CoreError::Unavailable {
                vendor: Vendor::Cxone,
                detail: "500".into(),
                trace_id: None,
            }),
            Mode::Up => {
                self.received.lock().unwrap().push(key.0.clone());
                Ok(ExternalId(format!("cb-{key}")))
            }
            Mode::LosesAnswer => {
                self.received.lock().unwrap().push(key.0.clone());
                Err(CoreError::Conflict {
                    message: "outcome unknown".into(),
                })
            }
        }
    }
    async fn find(&self, _: &OutboxItem, key: &IdempotencyKey) -> Result<Lookup, CoreError> {
        if !self.can_check {
            return Ok(Lookup::CannotCheck);
        }
        if *self.mode.lock().unwrap() == Mode::Down {
            return Err(CoreError::Offline {
                vendor: Some(Vendor::Cxone),
            });
        }
        Ok(if self.received.lock().unwrap().contains(&key.0) {
            Lookup::Found(ExternalId(format!("cb-{key}")))
        } else {
            Lookup::NotFound
        })
    }
}

fn callback(id: &str) -> OutboxItem {
    OutboxItem::Callback(Callback {
        id: id.into(),
        patient_id: PatientId("p-1".into()),
        at: Utc.with_ymd_and_hms(2026, 11, 21, 15, 0, 0).unwrap(),
        reason: "billing".into(),
        state: OutboxState::Queued,
    })
}

fn reminder(id: &str) -> OutboxItem {
    OutboxItem::Reminder(Reminder {
        id: id.into(),
        appointment_id: "nexhealth:77".into(),
        channel: "sms".into(),
        at: Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).unwrap(),
        state: OutboxState::Queued,
    })
}

fn outbox(queue: &Arc<Queue>, vendor: &Arc<ContactCenter>) -> Outbox {
    Outbox::new(queue.clone(), Some(vendor.clone()))
}

#[tokio::test]
async fn items_made_during_an_outage_are_sent_once_when_the_vendor_is_back() {
    let queue = Arc::new(Queue::default());
    let vendor = ContactCenter::new(Mode::Down, true);
    let ob = outbox(&queue, &vendor);
    assert_eq!(
        ob.submit(callback("cb-1")).await.unwrap(),
        OutboxState::Queued
    );
    assert_eq!(
        ob.submit(reminder("rm-1")).await.unwrap(),
        OutboxState::Queued
    );
    let report = ob.drain().await.unwrap();
    assert_eq!((report.sent, report.waiting), (0, 2));

    vendor.set(Mode::Up);
    let report = ob.drain().await.unwrap();
    assert_eq!((report.sent, report.recovered, report.waiting), (2, 0, 0));
    assert!(matches!(queue.state("cb-1"), OutboxState::Sent { .. }));
    assert_eq!(
        ob.drain().await.unwrap(),
        DrainReport::default(),
        "nothing left"
    );
    let copies = vendor.copies();
    assert_eq!((copies["cb-1"], copies["rm-1"]), (1, 1));
}

#[tokio::test]
async fn a_lost_answer_is_checked_with_the_vendor_after_a_restart_not_resent() {
    let queue = Arc::new(Queue::default());
    let vendor = ContactCenter::new(Mode::LosesAnswer, true);
    let before = outbox(&queue, &vendor);
    before.submit(callback("cb-1")).await.unwrap();
    assert_eq!(
        queue.state("cb-1"),
        OutboxState::Queued,
        "outcome unknown stays queued"
    );
    drop(before);

    // The app restarts over the same cache; the vendor answers normally again.
    vendor.set(Mode::Up);
    let after = outbox(&queue, &vendor);
    let report = after.drain().await.unwrap();
    assert_eq!((report.sent, report.recovered), (0, 1));
    assert_eq!(
        queue.state("cb-1"),
        OutboxState::Sent {
            external_id: ExternalId("cb-cb-1".into())
        }
    );
    assert_eq!(vendor.copies()["cb-1"], 1);
}

#[tokio::test]
async fn a_crash_between_sending_and_recording_does_not_send_twice() {
    let queue = Arc::new(Queue::default());
    let vendor = ContactCenter::new(Mode::Up, true);
    *queue.fail_next_mark_sent.lock().unwrap() = true;
    assert!(
        outbox(&queue, &vendor)
            .submit(callback("cb-1"))
            .await
            .is_err()
    );
    assert_eq!(queue.state("cb-1"), OutboxState::Queued);
    let report = outbox(&queue, &vendor).drain().await.unwrap();
    assert_eq!(report.recovered, 1);
    assert_eq!(vendor.copies()["cb-1"], 1);
}

#[tokio::test]
async fn where_the_vendor_cannot_be_asked_the_same_key_is_sent_again() {
    let queue = Arc::new(Queue::default());
    let vendor = ContactCenter::new(Mode::LosesAnswer, false);
    outbox(&queue, &vendor)
        .submit(callback("cb-1"))
        .await
        .unwrap();
    vendor.set(Mode::Up);
    let report = outbox(&queue, &vendor).drain().await.unwrap();
    assert_eq!(report.sent, 1);
    // Two requests reached the vendor, both under the item's one key.
    assert_eq!(
        *vendor.received.lock().unwrap(),
        vec!["cb-1".to_owned(), "cb-1".to_owned()]
    );
}

#[tokio::test]
async fn a_refused_item_fails_with_its_reason_and_the_rest_still_go() {
    let queue = Arc::new(Queue::default());
    let vendor = ContactCenter::new(Mode::Refuses, true);
    let ob = outbox(&queue, &vendor);
    ob.submit(callback("cb-1")).await.unwrap();
    match queue.state("cb-1") {
        OutboxState::Failed { reason } => assert!(reason.contains("phoneNumber"), "{reason}"),
        other => panic!("{other:?}"),
    }
    vendor.set(Mode::Up);
    assert!(matches!(
        ob.submit(callback("cb-2")).await.unwrap(),
        OutboxState::Sent { .. }
    ));
    assert!(
        ob.submit(callback("cb-2")).await.is_err(),
        "the same item twice is refused"
    );
    assert_eq!(vendor.copies().get("cb-1"), None);
}

#[tokio::test]
async fn an_item_that_never_lands_is_given_up_after_the_limit_but_an_outage_is_waited_out() {
    let queue = Arc::new(Queue::default());
    let vendor = ContactCenter::new(Mode::Down, false);
    let ob = outbox(&queue, &vendor).with_max_attempts(3);
    ob.submit(callback("cb-1")).await.unwrap();
    for _ in 0..5 {
        ob.drain().await.unwrap();
    }
    assert_eq!(
        queue.state("cb-1"),
        OutboxState::Queued,
        "a long outage is not the item's fault"
    );
    vendor.set(Mode::Failing);
    let report = ob.drain().await.unwrap();
    assert_eq!(report.failed, 1);
    match queue.state("cb-1") {
        OutboxState::Failed { reason } => {
            assert!(reason.starts_with("gave up after 7 attempts"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn without_a_contact_center_items_wait() {
    let queue = Arc::new(Queue::default());
    let ob = Outbox::new(queue.clone(), None);
    assert_eq!(
        ob.submit(callback("cb-1")).await.unwrap(),
        OutboxState::Queued
    );
    assert_eq!(ob.items().await.unwrap().len(), 1);
}
