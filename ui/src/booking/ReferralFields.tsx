// The patient fields a referral's provider service requires that the desk does not have,
// asked for once the desk has checked which are missing (the doc's "prompt the user").
import { useId } from "react";
import type { PatientAttribute } from "../api/backend";
import { useT } from "../i18n/context";

export interface ReferralFieldsProps {
  missing: readonly string[];
  values: readonly PatientAttribute[];
  onChange: (values: PatientAttribute[]) => void;
}

/** "birthDate" or "address_line" as words a person reads. */
export function attributeLabel(name: string): string {
  const words = name
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function attributesComplete(missing: readonly string[], values: readonly PatientAttribute[]): boolean {
  return missing.every((name) => (values.find((v) => v.name === name)?.value ?? "").trim() !== "");
}

export function ReferralFields({ missing, values, onChange }: ReferralFieldsProps) {
  const t = useT();
  const id = useId();
  if (missing.length === 0) return null;
  const set = (name: string, value: string) => {
    onChange([...values.filter((v) => v.name !== name), { name, value }]);
  };
  return (
    <fieldset className="booking-fields booking-fields__attributes" data-testid="missing-attributes">
      <legend>{t("referralBooking.attributesNeeded")}</legend>
      {missing.map((name) => (
        <span key={name} className="slot-finder__field">
          <label htmlFor={`${id}-attr-${name}`}>{attributeLabel(name)}</label>
          <input
            id={`${id}-attr-${name}`}
            required
            data-testid="attribute-input"
            data-attribute={name}
            value={values.find((v) => v.name === name)?.value ?? ""}
            onChange={(e) => {
              set(name, e.target.value);
            }}
          />
        </span>
      ))}
    </fieldset>
  );
}
