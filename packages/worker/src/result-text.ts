// Values as result-file text. Numbers are printed as JavaScript prints doubles, the shortest text
// that parses back to the same double, so they round-trip exactly; −0 stays "-0" (JSON.stringify
// would print "0"); NaN and ±Infinity, which JSON cannot hold, are null.

/** A JSON value as result files hold it. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue | undefined };

/** A number as result text: the shortest round-trip form, "-0" for −0, "null" if not finite. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return 'null';
  return Object.is(v, -0) ? '-0' : String(v);
}

/** Compact JSON text of a value: JSON.stringify's, except that −0 stays "-0" and fields that are undefined are left out. */
export function toJson(value: JsonValue): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'number':
      return formatNumber(value);
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
  }
  if (Array.isArray(value)) return `[${(value as readonly JsonValue[]).map(toJson).join(',')}]`;
  const parts: string[] = [];
  for (const [key, v] of Object.entries(value)) if (v !== undefined) parts.push(`${JSON.stringify(key)}:${toJson(v)}`);
  return `{${parts.join(',')}}`;
}

/**
 * Text cells that a spreadsheet would run as a formula (=, +, -, @; tab and carriage return too, by
 * OWASP's advice) get a ' in front, and so does text that already starts with one, so the escape
 * reads back unambiguously: drop one leading ' ({@link csvUnescapeText}).
 */
const FORMULA_START = /^[=+\-@\t\r']/;

/**
 * A CSV cell: numbers as in JSON (a negative number stays a number: -2, not '-2), null as empty,
 * line breaks as spaces, text starting with = + - @ ' escaped with a leading ', quoted only when it
 * holds a comma or a quote.
 */
export function csvCell(value: JsonValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return formatNumber(value);
  let text = String(value).replace(/\r?\n|\r/g, ' ');
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The text of a CSV text cell (already unquoted) as it was before csvCell's formula escape. */
export function csvUnescapeText(cell: string): string {
  return cell.startsWith("'") ? cell.slice(1) : cell;
}
