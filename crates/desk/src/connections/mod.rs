//! The practice's vendor connections as an admin edits them in Settings: read each vendor's
//! section of the config file (secrets only as "set" or "not set"), save one vendor's section
//! and secret, test a vendor's settings before saving them, and sign in to Nextech through the
//! system browser. The file is edited in place, keeping the admin's comments and the sections
//! Settings does not touch, and is checked by the desk's own parser before it is replaced.
//! Secrets go to the secret store the desk reads them from (the keychain, or the demo's memory).

mod check;
mod fields;
mod file;
mod types;
mod validate;

pub use types::{
    ConnectionCheck, ConnectionSettings, FailureReason, PracticeForm, SecretState, VendorFailure,
    VendorSettings, VendorUpdate,
};

use fields::{fields, secret_is_typed, secret_name};
use frontdesk_core::config::Config;
use frontdesk_core::ports::SecretStore;
use frontdesk_core::{CoreError, Vendor};
use frontdesk_vendors::nextech::auth::OpenBrowser;
use std::path::Path;
use std::sync::Arc;

/// Every vendor's settings as the file at `path` holds them (defaults for a file not yet made).
pub fn read_settings(
    path: &Path,
    secrets: &dyn SecretStore,
) -> Result<ConnectionSettings, CoreError> {
    let doc = file::read(path)?;
    let (name, timezone) = file::practice_section(doc.as_ref());
    let mut vendors = Vec::with_capacity(Vendor::ALL.len());
    for vendor in Vendor::ALL {
        let (present, enabled, values) = file::vendor_section(doc.as_ref(), vendor);
        let table = fields(vendor);
        let name = secret_name(vendor);
        vendors.push(VendorSettings {
            vendor,
            present,
            enabled,
            values,
            defaults: table
                .iter()
                .filter_map(|f| f.default.map(|d| (f.key.to_owned(), d.to_owned())))
                .collect(),
            required: table
                .iter()
                .filter(|f| f.required)
                .map(|f| f.key.to_owned())
                .collect(),
            choices: table
                .iter()
                .filter_map(|f| match f.kind {
                    fields::Kind::Choice(options) => Some((
                        f.key.to_owned(),
                        options.iter().map(|o| (*o).to_owned()).collect(),
                    )),
                    _ => None,
                })
                .collect(),
            secret: SecretState {
                name: name.to_owned(),
                // Only whether it is there: the value is dropped here, unseen.
                set: secrets.get(name)?.is_some_and(|v| !v.is_empty()),
                typed: secret_is_typed(vendor),
            },
        });
    }
    Ok(ConnectionSettings {
        config_path: path.display().to_string(),
        file_exists: doc.is_some(),
        practice: PracticeForm { name, timezone },
        vendors,
    })
}

/// Saves the practice's name and time zone, creating the file on a new desk.
pub fn save_practice(path: &Path, form: &PracticeForm) -> Result<(), CoreError> {
    let (name, zone) = validate::check_practice(form)?;
    let mut doc = file::read(path)?.unwrap_or_default();
    file::apply_practice(&mut doc, &name, zone.as_deref())?;
    let text = file::check(&doc, path)?;
    file::write_atomic(path, &text)?;
    tracing::info!("practice_settings_saved");
    Ok(())
}

/// Saves one vendor's section and, when one was typed, its secret. Nothing is written unless
/// every field is right and the whole file still reads as a valid configuration.
pub fn save_vendor(
    path: &Path,
    secrets: &dyn SecretStore,
    update: &VendorUpdate,
) -> Result<(), CoreError> {
    let writes = validate::check_update(update)?;
    let Some(mut doc) = file::read(path)? else {
        return Err(CoreError::invalid(
            "practice",
            "save the practice's name first: the configuration file does not exist yet",
        ));
    };
    file::apply_vendor(&mut doc, update.vendor, update.enabled, &writes)?;
    let text = file::check(&doc, path)?;
    if let Some(secret) = typed_secret(update) {
        secrets.set(secret_name(update.vendor), secret)?;
    }
    file::write_atomic(path, &text)?;
    tracing::info!(vendor = %update.vendor.key(), enabled = update.enabled, "vendor_settings_saved");
    Ok(())
}

