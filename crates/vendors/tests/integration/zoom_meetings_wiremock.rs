//! The Zoom meetings calls the sandbox does not serve (`PATCH /meetings/{id}`, `GET
//! /users/{userId}/meetings` paged by `next_page_token`), against wiremock with the spec's
//! shapes, and the HIPAA settings every created meeting carries.
#![allow(clippy::doc_markdown)]

use crate::common::{fast_settings, token_body};
use frontdesk_core::ports::AppointmentFeed;
use frontdesk_vendors::http::paging::collect_all;
use frontdesk_vendors::secrets::MemorySecrets;
use frontdesk_vendors::zoom::wire::{MeetingId, MeetingUpdate};
use frontdesk_vendors::zoom::{ZoomApi, ZoomClient};
use std::sync::Arc;
use wiremock::matchers::{body_partial_json, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn client(server: &MockServer) -> ZoomClient {
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body("z", 3600)))
        .mount(server)
        .await;
    ZoomClient::builder(format!("{}/v2", server.uri()))
        .token_url(format!("{}/oauth/token", server.uri()))
        .account_id("a")
        .client_id("c")
        .user_id("host-1")
        .api(ZoomApi::Meetings)
        .secrets(Arc::new(MemorySecrets::with(&[(
            "zoom.client_secret",
            "s",
        )])))
        .http_settings(fast_settings())
        .build()
        .unwrap()
}

fn meeting(id: u64, start: &str) -> serde_json::Value {
    serde_json::json!({"id": id, "topic": "Telehealth visit", "type": 2, "start_time": start,
        "duration": 30, "timezone": "UTC", "join_url": format!("https://zoom.us/j/{id}")})
}

#[tokio::test]
async fn should_page_meetings_to_the_end() {
    let server = MockServer::start().await;
    let z = client(&server).await;
    Mock::given(method("GET"))
        .and(path("/v2/users/host-1/meetings"))
        .and(query_param("type", "scheduled"))
        .and(query_param("next_page_token", "p2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "page_size": 300, "total_records": 2, "next_page_token": "",
            "meetings": [meeting(2, "2030-01-02T10:00:00Z")]})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/users/host-1/meetings"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "page_size": 300, "total_records": 2, "next_page_token": "p2",
            "meetings": [meeting(1, "2030-01-01T10:00:00Z")]})))
        .expect(1)
        .mount(&server)
        .await;
    let from = chrono::NaiveDate::from_ymd_opt(2030, 1, 1).unwrap();
    let to = chrono::NaiveDate::from_ymd_opt(2030, 1, 31).unwrap();
    let all = collect_all(|c| z.appointments_page(from, to, c))
        .await
        .unwrap();
    assert_eq!(all.len(), 2);
}

#[tokio::test]
async fn should_update_a_meeting_keeping_its_waiting_room() {
    let server = MockServer::start().await;
    let z = client(&server).await;
    Mock::given(method("PATCH"))
        .and(path("/v2/meetings/85746065432"))
        .and(body_partial_json(serde_json::json!({"duration": 45})))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    z.update_meeting(
        MeetingId(85_746_065_432),
        &MeetingUpdate {
            duration: Some(45),
            ..MeetingUpdate::default()
        },
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn should_create_meetings_with_waiting_room_and_encryption() {
    let server = MockServer::start().await;
    let z = client(&server).await;
    Mock::given(method("POST"))
        .and(path("/v2/users/host-1/meetings"))
        .and(body_partial_json(serde_json::json!({
            "type": 2,
            "settings": {"waiting_room": true, "encryption_type": "e2ee", "join_before_host": false}})))
        .respond_with(ResponseTemplate::new(201).set_body_json(meeting(9, "2030-01-01T10:00:00Z")))
        .expect(1)
        .mount(&server)
        .await;
    let a = frontdesk_core::ports::Telehealth::schedule_visit(
        &z,
        &frontdesk_core::ports::TelehealthRequest {
            patient: "p".into(),
            provider: "d".into(),
            start: "2030-01-01T10:00:00Z".parse().unwrap(),
            minutes: 30,
            visit_type: None,
            reason: Some("private reason".into()),
        },
    )
    .await
    .unwrap();
    assert_eq!(a.external_id.0, "9");
}
