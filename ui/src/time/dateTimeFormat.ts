// One Intl.DateTimeFormat per language and options, kept for the page's life. Building one asks
// ICU for the language's patterns and the zone's rules (a quarter of a millisecond or more each,
// measured); the day board formats a few times per appointment and would otherwise build dozens
// in its first render. Formatters are immutable, and the keys are few: languages × zones × styles.
// One built without a zone keeps the computer's zone of that moment, which a desk does not change.

const formatters = new Map<string, Intl.DateTimeFormat>();

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, formatter);
  }
  return formatter;
}
