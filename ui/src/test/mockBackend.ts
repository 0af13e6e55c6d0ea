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
export const searchVendorPatients = vi.fn<typeof Backend.searchVendorPatients>();
export const getLocations = vi.fn<typeof Backend.getLocations>();
export const getProviders = vi.fn<typeof Backend.getProviders>();
export const getDayBoard = vi.fn<typeof Backend.getDayBoard>();
export const recordDaySheetPrint = vi.fn<typeof Backend.recordDaySheetPrint>();
export const getProviderDay = vi.fn<typeof Backend.getProviderDay>();
export const joinVisit = vi.fn<typeof Backend.joinVisit>();
export const onSyncProgressed = vi.fn<typeof Backend.onSyncProgressed>();
export const openDemoPractice = vi.fn<typeof Backend.openDemoPractice>();
export const syncNow = vi.fn<typeof Backend.syncNow>();
export const getConnectionSettings = vi.fn<typeof Backend.getConnectionSettings>();
export const savePracticeSettings = vi.fn<typeof Backend.savePracticeSettings>();
export const saveVendorSettings = vi.fn<typeof Backend.saveVendorSettings>();
export const testVendorConnection = vi.fn<typeof Backend.testVendorConnection>();
export const signInNextech = vi.fn<typeof Backend.signInNextech>();
export const searchSlots = vi.fn<typeof Backend.searchSlots>();
export const getAppointmentTypes = vi.fn<typeof Backend.getAppointmentTypes>();
export const bookSlot = vi.fn<typeof Backend.bookSlot>();
export const rescheduleAppointment = vi.fn<typeof Backend.rescheduleAppointment>();
export const getQuotaCounts = vi.fn<typeof Backend.getQuotaCounts>();
export const getCancelReasons = vi.fn<typeof Backend.getCancelReasons>();
export const cancelAppointment = vi.fn<typeof Backend.cancelAppointment>();
export const scheduleCallback = vi.fn<typeof Backend.scheduleCallback>();
export const onAppointmentSettled = vi.fn<typeof Backend.onAppointmentSettled>();
export const missingBookingAttributes = vi.fn<typeof Backend.missingBookingAttributes>();
export const getAppointmentStatus = vi.fn<typeof Backend.getAppointmentStatus>();

// Practice setup and the video visit's patient at Zoom.
export const getIvrTemplates = vi.fn<typeof Backend.getIvrTemplates>();
export const createIvrFlow = vi.fn<typeof Backend.createIvrFlow>();
export const getZoomAvailability = vi.fn<typeof Backend.getZoomAvailability>();
export const setZoomAvailability = vi.fn<typeof Backend.setZoomAvailability>();
export const getNexAvailabilities = vi.fn<typeof Backend.getNexAvailabilities>();
export const createNexAvailability = vi.fn<typeof Backend.createNexAvailability>();
export const deactivateNexAvailability = vi.fn<typeof Backend.deactivateNexAvailability>();
export const getNexAppointmentTypes = vi.fn<typeof Backend.getNexAppointmentTypes>();
export const createAppointmentType = vi.fn<typeof Backend.createAppointmentType>();
export const ensureZoomPatient = vi.fn<typeof Backend.ensureZoomPatient>();
export const resendInvitation = vi.fn<typeof Backend.resendInvitation>();
export const getWaitingRoom = vi.fn<typeof Backend.getWaitingRoom>();
export const admitWaitingPatient = vi.fn<typeof Backend.admitWaitingPatient>();
export const notifyWaitingPatient = vi.fn<typeof Backend.notifyWaitingPatient>();
export const getWebhookReceiverStatus = vi.fn<typeof Backend.getWebhookReceiverStatus>();
export const getWebhookSubscriptions = vi.fn<typeof Backend.getWebhookSubscriptions>();
export const registerWebhooks = vi.fn<typeof Backend.registerWebhooks>();
export const removeWebhookSubscription = vi.fn<typeof Backend.removeWebhookSubscription>();

