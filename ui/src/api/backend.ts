// The one door to the Rust backend. Every command and event the UI uses passes through here, so
// components never import the generated bindings and tests mock this module instead of IPC.
import { commands, events } from "../bindings";
import { BackendError } from "./errors";

// The bindings type each value twice (as Rust sends it and as Rust would accept it); the UI only
// ever receives, so its types are read off what the commands return.
type Outcome<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;
type OkOf<F extends (...args: never[]) => Promise<unknown>> = Extract<Outcome<F>, { status: "ok" }>["data"];
type ErrOf<F extends (...args: never[]) => Promise<unknown>> = Extract<Outcome<F>, { status: "error" }>["error"];

export type AppInfo = OkOf<typeof commands.appInfo>;
export type AppError = ErrOf<typeof commands.appInfo>;
export type VendorStatus = OkOf<typeof commands.vendorStatuses>[number];
export type Vendor = VendorStatus["vendor"];
export type ConnectionState = VendorStatus["state"];

type CommandResult<T> = { status: "ok"; data: T } | { status: "error"; error: AppError };

// Turning the typed error into a thrown one lets TanStack Query carry it as the query's error
// while keeping the AppError intact for the banner.
function unwrap<T>(result: CommandResult<T>): T {
  if (result.status === "error") throw new BackendError(result.error);
  return result.data;
}

export async function getAppInfo(): Promise<AppInfo> {
  return unwrap(await commands.appInfo());
}

export async function getVendorStatuses(): Promise<VendorStatus[]> {
  return unwrap(await commands.vendorStatuses());
}

/** Calls `onChange` each time a vendor connection changes; resolves to the unsubscribe function. */
export function onVendorStatusChanged(onChange: (status: VendorStatus) => void): Promise<() => void> {
  return events.vendorStatusChanged.listen((event) => {
    onChange(event.payload.status);
  });
}
