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
  /** The provider's open window: a visit of any length up to it can be booked in it. */
  windowMinutes: number;
}

const LENGTHS = [10, 15, 20, 30, 45, 60, 90];

/** The visit lengths a window allows, the window itself included when it is not a usual one. */
export function visitLengths(windowMinutes: number): number[] {
  const fit = LENGTHS.filter((m) => m <= windowMinutes);
  return fit.includes(windowMinutes) || windowMinutes > 90 ? fit : [...fit, windowMinutes];
}

/** Thirty minutes (Zoom's usual visit) when the window allows, else the whole window. */
export function defaultLength(windowMinutes: number): number {
  return Math.min(30, windowMinutes);
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

export function defaultTelehealth(windowMinutes: number): TelehealthOptions {
  return { visitType: "follow_up", minutes: defaultLength(windowMinutes), recordingConsent: false };
}

export function TelehealthFields({ value, onChange, channels, windowMinutes }: TelehealthFieldsProps) {
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
      <span className="slot-finder__field">
        <label htmlFor={`${id}-minutes`}>{t("telehealth.length")}</label>
        <select
          id={`${id}-minutes`}
          data-testid="visit-minutes"
          value={value.minutes ?? defaultLength(windowMinutes)}
          onChange={(e) => {
            onChange({ ...value, minutes: Number(e.target.value) });
          }}
        >
          {visitLengths(windowMinutes).map((m) => (
            <option key={m} value={m}>
              {t("telehealth.minutes", { minutes: m })}
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
