//! The demo practice: the vendor sandbox started in-process on loopback, seeded, with a config
//! file pointing the desk at it and its demo credentials in memory. A practice evaluating
//! Frontdesk sees the real desk (the same clients, sync, cache and screens) work before it hands
//! over any credentials; nothing about the demo is a special code path past this module.

mod clinician;

pub use clinician::link_demo_clinician;

use frontdesk_core::CoreError;
use frontdesk_core::config::{Config, ConfigError, secrets as names};
use frontdesk_core::ports::SecretStore;
use frontdesk_sandbox::{Sandbox, SandboxError, SandboxHandle, SandboxInfo, SandboxOptions};
use frontdesk_vendors::nextech::NextechClient;
use frontdesk_vendors::secrets::MemorySecrets;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Why the demo practice could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("the demo vendors could not start: {0}")]
    Sandbox(#[from] SandboxError),
    #[error("the demo configuration is invalid: {0}")]
    Config(#[from] ConfigError),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("signing in to the demo Nextech failed: {0}")]
    NextechSignIn(#[source] CoreError),
}

impl From<DemoError> for CoreError {
    fn from(error: DemoError) -> Self {
        match error {
            DemoError::Config(c) => c.into(),
            DemoError::NextechSignIn(e) => e,
            other => CoreError::Internal {
                message: other.to_string(),
            },
        }
    }
}

/// How big a demo practice to seed.
#[derive(Debug, Clone)]
pub struct DemoOptions {
    pub seed: u64,
    pub patients: usize,
    /// Where the demo's config file and the sandbox's key files are written.
    pub dir: PathBuf,
}

/// A running demo practice. Dropping it stops the sandbox.
pub struct DemoPractice {
    info: SandboxInfo,
    /// `None` once the vendors were made unreachable (the demo's network outage).
    sandbox: Option<SandboxHandle>,
    pub config: Config,
    pub secrets: Arc<dyn SecretStore>,
}

impl std::fmt::Debug for DemoPractice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The secrets are demo credentials, but a Debug print is no place for any secret.
        f.debug_struct("DemoPractice")
            .field("vendors_reachable", &self.sandbox.is_some())
            .field("config", &self.config.path)
            .finish_non_exhaustive()
    }
}

impl DemoPractice {
    /// Starts the sandbox, writes `config.toml` into `options.dir` and loads it back through the
    /// same parser a real practice's file goes through.
    pub async fn start(options: &DemoOptions) -> Result<Self, DemoError> {
        create_private_dir(&options.dir)?;
        let sandbox = Sandbox::start(SandboxOptions {
            seed: options.seed,
            patients: options.patients,
            state_dir: Some(options.dir.join("sandbox")),
            ..SandboxOptions::default()
        })
        .await?;
        let info = sandbox.info().clone();
        let path = options.dir.join("config.toml");
        let text = render_config(&info);
        write_private(&path, &text)?;
        let config = Config::parse(&text, &path)?;
        let secrets: Arc<dyn SecretStore> = Arc::new(MemorySecrets::with(&[
            (
                names::CXONE_CLIENT_SECRET,
                info.cxone.client_secret.as_str(),
            ),
            (names::ZOOM_CLIENT_SECRET, info.zoom.client_secret.as_str()),
            (names::NEXHEALTH_API_KEY, info.nexhealth.api_key.as_str()),
        ]));
        Ok(Self {
            info,
            sandbox: Some(sandbox),
            config,
            secrets,
        })
    }

    /// Stops the sandbox's servers; the desk's next calls are refused.
    pub async fn make_unreachable(&mut self) {
        if let Some(sandbox) = self.sandbox.take() {
            sandbox.shutdown().await;
        }
    }

    /// Whether the demo's vendors are answering.
    #[must_use]
    pub fn reachable(&self) -> bool {
        self.sandbox.is_some()
    }

    /// The sandbox's URLs and demo credentials, as `frontdesk-sandbox` prints them.
    #[must_use]
    pub fn info(&self) -> &SandboxInfo {
        &self.info
    }

    /// The running sandbox (fault injection and admin actions), while it runs.
    #[must_use]
    pub fn sandbox(&self) -> Option<&SandboxHandle> {
        self.sandbox.as_ref()
    }
}

