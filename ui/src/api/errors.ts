// AppError travels through promise rejections (TanStack Query needs a thrown value); this
// wrapper keeps the typed union attached so the UI can still switch on `kind`.
import type { AppError } from "./backend";

export class BackendError extends Error {
  readonly appError: AppError;

  constructor(appError: AppError) {
    super(`backend error: ${appError.kind}`);
    this.name = "BackendError";
    this.appError = appError;
  }
}

/**
 * Any failure as an AppError. Failures that never reached the backend (no Tauri runtime, a
 * broken IPC bridge) become `internal`, so the banner still has something honest to say.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof BackendError) return error.appError;
  const message = error instanceof Error ? error.message : String(error);
  return { kind: "internal", message };
}
