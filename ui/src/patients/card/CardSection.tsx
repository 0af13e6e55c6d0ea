// One section of the patient card: a heading, where its facts come from and how fresh they are,
// then the facts or a sentence saying there are none. Freshness is on every section because a
// receptionist offline at 13:10 must know what she is looking at is from 13:08.
import { useId } from "react";
import type { ReactNode } from "react";
import type { Vendor } from "../../api/backend";
import { useI18n } from "../../i18n/context";
import { formatDateTime } from "../../i18n/format";
import { VendorBadge } from "../VendorBadge";

export { oldest } from "../../time/zoned";

export interface CardSectionProps {
  /** Stable name for tests and end-to-end specs: data-testid="card-section-<name>". */
  name: string;
  title: string;
  /** The vendors the facts come from; empty for the desk's own merged record. */
  sources: readonly Vendor[];
  asOf: string | null;
  empty: boolean;
  emptyText: string;
  children?: ReactNode;
}

export function CardSection({ name, title, sources, asOf, empty, emptyText, children }: CardSectionProps) {
  const { t, locale } = useI18n();
  const headingId = useId();
  return (
    <section className="card-section" aria-labelledby={headingId} data-testid={`card-section-${name}`}>
      <header className="card-section__header">
        <h2 id={headingId}>{title}</h2>
        <p className="card-section__meta" data-testid="section-meta">
          {sources.length > 0 && (
            <span className="card-section__sources">
              {t("card.source")}{" "}
              {sources.map((vendor) => (
                <VendorBadge key={vendor} vendor={vendor} />
              ))}
            </span>
          )}
          <span>{asOf ? t("card.asOf", { time: formatDateTime(asOf, locale) }) : t("card.asOfUnknown")}</span>
        </p>
      </header>
      {empty ? <p className="card-section__empty">{emptyText}</p> : children}
    </section>
  );
}
