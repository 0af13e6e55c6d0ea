//! Checks what the form sent, field by field, before anything is written: a bad value comes
//! back as `Invalid { field, message }` naming the config key, in words an IT admin can act on.
//! What passes is turned into the TOML values the file will hold.

use super::fields::{Field, Kind, fields, secret_is_typed};
use super::types::{PracticeForm, VendorUpdate};
use frontdesk_core::config::RateShare;
use frontdesk_core::{CoreError, Vendor};
use std::path::Path;

/// A checked value, ready to be written.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Text(String),
    Integer(i64),
    Float(f64),
    Integers(Vec<i64>),
}

/// One key's fate in the file: a value to write, or `None` to leave it out (its default).
pub(crate) type Write = (&'static str, Option<Value>);

fn invalid(field: &str, message: impl Into<String>) -> CoreError {
    CoreError::invalid(field, message)
}

/// The update's keys as they will be written, or the first field that is wrong.
pub(crate) fn check_update(update: &VendorUpdate) -> Result<Vec<Write>, CoreError> {
    let table = fields(update.vendor);
    if let Some(unknown) = update
        .values
        .keys()
        .find(|k| !table.iter().any(|f| f.key == k.as_str()))
    {
        return Err(invalid(
            unknown,
            format!("is not a setting of {}", update.vendor.display_name()),
        ));
    }
    let mut out = Vec::with_capacity(table.len());
    for field in table {
        let raw = update.values.get(field.key).map_or("", |v| v.trim());
        out.push((
            field.key,
            check_field(update.vendor, field, raw, update.enabled)?,
        ));
    }
    if update.vendor == Vendor::Nextech && update.enabled {
        let given = |key: &str| out.iter().any(|(k, v)| *k == key && v.is_some());
        let azure_urls = given("authorize_url") && given("token_url");
        if !(given("tenant_id") || azure_urls) {
            return Err(invalid(
                "tenant_id",
                "give the Azure AD tenant, or both the authorize and the token URL",
            ));
        }
    }
    check_secret(update)?;
    Ok(out)
}

fn check_field(
    vendor: Vendor,
    field: &Field,
    raw: &str,
    enabled: bool,
) -> Result<Option<Value>, CoreError> {
    let key = field.key;
    if raw.is_empty() {
        return if field.required && enabled {
            Err(invalid(
                key,
                format!("is required while {} is on", vendor.display_name()),
            ))
        } else {
            Ok(None)
        };
    }
    let value = match field.kind {
        Kind::Url => Value::Text(check_url(key, raw)?),
        Kind::Text => Value::Text(check_text(key, raw)?),
        Kind::Choice(options) => {
            let found = options
                .iter()
                .find(|o| o.eq_ignore_ascii_case(raw))
                .ok_or_else(|| invalid(key, format!("must be one of: {}", options.join(", "))))?;
            Value::Text((*found).to_owned())
        }
        Kind::PerMinute => Value::Integer(check_per_minute(key, raw)?),
        Kind::Share => {
            let share: f64 = raw
                .parse()
                .map_err(|_| invalid(key, "must be a number such as 0.5"))?;
            RateShare::new(share).map_err(|message| invalid(key, message))?;
            Value::Float(share)
        }
        Kind::LocationIds => Value::Integers(check_location_ids(key, raw)?),
        Kind::Path => {
            if !Path::new(raw).is_absolute() {
                return Err(invalid(
                    key,
                    "must be a full path, such as /etc/frontdesk/key.pem",
                ));
            }
            Value::Text(check_text(key, raw)?)
        }
    };
    Ok(Some(value))
}

fn check_url(key: &str, raw: &str) -> Result<String, CoreError> {
    let url = url::Url::parse(raw)
        .map_err(|_| invalid(key, "must be a full URL, such as https://api.example.com"))?;
    let loopback = matches!(url.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"));
    match url.scheme() {
        "https" => {}
        "http" if loopback => {}
        "http" => {
            return Err(invalid(
                key,
                "must use https:// (plain http is only for a sandbox on this computer)",
            ));
        }
        _ => return Err(invalid(key, "must be an https:// URL")),
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(invalid(key, "must name a host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        // A URL is written to the file in the clear: credentials belong in the keychain.
        return Err(invalid(key, "must not carry a user name or password"));
    }
    Ok(raw.to_owned())
}

fn check_text(key: &str, raw: &str) -> Result<String, CoreError> {
    if raw.chars().any(char::is_control) {
        return Err(invalid(key, "must be one line of text"));
    }
    if raw.chars().count() > 300 {
        return Err(invalid(key, "is too long (at most 300 characters)"));
    }
    Ok(raw.to_owned())
}

fn check_per_minute(key: &str, raw: &str) -> Result<i64, CoreError> {
    match raw.parse::<u32>() {
        Ok(n) if (1..=1_000_000).contains(&n) => Ok(i64::from(n)),
        _ => Err(invalid(
            key,
            "must be a whole number of requests per minute, at least 1",
        )),
    }
}

fn check_location_ids(key: &str, raw: &str) -> Result<Vec<i64>, CoreError> {
    let ids = raw
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse::<i64>().ok().filter(|n| *n > 0))
        .collect::<Option<Vec<_>>>()
        .ok_or_else(|| {
            invalid(
                key,
                "must be NexHealth location ids (whole numbers), separated by commas",
            )
        })?;
    if ids.is_empty() {
        return Err(invalid(key, "needs at least one NexHealth location id"));
    }
    Ok(ids)
}

fn check_secret(update: &VendorUpdate) -> Result<(), CoreError> {
    let Some(secret) = update
        .secret
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    else {
        return Ok(());
    };
    if !secret_is_typed(update.vendor) {
        return Err(invalid(
            "secret",
            "Nextech is signed in through the browser: use “Sign in with Nextech”",
        ));
    }
    if update.vendor == Vendor::Wellhive {
        if !(secret.starts_with("-----BEGIN") || secret.starts_with('{')) {
            return Err(invalid(
                "secret",
                "must be the private key as PEM (-----BEGIN …) or a JWK (JSON)",
            ));
        }
    } else if secret.chars().any(char::is_control) {
        return Err(invalid(
            "secret",
            "must be one line, as the vendor issued it",
        ));
    }
    Ok(())
}

/// The practice section's values, checked.
pub(crate) fn check_practice(form: &PracticeForm) -> Result<(String, Option<String>), CoreError> {
    let name = form.name.trim();
    if name.is_empty() {
        return Err(invalid(
            "name",
            "is required: the practice's name as staff know it",
        ));
    }
    let name = check_text("name", name)?;
    let zone = form.timezone.trim();
    if zone.is_empty() {
        return Ok((name, None));
    }
    zone.parse::<chrono_tz::Tz>().map_err(|_| {
        invalid(
            "timezone",
            "is not a known time zone: use an IANA name such as America/Chicago",
        )
    })?;
    Ok((name, Some(zone.to_owned())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn update(vendor: Vendor, enabled: bool, pairs: &[(&str, &str)]) -> VendorUpdate {
        VendorUpdate {
            vendor,
            enabled,
            values: pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect::<BTreeMap<_, _>>(),
            secret: None,
        }
    }

    fn field_of(result: Result<Vec<Write>, CoreError>) -> String {
        match result {
            Err(CoreError::Invalid { field, .. }) => field,
            other => panic!("expected an invalid field, got {other:?}"),
        }
    }

    const CXONE_OK: &[(&str, &str)] = &[
        ("client_id", "desk"),
        ("plan", "Professional"),
        ("rate_share", "0.25"),
        ("base_url", "https://api.cxone.com/healthcare/v1"),
    ];

    #[test]
    fn a_good_cxone_form_becomes_typed_values_and_blank_keys_fall_back_to_defaults() {
        let writes = check_update(&update(Vendor::Cxone, true, CXONE_OK)).unwrap();
        let get = |key: &str| writes.iter().find(|(k, _)| *k == key).unwrap().1.clone();
        assert_eq!(get("plan"), Some(Value::Text("professional".into())));
        assert_eq!(get("rate_share"), Some(Value::Float(0.25)));
        assert_eq!(get("token_url"), None, "blank: the file leaves it out");
    }

    #[test]
    fn each_bad_value_is_named_by_its_key() {
        type Case<'a> = (Vendor, &'a [(&'a str, &'a str)], &'a str);
        let cases: &[Case] = &[
            (Vendor::Cxone, &[("plan", "basic")], "client_id"),
            (
                Vendor::Cxone,
                &[("client_id", "d"), ("plan", "gold")],
                "plan",
            ),
            (
                Vendor::Cxone,
                &[("client_id", "d"), ("plan", "basic"), ("rate_share", "1.5")],
                "rate_share",
            ),
            (
                Vendor::Cxone,
                &[
                    ("client_id", "d"),
                    ("plan", "basic"),
                    ("rate_share", "half"),
                ],
                "rate_share",
            ),
            (
                Vendor::Cxone,
                &[
                    ("client_id", "d"),
                    ("plan", "basic"),
                    ("base_url", "http://cxone.example.com"),
                ],
                "base_url",
            ),
            (
                Vendor::Cxone,
                &[
                    ("client_id", "d"),
                    ("plan", "basic"),
                    ("token_url", "not a url"),
                ],
                "token_url",
            ),
            (
                Vendor::Cxone,
                &[("client_id", "d"), ("plan", "basic"), ("colour", "red")],
                "colour",
            ),
            (
                Vendor::Zoom,
                &[
                    ("account_id", "a"),
                    ("client_id", "c"),
                    ("per_minute", "-3"),
                ],
                "per_minute",
            ),
            (
                Vendor::Nexhealth,
                &[("subdomain", "s"), ("location_ids", "101, abc")],
                "location_ids",
            ),
            (Vendor::Nexhealth, &[("subdomain", "s")], "location_ids"),
            (
                Vendor::Nextech,
                &[
                    ("client_id", "c"),
                    ("resource", "r"),
                    ("practice_id", "p"),
                    ("token_url", "https://t"),
                ],
                "tenant_id",
            ),
            (
                Vendor::Wellhive,
                &[
                    ("base_url", "https://w"),
                    ("token_url", "https://t"),
                    ("client_id", "c"),
                    ("private_key_path", "key.pem"),
                ],
                "private_key_path",
            ),
            (
                Vendor::Zoom,
                &[("account_id", "a\nb"), ("client_id", "c")],
                "account_id",
            ),
        ];
        for (vendor, pairs, expected) in cases {
            assert_eq!(
                field_of(check_update(&update(*vendor, true, pairs))),
                *expected,
                "{vendor:?} {pairs:?}"
            );
        }
    }

    #[test]
    fn a_vendor_switched_off_needs_no_ids_but_its_values_must_still_be_well_formed() {
        assert!(check_update(&update(Vendor::Cxone, false, &[])).is_ok());
        assert_eq!(
            field_of(check_update(&update(
                Vendor::Cxone,
                false,
                &[("rate_share", "0")]
            ))),
            "rate_share"
        );
    }

    #[test]
    fn secrets_are_checked_for_shape_and_nextech_takes_none_from_the_form() {
        let mut nextech = update(
            Vendor::Nextech,
            true,
            &[
                ("tenant_id", "t"),
                ("client_id", "c"),
                ("resource", "r"),
                ("practice_id", "p"),
            ],
        );
        nextech.secret = Some("token".into());
        assert_eq!(field_of(check_update(&nextech)), "secret");
        let mut wellhive = update(
            Vendor::Wellhive,
            true,
            &[
                ("base_url", "https://w"),
                ("token_url", "https://t"),
                ("client_id", "c"),
            ],
        );
        wellhive.secret = Some("not a key".into());
        assert_eq!(field_of(check_update(&wellhive)), "secret");
        wellhive.secret =
            Some("-----BEGIN PRIVATE KEY-----\nMII\n-----END PRIVATE KEY-----".into());
        assert!(check_update(&wellhive).is_ok());
    }

    #[test]
    fn the_practice_needs_a_name_and_a_real_zone() {
        let form = |name: &str, timezone: &str| PracticeForm {
            name: name.into(),
            timezone: timezone.into(),
        };
        assert!(matches!(
            check_practice(&form(" ", "")),
            Err(CoreError::Invalid { field, .. }) if field == "name"
        ));
        assert!(matches!(
            check_practice(&form("Riverside", "Mars/Olympus")),
            Err(CoreError::Invalid { field, .. }) if field == "timezone"
        ));
        assert_eq!(
            check_practice(&form(" Riverside ", "America/Chicago")).unwrap(),
            ("Riverside".into(), Some("America/Chicago".into()))
        );
    }
}
