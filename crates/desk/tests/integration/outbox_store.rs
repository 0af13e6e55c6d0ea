//! Core's outbox over the real encrypted cache: a callback made during an outage is sent once
//! when the vendor is back, across a restart of the app in between; and against the sandbox,
//! the callback reaches CXone carrying its idempotency key.

use async_trait::async_trait;
use chrono::{Duration, Utc};
use frontdesk_core::config::Config;
use frontdesk_core::contact::{Callback, OutboxState};
use frontdesk_core::outbox::{IdempotencyKey, Lookup, Outbox, OutboxItem, OutboxTransport};
use frontdesk_core::ports::{PatientDirectory, SecretStore};
use frontdesk_core::sync::Progress;
use frontdesk_core::{CoreError, ExternalId, PatientId, Vendor};
use frontdesk_desk::{Desk, StoreOutbox};
use frontdesk_sandbox::{FaultConfig, Sandbox, SandboxOptions};
use frontdesk_store::{MemoryKeyProvider, Store};
use frontdesk_vendors::secrets::MemorySecrets;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// A contact center that can be down, and that can lose its answer after acting.
struct Vendor2 {
    down: Mutex<bool>,
    lose_answer: Mutex<bool>,
    received: Mutex<Vec<String>>,
}

#[async_trait]
impl OutboxTransport for Vendor2 {
    fn vendor(&self) -> Vendor {
        Vendor::Cxone
    }
    async fn send(&self, _: &OutboxItem, key: &IdempotencyKey) -> Result<ExternalId, CoreError> {
        if *self.down.lock().unwrap() {
            return Err(CoreError::Offline {
                vendor: Some(Vendor::Cxone),
            });
        }
        self.received.lock().unwrap().push(key.0.clone());
        if std::mem::take(&mut *self.lose_answer.lock().unwrap()) {
            return Err(CoreError::Conflict {
                message: "outcome unknown".into(),
            });
        }
        Ok(ExternalId(format!("cb-{key}")))
    }
    async fn find(&self, _: &OutboxItem, key: &IdempotencyKey) -> Result<Lookup, CoreError> {
        let seen = self.received.lock().unwrap().contains(&key.0);
        Ok(if seen {
            Lookup::Found(ExternalId(format!("cb-{key}")))
        } else {
            Lookup::NotFound
        })
    }
}

fn callback(id: &str, patient: &PatientId) -> OutboxItem {
    OutboxItem::Callback(Callback {
        id: id.into(),
        patient_id: patient.clone(),
        at: Utc::now() + Duration::hours(2),
        reason: "billing question".into(),
        state: OutboxState::Queued,
    })
}

fn state_of(store: &Store, id: &str) -> OutboxState {
    let item = store
        .outbox_all()
        .unwrap()
        .into_iter()
        .find(|i| i.id() == id)
        .unwrap();
    match item {
        frontdesk_store::OutboxItem::Callback(c) => c.state,
        frontdesk_store::OutboxItem::Reminder(r) => r.state,
    }
}

#[tokio::test]
async fn a_callback_from_an_outage_is_sent_once_across_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeyProvider::new();
    let vendor = Arc::new(Vendor2 {
        down: Mutex::new(true),
        lose_answer: Mutex::new(false),
        received: Mutex::new(vec![]),
    });
    let patient = PatientId("p-1".into());
    {
        let store = Arc::new(Store::open(dir.path(), &keys, "rosa").unwrap());
        let outbox = Outbox::new(Arc::new(StoreOutbox(store.clone())), Some(vendor.clone()));
        let state = outbox.submit(callback("cb-1", &patient)).await.unwrap();
        assert_eq!(state, OutboxState::Queued, "the clock icon");
        // The network is back just as the app is closed: the vendor acts, the answer is lost.
        *vendor.down.lock().unwrap() = false;
        *vendor.lose_answer.lock().unwrap() = true;
        outbox.drain().await.unwrap();
        assert_eq!(state_of(&store, "cb-1"), OutboxState::Queued);
    }
    let store = Arc::new(Store::open(dir.path(), &keys, "rosa").unwrap());
    let outbox = Outbox::new(Arc::new(StoreOutbox(store.clone())), Some(vendor.clone()));
    let report = outbox.drain().await.unwrap();
    assert_eq!((report.sent, report.recovered), (0, 1));
    assert_eq!(
        state_of(&store, "cb-1"),
        OutboxState::Sent {
            external_id: ExternalId("cb-cb-1".into())
        }
    );
    assert_eq!(outbox.drain().await.unwrap().sent, 0);
    assert_eq!(*vendor.received.lock().unwrap(), vec!["cb-1".to_owned()]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_callback_waits_out_a_cxone_outage_then_reaches_cxone_with_its_key() {
    let sandbox = Sandbox::start(SandboxOptions::small(11)).await.unwrap();
    let i = sandbox.info();
    let text = format!(
        "[practice]\nname = \"S\"\n[cxone]\nbase_url = \"{}\"\ntoken_url = \"{}\"\nclient_id = \"{}\"\nplan = \"{}\"\n",
        i.cxone.base_url, i.cxone.token_url, i.cxone.client_id, i.cxone.plan
    );
    let config = Config::parse(&text, Path::new("cxone.toml")).unwrap();
    let secrets: Arc<dyn SecretStore> = Arc::new(MemorySecrets::with(&[(
        "cxone.client_secret",
        i.cxone.client_secret.as_str(),
    )]));
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeyProvider::new();
    let desk = Desk::open(config, &secrets, dir.path(), &keys, "rosa").unwrap();
    let progress: Progress = Arc::new(|_| {});
    assert!(desk.sync_all(progress.clone()).await.all_ok());

    // A CXone patient with a phone, as the card would pick them.
    let client = desk.clients().cxone.clone().unwrap();
    let page = client.patients_page(None, None).await.unwrap();
    let record = page.items.iter().find(|p| !p.phones.is_empty()).unwrap();
    let store = desk.store().clone();
    let patient = store
        .patient_id_for(Vendor::Cxone, &record.external_id)
        .unwrap()
        .unwrap();

    sandbox.faults().set(
        frontdesk_sandbox::Vendor::Cxone,
        FaultConfig {
            error_rate: 1.0,
            ..FaultConfig::default()
        },
    );
    let state = desk
        .outbox()
        .submit(callback("cb-outage", &patient))
        .await
        .unwrap();
    assert_eq!(state, OutboxState::Queued);

    sandbox.faults().clear(frontdesk_sandbox::Vendor::Cxone);
    desk.sync_all(progress).await;
    let OutboxState::Sent { external_id } = state_of(&store, "cb-outage") else {
        panic!("{:?}", state_of(&store, "cb-outage"));
    };
    let at_cxone = sandbox
        .entity(frontdesk_sandbox::Vendor::Cxone, "callback", &external_id.0)
        .unwrap();
    assert_eq!(
        at_cxone["attributes"]["frontdeskIdempotencyKey"],
        "cb-outage"
    );
    assert_eq!(desk.drain_outbox().await.unwrap().sent, 0, "never twice");
}
