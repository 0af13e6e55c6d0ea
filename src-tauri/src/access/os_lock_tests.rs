//! The OS-lock listener on a private D-Bus daemon of its own (the one the end-to-end suite runs
//! under): the signals a desktop and logind send, sent for real, and what the desk makes of them.

use super::{Subscription, subscribe_session_bus, subscribe_system_bus};
use crate::access::session::LockReason;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use tokio::sync::mpsc::{UnboundedReceiver, unbounded_channel};
use zbus::Connection;
use zbus::zvariant::OwnedObjectPath;

/// A `dbus-daemon` for one test, stopped when dropped.
struct PrivateBus {
    daemon: Child,
    address: String,
}

impl PrivateBus {
    fn start() -> Self {
        let mut daemon = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address"])
            .stdout(Stdio::piped())
            .spawn()
            .expect("dbus-daemon is installed (the end-to-end suite needs it too)");
        let mut address = String::new();
        BufReader::new(daemon.stdout.take().expect("piped stdout"))
            .read_line(&mut address)
            .expect("dbus-daemon prints its address");
        let address = address.trim().to_owned();
        assert!(!address.is_empty(), "dbus-daemon printed no address");
        Self { daemon, address }
    }

    async fn connect(&self) -> Connection {
        zbus::connection::Builder::address(self.address.as_str())
            .expect("the daemon's address parses")
            .build()
            .await
            .expect("the private bus accepts a connection")
    }
}

impl Drop for PrivateBus {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}

/// Runs the subscription in the background, its locks sent down a channel.
fn listen(subscription: Subscription) -> UnboundedReceiver<LockReason> {
    let (tx, rx) = unbounded_channel();
    tokio::spawn(subscription.run(move |reason| {
        let _ = tx.send(reason);
    }));
    rx
}

/// The next lock is `reason`, and nothing sent before it locked too. A signal sent earlier on the
/// same connection reaches the listener first, so after a short wait any extra lock is queued.
async fn expect_only(locks: &mut UnboundedReceiver<LockReason>, reason: LockReason) {
    let got = tokio::time::timeout(Duration::from_secs(5), locks.recv())
        .await
        .expect("a lock was reported within 5 s");
    assert_eq!(got, Some(reason));
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        locks.try_recv().is_err(),
        "one signal that locks, one lock: nothing else sent locked the desk"
    );
}

async fn signal<B>(conn: &Connection, path: &str, interface: &str, member: &str, body: &B)
where
    B: serde::Serialize + zbus::zvariant::DynamicType,
{
    conn.emit_signal(None::<&str>, path, interface, member, body)
        .await
        .expect("the signal is sent");
}

#[tokio::test]
async fn the_screen_saver_turning_on_locks_and_turning_off_does_not() {
    let bus = PrivateBus::start();
    let listener = bus.connect().await;
    let mut locks = listen(subscribe_session_bus(&listener).await.expect("subscribed"));
    let desktop = bus.connect().await;

    let kde = (
        "/org/freedesktop/ScreenSaver",
        "org.freedesktop.ScreenSaver",
    );
    let gnome = ("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver");
    signal(&desktop, kde.0, kde.1, "ActiveChanged", &false).await;
    signal(&desktop, gnome.0, gnome.1, "ActiveChanged", &false).await;
    signal(
        &desktop,
        "/org/example/Other",
        "org.example.Other",
        "ActiveChanged",
        &true,
    )
    .await;
    signal(&desktop, kde.0, kde.1, "ActiveChanged", &true).await;
    expect_only(&mut locks, LockReason::OsLock).await;

    signal(&desktop, gnome.0, gnome.1, "ActiveChanged", &true).await;
    expect_only(&mut locks, LockReason::OsLock).await;
}

#[tokio::test]
async fn logind_locking_this_session_or_suspending_locks() {
    let bus = PrivateBus::start();
    let listener = bus.connect().await;
    let ours = OwnedObjectPath::try_from("/org/freedesktop/login1/session/_32").expect("path");
    let mut locks = listen(
        subscribe_system_bus(&listener, Some(&ours))
            .await
            .expect("subscribed"),
    );
    let logind = bus.connect().await;
    logind
        .request_name("org.freedesktop.login1")
        .await
        .expect("the private bus lets the test be logind");
    let impostor = bus.connect().await;

    let manager = ("/org/freedesktop/login1", "org.freedesktop.login1.Manager");
    let session = "org.freedesktop.login1.Session";
    signal(&logind, manager.0, manager.1, "PrepareForSleep", &false).await;
    signal(
        &logind,
        "/org/freedesktop/login1/session/_37",
        session,
        "Lock",
        &(),
    )
    .await;
    signal(&impostor, manager.0, manager.1, "PrepareForSleep", &true).await;
    signal(&impostor, ours.as_str(), session, "Lock", &()).await;
    signal(&logind, ours.as_str(), session, "Lock", &()).await;
    expect_only(&mut locks, LockReason::OsLock).await;

    signal(&logind, manager.0, manager.1, "PrepareForSleep", &true).await;
    expect_only(&mut locks, LockReason::Sleep).await;
}

#[tokio::test]
async fn without_a_known_session_only_suspend_is_heard() {
    let bus = PrivateBus::start();
    let listener = bus.connect().await;
    let mut locks = listen(
        subscribe_system_bus(&listener, None)
            .await
            .expect("subscribed"),
    );
    let logind = bus.connect().await;
    logind
        .request_name("org.freedesktop.login1")
        .await
        .expect("the private bus lets the test be logind");

    let session = "org.freedesktop.login1.Session";
    signal(
        &logind,
        "/org/freedesktop/login1/session/_32",
        session,
        "Lock",
        &(),
    )
    .await;
    let manager = ("/org/freedesktop/login1", "org.freedesktop.login1.Manager");
    signal(&logind, manager.0, manager.1, "PrepareForSleep", &true).await;
    expect_only(&mut locks, LockReason::Sleep).await;
}

#[tokio::test]
async fn a_bus_that_goes_away_ends_the_listener() {
    let bus = PrivateBus::start();
    let listener = bus.connect().await;
    let subscription = subscribe_session_bus(&listener).await.expect("subscribed");
    drop(bus);
    let ended = tokio::time::timeout(Duration::from_secs(5), subscription.run(|_| {})).await;
    assert!(
        ended.is_ok(),
        "the listener returns once its bus is gone, no retry loop"
    );
}
