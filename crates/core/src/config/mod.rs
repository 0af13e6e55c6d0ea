//! The desk's configuration file: which vendors are switched on, where they live and with which
//! (non-secret) ids, how much of each tenant's request budget this desk may use, and the
//! practice's defaults. Secrets never live here: they come from the keychain or the
//! environment (see [`secrets`]). A bad file is refused with its path, line and key.

mod error;
mod locate;
mod raw;
pub mod secrets;
mod settings;
mod values;
mod webhooks;

#[cfg(test)]
mod tests;

pub use error::{ConfigError, Position};
pub use locate::{CONFIG_ENV, LocationSource, config_path};
pub use settings::{
    CxoneSettings, NexhealthSettings, NextechSettings, WellhiveSettings, ZoomSettings,
};
pub use values::{
    CxonePlan, NexhealthGeneration, RateShare, SigningAlgorithm, Zone, ZoomGeneration,
};
pub use webhooks::{DEFAULT_LISTEN, WebhookSettings};

use crate::ids::Vendor;
use error::{key_at, position_of};
use raw::RawConfig;
use settings::Checker;
use std::path::{Path, PathBuf};

/// The practice's own defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct PracticeSettings {
    pub name: String,
    /// Reminders go this many minutes before the appointment (default a day and an hour).
    pub reminder_offsets_minutes: Vec<u32>,
    /// The zone the desk counts days in where a location does not say.
    pub timezone: chrono_tz::Tz,
}

/// How far the sync reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyncSettings {
    pub appointments_days_back: u32,
    pub appointments_days_ahead: u32,
}

impl Default for SyncSettings {
    fn default() -> Self {
        Self {
            appointments_days_back: 30,
            appointments_days_ahead: 30,
        }
    }
}

/// A checked configuration: vendors that are disabled or absent are `None`.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The file it was read from (for messages).
    pub path: PathBuf,
    pub practice: PracticeSettings,
    pub sync: SyncSettings,
    pub cxone: Option<CxoneSettings>,
    pub zoom: Option<ZoomSettings>,
    pub nextech: Option<NextechSettings>,
    pub nexhealth: Option<NexhealthSettings>,
    pub wellhive: Option<WellhiveSettings>,
    /// The webhook receiver; `None` when the desk polls only.
    pub webhooks: Option<WebhookSettings>,
}

impl Config {
    /// Reads and checks the file at `path`.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Self::parse(&text, path)
    }

    /// Checks `text`, naming `path` in any error.
    pub fn parse(text: &str, path: &Path) -> Result<Self, ConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let offset = e.span().map(|s| s.start);
            ConfigError::Invalid {
                path: path.to_path_buf(),
                position: offset.map(|o| position_of(text, o)),
                key: offset.map(|o| key_at(text, o)).unwrap_or_default(),
                message: e.message().trim().to_owned(),
            }
        })?;
        let check = |section| Checker {
            path,
            text,
            section,
        };
        Ok(Config {
            path: path.to_path_buf(),
            practice: PracticeSettings {
                name: raw.practice.name,
                reminder_offsets_minutes: raw
                    .practice
                    .reminder_offsets_minutes
                    .unwrap_or_else(|| vec![1440, 60]),
                timezone: raw.practice.timezone.0,
            },
            sync: SyncSettings {
                appointments_days_back: raw.sync.appointments_days_back.unwrap_or(30),
                appointments_days_ahead: raw.sync.appointments_days_ahead.unwrap_or(30),
            },
            cxone: raw
                .cxone
                .map(|r| check("cxone").cxone(r))
                .transpose()?
                .flatten(),
            zoom: raw
                .zoom
                .map(|r| check("zoom").zoom(r))
                .transpose()?
                .flatten(),
            nextech: raw
                .nextech
                .map(|r| check("nextech").nextech(r))
                .transpose()?
                .flatten(),
            nexhealth: raw
                .nexhealth
                .map(|r| check("nexhealth").nexhealth(r))
                .transpose()?
                .flatten(),
            wellhive: raw
                .wellhive
                .map(|r| check("wellhive").wellhive(r))
                .transpose()?
                .flatten(),
            webhooks: raw
                .webhooks
                .map(|r| check("webhooks").webhooks(r))
                .transpose()?
                .flatten(),
        })
    }

    /// The vendors this desk is configured to talk to.
    #[must_use]
    pub fn enabled_vendors(&self) -> Vec<Vendor> {
        Vendor::ALL
            .into_iter()
            .filter(|v| match v {
                Vendor::Cxone => self.cxone.is_some(),
                Vendor::Zoom => self.zoom.is_some(),
                Vendor::Nextech => self.nextech.is_some(),
                Vendor::Nexhealth => self.nexhealth.is_some(),
                Vendor::Wellhive => self.wellhive.is_some(),
            })
            .collect()
    }
}