fn typed_secret(update: &VendorUpdate) -> Option<&str> {
    update
        .secret
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// The one-vendor configuration the form describes, checked as the desk would check it.
fn form_config(update: &VendorUpdate) -> Result<Config, CoreError> {
    let writes = validate::check_update(update)?;
    let mut doc = toml_edit::DocumentMut::new();
    file::apply_practice(&mut doc, "connection test", None)?;
    file::apply_vendor(&mut doc, update.vendor, true, &writes)?;
    let path = Path::new("settings form");
    file::check(&doc, path)?;
    Config::parse(&doc.to_string(), path).map_err(CoreError::from)
}

/// The secret store a check or sign-in uses: the typed secret, if any, in front of `secrets`.
fn with_typed(update: &VendorUpdate, secrets: &Arc<dyn SecretStore>) -> Arc<dyn SecretStore> {
    match typed_secret(update) {
        Some(value) => Arc::new(Typed {
            name: secret_name(update.vendor),
            value: value.to_owned(),
            inner: secrets.clone(),
        }),
        None => secrets.clone(),
    }
}

/// Signs in to the vendor with the form's settings (and typed secret, else the stored one) and
/// makes one small read. Nothing is saved, except the rotated refresh token Nextech hands out.
pub async fn test_connection(
    secrets: &Arc<dyn SecretStore>,
    update: &VendorUpdate,
) -> Result<ConnectionCheck, CoreError> {
    let config = form_config(update)?;
    let secrets = with_typed(update, secrets);
    let checked = check::run(update.vendor, &config, &secrets).await;
    match &checked {
        Ok(ConnectionCheck::Ok { .. }) => {
            tracing::info!(vendor = %update.vendor.key(), "connection_test_ok");
        }
        Ok(ConnectionCheck::Refused { failure, .. }) => tracing::info!(
            vendor = %update.vendor.key(),
            reason = ?failure.reason,
            status = ?failure.status,
            "connection_test_refused"
        ),
        Err(e) => tracing::info!(
            vendor = %update.vendor.key(),
            kind = ?e.kind(),
            "connection_test_failed"
        ),
    }
    checked
}

/// Nextech's sign-in: authorization code with PKCE, the authorize page opened by `open_browser`
/// (the system browser), the code received on a loopback listener, and the refresh token kept
/// in `secrets` as `nextech.refresh_token`. Uses the form's settings, so an admin can sign in
/// before or after saving them.
pub async fn sign_in_nextech(
    secrets: &Arc<dyn SecretStore>,
    update: &VendorUpdate,
    open_browser: OpenBrowser<'_>,
) -> Result<(), CoreError> {
    if update.vendor != Vendor::Nextech {
        return Err(CoreError::invalid(
            "vendor",
            "only Nextech signs in through the browser",
        ));
    }
    let config = form_config(update)?;
    let clients = crate::Clients::build(&config, secrets).map_err(CoreError::from)?;
    let client = clients.nextech.ok_or_else(|| CoreError::Internal {
        message: "the Nextech client was not built".into(),
    })?;
    client.login(open_browser).await.map_err(CoreError::from)?;
    tracing::info!(vendor = "nextech", "browser_sign_in_completed");
    Ok(())
}

/// A secret typed into the form, tried before it is saved; everything else from `inner`.
struct Typed {
    name: &'static str,
    value: String,
    inner: Arc<dyn SecretStore>,
}

impl std::fmt::Debug for Typed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Typed")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

impl SecretStore for Typed {
    fn get(&self, name: &str) -> Result<Option<String>, CoreError> {
        if name == self.name {
            Ok(Some(self.value.clone()))
        } else {
            self.inner.get(name)
        }
    }

    fn set(&self, name: &str, value: &str) -> Result<(), CoreError> {
        self.inner.set(name, value)
    }

    fn delete(&self, name: &str) -> Result<(), CoreError> {
        self.inner.delete(name)
    }
}
