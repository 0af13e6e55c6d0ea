// Who is at the desk and the three ways to leave it: lock (Ctrl+L), let someone else sign in
// (one action at a shared desk), or sign out.
import { useT } from "../i18n/context";
import { RoleName } from "./RoleName";
import { useSession } from "./session";

export function UserMenu() {
  const t = useT();
  const session = useSession();
  const user = session?.status.user;
  if (!session || !user) return null;
  return (
    <section className="user-menu" aria-label={t("access.menu.label")} data-testid="user-menu">
      <p className="user-menu__who">
        <span data-testid="session-user" data-username={user.username}>
          {user.displayName}
        </span>
        <span className="muted">
          <RoleName role={user.role} />
        </span>
      </p>
      <button type="button" className="button" data-testid="lock-button" onClick={session.lock} title="Ctrl+L">
        {t("access.lock")}
      </button>
      <button type="button" className="button" data-testid="switch-user-button" onClick={session.switchUser}>
        {t("access.switchUser")}
      </button>
      <button type="button" className="button button--link" data-testid="sign-out-button" onClick={session.signOut}>
        {t("access.signOut")}
      </button>
    </section>
  );
}
