//! `frontdesk secrets set|delete|list`: vendor credentials into and out of the OS keychain.
//! Values come from stdin so they stay out of shell history and `ps`; nothing here ever prints
//! one. `list` says where each known secret comes from (the environment wins over the keychain).

use crate::cli::SecretsCommand;
use crate::exit::{ExitCode, Failure};
use crate::output;
use frontdesk_core::CoreError;
use frontdesk_core::config::secrets::{self as names, env_var_name};
use frontdesk_core::ports::SecretStore;
use frontdesk_store::KeychainSecrets;
use serde::Serialize;
use std::io::Read;

/// Every secret a vendor client reads, by the name it is stored under.
pub const KNOWN: [&str; 8] = [
    names::CXONE_CLIENT_SECRET,
    names::ZOOM_CLIENT_SECRET,
    names::NEXTECH_REFRESH_TOKEN,
    names::NEXHEALTH_API_KEY,
    names::WELLHIVE_PRIVATE_KEY,
    names::WEBHOOK_CXONE_SECRET,
    names::WEBHOOK_ZOOM_SECRET_TOKEN,
    names::WEBHOOK_NEXHEALTH_SECRET_KEY,
];

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Presence {
    name: &'static str,
    env_var: String,
    in_keychain: bool,
    in_environment: bool,
}

pub fn run(cmd: &SecretsCommand) -> Result<(), Failure> {
    match cmd {
        SecretsCommand::Set { name } => {
            let name = known(name)?;
            let value = read_value()?;
            KeychainSecrets.set(name, &value).map_err(keychain)?;
            output::line(&format!("stored {name} in the OS keychain"))
        }
        SecretsCommand::Delete { name } => {
            let name = known(name)?;
            KeychainSecrets.delete(name).map_err(keychain)?;
            output::line(&format!("deleted {name} from the OS keychain"))
        }
        SecretsCommand::List { json } => {
            let mut all = Vec::new();
            for name in KNOWN {
                let env_var = env_var_name(name);
                let in_environment = std::env::var_os(&env_var).is_some_and(|v| !v.is_empty());
                let in_keychain = KeychainSecrets.get(name).map_err(keychain)?.is_some();
                all.push(Presence {
                    name,
                    env_var,
                    in_keychain,
                    in_environment,
                });
            }
            if *json {
                return output::json(&all);
            }
            for p in &all {
                let source = match (p.in_environment, p.in_keychain) {
                    (true, true) => "environment (over keychain)",
                    (true, false) => "environment",
                    (false, true) => "keychain",
                    (false, false) => "missing",
                };
                output::line(&format!("{:<24} {source}", p.name))?;
            }
            Ok(())
        }
    }
}

fn known(name: &str) -> Result<&'static str, Failure> {
    KNOWN.into_iter().find(|k| *k == name).ok_or_else(|| {
        let mut f = Failure::new(ExitCode::BadInput, format!("unknown secret name `{name}`"));
        f.way_out = Some(format!("Use one of: {}.", KNOWN.join(", ")));
        f
    })
}

/// The whole of stdin (a PEM key spans lines), minus the newline the shell or `echo` added.
fn read_value() -> Result<String, Failure> {
    let mut value = String::new();
    std::io::stdin().read_to_string(&mut value).map_err(|e| {
        Failure::new(
            ExitCode::BadInput,
            format!("could not read the secret from stdin: {e}"),
        )
    })?;
    let trimmed = value.trim_end_matches(['\n', '\r']).to_owned();
    if trimmed.trim().is_empty() {
        return Err(Failure::new(
            ExitCode::BadInput,
            "no secret on stdin (pipe it in: `printf %s \"$SECRET\" | frontdesk secrets set NAME`)",
        ));
    }
    Ok(trimmed)
}

/// A keychain that cannot be used is a locked desk (exit 4), not a generic failure.
fn keychain(err: CoreError) -> Failure {
    let mut f = Failure::from(err);
    f.code = ExitCode::LockedOrAuth;
    f
}
