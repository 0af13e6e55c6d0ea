//! How the app was asked to start: command-line flags (which tauri-driver passes per test) and
//! their environment-variable twins (which the README's run command sets). Unknown arguments
//! are left alone: the platform and the WebDriver may add their own.

use std::path::PathBuf;

/// Which demo to open at start, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoMode {
    /// The demo practice with its vendors answering.
    Online,
    /// The demo practice with its vendors unreachable: the offline day.
    Offline,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LaunchOptions {
    pub demo: Option<DemoMode>,
    pub data_dir: Option<PathBuf>,
    /// The practice's config file; `None` leaves the lookup to `FRONTDESK_CONFIG`, then the OS
    /// config dir, exactly as the CLI does.
    pub config: Option<PathBuf>,
}

impl LaunchOptions {
    /// Reads `--demo`, `--demo=offline`, `--config FILE` and `--data-dir DIR` (or the `=` forms)
    /// from `args`,
    /// then `FRONTDESK_DEMO` (`1` or `offline`) and `FRONTDESK_DATA_DIR` where a flag is absent.
    #[must_use]
    pub fn parse(args: &[String], env: impl Fn(&str) -> Option<String>) -> Self {
        let mut options = Self::default();
        let mut iter = args.iter();
        while let Some(arg) = iter.next() {
            match arg.as_str() {
                "--demo" => options.demo = Some(DemoMode::Online),
                "--demo=offline" => options.demo = Some(DemoMode::Offline),
                "--data-dir" => options.data_dir = iter.next().map(PathBuf::from),
                "--config" => options.config = iter.next().map(PathBuf::from),
                other => {
                    if let Some(dir) = other.strip_prefix("--data-dir=") {
                        options.data_dir = Some(PathBuf::from(dir));
                    } else if let Some(file) = other.strip_prefix("--config=") {
                        options.config = Some(PathBuf::from(file));
                    }
                }
            }
        }
        if options.demo.is_none() {
            options.demo = match env("FRONTDESK_DEMO").as_deref() {
                Some("1") => Some(DemoMode::Online),
                Some("offline") => Some(DemoMode::Offline),
                _ => None,
            };
        }
        if options.data_dir.is_none() {
            options.data_dir = env("FRONTDESK_DATA_DIR")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from);
        }
        options
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn flags_win_over_the_environment_and_unknown_arguments_are_ignored() {
        let env = |name: &str| match name {
            "FRONTDESK_DEMO" => Some("1".to_owned()),
            "FRONTDESK_DATA_DIR" => Some("/env/dir".to_owned()),
            _ => None,
        };
        let parsed = LaunchOptions::parse(
            &args(&[
                "frontdesk-app",
                "--automation",
                "--demo=offline",
                "--data-dir",
                "/a",
            ]),
            env,
        );
        assert_eq!(parsed.demo, Some(DemoMode::Offline));
        assert_eq!(parsed.data_dir, Some(PathBuf::from("/a")));

        let from_env = LaunchOptions::parse(&args(&["frontdesk-app"]), env);
        assert_eq!(from_env.demo, Some(DemoMode::Online));
        assert_eq!(from_env.data_dir, Some(PathBuf::from("/env/dir")));

        let nothing = LaunchOptions::parse(
            &args(&["frontdesk-app", "--data-dir=/b", "--config", "/etc/fd.toml"]),
            |_| None,
        );
        assert_eq!(nothing.demo, None);
        assert_eq!(nothing.data_dir, Some(PathBuf::from("/b")));
        assert_eq!(nothing.config, Some(PathBuf::from("/etc/fd.toml")));
    }
}
