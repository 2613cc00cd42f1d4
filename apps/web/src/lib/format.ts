// Numbers for people: short, with the precision that matters, never "NaN". Plain string work, no
// Intl: these run for every axis tick and table cell in every frame, and toLocaleString is slow.

/** Digits with a comma every three places: "32768" → "32,768". */
function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A number in at most `digits` significant digits: 0.858, 1.79, 2.5e-11, 32,768. '—' for NaN. */
export function formatNumber(value: number, digits = 3): string {
  if (Number.isNaN(value)) return '—';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  const sign = value < 0 ? '−' : '';
  if (Number.isInteger(value) && abs < 1e9) return sign + group(String(abs));
  if (abs >= 1e-3 && abs < 1e6) {
    // toPrecision, then drop trailing zeros ("1.50" → "1.5") and group the integer part.
    const text = String(Number(abs.toPrecision(digits)));
    const [whole, fraction] = text.split('.');
    return sign + group(whole!) + (fraction ? `.${fraction}` : '');
  }
  const [mantissa, exponent] = abs.toExponential(digits - 1).split('e');
  return `${sign}${Number(mantissa)}e${Number(exponent)}`;
}

/** A count with thousands separators: 32,768. */
export function formatCount(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const rounded = Math.round(value);
  return (rounded < 0 ? '−' : '') + group(String(Math.abs(rounded)));
}

/** A duration: "0.4 s", "12 s", "3 min 20 s", "2 h 5 min". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  if (seconds < 1) return `${seconds.toFixed(seconds < 0.1 ? 2 : 1)} s`;
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds - 60 * minutes)} s`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${minutes - 60 * hours} min`;
}

/** A rate in runs per second: "12,400 runs/s". */
export function formatRate(runsPerSecond: number): string {
  if (!Number.isFinite(runsPerSecond) || runsPerSecond <= 0) return '— runs/s';
  return `${runsPerSecond >= 100 ? formatCount(runsPerSecond) : formatNumber(runsPerSecond, 2)} runs/s`;
}
