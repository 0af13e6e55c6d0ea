//! The pipeline's edge cases against wiremock, through the CXone client (the rules are shared
//! by all five): re-auth on 401, 429 with Retry-After, 5xx retried only for reads, malformed
//! JSON naming its field, an empty last page, a token expiring mid-paging, a slow answer.
#![allow(clippy::doc_markdown)]

use crate::common::{cxone, token_body};
use frontdesk_core::ports::{ContactCenter, PatientDirectory};
use frontdesk_core::{CoreError, ErrorKind, ExternalId};
use frontdesk_vendors::cxone::wire::{NewAppointment, PatientId, PatientQuery};
use frontdesk_vendors::http::HttpError;
use frontdesk_vendors::http::paging::collect_all;
use std::time::Duration;
use wiremock::matchers::{body_string_contains, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn mount_token(server: &MockServer, token: &str, expires_in: u64) {
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .and(body_string_contains("grant_type=client_credentials"))
        .and(body_string_contains("client_secret=s3cret"))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body(token, expires_in)))
        .mount(server)
        .await;
}

fn patient_json(id: &str) -> serde_json::Value {
    serde_json::json!({"id": id, "firstName": "A", "lastName": "B", "dateOfBirth": "1980-05-15"})
}

fn new_appointment() -> NewAppointment {
    NewAppointment {
        patient_id: PatientId::from("pt-1"),
        provider_id: "dr-1".into(),
        location_id: "loc-1".into(),
        appointment_type: "follow-up".into(),
        start_time: "2023-05-10T14:30:00Z".parse().unwrap(),
        end_time: "2023-05-10T15:00:00Z".parse().unwrap(),
        notes: None,
    }
}

#[tokio::test]
async fn should_retry_once_after_401() {
    let server = MockServer::start().await;
    // First token is refused by the API, the second accepted.
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body("old", 3600)))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    mount_token(&server, "new", 3600).await;
    Mock::given(method("GET"))
        .and(path("/healthcare/v1/patients/pt-1"))
        .and(header("authorization", "Bearer old"))
        .respond_with(ResponseTemplate::new(401))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/healthcare/v1/patients/pt-1"))
        .and(header("authorization", "Bearer new"))
        .respond_with(ResponseTemplate::new(200).set_body_json(patient_json("pt-1")))
        .expect(1)
        .mount(&server)
        .await;
    let p = cxone(&server)
        .patient(&PatientId::from("pt-1"))
        .await
        .unwrap();
    assert_eq!(p.id.as_str(), "pt-1");
}

#[tokio::test]
async fn should_give_up_after_a_second_401() {
    let server = MockServer::start().await;
    mount_token(&server, "t", 3600).await;
    Mock::given(method("GET"))
        .and(path("/healthcare/v1/patients/pt-1"))
        .respond_with(ResponseTemplate::new(401).set_body_json(serde_json::json!(
            {"error": {"code": "authentication_failed", "message": "no", "requestId": "req-9"}})))
        .expect(2)
        .mount(&server)
        .await;
    let err = cxone(&server)
        .patient(&PatientId::from("pt-1"))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(401));
    assert_eq!(err.trace_id(), Some("req-9"));
    assert_eq!(CoreError::from(err).kind(), ErrorKind::Unauthorized);
}

#[tokio::test]
async fn should_wait_retry_after_on_429() {
    let server = MockServer::start().await;
    mount_token(&server, "t", 3600).await;
    Mock::given(method("GET"))
        .and(path("/healthcare/v1/patients/pt-1"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "1"))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/healthcare/v1/patients/pt-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(patient_json("pt-1")))
        .expect(1)
        .mount(&server)
        .await;
    let started = std::time::Instant::now();
    cxone(&server)
        .patient(&PatientId::from("pt-1"))
        .await
        .unwrap();
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "waited {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn should_report_rate_limited_when_retry_after_is_too_long() {
    let server = MockServer::start().await;
    mount_token(&server, "t", 3600).await;
    Mock::given(method("GET"))
        .and(path("/healthcare/v1/patients/pt-1"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "120"))
        .expect(1)
        .mount(&server)
        .await;
    let err = cxone(&server)
        .patient(&PatientId::from("pt-1"))
        .await
        .unwrap_err();
    match CoreError::from(err) {
        CoreError::RateLimited {
            retry_after_secs, ..
        } => assert_eq!(retry_after_secs, Some(120)),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn should_retry_500_for_get() {
    let server = MockServer::start().await;
    mount_token(&server, "t", 3600).await;
    Mock::given(method("GET"))
        .and(path("/healthcare/v1/patients/pt-1"))
        .respond_with(ResponseTemplate::new(500))
        .up_to_n_times(2)
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/healthcare/v1/patients/pt-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(patient_json("pt-1")))
        .expect(1)
        .mount(&server)
        .await;
    cxone(&server)
        .patient(&PatientId::from("pt-1"))
        .await
        .unwrap();
}

