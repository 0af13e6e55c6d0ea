// The rule every practice screen shares: with no practice connected, say so and point to
// Settings; while the desk's facts load (or failed, and the shell's banner explains), claim
// nothing; otherwise show the screen.
import type { ReactNode } from "react";
import { useAppInfo } from "../api/queries";
import { NoPracticeNotice } from "./NoPracticeNotice";
import { Page } from "./Page";

export function PracticeGate({ title, children }: { title: string; children: ReactNode }) {
  const info = useAppInfo();
  if (!info.data) return <Page title={title} />;
  if (info.data.practiceName === null) {
    return (
      <Page title={title}>
        <NoPracticeNotice />
      </Page>
    );
  }
  return children;
}
