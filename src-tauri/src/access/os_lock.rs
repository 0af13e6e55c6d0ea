//! Locks the desk when the OS says the person left it. Tauri reports neither the OS screen lock
//! nor sleep, but on Linux the desktop announces both over D-Bus: the screen saver's
//! `ActiveChanged(true)` on the session bus (KDE and others as `org.freedesktop.ScreenSaver`,
//! GNOME as `org.gnome.ScreenSaver`), and on the system bus logind's `Lock` for this app's own
//! session (`loginctl lock-session`, a lid policy) and `PrepareForSleep(true)` just before a
//! suspend, which beats the clock-drift check in `watch.rs` to it. Each is heard through a
//! match rule and locks the session the way the idle watcher does (`super::lock`), so the
//! window drops what it showed and the audit log says why. A bus that is not there (no system
//! bus in a container, no session bus on a bare X server) is noted once and left alone: the
//! idle and sleep watchers still stand.
//!
//! The listening takes a connection and a callback, so the tests drive it on a private bus.

use super::session::LockReason;
use crate::state::AppState;
use futures::StreamExt;
use futures::stream::SelectAll;
use std::time::Duration;
use tauri::{AppHandle, Manager};
use zbus::message::{Message, Type};
use zbus::zvariant::OwnedObjectPath;
use zbus::{Connection, MatchRule, MessageStream};

const SCREEN_SAVERS: [&str; 2] = ["org.freedesktop.ScreenSaver", "org.gnome.ScreenSaver"];
const LOGIND: &str = "org.freedesktop.login1";
const LOGIND_PATH: &str = "/org/freedesktop/login1";
const LOGIND_MANAGER: &str = "org.freedesktop.login1.Manager";
const LOGIND_SESSION: &str = "org.freedesktop.login1.Session";
/// A bus that does not answer within this is treated as missing, not waited on.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// The signals one bus was asked for, heard as one stream.
#[derive(Debug)]
pub struct Subscription {
    streams: SelectAll<MessageStream>,
}

impl Subscription {
    /// Calls `on_lock` for every signal that means the desk must lock, until the bus goes away.
    pub async fn run(mut self, mut on_lock: impl FnMut(LockReason)) {
        while let Some(message) = self.streams.next().await {
            if let Some(reason) = message.ok().as_ref().and_then(lock_reason) {
                on_lock(reason);
            }
        }
    }
}

fn signal_rule<'m>(
    sender: Option<&'m str>,
    path: Option<&'m str>,
    interface: &'m str,
    member: &'m str,
) -> zbus::Result<MatchRule<'m>> {
    let mut rule = MatchRule::builder()
        .msg_type(Type::Signal)
        .interface(interface)?
        .member(member)?;
    if let Some(sender) = sender {
        rule = rule.sender(sender)?;
    }
    if let Some(path) = path {
        rule = rule.path(path)?;
    }
    Ok(rule.build())
}

/// Subscribes to the screen savers' `ActiveChanged`, from any sender: whichever desktop runs
/// owns the name, and a lock nobody asked for costs a PIN, not data.
pub async fn subscribe_session_bus(conn: &Connection) -> zbus::Result<Subscription> {
    let mut streams = SelectAll::new();
    for interface in SCREEN_SAVERS {
        let rule = signal_rule(None, None, interface, "ActiveChanged")?;
        streams.push(MessageStream::for_match_rule(rule, conn, None).await?);
    }
    Ok(Subscription { streams })
}

/// Subscribes to logind's `PrepareForSleep` and, when this app's session is known, to that
/// session's `Lock` (another seat's lock is not ours).
pub async fn subscribe_system_bus(
    conn: &Connection,
    session: Option<&OwnedObjectPath>,
) -> zbus::Result<Subscription> {
    let mut streams = SelectAll::new();
    let sleep = signal_rule(
        Some(LOGIND),
        Some(LOGIND_PATH),
        LOGIND_MANAGER,
        "PrepareForSleep",
    )?;
    streams.push(MessageStream::for_match_rule(sleep, conn, None).await?);
    if let Some(session) = session {
        let lock = signal_rule(Some(LOGIND), Some(session.as_str()), LOGIND_SESSION, "Lock")?;
        streams.push(MessageStream::for_match_rule(lock, conn, None).await?);
    }
    Ok(Subscription { streams })
}

