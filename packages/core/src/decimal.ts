// A decimal number as people type it, the one syntax every text input of losslab accepts (CSV
// cells, the CLI's flags, the app's form fields).

/** Digits with an optional point and exponent: 2, -2, .5, 1e-3, +4. No hex, no Infinity, no NaN. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * The finite number that `text` writes in decimal (`2`, `-2`, `.5`, `1e-3`, `+4`), or undefined
 * for anything else: hex, `Infinity`, `NaN`, an empty string, surrounding spaces, or a value that
 * overflows (`1e999`). Number() alone accepts '', ' ', '0x10' and 'Infinity'.
 *
 * @example parseDecimal('1e-3') // 0.001
 */
export function parseDecimal(text: string): number | undefined {
  if (!DECIMAL.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}
