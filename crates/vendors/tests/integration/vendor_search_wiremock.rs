//! "Search the vendors" as CXone sees it, on wiremock: the doc's `GET /patients` filters, asked
//! the way `lookup` promises. A name alone is asked word by word as `lastName` (which word is
//! the family name is not known); a date, phone or MRN is asked without the name (CXone's
//! `lastName` would miss a first name), the phone in E.164 as the doc's example writes it.

use crate::common::{cxone, token_body};
use chrono::NaiveDate;
use frontdesk_vendors::lookup::{LookupAnswer, PatientLookup, PatientLookupSource};
use serde_json::json;
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn mount_token(server: &MockServer) {
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body("t", 3600)))
        .mount(server)
        .await;
}

fn page(ids: &[&str]) -> serde_json::Value {
    let data: Vec<_> = ids
        .iter()
        .map(|id| json!({"id": id, "mrn": "MRN-1", "firstName": "Ada", "lastName": "Okafor", "dateOfBirth": "1950-02-01"}))
        .collect();
    json!({"total": data.len(), "offset": 0, "limit": 100, "data": data})
}

fn found(answer: LookupAnswer) -> Vec<String> {
    match answer {
        LookupAnswer::Found(list) => list.into_iter().map(|p| p.external_id.0).collect(),
        LookupAnswer::CannotSearch => panic!("CXone can search by this"),
    }
}

#[tokio::test]
async fn a_name_alone_is_asked_word_by_word_as_a_last_name() {
    let server = MockServer::start().await;
    mount_token(&server).await;
    for (word, id) in [("ada", "pt-1"), ("okafor", "pt-2")] {
        Mock::given(method("GET"))
            .and(path("/healthcare/v1/patients"))
            .and(query_param("lastName", word))
            .and(query_param_is_missing("dateOfBirth"))
            .respond_with(ResponseTemplate::new(200).set_body_json(page(&[id])))
            .expect(1)
            .mount(&server)
            .await;
    }
    let query = PatientLookup {
        names: vec!["ada".into(), "okafor".into()],
        ..PatientLookup::default()
    };
    let ids = found(cxone(&server).lookup(&query).await.unwrap());
    assert_eq!(ids, vec!["pt-1", "pt-2"]);
}

#[tokio::test]
async fn a_date_and_phone_are_asked_without_the_name_and_the_phone_in_e164() {
    let server = MockServer::start().await;
    mount_token(&server).await;
    Mock::given(method("GET"))
        .and(path("/healthcare/v1/patients"))
        .and(query_param("dateOfBirth", "1950-02-01"))
        .and(query_param("phoneNumber", "+13125550199"))
        .and(query_param_is_missing("lastName"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(&["pt-3"])))
        .expect(1)
        .mount(&server)
        .await;
    let query = PatientLookup {
        names: vec!["okafor".into()],
        phone: Some("3125550199".into()),
        birth_date: NaiveDate::from_ymd_opt(1950, 2, 1),
        ..PatientLookup::default()
    };
    assert_eq!(
        found(cxone(&server).lookup(&query).await.unwrap()),
        vec!["pt-3"]
    );
}

#[tokio::test]
async fn nothing_to_ask_by_is_not_a_request() {
    let server = MockServer::start().await;
    mount_token(&server).await;
    Mock::given(method("GET"))
        .and(path("/healthcare/v1/patients"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(&[])))
        .expect(0)
        .mount(&server)
        .await;
    let answer = cxone(&server)
        .lookup(&PatientLookup::default())
        .await
        .unwrap();
    assert_eq!(answer, LookupAnswer::CannotSearch);
}