export const getSessionStatus = vi.fn<typeof Backend.getSessionStatus>();
export const createFirstAdmin = vi.fn<typeof Backend.createFirstAdmin>();
export const signIn = vi.fn<typeof Backend.signIn>();
export const lockSession = vi.fn<typeof Backend.lockSession>();
export const signOut = vi.fn<typeof Backend.signOut>();
export const touchSession = vi.fn<typeof Backend.touchSession>();
export const onSessionLocked = vi.fn<typeof Backend.onSessionLocked>();
export const listStaff = vi.fn<typeof Backend.listStaff>();
export const createStaff = vi.fn<typeof Backend.createStaff>();
export const updateStaff = vi.fn<typeof Backend.updateStaff>();
export const resetStaffCredential = vi.fn<typeof Backend.resetStaffCredential>();
export const verifySecondFactor = vi.fn<typeof Backend.verifySecondFactor>();
export const confirmSecondFactor = vi.fn<typeof Backend.confirmSecondFactor>();
export const cancelSecondFactor = vi.fn<typeof Backend.cancelSecondFactor>();
export const getSecondFactorSettings = vi.fn<typeof Backend.getSecondFactorSettings>();
export const setSecondFactorRoles = vi.fn<typeof Backend.setSecondFactorRoles>();
export const resetSecondFactor = vi.fn<typeof Backend.resetSecondFactor>();
export const setIdleLockMinutes = vi.fn<typeof Backend.setIdleLockMinutes>();
export const getAuditLog = vi.fn<typeof Backend.getAuditLog>();
export const verifyAudit = vi.fn<typeof Backend.verifyAudit>();
export const exportAudit = vi.fn<typeof Backend.exportAudit>();

export const getRetentionWindow = vi.fn<typeof Backend.getRetentionWindow>();
export const setRetentionWindow = vi.fn<typeof Backend.setRetentionWindow>();
export const purgeNow = vi.fn<typeof Backend.purgeNow>();

const all = {
  getAppInfo,
  getVendorStatuses,
  onVendorStatusChanged,
  searchPatients,
  getPatientCard,
  refreshPatientCard,
  searchVendorPatients,
  getLocations,
  getProviders,
  getDayBoard,
  recordDaySheetPrint,
  getProviderDay,
  joinVisit,
  onSyncProgressed,
  openDemoPractice,
  syncNow,
  getConnectionSettings,
  savePracticeSettings,
  saveVendorSettings,
  testVendorConnection,
  signInNextech,
  searchSlots,
  getAppointmentTypes,
  bookSlot,
  rescheduleAppointment,
  getQuotaCounts,
  getCancelReasons,
  cancelAppointment,
  scheduleCallback,
  onAppointmentSettled,
  missingBookingAttributes,
  getAppointmentStatus,
  getIvrTemplates,
  createIvrFlow,
  getZoomAvailability,
  setZoomAvailability,
  getNexAvailabilities,
  createNexAvailability,
  deactivateNexAvailability,
  getNexAppointmentTypes,
  createAppointmentType,
  ensureZoomPatient,
  resendInvitation,
  getWaitingRoom,
  admitWaitingPatient,
  notifyWaitingPatient,
  getWebhookReceiverStatus,
  getWebhookSubscriptions,
  registerWebhooks,
  removeWebhookSubscription,
  getSessionStatus,
  createFirstAdmin,
  signIn,
  lockSession,
  signOut,
  touchSession,
  onSessionLocked,
  listStaff,
  createStaff,
  updateStaff,
  resetStaffCredential,
  verifySecondFactor,
  confirmSecondFactor,
  cancelSecondFactor,
  getSecondFactorSettings,
  setSecondFactorRoles,
  resetSecondFactor,
  setIdleLockMinutes,
  getAuditLog,
  verifyAudit,
  exportAudit,
  getRetentionWindow,
  setRetentionWindow,
  purgeNow,
} satisfies Functions;
export default all;
