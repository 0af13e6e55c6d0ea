//! The webhook receiver against the sandbox's real, signed deliveries: after the desk's
//! subscriptions are registered (through the admin functions the app's commands call), a
//! change at CXone, Zoom or NexHealth reaches the cache with no sync pass in between; forged,
//! stale and unreadable deliveries are refused and change nothing; a redelivery is applied once.

use chrono::{Days, Duration as ChronoDuration, Utc};
use frontdesk_core::appointment::AppointmentStatus;
use frontdesk_core::config::Config;
use frontdesk_core::config::secrets::{
    WEBHOOK_CXONE_SECRET, WEBHOOK_NEXHEALTH_SECRET_KEY, WEBHOOK_ZOOM_SECRET_TOKEN,
};
use frontdesk_core::ports::{
    AppointmentFeed, Booker, BookingRequest, PatientDirectory, SecretStore, SlotQuery, SlotSource,
};
use frontdesk_core::{CoreError, Vendor};
use frontdesk_desk::Desk;
use frontdesk_desk::webhooks::subscriptions::{self, Listing};
use frontdesk_desk::webhooks::{Notify, SEEN_STREAM, WebhookReceiver};
use frontdesk_sandbox::{Sandbox, SandboxHandle, SandboxOptions};
use frontdesk_store::MemoryKeyProvider;
use frontdesk_vendors::secrets::MemorySecrets;
use serde_json::{Value, json};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn config_for(sandbox: &SandboxHandle, webhooks: &str) -> String {
    let i = sandbox.info();
    let locations: Vec<String> = i
        .nexhealth
        .location_ids
        .iter()
        .map(ToString::to_string)
        .collect();
    format!(
        r#"
[practice]
name = "Sandbox Clinic"
timezone = "America/New_York"

[cxone]
base_url = "{cx_base}"
token_url = "{cx_token}"
client_id = "{cx_client}"
plan = "{cx_plan}"
rate_share = 1.0

[zoom]
base_url = "{zoom_base}"
token_url = "{zoom_token}"
account_id = "{zoom_account}"
client_id = "{zoom_client}"
user_id = "{zoom_user}"
api = "healthcare"

[nexhealth]
base_url = "{nh_base}"
subdomain = "{nh_sub}"
location_ids = [{nh_locations}]
api = "current"

{webhooks}
"#,
        cx_base = i.cxone.base_url,
        cx_token = i.cxone.token_url,
        cx_client = i.cxone.client_id,
        cx_plan = i.cxone.plan,
        zoom_base = i.zoom.base_url,
        zoom_token = i.zoom.token_url,
        zoom_account = i.zoom.account_id,
        zoom_client = i.zoom.client_id,
        zoom_user = i.zoom.user_id,
        nh_base = i.nexhealth.base_url,
        nh_sub = i.nexhealth.subdomain,
        nh_locations = locations.join(", "),
    )
}

struct World {
    sandbox: SandboxHandle,
    desk: Arc<Desk>,
    secrets: Arc<dyn SecretStore>,
    receiver: WebhookReceiver,
    notified: Arc<AtomicUsize>,
    _dir: tempfile::TempDir,
}

impl World {
    fn settings(&self) -> Option<&frontdesk_core::config::WebhookSettings> {
        self.desk.config().webhooks.as_ref()
    }

    fn url(&self, vendor: Vendor) -> String {
        subscriptions::delivery_url(self.settings(), vendor).unwrap()
    }

    async fn register(&self, vendor: Vendor, zoom_token: Option<&str>) -> Listing {
        subscriptions::register(
            &self.desk,
            self.secrets.as_ref(),
            self.settings(),
            Some(self.receiver.instance()),
            vendor,
            zoom_token,
        )
        .await
        .unwrap()
    }

    async fn admin(&self, path: &str, body: &Value) {
        let url = format!("{}{path}", self.sandbox.info().admin_url);
        let r = reqwest::Client::new()
            .post(url)
            .json(body)
            .send()
            .await
            .unwrap();
        assert!(r.status().is_success(), "{path}: {}", r.status());
    }

