// A vi.fn() for every function the backend module exports, for
// `vi.mock("../api/backend", () => import("../test/mockBackend"))`. The `satisfies` keeps the
// list in step with the real module: a new backend function without a mock here fails tsc.
import type * as Backend from "../api/backend";

type Functions = { [K in keyof typeof Backend as (typeof Backend)[K] extends (...args: never[]) => unknown ? K : never]: unknown };

export const getAppInfo = vi.fn<typeof Backend.getAppInfo>();
export const getVendorStatuses = vi.fn<typeof Backend.getVendorStatuses>();
export const onVendorStatusChanged = vi.fn<typeof Backend.onVendorStatusChanged>();
export const searchPatients = vi.fn<typeof Backend.searchPatients>();
export const getPatientCard = vi.fn<typeof Backend.getPatientCard>();
export const refreshPatientCard = vi.fn<typeof Backend.refreshPatientCard>();
export const getLocations = vi.fn<typeof Backend.getLocations>();
export const getProviders = vi.fn<typeof Backend.getProviders>();
export const getDayBoard = vi.fn<typeof Backend.getDayBoard>();
export const getProviderDay = vi.fn<typeof Backend.getProviderDay>();
export const joinVisit = vi.fn<typeof Backend.joinVisit>();
export const onSyncProgressed = vi.fn<typeof Backend.onSyncProgressed>();
export const openDemoPractice = vi.fn<typeof Backend.openDemoPractice>();
export const syncNow = vi.fn<typeof Backend.syncNow>();
export const searchSlots = vi.fn<typeof Backend.searchSlots>();
export const getAppointmentTypes = vi.fn<typeof Backend.getAppointmentTypes>();
export const bookSlot = vi.fn<typeof Backend.bookSlot>();
export const rescheduleAppointment = vi.fn<typeof Backend.rescheduleAppointment>();
export const getCancelReasons = vi.fn<typeof Backend.getCancelReasons>();
export const cancelAppointment = vi.fn<typeof Backend.cancelAppointment>();
export const scheduleCallback = vi.fn<typeof Backend.scheduleCallback>();
export const onAppointmentSettled = vi.fn<typeof Backend.onAppointmentSettled>();
export const missingBookingAttributes = vi.fn<typeof Backend.missingBookingAttributes>();
export const getAppointmentStatus = vi.fn<typeof Backend.getAppointmentStatus>();

const all = {
  getAppInfo,
  getVendorStatuses,
  onVendorStatusChanged,
  searchPatients,
  getPatientCard,
  refreshPatientCard,
  getLocations,
  getProviders,
  getDayBoard,
  getProviderDay,
  joinVisit,
  onSyncProgressed,
  openDemoPractice,
  syncNow,
  searchSlots,
  getAppointmentTypes,
  bookSlot,
  rescheduleAppointment,
  getCancelReasons,
  cancelAppointment,
  scheduleCallback,
  onAppointmentSettled,
  missingBookingAttributes,
  getAppointmentStatus,
} satisfies Functions;
export default all;
