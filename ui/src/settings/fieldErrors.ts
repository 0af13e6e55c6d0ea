// Splits a failed save or test into errors beside their inputs (`invalid` naming a field the
// form has) and the rest, which the banner says.
import type { AppError } from "../api/backend";

export type FieldErrors = Readonly<Record<string, string>>;

export function splitError(error: AppError, fields: readonly string[]): { fields: FieldErrors; banner: AppError | null } {
  if (error.kind === "invalid" && fields.includes(error.field)) {
    return { fields: { [error.field]: error.message }, banner: null };
  }
  return { fields: {}, banner: error };
}
