//! Each fault kind happening, per the list: latency, 500/503 errors, 429 bursts with
//! `Retry-After`, hangs, connection resets, malformed JSON, truncated pages, and a token that
//! expires early; set from the Rust handle and from the admin endpoint.
#![allow(clippy::too_many_lines)]

use std::time::{Duration, Instant};

use crate::common::*;
use frontdesk_sandbox::{FaultConfig, SandboxOptions, Vendor};
use serde_json::{Value, json};

async fn templates(
    sb: &frontdesk_sandbox::SandboxHandle,
    token: &str,
) -> Result<reqwest::Response, reqwest::Error> {
    client()
        .get(format!(
            "{}/integrations/cxone/ivr/templates",
            sb.info().cxone.base_url
        ))
        .bearer_auth(token)
        .send()
        .await
}

#[tokio::test]
async fn should_add_latency() {
    let sb = sandbox(31).await;
    let t = cxone_token(&sb).await;
    sb.faults().update(Vendor::Cxone, |f| f.latency_ms = 300);
    let started = Instant::now();
    assert_eq!(templates(&sb, &t).await.unwrap().status(), 200);
    assert!(started.elapsed() >= Duration::from_millis(300));
}

#[tokio::test]
async fn should_fail_requests_with_500_or_503_in_the_vendor_error_body() {
    let sb = sandbox(32).await;
    let t = cxone_token(&sb).await;
    sb.faults().update(Vendor::Cxone, |f| f.fail_next = 1);
    let r = templates(&sb, &t).await.unwrap();
    assert_eq!(r.status(), 503);
    assert_eq!(
        r.json::<Value>().await.unwrap()["error"]["code"],
        "internal_error"
    );
    assert_eq!(templates(&sb, &t).await.unwrap().status(), 200);
    sb.faults().update(Vendor::Cxone, |f| f.error_rate = 1.0);
    let r = templates(&sb, &t).await.unwrap();
    assert!(r.status() == 500 || r.status() == 503);
    assert!(sb.faults().stats(Vendor::Cxone).errors >= 2);
}

#[tokio::test]
async fn should_answer_a_burst_of_429_with_retry_after() {
    let sb = sandbox(33).await;
    let t = wellhive_token(&sb).await;
    sb.faults().update(Vendor::Wellhive, |f| {
        f.burst_429 = 2;
        f.retry_after_secs = 7;
    });
    let url = format!("{}/networks", sb.info().wellhive.base_url);
    for _ in 0..2 {
        let r = client().get(&url).bearer_auth(&t).send().await.unwrap();
        assert_eq!(r.status(), 429);
        assert_eq!(r.headers()["retry-after"], "7");
        assert!(r.headers().contains_key("x-wellhive-trace-id"));
        assert_eq!(
            r.json::<Value>().await.unwrap()["name"],
            "Too Many Requests"
        );
    }
    assert_eq!(
        client()
            .get(&url)
            .bearer_auth(&t)
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
}

#[tokio::test]
async fn should_hang_past_a_client_timeout() {
    let sb = sandbox(34).await;
    let t = cxone_token(&sb).await;
    sb.faults().update(Vendor::Cxone, |f| f.hang_next = 1);
    let quick = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_millis(400))
        .build()
        .unwrap();
    let err = quick
        .get(format!(
            "{}/integrations/cxone/ivr/templates",
            sb.info().cxone.base_url
        ))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap_err();
    assert!(err.is_timeout());
    assert_eq!(sb.faults().stats(Vendor::Cxone).hangs, 1);
    // The hung request does not keep the sandbox from shutting down.
    tokio::time::timeout(Duration::from_secs(6), sb.shutdown())
        .await
        .unwrap();
}

