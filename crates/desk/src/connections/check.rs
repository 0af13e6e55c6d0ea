//! "Test connection": the vendor's real sign-in and one small read that touches no patient
//! (CXone's IVR templates, Zoom's providers or the host's meetings list, Nextech's encounter
//! categories, NexHealth's locations, WellHive's networks), with the settings as the form holds
//! them, before they are saved. A vendor that answers with an error is reported in its own
//! terms (status, code, message, trace id); one that does not answer at all is `Offline`.

use super::types::{ConnectionCheck, FailureReason, VendorFailure};
use crate::Clients;
use frontdesk_core::config::Config;
use frontdesk_core::{CoreError, Vendor};
use frontdesk_vendors::http::{AuthError, ErrorBody, HttpError, TokenFetcher};
use std::sync::Arc;

/// The longest vendor message kept; past this it is support's job, with the trace id.
const MESSAGE_LIMIT: usize = 300;

/// Signs in to the one vendor `config` enables and reads something small.
pub(crate) async fn run(
    vendor: Vendor,
    config: &Config,
    secrets: &Arc<dyn frontdesk_core::ports::SecretStore>,
) -> Result<ConnectionCheck, CoreError> {
    let clients = Clients::build(config, secrets).map_err(CoreError::from)?;
    let missing = || CoreError::Internal {
        message: format!("the {} client was not built", vendor.display_name()),
    };
    match vendor {
        Vendor::Cxone => {
            let client = clients.cxone.ok_or_else(missing)?;
            let step = "GET /integrations/cxone/ivr/templates";
            outcome(vendor, step, client.ivr_templates().await)
        }
        Vendor::Zoom => {
            let client = clients.zoom.ok_or_else(missing)?;
            if client.api() == frontdesk_vendors::zoom::ZoomApi::Meetings {
                outcome(
                    vendor,
                    "GET /users/{userId}/meetings",
                    client.list_meetings(None).await,
                )
            } else {
                outcome(
                    vendor,
                    "GET /healthcare/providers",
                    client.list_providers(None).await,
                )
            }
        }
        Vendor::Nextech => {
            let client = clients.nextech.ok_or_else(missing)?;
            outcome(
                vendor,
                "GET /encounters/categories",
                client.encounter_categories().await,
            )
        }
        Vendor::Nexhealth => {
            let client = clients.nexhealth.ok_or_else(missing)?;
            outcome(vendor, "GET /locations", client.locations().await)
        }
        Vendor::Wellhive => {
            let client = clients.wellhive.ok_or_else(missing)?;
            // The token first, on its own: a refused assertion is the commonest WellHive
            // problem and its answer names exactly what was wrong with the key.
            if let Err(e) = client.assertion_signer().fetch().await {
                return auth_failure(vendor, e)
                    .map(|failure| ConnectionCheck::Refused { vendor, failure });
            }
            outcome(
                vendor,
                "GET /networks",
                client.networks(&[], None, None).await,
            )
        }
    }
}

fn outcome<T, B: ErrorBody>(
    vendor: Vendor,
    step: &str,
    result: Result<T, HttpError<B>>,
) -> Result<ConnectionCheck, CoreError> {
    match result {
        Ok(_) => Ok(ConnectionCheck::Ok {
            vendor,
            checked: step.to_owned(),
        }),
        Err(e) => {
            failure(vendor, step, e).map(|failure| ConnectionCheck::Refused { vendor, failure })
        }
    }
}

/// The vendor's error in its own terms, or the desk's error when the vendor never answered.
fn failure<B: ErrorBody>(
    vendor: Vendor,
    step: &str,
    error: HttpError<B>,
) -> Result<VendorFailure, CoreError> {
    match error {
        HttpError::Auth { source, .. } => auth_failure(vendor, source),
        HttpError::Status {
            status,
            trace_id,
            body,
            raw,
            ..
        } => {
            let said = Said::read(raw.expose());
            Ok(VendorFailure {
                reason: if matches!(status, 401 | 403) {
                    FailureReason::Rejected
                } else {
                    FailureReason::VendorError
                },
                step: step.to_owned(),
                status: Some(status),
                code: body.and_then(|b| b.code()).or(said.code),
                message: said.message,
                trace_id: trace_id.or(said.trace_id),
            })
        }
        HttpError::Decode { .. } | HttpError::Transport { .. } => {
            let message = error.to_string();
            Ok(VendorFailure {
                reason: FailureReason::UnexpectedAnswer,
                step: step.to_owned(),
                status: None,
                code: None,
                message: Some(message),
                trace_id: error.trace_id().map(str::to_owned),
            })
        }
        other => Err(other.into()),
    }
}

