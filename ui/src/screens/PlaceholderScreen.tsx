// Book until its real screen arrives (issue 7): the page heading, and an
// honest sentence instead of an empty or invented page.
import type { ReactNode } from "react";
import { useAppInfo } from "../api/queries";
import { useT } from "../i18n/context";
import { NoPracticeNotice } from "./NoPracticeNotice";
import { Page } from "./Page";

export interface PlaceholderScreenProps {
  title: string;
  /** Extra guidance shown when a practice is connected. */
  hint?: ReactNode;
}

export function PlaceholderScreen({ title, hint }: PlaceholderScreenProps) {
  const t = useT();
  const info = useAppInfo();
  // While loading or failed, the shell shows its own state; say nothing that may be untrue.
  if (!info.data) return <Page title={title} />;
  if (info.data.practiceName === null) {
    return (
      <Page title={title}>
        <NoPracticeNotice />
      </Page>
    );
  }
  return (
    <Page title={title}>
      <p className="notice">{t("screen.notYetAvailable")}</p>
      {hint}
    </Page>
  );
}
