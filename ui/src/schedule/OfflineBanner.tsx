// The board's warning when vendors cannot be reached: what is shown is the cache as of a time,
// and booking waits. One banner when everything is down (the internet is out), one per vendor
// when only some are, so Rosa knows which part of the day may be stale.
import type { VendorStatus } from "../api/backend";
import { ErrorBanner } from "../errors/ErrorBanner";
import { oldest } from "../time/zoned";

export function OfflineBanner({ statuses }: { statuses: readonly VendorStatus[] }) {
  const configured = statuses.filter((s) => s.state !== "notConfigured");
  const offline = configured.filter((s) => s.state === "offline");
  if (offline.length === 0) return null;
  const allDown = offline.length === configured.length && offline.length > 1;
  return (
    <div data-testid="offline-banner" className="offline-banner">
      {allDown ? (
        <ErrorBanner
          error={{
            kind: "offline",
            vendor: null,
            asOf: oldest(offline.map((s) => s.asOf).filter((a): a is string => a !== null)),
          }}
        />
      ) : (
        offline.map((s) => (
          <ErrorBanner key={s.vendor} error={{ kind: "offline", vendor: s.vendor, asOf: s.asOf }} />
        ))
      )}
    </div>
  );
}
