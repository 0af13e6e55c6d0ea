// One line per vendor asked: how many times it offered, or that it was slow or failing. Shown
// beside the results, never instead of them: a caller can still be offered what did answer.
import type { VendorOutcome } from "../api/backend";
import { VENDOR_NAMES } from "../api/vendors";
import { useT } from "../i18n/context";

export function VendorOutcomes({ outcomes }: { outcomes: readonly VendorOutcome[] }) {
  const t = useT();
  if (outcomes.length === 0) return null;
  return (
    <ul className="vendor-outcomes" aria-label={t("finder.outcomes")} data-testid="vendor-outcomes">
      {outcomes.map((outcome) => {
        const vendor = VENDOR_NAMES[outcome.vendor];
        const state = outcome.state;
        let text: string;
        let tone: "ok" | "danger" | "pending";
        switch (state.state) {
          case "ok":
            text = state.slots === 1 ? t("finder.outcomeOkOne", { vendor }) : t("finder.outcomeOk", { vendor, count: state.slots });
            tone = "ok";
            break;
          case "timedOut":
            text = t("finder.outcomeTimedOut", { vendor, secs: Math.round(state.afterMs / 1000) });
            tone = "pending";
            break;
          case "failed":
            text =
              state.kind === "offline"
                ? t("finder.outcomeOffline", { vendor })
                : t("finder.outcomeFailed", { vendor, message: state.message.replace(/[.]+$/, "") });
            tone = "danger";
            break;
        }
        return (
          <li
            key={`${outcome.vendor}-${outcome.mode}`}
            className={`vendor-outcome status-badge status-badge--${tone}`}
            data-testid="vendor-outcome"
            data-vendor={outcome.vendor}
            data-state={state.state}
          >
            {text}
          </li>
        );
      })}
    </ul>
  );
}
