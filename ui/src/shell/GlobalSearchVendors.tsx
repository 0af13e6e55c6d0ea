// "Search the vendors": the desk's cache keeps only patients seen lately, so when it has no
// match the receptionist can ask the connected systems that offer a patient search. Shared by
// the header's search box and the Patients page: the action, and what came of it in words (how
// many were found, and one sentence per system that could not be asked or did not answer).
import type { AppError, LookupOutcome, VendorSearchResults } from "../api/backend";
import { toAppError } from "../api/errors";
import { useVendorPatientSearch } from "../api/queries";
import { VENDOR_NAMES } from "../api/vendors";
import { useCan } from "../access/session";
import { useT } from "../i18n/context";
import type { Translate } from "../i18n/types";

export interface VendorLookup {
  /** Whether the signed-in role may ask the vendors. */
  allowed: boolean;
  /** Whether asking (again) makes sense: not asked yet for this query, or nobody answered. */
  offered: boolean;
  /** Asks the vendors for what is typed now. */
  run: () => void;
  pending: boolean;
  /** The answer for what is typed now (none once the query changes). */
  result: VendorSearchResults | undefined;
  error: AppError | undefined;
}

/** The vendor search for `query`, forgotten as soon as the query changes. */
export function useVendorLookup(query: string, limit: number): VendorLookup {
  const mutation = useVendorPatientSearch(limit);
  const allowed = useCan()("search_vendor_patients");
  const typed = query.trim();
  const current = mutation.variables === typed;
  const result = current ? mutation.data : undefined;
  const answered = result?.outcomes.some((o) => o.state.state === "ok") ?? false;
  return {
    allowed,
    offered: allowed && (!result || (result.outcomes.length > 0 && !answered)),
    run: () => {
      if (typed !== "" && !mutation.isPending) mutation.mutate(typed);
    },
    pending: current && mutation.isPending,
    result,
    error: current && mutation.error ? toAppError(mutation.error) : undefined,
  };
}

export interface VendorSearchButtonProps {
  lookup: VendorLookup;
  noteId: string;
  testId: string;
}

/** The action, with a note saying why it exists; nothing for a role that may not use it. */
export function VendorSearchButton({ lookup, noteId, testId }: VendorSearchButtonProps) {
  const t = useT();
  if (!lookup.offered) return null;
  return (
    <p>
      <button
        type="button"
        className="button"
        data-testid={testId}
        aria-describedby={noteId}
        disabled={lookup.pending}
        onClick={lookup.run}
      >
        {lookup.pending ? t("search.vendorsSearching") : t("search.vendorsAction")}
      </button>{" "}
      <span id={noteId} className="muted">
        {t("search.vendorsNote")}
      </span>
    </p>
  );
}

function sentence(outcome: LookupOutcome, t: Translate): string | null {
  const vendor = VENDOR_NAMES[outcome.vendor];
  const state = outcome.state;
  switch (state.state) {
    case "ok":
      return null;
    case "cannotSearch":
      return t("search.vendorCannotSearch", { vendor });
    case "unreachable":
      return state.kind === "offline"
        ? t("search.vendorOffline", { vendor })
        : t("search.vendorUnavailable", { vendor });
    case "failed":
      return t("search.vendorFailed", { vendor, message: state.message.replace(/[.]+$/, "") });
  }
}

/** What the vendors' answer came to: a count, then a sentence per system that did not answer. */
export function VendorSearchOutcome({ query, result }: { query: string; result: VendorSearchResults }) {
  const t = useT();
  const found = result.fromVendors.length;
  let summary: string;
  if (result.outcomes.length === 0) summary = t("search.vendorsNoneConnected");
  else if (!result.outcomes.some((o) => o.state.state === "ok")) summary = t("search.vendorsNoAnswer");
  else if (found === 0) summary = t("search.vendorsNone", { query });
  else if (found === 1) summary = t("search.vendorsFoundOne");
  else summary = t("search.vendorsFound", { count: found });
  const problems = result.outcomes.flatMap((o) => {
    const text = sentence(o, t);
    return text === null ? [] : [{ vendor: o.vendor, state: o.state.state, text }];
  });
  return (
    <div data-testid="vendor-search-outcome">
      <p>{summary}</p>
      {problems.length > 0 && (
        <ul aria-label={t("search.vendorsOutcomes")} className="vendor-search-outcomes">
          {problems.map((p) => (
            <li key={p.vendor} data-testid="vendor-search-problem" data-vendor={p.vendor} data-state={p.state}>
              {p.text}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
