//! The RFC 8252 loopback redirect: a one-shot HTTP listener on `127.0.0.1:0` that waits for
//! the browser to come back to `/callback` with `code` and `state`. It answers the browser
//! with a short page, ignores other paths (favicon), and never logs the query.

use crate::http::AuthError;
use crate::nextech::pkce::same;
use secrecy::SecretString;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A bound listener and the redirect URI that points at it.
#[derive(Debug)]
pub struct Loopback {
    listener: TcpListener,
    pub redirect_uri: String,
}

impl Loopback {
    pub async fn bind() -> Result<Self, AuthError> {
        let listener = TcpListener::bind(("127.0.0.1", 0))
            .await
            .map_err(AuthError::Listener)?;
        let port = listener.local_addr().map_err(AuthError::Listener)?.port();
        Ok(Self {
            listener,
            redirect_uri: format!("http://127.0.0.1:{port}/callback"),
        })
    }

    /// Waits for the redirect carrying `expected_state`; returns the authorization code.
    pub async fn wait_for_code(
        self,
        expected_state: &str,
        timeout: Duration,
    ) -> Result<SecretString, AuthError> {
        tokio::time::timeout(timeout, self.accept_loop(expected_state))
            .await
            .map_err(|_| AuthError::LoginTimedOut)?
    }

    async fn accept_loop(self, expected_state: &str) -> Result<SecretString, AuthError> {
        loop {
            let (mut stream, _) = self.listener.accept().await.map_err(AuthError::Listener)?;
            let mut buf = vec![0u8; 8192];
            let mut len = 0;
            // Read until the end of the request head; the redirect is a bodiless GET.
            while len < buf.len() {
                let n = stream
                    .read(&mut buf[len..])
                    .await
                    .map_err(AuthError::Listener)?;
                if n == 0 {
                    break;
                }
                len += n;
                if buf[..len].windows(4).any(|w| w == b"\r\n\r\n") {
                    break;
                }
            }
            let head = String::from_utf8_lossy(&buf[..len]);
            let target = head
                .lines()
                .next()
                .and_then(|l| l.split_whitespace().nth(1))
                .unwrap_or("");
            let (path, query) = target.split_once('?').unwrap_or((target, ""));
            if path != "/callback" {
                respond(&mut stream, "404 Not Found", "Not here.").await;
                continue;
            }
            let params: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
                .into_owned()
                .collect();
            let get = |k: &str| params.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
            let state_ok = get("state").is_some_and(|s| same(&s, expected_state));
            if !state_ok {
                respond(
                    &mut stream,
                    "400 Bad Request",
                    "This sign-in did not come from the desk. Close this window and try again.",
                )
                .await;
                return Err(AuthError::StateMismatch);
            }
            if let Some(error) = get("error") {
                respond(
                    &mut stream,
                    "400 Bad Request",
                    "Sign-in was not completed. You can close this window.",
                )
                .await;
                return Err(AuthError::Redirect(error));
            }
            return match get("code") {
                Some(code) if !code.is_empty() => {
                    respond(
                        &mut stream,
                        "200 OK",
                        "Signed in to Nextech. You can close this window and return to the desk.",
                    )
                    .await;
                    Ok(SecretString::from(code))
                }
                _ => {
                    respond(
                        &mut stream,
                        "400 Bad Request",
                        "Sign-in answer had no code.",
                    )
                    .await;
                    Err(AuthError::Redirect("missing code".to_owned()))
                }
            };
        }
    }
}

async fn respond(stream: &mut tokio::net::TcpStream, status: &str, text: &str) {
    let body = format!("<!doctype html><meta charset=utf-8><title>Frontdesk</title><p>{text}</p>");
    let msg = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    // The browser may already be gone; the code (or the error) is what matters.
    let _ = stream.write_all(msg.as_bytes()).await;
    let _ = stream.shutdown().await;
}
