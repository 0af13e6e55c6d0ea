// One labelled input of a setup form: the label tied to it, a hint and an error read out with
// it (aria-describedby), and aria-invalid while it is wrong. The error sits beside the input
// that caused it, whether the form's own check or the backend's `invalid` named it.
import type { InputHTMLAttributes } from "react";

export interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "onChange"> {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  hint?: string;
  error?: string | undefined;
}

export function Field({ id, label, value, onValue, hint, error, ...rest }: FieldProps) {
  const described = [error ? `${id}-error` : "", hint ? `${id}-hint` : ""].filter(Boolean).join(" ");
  return (
    <div className="setup-form__field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        autoComplete="off"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={described || undefined}
        onChange={(event) => {
          onValue(event.target.value);
        }}
        {...rest}
      />
      {hint && (
        <span id={`${id}-hint`} className="setup-form__hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="setup-form__error" data-testid="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

/** A yes/no of a form, its label clickable. */
export function Check({ id, label, checked, onChecked }: { id: string; label: string; checked: boolean; onChecked: (on: boolean) => void }) {
  return (
    <div className="setup-form__check">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(event) => {
          onChecked(event.target.checked);
        }}
      />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}
