// The one search box (ARIA 1.2 combobox with a listbox popup). Until the backend can search
// patients, the popup says honestly why there are no results instead of showing made-up ones.
import { useId, useRef, useState } from "react";
import type { KeyboardEvent } from "react";
import { usePatientSearch } from "../api/queries";
import { useT } from "../i18n/context";
import { shortcutLabel, useFocusShortcut } from "./useFocusShortcut";
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
  useFocusShortcut(inputRef);

  const search = usePatientSearch(query, practiceConnected);
  const expanded = open && search.kind !== "idle";
  const message =
    search.kind === "unavailable"
      ? t(search.reason === "noPractice" ? "search.noPractice" : "search.notYetAvailable")
      : "";

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // Escape closes the popup first and clears the box on a second press (ARIA combobox pattern).
    if (event.key === "Escape") {
      if (expanded) setOpen(false);
      else setQuery("");
    } else if (event.key === "ArrowDown") {
      setOpen(true);
    }
  };

  return (
    <div className="global-search">
      <label htmlFor={`${listboxId}-input`} className="visually-hidden">
        {t("search.label")}
      </label>
      <input
        ref={inputRef}
        id={`${listboxId}-input`}
        type="search"
        role="combobox"
        className="global-search__input"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listboxId}
        aria-keyshortcuts="Control+K Meta+K"
        placeholder={t("search.placeholder", { shortcut: shortcutLabel() })}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          setOpen(false);
        }}
        onFocus={() => {
          setOpen(true);
        }}
      />
      <ul id={listboxId} role="listbox" aria-label={t("search.results")} className="global-search__popup" hidden={!expanded}>
        {message && (
          <li role="option" aria-disabled="true" aria-selected="false" className="global-search__message">
            {message}
          </li>
        )}
      </ul>
    </div>
  );
}
