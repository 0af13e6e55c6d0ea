// Which component renders which page. Issue 7's real screens replace entries here; nothing
// else in the shell needs to change.
import type { ComponentType } from "react";
import type { Route } from "../router/routes";
import { BookScreen } from "./BookScreen";
import { PatientsScreen } from "./PatientsScreen";
import { SettingsScreen } from "./SettingsScreen";
import { TodayScreen } from "./TodayScreen";

export const SCREENS: Record<Route, ComponentType> = {
  today: TodayScreen,
  patients: PatientsScreen,
  book: BookScreen,
  settings: SettingsScreen,
};
