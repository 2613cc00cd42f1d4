// A decimal number as people type it, the one syntax every text input of losslab accepts (CSV
// cells, the CLI's flags, the app's form fields).

/**
 * The finite number that `text` writes in decimal (`2`, `-2`, `.5`, `1e-3`, `+4`), or undefined
 * for anything else: hex, `Infinity`, `NaN`, an empty string, surrounding spaces, or a value that
 * overflows (`1e999`). Number() alone accepts '', ' ', '0x10' and 'Infinity'.
 *
 * @example parseDecimal('1e-3') // 0.001
 */
export function parseDecimal(text: string): number | undefined {
  if (!isDecimal(text, 0, text.length)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * Whether `text.slice(start, end)` is a decimal in the syntax of {@link parseDecimal}:
 * `[+-]?(digits[.digits?] | .digits)([eE][+-]?digits)?`, nothing else. One left-to-right pass over
 * the character codes: the equivalent regular expression `^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$`
 * backtracks quadratically on long digit runs that end badly ('1111…1x'), and every CSV cell goes
 * through here. Internal: not exported from the package.
 */
export function isDecimal(text: string, start: number, end: number): boolean {
  let i = start;
  if (i < end) {
    const sign = text.charCodeAt(i);
    if (sign === 43 || sign === 45) i++; // + -
  }
  let mantissaDigits = 0;
  while (i < end && isDigit(text.charCodeAt(i))) { i++; mantissaDigits++; }
  if (i < end && text.charCodeAt(i) === 46) { // .
    i++;
    while (i < end && isDigit(text.charCodeAt(i))) { i++; mantissaDigits++; }
  }
  if (mantissaDigits === 0) return false; // '', '+', '.', '+.': no digit on either side of the point
  if (i < end) {
    const e = text.charCodeAt(i);
    if (e !== 101 && e !== 69) return false; // e E
    i++;
    if (i < end) {
      const sign = text.charCodeAt(i);
      if (sign === 43 || sign === 45) i++;
    }
    const exponentStart = i;
    while (i < end && isDigit(text.charCodeAt(i))) i++;
    if (i === exponentStart) return false;
  }
  return i === end;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