/// Signs in to the demo's Nextech through the real authorization-code + PKCE flow. Where a
/// person would click "consent" in the browser, the sandbox consents at once, so a plain HTTP
/// GET that follows its redirect to the desk's loopback listener plays the browser's part.
pub async fn sign_in_demo_nextech(client: &NextechClient) -> Result<(), DemoError> {
    let browser = |url: &url::Url| -> Result<(), String> {
        let url = url.clone();
        tokio::spawn(async move {
            if let Err(error) = reqwest::get(url).await {
                tracing::warn!(error = %error.without_url(), "demo_nextech_consent_failed");
            }
        });
        Ok(())
    };
    client
        .login(&browser)
        .await
        .map_err(|e| DemoError::NextechSignIn(e.into()))
}

/// The demo's config file: every vendor enabled, pointed at the sandbox.
fn render_config(info: &SandboxInfo) -> String {
    fn section(pairs: &[(&str, toml::Value)]) -> toml::Value {
        toml::Value::Table(
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.clone()))
                .collect(),
        )
    }
    let s = |v: &str| toml::Value::String(v.to_owned());
    let mut doc = toml::Table::new();
    doc.insert(
        "practice".into(),
        section(&[
            ("name", s("Demo practice (sandbox)")),
            ("timezone", s("America/New_York")),
        ]),
    );
    doc.insert(
        "cxone".into(),
        section(&[
            ("base_url", s(&info.cxone.base_url)),
            ("token_url", s(&info.cxone.token_url)),
            ("client_id", s(&info.cxone.client_id)),
            ("plan", s(&info.cxone.plan)),
        ]),
    );
    doc.insert(
        "zoom".into(),
        section(&[
            ("base_url", s(&info.zoom.base_url)),
            ("token_url", s(&info.zoom.token_url)),
            ("account_id", s(&info.zoom.account_id)),
            ("client_id", s(&info.zoom.client_id)),
            ("user_id", s(&info.zoom.user_id)),
        ]),
    );
    doc.insert(
        "nextech".into(),
        section(&[
            ("base_url", s(&info.nextech.base_url)),
            ("authorize_url", s(&info.nextech.authorize_url)),
            ("token_url", s(&info.nextech.token_url)),
            ("client_id", s(&info.nextech.client_id)),
            ("resource", s(&info.nextech.resource)),
            ("practice_id", s(&info.nextech.practice_id)),
        ]),
    );
    doc.insert(
        "nexhealth".into(),
        section(&[
            ("base_url", s(&info.nexhealth.base_url)),
            ("subdomain", s(&info.nexhealth.subdomain)),
            (
                "location_ids",
                toml::Value::Array(
                    info.nexhealth
                        .location_ids
                        .iter()
                        .map(|id| toml::Value::Integer(i64::from(*id)))
                        .collect(),
                ),
            ),
        ]),
    );
    doc.insert(
        "wellhive".into(),
        section(&[
            ("base_url", s(&info.wellhive.base_url)),
            ("token_url", s(&info.wellhive.token_url)),
            ("audience", s(&info.wellhive.audience)),
            ("client_id", s(&info.wellhive.client_id)),
            ("algorithm", s(&info.wellhive.algorithm)),
            (
                "private_key_path",
                s(&info.wellhive.private_key_path.display().to_string()),
            ),
        ]),
    );
    format!(
        "# The demo practice: every vendor is the Frontdesk sandbox on loopback (seed {}).\n{}",
        info.seed,
        toml::to_string(&doc).unwrap_or_default()
    )
}

fn create_private_dir(dir: &Path) -> Result<(), DemoError> {
    let io = |source| DemoError::Io {
        path: dir.to_owned(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(io)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).map_err(io)?;
    }
    Ok(())
}

fn write_private(path: &Path, text: &str) -> Result<(), DemoError> {
    std::fs::write(path, text).map_err(|source| DemoError::Io {
        path: path.to_owned(),
        source,
    })
}

/// A staff account the demo practice comes with. Its PIN is public on purpose: the demo's
/// sign-in screen shows it, so a practice evaluating Frontdesk can try each role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoStaff {
    pub username: &'static str,
    pub display_name: &'static str,
    pub role: frontdesk_core::access::Role,
    pub pin: &'static str,
}

/// The demo's desk, one person per role (A-DAY-AT-THE-DESK.md's Rosa, Dr. Lee and Dana).
pub const DEMO_STAFF: [DemoStaff; 3] = [
    DemoStaff {
        username: "rosa",
        display_name: "Rosa (receptionist)",
        role: frontdesk_core::access::Role::Receptionist,
        pin: "246810",
    },
    DemoStaff {
        username: "lee",
        display_name: "Dr. Lee (clinician)",
        role: frontdesk_core::access::Role::Clinician,
        pin: "135791",
    },
    DemoStaff {
        username: "dana",
        display_name: "Dana (practice admin)",
        role: frontdesk_core::access::Role::Admin,
        pin: "975312",
    },
];
