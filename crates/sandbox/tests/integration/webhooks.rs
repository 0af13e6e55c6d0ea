//! Webhook registration and signed delivery: CXone (`POST /webhooks`, `X-CXone-Signature`),
//! Zoom (registered through the admin API, `x-zm-signature` the way Zoom signs), NexHealth's
//! is covered with its asynchronous insertion in `flows.rs`.
#![allow(clippy::too_many_lines)]

use crate::common::*;
use serde_json::{Value, json};

#[tokio::test]
async fn should_deliver_cxone_appointment_created_signed_with_the_registered_secret() {
    let sb = sandbox(41).await;
    let t = cxone_token(&sb).await;
    let base = sb.info().cxone.base_url.clone();
    let recv = receiver().await;
    let r = client()
        .post(format!("{base}/webhooks"))
        .bearer_auth(&t)
        .json(&json!({"url": recv.url, "events": ["appointment.created"], "description": "test", "secret": "s3cret"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    assert_eq!(r.json::<Value>().await.unwrap()["status"], "active");
    let r = client()
        .post(format!("{base}/webhooks"))
        .bearer_auth(&t)
        .json(&json!({"url": recv.url, "events": ["nonsense"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);

    let appt = json!({"patientId": "pt-10000", "providerId": "dr-700", "locationId": "loc-450", "appointmentType": "follow-up", "startTime": "2030-05-10T14:30:00Z", "endTime": "2030-05-10T15:00:00Z"});
    let r = client()
        .post(format!("{base}/appointments"))
        .bearer_auth(&t)
        .json(&appt)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let hits = recv.wait_for(1).await;
    let (headers, body) = &hits[0];
    assert_eq!(
        headers["x-cxone-signature"].to_str().unwrap(),
        format!("sha256={}", hmac_hex("s3cret", body))
    );
    let payload: Value = serde_json::from_slice(body).unwrap();
    assert_eq!(payload["eventType"], "appointment.created");
    assert_eq!(payload["data"]["patientId"], "pt-10000");
    assert!(payload["eventId"].as_str().unwrap().starts_with("evt-"));
}

#[tokio::test]
async fn should_deliver_zoom_events_signed_like_zoom() {
    let sb = sandbox(42).await;
    let recv = receiver().await;
    sb.register_zoom_webhook(&recv.url, "zoom-secret", &[]);
    let t = zoom_token(&sb).await;
    let base = sb.info().zoom.base_url.clone();
    let providers: Value = client()
        .get(format!("{base}/healthcare/providers"))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let provider = providers["providers"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let patient: Value = client()
        .post(format!("{base}/healthcare/patients"))
        .bearer_auth(&t)
        .json(&json!({"first_name": "Zoë", "last_name": "O'Neil", "email": "zoe@example.com", "phone": "+1 646-555-0100", "date_of_birth": "1950-03-05"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let r = client()
        .post(format!("{base}/healthcare/visits"))
        .bearer_auth(&t)
        .json(&json!({"patient_id": patient["id"], "provider_id": provider, "scheduled_time": "2030-02-01T14:00:00Z", "duration_minutes": 20, "visit_type": "follow_up", "settings": {"waiting_room": true}}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let visit: Value = r.json().await.unwrap();
    sb.zoom_patient_waiting(visit["id"].as_str().unwrap())
        .unwrap();
    let hits = recv.wait_for(2).await;
    let mut events = Vec::new();
    for (headers, body) in &hits {
        let ts = headers["x-zm-request-timestamp"].to_str().unwrap();
        let mut msg = format!("v0:{ts}:").into_bytes();
        msg.extend_from_slice(body);
        assert_eq!(
            headers["x-zm-signature"].to_str().unwrap(),
            format!("v0={}", hmac_hex("zoom-secret", &msg))
        );
        events.push(
            serde_json::from_slice::<Value>(body).unwrap()["event"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }
    assert!(events.contains(&"healthcare.visit.scheduled".to_string()));
    assert!(events.contains(&"healthcare.patient.waiting".to_string()));
    // The waiting room shows the patient; admitting them starts the visit.
    let room: Value = client()
        .get(format!("{base}/healthcare/waiting_room"))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        room["participants"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["visit_id"] == visit["id"])
    );
    let r = client()
        .post(format!(
            "{base}/healthcare/waiting_room/{}/admit",
            patient["id"].as_str().unwrap()
        ))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(
        sb.entity(
            frontdesk_sandbox::Vendor::Zoom,
            "visit",
            visit["id"].as_str().unwrap()
        )
        .unwrap()["status"],
        "in_progress"
    );
    // A visit without a waiting room is refused.
    let r = client()
        .post(format!("{base}/healthcare/visits"))
        .bearer_auth(&t)
        .json(&json!({"patient_id": patient["id"], "provider_id": provider, "scheduled_time": "2030-02-01T15:00:00Z", "settings": {"waiting_room": false}}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
}
