//! The config file as an editable document: Settings changes one section's keys and leaves the
//! admin's comments, ordering and every other section as they were (`toml_edit`), then the
//! whole file is checked by the same parser the desk starts with before it replaces the old
//! one, atomically and readable by this user alone.

use super::fields::fields;
use super::validate::{Value, Write};
use frontdesk_core::config::{Config, ConfigError};
use frontdesk_core::{CoreError, Vendor};
use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::Path;
use toml_edit::{Array, DocumentMut, Item, Table};

fn storage(path: &Path, what: &str, error: &dyn std::fmt::Display) -> CoreError {
    CoreError::Storage {
        message: format!(
            "the configuration file {} could not be {what}: {error}",
            path.display()
        ),
        way_out: "Check that the folder exists and this user may write to it, then save again."
            .into(),
    }
}

/// The file's document, or `None` when there is no file yet (a new desk).
pub(crate) fn read(path: &Path) -> Result<Option<DocumentMut>, CoreError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(storage(path, "read", &e)),
    };
    text.parse::<DocumentMut>().map(Some).map_err(|e| {
        CoreError::invalid(
            "config",
            format!("{} is not valid TOML: {}", path.display(), e.message()),
        )
    })
}

/// A key's value as the form shows it: strings bare, lists joined, comments left out.
fn shown(item: &Item) -> String {
    fn bare(v: &toml_edit::Value) -> String {
        match v {
            toml_edit::Value::String(s) => s.value().clone(),
            toml_edit::Value::Array(a) => a.iter().map(bare).collect::<Vec<_>>().join(", "),
            other => {
                let mut other = other.clone();
                other.decor_mut().clear();
                other.to_string()
            }
        }
    }
    item.as_value().map(bare).unwrap_or_default()
}

/// One vendor's section as written: `(present, enabled, values)`.
pub(crate) fn vendor_section(
    doc: Option<&DocumentMut>,
    vendor: Vendor,
) -> (bool, bool, BTreeMap<String, String>) {
    let section = doc
        .and_then(|d| d.get(vendor.key()))
        .and_then(Item::as_table_like);
    let values = fields(vendor)
        .iter()
        .map(|f| {
            let v = section
                .and_then(|s| s.get(f.key))
                .map(shown)
                .unwrap_or_default();
            (f.key.to_owned(), v)
        })
        .collect();
    let enabled = section.is_some_and(|s| s.get("enabled").and_then(Item::as_bool).unwrap_or(true));
    (section.is_some(), enabled, values)
}

/// `[practice]`'s name and time zone as written.
pub(crate) fn practice_section(doc: Option<&DocumentMut>) -> (String, String) {
    let section = doc
        .and_then(|d| d.get("practice"))
        .and_then(Item::as_table_like);
    let get = |key| {
        section
            .and_then(|s| s.get(key))
            .map(shown)
            .unwrap_or_default()
    };
    (get("name"), get("timezone"))
}

/// Replaces `key`'s value, keeping the comment that followed the old one on its line.
fn set(table: &mut Table, key: &str, mut new: toml_edit::Value) {
    if let Some(old) = table.get(key).and_then(Item::as_value) {
        let decor = old.decor().clone();
        *new.decor_mut() = decor;
    }
    table.insert(key, Item::Value(new));
}

fn section<'d>(doc: &'d mut DocumentMut, name: &str) -> Result<&'d mut Table, CoreError> {
    let item = doc.entry(name).or_insert_with(|| Item::Table(Table::new()));
    if !item.is_table() {
        // An inline `cxone = { .. }` becomes a normal section; its keys carry over.
        let inline = std::mem::take(item);
        *item = Item::Table(inline.into_table().unwrap_or_default());
    }
    item.as_table_mut().ok_or_else(|| CoreError::Internal {
        message: format!("the config section [{name}] could not be edited"),
    })
}

/// Writes one vendor's checked keys into its section (created at the end when absent).
pub(crate) fn apply_vendor(
    doc: &mut DocumentMut,
    vendor: Vendor,
    enabled: bool,
    writes: &[Write],
) -> Result<(), CoreError> {
    let table = section(doc, vendor.key())?;
    set(table, "enabled", enabled.into());
    for (key, written) in writes {
        match written {
            None => {
                table.remove(key);
            }
            Some(v) => set(table, key, toml(v)),
        }
    }
    Ok(())
}

/// Writes the practice's name and zone (an empty zone leaves the desk's default).
pub(crate) fn apply_practice(
    doc: &mut DocumentMut,
    name: &str,
    timezone: Option<&str>,
) -> Result<(), CoreError> {
    // `[practice]` goes first in a new file, where an admin looks for it.
    let fresh = doc.get("practice").is_none();
    let table = section(doc, "practice")?;
    if fresh {
        table.set_position(Some(0));
    }
    set(table, "name", name.into());
    match timezone {
        Some(zone) => set(table, "timezone", zone.into()),
        None => {
            table.remove("timezone");
        }
    }
    Ok(())
}

fn toml(v: &Value) -> toml_edit::Value {
    match v {
        Value::Text(s) => s.as_str().into(),
        Value::Integer(n) => (*n).into(),
        Value::Float(f) => (*f).into(),
        Value::Integers(ns) => toml_edit::Value::Array(ns.iter().copied().collect::<Array>()),
    }
}

/// The edited document, checked as the desk will read it at its next start. A problem is
/// named by the key inside its section (`client_id`), the way the form names its fields.
pub(crate) fn check(doc: &DocumentMut, path: &Path) -> Result<String, CoreError> {
    let text = doc.to_string();
    match Config::parse(&text, path) {
        Ok(_) => Ok(text),
        Err(ConfigError::Invalid { key, message, .. }) => {
            let field = key.rsplit_once('.').map_or(key.as_str(), |(_, k)| k);
            let field = if key == "practice" || field.is_empty() {
                "config"
            } else {
                field
            };
            Err(CoreError::invalid(field, message))
        }
        Err(other) => Err(CoreError::from(other)),
    }
}

/// Replaces the file in one step: a private temp file beside it, flushed to disk, renamed
/// over it, so a crash leaves the old file or the new one and never half of either.
pub(crate) fn write_atomic(path: &Path, text: &str) -> Result<(), CoreError> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    if !dir.exists() {
        std::fs::create_dir_all(dir).map_err(|e| storage(path, "written", &e))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
                .map_err(|e| storage(path, "written", &e))?;
        }
    }
    let fail = |e: &dyn std::fmt::Display| storage(path, "written", e);
    let mut temp = tempfile::Builder::new()
        .prefix(".config.")
        .suffix(".toml.tmp")
        .tempfile_in(dir)
        .map_err(|e| fail(&e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        temp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o600))
            .map_err(|e| fail(&e))?;
    }
    temp.write_all(text.as_bytes()).map_err(|e| fail(&e))?;
    temp.as_file().sync_all().map_err(|e| fail(&e))?;
    temp.persist(path).map_err(|e| fail(&e.error))?;
    Ok(())
}
