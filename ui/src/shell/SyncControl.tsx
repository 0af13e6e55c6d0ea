// "Sync now" and the progress of the running pass, beside the vendor chips: a receptionist sees
// that fresh data is on its way and can ask for it without waiting for the next interval.
import { useEffect, useState } from "react";
import { onSyncProgressed, syncNow } from "../api/backend";
import type { AppError, SyncEvent, Vendor } from "../api/backend";
import { toAppError } from "../api/errors";
import { VENDOR_NAMES } from "../api/vendors";
import { ErrorBanner } from "../errors/ErrorBanner";
import { useT } from "../i18n/context";

export function SyncControl() {
  const t = useT();
  const [running, setRunning] = useState<ReadonlyMap<Vendor, SyncEvent>>(new Map());
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    let stop: (() => void) | undefined;
    let cancelled = false;
    // Promise.resolve: a subscription that failed to start must not take the header down.
    void Promise.resolve(
      onSyncProgressed((event) => {
        setRunning((old) => {
          const next = new Map(old);
          if (event.phase === "finished") next.delete(event.vendor);
          else next.set(event.vendor, event);
          return next;
        });
      }),
    ).then((unlisten) => {
      if (cancelled) unlisten();
      else stop = unlisten;
    });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, []);

  const vendors = [...running.keys()].map((v) => VENDOR_NAMES[v]).join(", ");
  return (
    <div className="sync-control">
      {running.size > 0 && (
        <progress className="sync-control__bar" aria-label={t("sync.progress", { vendors })} data-testid="sync-progress" />
      )}
      <button
        type="button"
        onClick={() => {
          setError(null);
          syncNow().catch((failure: unknown) => {
            setError(toAppError(failure));
          });
        }}
        data-testid="sync-now"
      >
        {t("sync.now")}
      </button>
      {error && <ErrorBanner error={error} />}
    </div>
  );
}
