// What a video visit needs beyond the time: the visit type (the Zoom doc's list) and whether
// the patient consented to recording (off unless they did). The invitation's channels are not
// a choice: they are what the patient's communication preferences allow, shown so Rosa can
// tell the caller how the link will arrive.
import { useId } from "react";
import type { CommunicationPreferences, InviteChannel, TelehealthOptions } from "../api/backend";
import { useT } from "../i18n/context";
import { VISIT_TYPE_LABELS, VISIT_TYPES } from "./visitTypes";

export interface TelehealthFieldsProps {
  value: TelehealthOptions;
  onChange: (value: TelehealthOptions) => void;
  channels: readonly InviteChannel[];
}

/** The invitation channels the patient allows, SMS first (read soonest), as the backend sends. */
export function inviteChannels(prefs: CommunicationPreferences | null, details?: { phone?: string; email?: string | null }): InviteChannel[] {
  const out: InviteChannel[] = [];
  const sms = prefs ? prefs.allowSms : Boolean(details?.phone);
  const email = prefs ? prefs.allowEmail : Boolean(details?.email);
  if (sms) out.push("sms");
  if (email) out.push("email");
  return out;
}

export const DEFAULT_TELEHEALTH: TelehealthOptions = { visitType: "follow_up", minutes: null, recordingConsent: false };

export function TelehealthFields({ value, onChange, channels }: TelehealthFieldsProps) {
  const t = useT();
  const id = useId();
  return (
    <div className="booking-fields" data-testid="telehealth-fields">
      <span className="slot-finder__field">
        <label htmlFor={`${id}-type`}>{t("telehealth.visitType")}</label>
        <select
          id={`${id}-type`}
          data-testid="visit-type"
          value={value.visitType ?? "follow_up"}
          onChange={(e) => {
            onChange({ ...value, visitType: e.target.value });
          }}
        >
          {VISIT_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(VISIT_TYPE_LABELS[type])}
            </option>
          ))}
        </select>
      </span>
      <label className="slot-finder__choice">
        <input
          type="checkbox"
          data-testid="recording-consent"
          checked={value.recordingConsent}
          onChange={(e) => {
            onChange({ ...value, recordingConsent: e.target.checked });
          }}
        />
        {t("telehealth.recordingConsent")}
      </label>
      <p data-testid="invite-channels" data-channels={channels.join(",")}>
        {channels.length === 0
          ? t("telehealth.noChannel")
          : t("telehealth.inviteBy", {
              channels: channels.map((c) => (c === "sms" ? t("card.sms") : t("card.emailChannel"))).join(", "),
            })}
      </p>
    </div>
  );
}
