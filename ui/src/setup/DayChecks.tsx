// The seven days as checkboxes in a fieldset whose legend names what they are for; an error
// about the days is read with the group.
import { useT } from "../i18n/context";
import { DAYS } from "./rules";

export interface DayChecksProps {
  id: string;
  legend: string;
  days: readonly string[];
  onDays: (days: string[]) => void;
  error?: string | undefined;
}

export function DayChecks({ id, legend, days, onDays, error }: DayChecksProps) {
  const t = useT();
  return (
    <fieldset className="setup-form__days" aria-describedby={error ? `${id}-error` : undefined} data-testid={`${id}-days`}>
      <legend>{legend}</legend>
      {DAYS.map((day) => (
        <span key={day} className="setup-form__day">
          <input
            id={`${id}-${day}`}
            type="checkbox"
            value={day}
            checked={days.includes(day)}
            onChange={(event) => {
              onDays(event.target.checked ? DAYS.filter((d) => d === day || days.includes(d)) : days.filter((d) => d !== day));
            }}
          />
          <label htmlFor={`${id}-${day}`}>{t(`day.${day}`)}</label>
        </span>
      ))}
      {error && (
        <span id={`${id}-error`} className="setup-form__error" data-testid="field-error">
          {error}
        </span>
      )}
    </fieldset>
  );
}
