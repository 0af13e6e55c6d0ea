// The catalogue's shape, derived from English: every other language must have exactly these
// keys (a missing or extra key fails tsc), and t() knows which `{placeholders}` each key takes.
import type { en } from "./en";

export type English = typeof en;
export type MessageKey = keyof English;
export type Catalogue = Record<MessageKey, string>;
export type Locale = "en" | "es";
export const LOCALES: readonly Locale[] = ["en", "es"];

type ParamNames<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | ParamNames<Rest>
  : never;

export type ParamsOf<K extends MessageKey> = Record<ParamNames<English[K]>, string | number>;

/** No second argument for plain strings; a params object naming every placeholder otherwise. */
export type ParamArgs<K extends MessageKey> = [ParamNames<English[K]>] extends [never]
  ? []
  : [params: ParamsOf<K>];

export type Translate = <K extends MessageKey>(key: K, ...params: ParamArgs<K>) => string;

/** Keys that take no parameters: what a lookup table of labels may hold and call t() with. */
export type PlainKey = { [K in MessageKey]: ParamArgs<K> extends [] ? K : never }[MessageKey];