    /// The sandbox's record of delivering `event` (waits up to 10 s for its attempts).
    async fn delivered(&self, event: &str) -> frontdesk_sandbox::WebhookDelivery {
        for _ in 0..100 {
            if let Some(d) = self
                .sandbox
                .webhook_deliveries()
                .into_iter()
                .find(|d| d.event == event)
            {
                return d;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{event} was never delivered");
    }

    fn status_of(&self, desk_id: &str) -> Option<AppointmentStatus> {
        self.desk
            .store()
            .appointment(desk_id)
            .ok()
            .map(|a| a.status)
    }

    /// Waits (up to 10 s) until `desk_id` has a status `want` accepts.
    async fn until(
        &self,
        desk_id: &str,
        want: impl Fn(&AppointmentStatus) -> bool,
    ) -> AppointmentStatus {
        for _ in 0..100 {
            if let Some(s) = self.status_of(desk_id).filter(|s| want(s)) {
                return s;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!(
            "{desk_id} never reached the wanted status; last {:?}",
            self.status_of(desk_id)
        );
    }
}

async fn world(seed: u64) -> World {
    let sandbox = Sandbox::start(SandboxOptions::small(seed)).await.unwrap();
    let port = free_port();
    let webhooks = format!(
        "[webhooks]\nlisten = \"127.0.0.1:{port}\"\npublic_url = \"http://127.0.0.1:{port}\"\n"
    );
    let config =
        Config::parse(&config_for(&sandbox, &webhooks), Path::new("sandbox.toml")).unwrap();
    let i = sandbox.info();
    let secrets: Arc<dyn SecretStore> = Arc::new(MemorySecrets::with(&[
        ("cxone.client_secret", i.cxone.client_secret.as_str()),
        ("zoom.client_secret", i.zoom.client_secret.as_str()),
        ("nexhealth.api_key", i.nexhealth.api_key.as_str()),
    ]));
    let dir = tempfile::tempdir().unwrap();
    let desk = Arc::new(
        Desk::open(
            config,
            &secrets,
            dir.path(),
            &MemoryKeyProvider::new(),
            "test",
        )
        .unwrap(),
    );
    let (progress, _events) = frontdesk_core::sync::progress_channel();
    let report = desk.sync_all(progress).await;
    assert!(report.all_ok(), "{report:?}");
    let notified = Arc::new(AtomicUsize::new(0));
    let counter = notified.clone();
    let notify: Notify = Arc::new(move |_| {
        counter.fetch_add(1, Ordering::SeqCst);
    });
    let settings = desk.config().webhooks.clone().unwrap();
    let (receiver, serving) =
        WebhookReceiver::bind(&settings, &desk, secrets.clone(), notify).unwrap();
    tokio::spawn(serving);
    World {
        sandbox,
        desk,
        secrets,
        receiver,
        notified,
        _dir: dir,
    }
}

/// An active appointment of `vendor` in the next days that the cache holds after the pass.
async fn a_cached(w: &World, vendor: Vendor) -> frontdesk_core::appointment::Appointment {
    let feed: Arc<dyn AppointmentFeed> = match vendor {
        Vendor::Zoom => w.desk.clients().zoom.clone().unwrap(),
        _ => unreachable!(),
    };
    let today = Utc::now().date_naive();
    let page = feed
        .appointments_page(today, today + Days::new(7), None)
        .await
        .unwrap();
    page.items
        .into_iter()
        .filter(|a| a.status == AppointmentStatus::Scheduled)
        .find_map(|a| w.desk.store().appointment(&a.id).ok())
        .expect("a scheduled appointment the cache holds")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cxone_deliveries_are_verified_applied_and_a_redelivery_applies_once() {
    let w = world(61).await;
    let Listing::Subscriptions(subs) = w.register(Vendor::Cxone, None).await else {
        panic!("CXone lists its webhooks");
    };
    assert_eq!(subs.iter().filter(|s| s.ours).count(), 1, "{subs:?}");
    assert!(w.secrets.get(WEBHOOK_CXONE_SECRET).unwrap().is_some());
    // Registering again replaces the desk's webhook instead of adding a second.
    let Listing::Subscriptions(again) = w.register(Vendor::Cxone, None).await else {
        panic!();
    };
    assert_eq!(again.iter().filter(|s| s.ours).count(), 1, "{again:?}");

    // A patient CXone says changed: fetched and written through the sync batch.
    let cx = w.desk.clients().cxone.clone().unwrap();
    let patient = PatientDirectory::patients_page(cx.as_ref(), None, None)
        .await
        .unwrap()
        .items[0]
        .external_id
        .clone();
    w.admin(
        "/cxone/events",
        &json!({"eventType": "patient.updated", "data": {"patientId": patient.0}}),
    )
    .await;
    let delivered = w.delivered("patient.updated").await;
    assert_eq!(delivered.status, Some(200), "{:?}", delivered.error);
    let seen = || -> Vec<String> {
        let text = w
            .desk
            .store()
            .sync_cursor(Vendor::Cxone, SEEN_STREAM)
            .unwrap()
            .unwrap();
        serde_json::from_str(&text).unwrap()
    };
    assert_eq!(seen().len(), 1);
    assert_eq!(w.notified.load(Ordering::SeqCst), 1);
    assert!(
        w.desk
            .store()
            .patient_id_for(Vendor::Cxone, &patient)
            .unwrap()
            .is_some()
    );

    // The same signed delivery again (a vendor retry): accepted, applied once.
    let body = serde_json::to_vec(&delivered.body).unwrap();
    let (status, answer) = post_raw(&w.url(Vendor::Cxone), &delivered.headers, &body).await;
    assert_eq!(
        (status, answer["status"].as_str()),
        (200, Some("duplicate"))
    );
    assert_eq!(seen().len(), 1);
    assert_eq!(w.notified.load(Ordering::SeqCst), 1);

    // An appointment event is accepted; the desk keeps no CXone appointments.
    w.admin(
        "/cxone/events",
        &json!({"eventType": "appointment.created", "data": {"appointmentId": "appt-990001"}}),
    )
    .await;
    assert_eq!(w.delivered("appointment.created").await.status, Some(200));
    assert!(w.desk.store().appointment("cxone:appt-990001").is_err());
    let activity = w.receiver.activity();
    let cx_activity = activity.iter().find(|a| a.vendor == Vendor::Cxone).unwrap();
    assert_eq!(cx_activity.accepted, 3);
    assert_eq!(
        cx_activity.last_event.as_deref(),
        Some("appointment.created")
    );
}

async fn post_raw(url: &str, headers: &[(String, String)], body: &[u8]) -> (u16, Value) {
    let mut req = reqwest::Client::new()
        .post(url)
        .header("content-type", "application/json")
        .body(body.to_vec());
    for (k, v) in headers {
        req = req.header(k, v);
    }
    let r = req.send().await.unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

fn sign(secret: &str, parts: &[&[u8]]) -> String {
    use hmac::{Hmac, Mac};
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    for p in parts {
        mac.update(p);
    }
    hex::encode(mac.finalize().into_bytes())
}

fn zoom_headers(token: &str, ts: &str, body: &[u8]) -> Vec<(String, String)> {
    vec![
        ("x-zm-request-timestamp".to_owned(), ts.to_owned()),
        (
            "x-zm-signature".to_owned(),
            format!(
                "v0={}",
                sign(token, &[format!("v0:{ts}:").as_bytes(), body])
            ),
        ),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forged_stale_and_unreadable_deliveries_are_refused_and_change_nothing() {
    let w = world(62).await;
    let token = "zoom-secret-token";
    w.register(Vendor::Zoom, Some(token)).await;
    w.register(Vendor::Nexhealth, None).await;
    let visit = a_cached(&w, Vendor::Zoom).await;
    let zoom = w.url(Vendor::Zoom);
    let cancel = serde_json::to_vec(
        &json!({"event": "healthcare.visit.cancelled", "event_ts": 1,
        "payload": {"object": {"id": visit.external_id.0}}}),
    )
    .unwrap();
    let now = || Utc::now().timestamp().to_string();

    // Signed with the wrong secret.
    let forged = zoom_headers("not-the-token", &now(), &cancel);
    assert_eq!(post_raw(&zoom, &forged, &cancel).await.0, 401);
    // Signed for another body.
    let other = zoom_headers(token, &now(), b"{}");
    assert_eq!(post_raw(&zoom, &other, &cancel).await.0, 401);
    // Not signed at all.
    assert_eq!(post_raw(&zoom, &[], &cancel).await.0, 401);
    // Correctly signed, two hours old (a replay).
    let old = (Utc::now() - ChronoDuration::hours(2))
        .timestamp()
        .to_string();
    assert_eq!(
        post_raw(&zoom, &zoom_headers(token, &old, &cancel), &cancel)
            .await
            .0,
        401
    );
    // Correctly signed garbage.
    let garbage = b"{not json".to_vec();
    assert_eq!(
        post_raw(&zoom, &zoom_headers(token, &now(), &garbage), &garbage)
            .await
            .0,
        400
    );
    // NexHealth: signed, but its own event time is an hour old.
    let key = w
        .secrets
        .get(WEBHOOK_NEXHEALTH_SECRET_KEY)
        .unwrap()
        .unwrap();
    let stale = serde_json::to_vec(
        &json!({"event_name": "sync_status_read_change", "delivery_id": "d-1",
        "event_time": (Utc::now() - ChronoDuration::hours(1)).to_rfc3339(), "data": {}}),
    )
    .unwrap();
    let nh_headers = vec![("x-nexhealth-signature".to_owned(), sign(&key, &[&stale]))];
    assert_eq!(
        post_raw(&w.url(Vendor::Nexhealth), &nh_headers, &stale)
            .await
            .0,
        401
    );

    assert_eq!(w.status_of(&visit.id), Some(visit.status.clone()));
    assert_eq!(w.notified.load(Ordering::SeqCst), 0);
    assert!(
        w.desk
            .store()
            .sync_cursor(Vendor::Zoom, SEEN_STREAM)
            .unwrap()
            .is_none()
    );
    let activity = w.receiver.activity();
    let z = activity.iter().find(|a| a.vendor == Vendor::Zoom).unwrap();
    assert_eq!((z.accepted, z.rejected), (0, 5));
    assert_eq!(z.last_rejection.as_deref(), Some("malformed"));

    // The control: the same cancellation, fresh and signed, is applied.
    let (status, answer) = post_raw(&zoom, &zoom_headers(token, &now(), &cancel), &cancel).await;
    assert_eq!((status, answer["status"].as_str()), (200, Some("applied")));
    assert_eq!(w.status_of(&visit.id), Some(AppointmentStatus::Cancelled));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zoom_answers_the_url_check_and_a_waiting_patient_shows_without_a_pass() {
    let w = world(63).await;
    let token = "zoom-secret-token";
    let listing = w.register(Vendor::Zoom, Some(token)).await;
    assert_eq!(
        listing,
        Listing::Marketplace {
            secret_stored: true
        }
    );
    assert_eq!(
        w.secrets.get(WEBHOOK_ZOOM_SECRET_TOKEN).unwrap().as_deref(),
        Some(token)
    );
    // Zoom's endpoint check, signed as Zoom signs it.
    let body = serde_json::to_vec(&json!({"event": "endpoint.url_validation", "payload": {"plainToken": "abc123"}, "event_ts": 1})).unwrap();
    let ts = Utc::now().timestamp_millis().to_string();
    let headers = vec![
        ("x-zm-request-timestamp".to_owned(), ts.clone()),
        (
            "x-zm-signature".to_owned(),
            format!(
                "v0={}",
                sign(token, &[format!("v0:{ts}:").as_bytes(), &body])
            ),
        ),
    ];
    let (status, answer) = post_raw(&w.url(Vendor::Zoom), &headers, &body).await;
    assert_eq!(status, 200);
    assert_eq!(answer["plainToken"], "abc123");
    assert_eq!(answer["encryptedToken"], sign(token, &[b"abc123"]));
    // Unsigned, the check gets no answer (else the receiver would sign anything for anyone).
    assert_eq!(post_raw(&w.url(Vendor::Zoom), &[], &body).await.0, 401);

    // The sandbox's Zoom app delivers to the desk; a patient enters the waiting room.
    w.sandbox
        .register_zoom_webhook(&w.url(Vendor::Zoom), token, &[]);
    let visit = a_cached(&w, Vendor::Zoom).await;
    w.sandbox
        .zoom_patient_waiting(&visit.external_id.0)
        .unwrap();
    w.until(&visit.id, |s| *s == AppointmentStatus::Waiting)
        .await;
    let after = w.desk.store().appointment(&visit.id).unwrap();
    assert_eq!(
        after.provider_id, visit.provider_id,
        "the desk provider link is kept"
    );
    assert_eq!(after.patient_id, visit.patient_id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nexhealth_insertion_events_settle_a_pending_booking_without_a_pass() {
    let w = world(64).await;
    let Listing::Subscriptions(subs) = w.register(Vendor::Nexhealth, None).await else {
        panic!("NexHealth lists its subscriptions");
    };
    let ours: Vec<_> = subs.iter().filter(|s| s.ours).collect();
    assert_eq!(
        ours.len(),
        subscriptions::NEXHEALTH_EVENTS.len(),
        "{subs:?}"
    );
    // Registering again adds nothing.
    let Listing::Subscriptions(again) = w.register(Vendor::Nexhealth, None).await else {
        panic!();
    };
    assert_eq!(again.len(), subs.len());

    let nh = w.desk.clients().nexhealth.clone().unwrap();
    let today = Utc::now().date_naive();
    let slots = SlotSource::slots(
        nh.as_ref(),
        &SlotQuery {
            from: today + Days::new(1),
            to: today + Days::new(5),
            provider_ids: Vec::new(),
            location_ids: Vec::new(),
            appointment_type: None,
            patient: None,
        },
    )
    .await
    .unwrap();
    let patient = PatientDirectory::patients_page(nh.as_ref(), None, None)
        .await
        .unwrap()
        .items[0]
        .external_id
        .clone();
    let request = |slot| BookingRequest {
        slot,
        patient: patient.clone(),
        note: None,
        referral: None,
    };

    // Inserted: pending, then scheduled, with no pass.
    let booked = nh.book(&request(slots[0].clone())).await.unwrap();
    let id = booked.id.clone();
    let settled = w.until(&id, |s| *s != AppointmentStatus::Pending).await;
    assert!(settled.is_active(), "{settled:?}");

    // Refused by the EHR: the cache shows the failure and the EHR's reason.
    w.sandbox
        .fail_next_nexhealth_insertion("the operatory is closed");
    let refused = nh.book(&request(slots[1].clone())).await.unwrap();
    let failed = w
        .until(&refused.id, |s| {
            matches!(s, AppointmentStatus::Failed { .. })
        })
        .await;
    let AppointmentStatus::Failed { reason } = failed else {
        unreachable!()
    };
    assert!(reason.contains("operatory is closed"), "{reason}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn subscriptions_are_listed_and_removed_at_the_vendor() {
    let w = world(65).await;
    w.register(Vendor::Cxone, None).await;
    let Listing::Subscriptions(nh) = w.register(Vendor::Nexhealth, None).await else {
        panic!();
    };
    let list = |v| subscriptions::list(&w.desk, w.secrets.as_ref(), w.settings(), v);
    let Listing::Subscriptions(cx) = list(Vendor::Cxone).await.unwrap() else {
        panic!()
    };
    assert_eq!(cx.len(), 1);
    subscriptions::remove(&w.desk, w.secrets.as_ref(), Vendor::Cxone, &cx[0].id)
        .await
        .unwrap();
    assert_eq!(
        list(Vendor::Cxone).await.unwrap(),
        Listing::Subscriptions(vec![])
    );

    subscriptions::remove(&w.desk, w.secrets.as_ref(), Vendor::Nexhealth, &nh[0].id)
        .await
        .unwrap();
    let Listing::Subscriptions(left) = list(Vendor::Nexhealth).await.unwrap() else {
        panic!()
    };
    assert_eq!(left.len(), nh.len() - 1);
    assert!(!left.iter().any(|s| s.id == nh[0].id));

    let e = subscriptions::remove(&w.desk, w.secrets.as_ref(), Vendor::Nexhealth, "nonsense")
        .await
        .unwrap_err();
    assert!(
        matches!(e, CoreError::Invalid { ref field, .. } if field == "id"),
        "{e:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registering_without_a_reachable_https_receiver_is_refused_by_field() {
    let w = world(66).await;
    let register = |settings: Option<frontdesk_core::config::WebhookSettings>| {
        let desk = w.desk.clone();
        let secrets = w.secrets.clone();
        async move {
            subscriptions::register(
                &desk,
                secrets.as_ref(),
                settings.as_ref(),
                None,
                Vendor::Cxone,
                None,
            )
            .await
            .unwrap_err()
        }
    };
    let field = |e: CoreError| match e {
        CoreError::Invalid { field, .. } => field,
        other => panic!("{other:?}"),
    };
    assert_eq!(field(register(None).await), "webhooks");
    let listen = "127.0.0.1:8787".parse().unwrap();
    let with = |url: Option<&str>| frontdesk_core::config::WebhookSettings {
        listen,
        public_url: url.map(str::to_owned),
    };
    assert_eq!(
        field(register(Some(with(None))).await),
        "webhooks.public_url"
    );
    // Not https.
    assert_eq!(
        field(register(Some(with(Some("http://desk.example.org")))).await),
        "webhooks.public_url"
    );
    // https, but nothing answers there.
    let closed = free_port();
    let e = register(Some(with(Some(&format!("https://127.0.0.1:{closed}"))))).await;
    assert_eq!(field(e), "webhooks.public_url");
    // Something answers, but not a Frontdesk receiver (the sandbox's admin API).
    let admin = w.sandbox.info().admin_url.clone();
    let e = register(Some(with(Some(&admin)))).await;
    assert_eq!(field(e), "webhooks.public_url");
    // Nothing reached CXone.
    let Listing::Subscriptions(cx) =
        subscriptions::list(&w.desk, w.secrets.as_ref(), w.settings(), Vendor::Cxone)
            .await
            .unwrap()
    else {
        panic!()
    };
    assert!(cx.is_empty());
}
