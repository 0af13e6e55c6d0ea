// A failed setup action split in two: an `invalid` naming one of the form's fields goes beside
// that field, anything else to the form's banner.
import type { AppError } from "../api/backend";
import { toAppError } from "../api/errors";
import type { Errors } from "./rules";

export function splitFailure(failure: unknown, fields: readonly string[]): { errors: Errors; banner: AppError | null } {
  const error = toAppError(failure);
  if (error.kind === "invalid" && fields.includes(error.field)) {
    return { errors: { [error.field]: error.message }, banner: null };
  }
  return { errors: {}, banner: error };
}