#[tokio::test]
async fn should_never_retry_500_for_post() {
    let server = MockServer::start().await;
    mount_token(&server, "t", 3600).await;
    Mock::given(method("POST"))
        .and(path("/healthcare/v1/appointments"))
        .respond_with(ResponseTemplate::new(500).set_body_json(serde_json::json!(
            {"error": {"code": "internal_error", "message": "boom", "requestId": "req-500"}})))
        .expect(1)
        .mount(&server)
        .await;
    let err = cxone(&server)
        .create_appointment(&new_appointment())
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(500));
    assert_eq!(err.trace_id(), Some("req-500"));
    assert!(err.to_string().contains("internal_error"));
    assert!(!err.to_string().contains("boom"));
}

#[tokio::test]
async fn should_report_outcome_unknown_when_a_booking_times_out() {
    let server = MockServer::start().await;
    mount_token(&server, "t", 3600).await;
    Mock::given(method("POST"))
        .and(path("/healthcare/v1/appointments"))
        .respond_with(ResponseTemplate::new(201).set_delay(Duration::from_secs(3)))
        .expect(1)
        .mount(&server)
        .await;
    let err = cxone(&server)
        .create_appointment(&new_appointment())
        .await
        .unwrap_err();
    assert!(matches!(err, HttpError::OutcomeUnknown { .. }), "{err:?}");
    assert_eq!(CoreError::from(err).kind(), ErrorKind::Conflict);
}

#[tokio::test]
async fn should_time_out_a_slow_read_after_retrying() {
    let server = MockServer::start().await;
    mount_token(&server, "t", 3600).await;
    Mock::given(method("GET"))
        .and(path("/healthcare/v1/patients/pt-1"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(3)))
        .expect(3)
        .mount(&server)
        .await;
    let err = cxone(&server)
        .patient(&PatientId::from("pt-1"))
        .await
        .unwrap_err();
    assert!(matches!(err, HttpError::Timeout { .. }), "{err:?}");
    // No answer in time is an outage, not a sick vendor: the desk shows it offline.
    assert_eq!(CoreError::from(err).kind(), ErrorKind::Offline);
}

#[tokio::test]
async fn should_name_the_field_of_malformed_json() {
    let server = MockServer::start().await;
    mount_token(&server, "t", 3600).await;
    Mock::given(method("GET"))
        .and(path("/healthcare/v1/patients"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "total": 2, "data": [patient_json("pt-1"), {"id": "pt-2", "firstName": 42, "lastName": "Secretname"}]
        })))
        .mount(&server)
        .await;
    let err = cxone(&server)
        .search_patients(&PatientQuery::default(), 0, 20)
        .await
        .unwrap_err();
    let text = err.to_string();
    assert!(text.contains("data[1].firstName"), "{text}");
    assert!(
        !text.contains("Secretname") && !text.contains("42"),
        "{text}"
    );
}

#[tokio::test]
async fn should_stop_on_an_empty_last_page() {
    let server = MockServer::start().await;
    mount_token(&server, "t", 3600).await;
    Mock::given(method("GET"))
        .and(path("/healthcare/v1/patients"))
        .and(query_param("offset", "0"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "offset": 0, "limit": 100,
            "data": (0..100).map(|i| patient_json(&format!("pt-{i}"))).collect::<Vec<_>>()
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/healthcare/v1/patients"))
        .and(query_param("offset", "100"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({"offset": 100, "limit": 100, "data": []})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = cxone(&server);
    let all = collect_all(|c| client.patients_page(c, None))
        .await
        .unwrap();
    assert_eq!(all.len(), 100);
}

#[tokio::test]
async fn should_refresh_a_token_that_expires_mid_paging() {
    let server = MockServer::start().await;
    // The first token lives exactly the 60 s refresh skew: good for the call that fetched it,
    // stale by the next page, which must use a fresh one.
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body("first", 60)))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    mount_token(&server, "second", 3600).await;
    let page = |offset: u64, ids: Vec<String>| {
        serde_json::json!({"total": 3, "offset": offset, "limit": 100,
            "data": ids.iter().map(|i| serde_json::json!({"id": i, "patientId": "pt-1", "channel": "sms", "direction": "outbound", "startTime": "2023-04-09T14:15:30Z"})).collect::<Vec<_>>()})
    };
    Mock::given(method("GET"))
        .and(path(
            "/healthcare/v1/integrations/cxone/patients/pt-1/contacts",
        ))
        .and(query_param("offset", "0"))
        .and(header("authorization", "Bearer first"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(page(0, vec!["c1".into(), "c2".into()])),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(
            "/healthcare/v1/integrations/cxone/patients/pt-1/contacts",
        ))
        .and(query_param("offset", "2"))
        .and(header("authorization", "Bearer second"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(2, vec!["c3".into()])))
        .expect(1)
        .mount(&server)
        .await;
    let client = cxone(&server);
    let contacts = client.contacts(&ExternalId::from("pt-1")).await.unwrap();
    assert_eq!(contacts.len(), 3);
}