#[tokio::test]
async fn should_reset_the_connection() {
    let sb = sandbox(35).await;
    let t = nexhealth_token(&sb).await;
    sb.faults().update(Vendor::Nexhealth, |f| f.reset_next = 1);
    let i = sb.info().nexhealth.clone();
    let err = client()
        .get(format!(
            "{}/locations?subdomain={}",
            i.base_url, i.subdomain
        ))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap_err();
    assert!(!err.is_timeout());
    assert!(err.is_request() || err.is_connect(), "{err:?}");
    assert_eq!(sb.faults().stats(Vendor::Nexhealth).resets, 1);
    let r = client()
        .get(format!(
            "{}/locations?subdomain={}",
            i.base_url, i.subdomain
        ))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn should_send_malformed_json() {
    let sb = sandbox(36).await;
    let t = zoom_token(&sb).await;
    sb.faults().update(Vendor::Zoom, |f| f.malformed_next = 1);
    let r = client()
        .get(format!("{}/healthcare/providers", sb.info().zoom.base_url))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let text = r.text().await.unwrap();
    assert!(serde_json::from_str::<Value>(&text).is_err(), "{text}");
}

#[tokio::test]
async fn should_truncate_pages_while_the_metadata_still_counts_them() {
    let sb = sandbox(37).await;
    let t = cxone_token(&sb).await;
    sb.faults()
        .update(Vendor::Cxone, |f| f.truncate_pages = true);
    let r: Value = client()
        .get(format!("{}/patients?limit=20", sb.info().cxone.base_url))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(r["limit"], 20);
    assert!(r["total"].as_u64().unwrap() > 20);
    assert_eq!(r["data"].as_array().unwrap().len(), 10);
}

#[tokio::test]
async fn should_expire_a_token_early() {
    let sb = sandbox(38).await;
    sb.faults()
        .update(Vendor::Zoom, |f| f.token_lifetime_secs = Some(1));
    let i = sb.info().zoom.clone();
    let url = format!(
        "{}?grant_type=account_credentials&account_id={}",
        i.token_url, i.account_id
    );
    let body: Value = client()
        .post(url)
        .basic_auth(&i.client_id, Some(&i.client_secret))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        body["expires_in"], 3600,
        "the token claims the usual lifetime"
    );
    let t = body["access_token"].as_str().unwrap();
    let providers = format!("{}/healthcare/providers", i.base_url);
    assert_eq!(
        client()
            .get(&providers)
            .bearer_auth(t)
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let r = client()
        .get(&providers)
        .bearer_auth(t)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert_eq!(
        r.json::<Value>().await.unwrap()["message"],
        "Access token is expired."
    );
    // And every token can be made to die at once.
    let t2 = cxone_token(&sb).await;
    sb.faults().expire_tokens(Vendor::Cxone);
    assert_eq!(templates(&sb, &t2).await.unwrap().status(), 401);
}

#[tokio::test]
async fn should_set_faults_through_the_admin_endpoint_and_from_options() {
    let mut opts = SandboxOptions::small(39);
    opts.faults = vec![(
        Vendor::Nextech,
        FaultConfig {
            fail_next: 1,
            ..FaultConfig::default()
        },
    )];
    let sb = sandbox_with(opts).await;
    let admin = sb.info().admin_url.clone();
    let r = client()
        .put(format!("{admin}/faults/cxone"))
        .json(&json!({"burst429": 1, "retryAfterSecs": 3}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    // The next request, here the token call, takes the burst.
    let i = sb.info().cxone.clone();
    let r = client()
        .post(&i.token_url)
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", i.client_id.as_str()),
            ("client_secret", i.client_secret.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 429);
    assert_eq!(r.headers()["retry-after"], "3");
    let got: Value = client()
        .get(format!("{admin}/faults/cxone"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(got["burst429"], 0);
    let stats: Value = client()
        .get(format!("{admin}/faults/cxone/stats"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(stats["tooMany"], 1);
    assert_eq!(
        client()
            .delete(format!("{admin}/faults/cxone"))
            .send()
            .await
            .unwrap()
            .status(),
        204
    );
    cxone_token(&sb).await;
    // Nextech's initial fault: its first request fails.
    let r = client()
        .get(format!("{}/search?term=a", sb.info().nextech.base_url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 503);
    assert!(r.json::<Value>().await.unwrap()["Message"].is_string());
    let info: Value = client()
        .get(&admin)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(info["seed"], 39);
}
