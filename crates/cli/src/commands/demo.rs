//! `frontdesk demo`: the demo practice for evaluation and for scripts. The five vendors are the
//! sandbox on loopback; the config file pointing at them is written where the caller says; the
//! demo credentials go into the OS keychain exactly as `frontdesk secrets set` would put them
//! (and Nextech's refresh token through its real sign-in flow), so a later
//! `frontdesk sync --config FILE` in another shell needs nothing else. Serves until SIGINT or
//! SIGTERM; prints one JSON line once ready so a script can wait for it.

use crate::cli::{Cli, DemoArgs};
use crate::context;
use crate::exit::{ExitCode, Failure};
use crate::output;
use frontdesk_core::config::secrets as names;
use frontdesk_core::ports::SecretStore;
use frontdesk_desk::Clients;
use frontdesk_desk::demo::{DemoOptions, DemoPractice, sign_in_demo_nextech};
use frontdesk_store::KeychainSecrets;
use serde_json::json;
use std::path::Path;
use std::sync::Arc;

pub fn run(cli: &Cli, args: &DemoArgs) -> Result<(), Failure> {
    if args.patients == 0 {
        return Err(Failure::new(
            ExitCode::BadInput,
            "--patients must be at least 1",
        ));
    }
    let data_dir = context::data_dir(cli)?;
    let options = DemoOptions {
        seed: args.seed,
        patients: args.patients,
        dir: data_dir.join("demo"),
    };
    context::runtime()?.block_on(async {
        let mut demo = DemoPractice::start(&options).await?;
        let config_path = match &args.write_config {
            Some(file) => {
                copy_config(&demo.config.path, file)?;
                file.clone()
            }
            None => demo.config.path.clone(),
        };
        store_secrets(&demo, args.replace_secrets).await?;
        let info = demo.info();
        let ready = json!({
            "event": "ready",
            "config": config_path,
            "dataDir": data_dir,
            "secrets": "keychain",
            "seed": info.seed,
            "adminUrl": info.admin_url,
            "baseUrls": {
                "cxone": info.cxone.base_url,
                "zoom": info.zoom.base_url,
                "nextech": info.nextech.base_url,
                "nexhealth": info.nexhealth.base_url,
                "wellhive": info.wellhive.base_url,
            },
        });
        output::line(&ready.to_string())?;
        shutdown_signal().await?;
        demo.make_unreachable().await;
        Ok(())
    })
}

/// The demo's credentials into the keychain, then Nextech's sign-in (whose refresh token the
/// client itself writes to the same keychain).
///
/// The keychain's names are shared with a real practice's desk on the same account, so a secret
/// that is already there and is not the demo's is left alone unless `replace` says otherwise:
/// trying the demo must never wipe the credentials the front desk runs on.
async fn store_secrets(demo: &DemoPractice, replace: bool) -> Result<(), Failure> {
    let keychain: Arc<dyn SecretStore> = Arc::new(KeychainSecrets);
    let locked = |e| {
        let mut f = Failure::from(e);
        f.code = ExitCode::LockedOrAuth;
        f
    };
    let mut pairs = Vec::new();
    for name in [
        names::CXONE_CLIENT_SECRET,
        names::ZOOM_CLIENT_SECRET,
        names::NEXHEALTH_API_KEY,
    ] {
        if let Some(value) = demo.secrets.get(name)? {
            let held = keychain.get(name).map_err(locked)?;
            if !replace && held.as_ref().is_some_and(|h| h != &value) {
                let mut f = Failure::new(
                    ExitCode::BadInput,
                    format!("the OS keychain already holds another {name} (a real practice's?)"),
                );
                f.way_out = Some(
                    "Run the demo as another user, or pass --replace-secrets to overwrite them."
                        .to_owned(),
                );
                return Err(f);
            }
            pairs.push((name, value));
        }
    }
    for (name, value) in pairs {
        keychain.set(name, &value).map_err(locked)?;
    }
    let clients = Clients::build(&demo.config, &keychain)?;
    if let Some(nextech) = &clients.nextech {
        sign_in_demo_nextech(nextech).await?;
    }
    Ok(())
}

fn copy_config(from: &Path, to: &Path) -> Result<(), Failure> {
    let io = |e: std::io::Error| {
        Failure::new(
            ExitCode::BadInput,
            format!("cannot write the demo config to {}: {e}", to.display()),
        )
    };
    if let Some(parent) = to.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(io)?;
    }
    std::fs::copy(from, to).map(drop).map_err(io)
}

async fn shutdown_signal() -> Result<(), Failure> {
    let failed = |e: std::io::Error| {
        Failure::new(ExitCode::Other, format!("cannot listen for signals: {e}"))
    };
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut term = signal(SignalKind::terminate()).map_err(failed)?;
        tokio::select! {
            r = tokio::signal::ctrl_c() => r.map_err(failed),
            _ = term.recv() => Ok(()),
        }
    }
    #[cfg(not(unix))]
    {
        tokio::signal::ctrl_c().await.map_err(failed)
    }
}
