// The one search box (ARIA 1.2 combobox with a listbox popup): results as the receptionist
// types, arrows to pick, Enter to open the card, Escape to close. Every other outcome (nothing
// typed yet, no match, no practice, an error) is said in words in the same popup.
import { useId, useRef, useState } from "react";
import type { KeyboardEvent, ReactNode } from "react";
import { routeAllowed } from "../access/routes";
import { useCan } from "../access/session";
import { usePatientSearch } from "../api/queries";
import { goToNewPatient } from "../booking/bookingLink";
import { ErrorBanner } from "../errors/ErrorBanner";
import { useT } from "../i18n/context";
import { PatientSummaryLine } from "../patients/PatientSummaryLine";
import { navigateToPatient } from "../router/useRoute";
import { shortcutLabel, useFocusShortcut } from "./useFocusShortcut";
import { VendorSearchButton, VendorSearchOutcome, useVendorLookup } from "./GlobalSearchVendors";
import "./GlobalSearch.css";

export interface GlobalSearchProps {
  practiceConnected: boolean;
}

export function GlobalSearch({ practiceConnected }: GlobalSearchProps) {
  const t = useT();
  const inputRef = useRef<HTMLInputElement>(null);
  const listboxId = useId();
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  useFocusShortcut(inputRef);
  const canBook = routeAllowed("book", useCan());

  const search = usePatientSearch(query, practiceConnected);
  // With no match in the cache, the receptionist may ask the vendors; their answer (kept in the
  // cache) fills the same list until the cache's own search catches up.
  const lookup = useVendorLookup(query, 20);
  const fromVendors = search.kind === "noMatch" ? (lookup.result?.patients ?? []) : [];
  const patients = search.kind === "results" ? search.patients : fromVendors;
  const expanded = open;
  // The highlighted row survives new results only while it still exists.
  const activeIndex = active < patients.length ? active : -1;
  const optionId = (index: number) => `${listboxId}-option-${index}`;

  const openCard = (id: string) => {
    setOpen(false);
    setQuery("");
    setActive(-1);
    navigateToPatient(id);
  };

  const newPatient = (typed: string) => {
    setOpen(false);
    setQuery("");
    setActive(-1);
    goToNewPatient(typed);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case "Escape":
        // Closes the popup first and clears the box on a second press (ARIA combobox pattern).
        event.preventDefault();
        if (expanded) setOpen(false);
        else setQuery("");
        setActive(-1);
        break;
      case "ArrowDown":
        event.preventDefault();
        setOpen(true);
        if (patients.length > 0) setActive((activeIndex + 1) % patients.length);
        break;
      case "ArrowUp":
        event.preventDefault();
        setOpen(true);
        if (patients.length > 0) setActive(activeIndex <= 0 ? patients.length - 1 : activeIndex - 1);
        break;
      case "Enter": {
        // With nothing highlighted, Enter opens a result only when it is the only one: a wrong
        // patient's card is worse than one more key press.
        const chosen = patients[activeIndex] ?? (patients.length === 1 ? patients[0] : undefined);
        if (expanded && chosen) {
          event.preventDefault();
          openCard(chosen.id);
        } else if (expanded && search.kind === "noMatch" && patients.length === 0 && lookup.offered) {
          // No match in the cache: Enter asks the vendors, as the button below says.
          event.preventDefault();
          lookup.run();
        }
        break;
      }
      default:
        break;
    }
  };

  let message: ReactNode = null;
  switch (search.kind) {
    case "idle":
      message = <p className="global-search__message">{t("search.empty")}</p>;
      break;
    case "unavailable":
      message = <p className="global-search__message">{t("search.noPractice")}</p>;
      break;
    case "loading":
      message = <p className="global-search__message">{t("search.searching")}</p>;
      break;
    case "noMatch":
      message = (
        <div className="global-search__message" data-testid="search-no-match">
          {!lookup.result && <p>{t("search.noMatch", { query: search.query })}</p>}
          <VendorSearchButton lookup={lookup} noteId={`${listboxId}-vendors-note`} testId="search-vendors" />
          {lookup.result && <VendorSearchOutcome query={search.query} result={lookup.result} />}
          {lookup.error && <ErrorBanner error={lookup.error} onRetry={lookup.run} />}
          {/* New patients are added where they are booked: the Book page's form, names filled in. */}
          {canBook && fromVendors.length === 0 && (
            <p>
              <button
                type="button"
                className="button"
                data-testid="search-new-patient"
                aria-describedby={`${listboxId}-new-note`}
                onClick={() => {
                  newPatient(search.query);
                }}
              >
                {t("search.newPatient")}
              </button>{" "}
              <span id={`${listboxId}-new-note`}>{t("search.newPatientNote")}</span>
            </p>
          )}
        </div>
      );
      break;
    case "error":
      message = <ErrorBanner error={search.error} />;
      break;
    case "results":
      // The vendors' answer stays said while the cache's search shows what they returned.
      if (lookup.result) {
        message = (
          <div className="global-search__message">
            <VendorSearchOutcome query={search.query} result={lookup.result} />
          </div>
        );
      }
      break;
  }

  return (
    <div
      className="global-search"
      onBlur={(event) => {
        // Closes only when focus leaves the box and its popup: Tab reaches the popup's buttons.
        if (!(event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget))) {
          setOpen(false);
        }
      }}
    >
      <label htmlFor={`${listboxId}-input`} className="visually-hidden">
        {t("search.label")}
      </label>
      <input
        ref={inputRef}
        id={`${listboxId}-input`}
        type="search"
        role="combobox"
        className="global-search__input"
        data-testid="global-search"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listboxId}
        aria-activedescendant={activeIndex >= 0 ? optionId(activeIndex) : undefined}
        aria-keyshortcuts="Control+K Meta+K"
        placeholder={t("search.placeholder", { shortcut: shortcutLabel() })}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onFocus={() => {
          setOpen(true);
        }}
      />
      <div
        className="global-search__popup"
        data-testid="search-popup"
        hidden={!expanded}
        // A click inside the popup must not blur the box (which would close the popup).
        onMouseDown={(event) => {
          event.preventDefault();
        }}
      >
        <ul id={listboxId} role="listbox" aria-label={t("search.results")} className="global-search__list">
          {patients.map((patient, index) => (
            <li
              key={patient.id}
              id={optionId(index)}
              role="option"
              aria-selected={index === activeIndex}
              className="global-search__option"
              data-testid="search-result"
              data-patient-id={patient.id}
              // mousedown, not click: the input would blur (and close the popup) first.
              onMouseDown={(event) => {
                event.preventDefault();
                openCard(patient.id);
              }}
            >
              <PatientSummaryLine patient={patient} />
            </li>
          ))}
        </ul>
        {/* Polite, so the outcome is read out without taking the caret from the box. */}
        <div role="status" className="global-search__status">
          {message}
        </div>
      </div>
    </div>
  );
}