fn auth_failure(vendor: Vendor, error: AuthError) -> Result<VendorFailure, CoreError> {
    let step = "sign-in".to_owned();
    let plain = |reason, message: Option<String>| VendorFailure {
        reason,
        step: step.clone(),
        status: None,
        code: None,
        message,
        trace_id: None,
    };
    match error {
        AuthError::Rejected { status, code, raw } => {
            let said = Said::read(raw.expose());
            Ok(VendorFailure {
                reason: FailureReason::Rejected,
                step: step.clone(),
                status: Some(status),
                code: code.or(said.code),
                message: said.message,
                trace_id: said.trace_id,
            })
        }
        AuthError::Unavailable { status } => Ok(VendorFailure {
            status: Some(status),
            ..plain(FailureReason::VendorError, None)
        }),
        AuthError::BadTokenResponse { .. } => Ok(plain(
            FailureReason::UnexpectedAnswer,
            Some(error.to_string()),
        )),
        AuthError::MissingSecret { .. } => {
            Ok(plain(FailureReason::MissingSecret, Some(error.to_string())))
        }
        AuthError::InteractiveLoginRequired(_) => Ok(plain(FailureReason::NeedsSignIn, None)),
        AuthError::Key(_) | AuthError::Sign(_) => {
            Ok(plain(FailureReason::BadKey, Some(error.to_string())))
        }
        other => Err(other.into_core(vendor)),
    }
}

/// What a vendor's error body says, whichever of the documented shapes it has: RFC 6749
/// (`error`, `error_description`), CXone (`error: {code, message, details, requestId}`), Zoom
/// and WellHive (`code`/`name`, `message`), NexHealth (`error: [..]`, `description`).
#[derive(Debug, Default, PartialEq, Eq)]
struct Said {
    code: Option<String>,
    message: Option<String>,
    trace_id: Option<String>,
}

impl Said {
    fn read(raw: &str) -> Self {
        let Ok(json) = serde_json::from_str::<serde_json::Value>(raw) else {
            return Self::default();
        };
        let text = |v: Option<&serde_json::Value>| -> Option<String> {
            match v? {
                serde_json::Value::String(s) => Some(s.clone()),
                serde_json::Value::Number(n) => Some(n.to_string()),
                serde_json::Value::Array(items) => {
                    let parts: Vec<String> = items
                        .iter()
                        .flat_map(|i| match i {
                            serde_json::Value::Array(inner) => inner.clone(),
                            other => vec![other.clone()],
                        })
                        .filter_map(|i| i.as_str().map(str::to_owned))
                        .collect();
                    (!parts.is_empty()).then(|| parts.join("; "))
                }
                _ => None,
            }
        };
        let said = if let Some(inner) = json.get("error").filter(|e| e.is_object()) {
            let message = text(inner.get("message"));
            let details = text(inner.get("details"));
            Self {
                code: text(inner.get("code")),
                message: match (message, details) {
                    (Some(m), Some(d)) => Some(format!("{m}: {d}")),
                    (m, d) => m.or(d),
                },
                trace_id: text(inner.get("requestId")),
            }
        } else if json.get("error_description").is_some() {
            Self {
                code: text(json.get("error")),
                message: text(json.get("error_description")),
                trace_id: None,
            }
        } else {
            let code = text(json.get("code"))
                .filter(|c| c != "false")
                .or_else(|| text(json.get("name")));
            let message = text(json.get("message"))
                .or_else(|| text(json.get("error")))
                .or_else(|| text(json.get("description")));
            Self {
                code,
                message,
                trace_id: text(json.get("requestId")).or_else(|| text(json.get("traceId"))),
            }
        };
        Self {
            message: said.message.map(|m| clip(&m)),
            code: said.code.map(|c| clip(&c)),
            trace_id: said.trace_id.map(|t| clip(&t)),
        }
    }
}

fn clip(text: &str) -> String {
    let clean: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let clean = clean.trim();
    if clean.chars().count() <= MESSAGE_LIMIT {
        clean.to_owned()
    } else {
        let cut: String = clean.chars().take(MESSAGE_LIMIT).collect();
        format!("{cut}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_each_vendor_error_shape() {
        let cxone = Said::read(
            r#"{"error":{"code":"authentication_failed","message":"Authentication failed","details":"Invalid client credentials","requestId":"req-1"}}"#,
        );
        assert_eq!(cxone.code.as_deref(), Some("authentication_failed"));
        assert_eq!(
            cxone.message.as_deref(),
            Some("Authentication failed: Invalid client credentials")
        );
        assert_eq!(cxone.trace_id.as_deref(), Some("req-1"));
        let oauth = Said::read(
            r#"{"error":"invalid_client","error_description":"The client_assertion signature is invalid."}"#,
        );
        assert_eq!(oauth.code.as_deref(), Some("invalid_client"));
        assert_eq!(
            oauth.message.as_deref(),
            Some("The client_assertion signature is invalid.")
        );
        let zoom = Said::read(r#"{"code":124,"message":"Invalid access token."}"#);
        assert_eq!(zoom.code.as_deref(), Some("124"));
        let nexhealth = Said::read(r#"{"code":false,"error":[["Unauthorized"]],"description":[]}"#);
        assert_eq!(nexhealth.code, None);
        assert_eq!(nexhealth.message.as_deref(), Some("Unauthorized"));
        assert_eq!(Said::read("<html>"), Said::default());
        let long = Said::read(&format!(r#"{{"message":"{}\u0007"}}"#, "x".repeat(400)));
        assert_eq!(long.message.unwrap().chars().count(), MESSAGE_LIMIT + 1);
    }
}
