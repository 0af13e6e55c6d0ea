// Which component renders which page; nothing else in the shell needs to change when one is
// added. Patients also renders a patient's card when the address names one.
import type { ComponentType } from "react";
import type { Route } from "../router/routes";
import { AuditScreen } from "./AuditScreen";
import { BookScreen } from "./BookScreen";
import { MyDayScreen } from "./MyDayScreen";
import { PatientsScreen } from "./PatientsScreen";
import { PracticeSetupScreen } from "../setup/PracticeSetupScreen";
import { SettingsScreen } from "./SettingsScreen";
import { StaffScreen } from "./StaffScreen";
import { TodayScreen } from "./TodayScreen";

export const SCREENS: Record<Route, ComponentType> = {
  today: TodayScreen,
  myDay: MyDayScreen,
  patients: PatientsScreen,
  book: BookScreen,
  setup: PracticeSetupScreen,
  staff: StaffScreen,
  audit: AuditScreen,
  settings: SettingsScreen,
};