/// Why `message` locks the desk, if it does: a screen saver turning on, logind locking the
/// session, or logind about to suspend (`false` is the screen saver going off or the wake-up).
fn lock_reason(message: &Message) -> Option<LockReason> {
    let header = message.header();
    let interface = header.interface()?.as_str();
    let member = header.member()?.as_str();
    let turned_on = || message.body().deserialize::<bool>().unwrap_or(false);
    match (interface, member) {
        (i, "ActiveChanged") if SCREEN_SAVERS.contains(&i) && turned_on() => {
            Some(LockReason::OsLock)
        }
        (LOGIND_SESSION, "Lock") => Some(LockReason::OsLock),
        (LOGIND_MANAGER, "PrepareForSleep") if turned_on() => Some(LockReason::Sleep),
        _ => None,
    }
}

/// This process's logind session: the one it runs in, else (an app started by a user service,
/// as GNOME does) the user's display session, which is the screen this window is on.
async fn own_session(conn: &Connection) -> Option<OwnedObjectPath> {
    let by_pid = conn
        .call_method(
            Some(LOGIND),
            LOGIND_PATH,
            Some(LOGIND_MANAGER),
            "GetSessionByPID",
            &(std::process::id(),),
        )
        .await;
    let reply = match by_pid {
        Ok(reply) => reply,
        Err(_) => conn
            .call_method(
                Some(LOGIND),
                LOGIND_PATH,
                Some(LOGIND_MANAGER),
                "GetSession",
                &("auto",),
            )
            .await
            .ok()?,
    };
    reply.body().deserialize::<OwnedObjectPath>().ok()
}

#[derive(Debug, Clone, Copy)]
enum Bus {
    Session,
    System,
}

impl Bus {
    fn key(self) -> &'static str {
        match self {
            Bus::Session => "session",
            Bus::System => "system",
        }
    }

    async fn connect(self) -> zbus::Result<Connection> {
        let connect = async {
            match self {
                Bus::Session => Connection::session().await,
                Bus::System => Connection::system().await,
            }
        };
        tokio::time::timeout(CONNECT_TIMEOUT, connect)
            .await
            .unwrap_or_else(|_| Err(zbus::Error::Failure("timed out".into())))
    }

    async fn subscribe(self, conn: &Connection) -> zbus::Result<Subscription> {
        match self {
            Bus::Session => subscribe_session_bus(conn).await,
            Bus::System => subscribe_system_bus(conn, own_session(conn).await.as_ref()).await,
        }
    }
}

/// Listens on one bus for the app's life; a bus missing or gone is logged once, never retried.
async fn watch(app: AppHandle, bus: Bus) {
    let subscription = match bus.connect().await {
        Ok(conn) => bus.subscribe(&conn).await.map(|s| (conn, s)),
        Err(error) => Err(error),
    };
    let (_conn, subscription) = match subscription {
        Ok(pair) => pair,
        Err(error) => {
            tracing::info!(bus = bus.key(), %error, "os_lock_bus_unavailable");
            return;
        }
    };
    subscription
        .run(|reason| super::lock(Some(&app), &app.state::<AppState>(), reason))
        .await;
    tracing::info!(bus = bus.key(), "os_lock_bus_closed");
}

/// Starts listening on the session and the system bus.
pub fn spawn(app: AppHandle) {
    tauri::async_runtime::spawn(watch(app.clone(), Bus::Session));
    tauri::async_runtime::spawn(watch(app, Bus::System));
}

#[cfg(test)]
#[path = "os_lock_tests.rs"]
mod tests;
