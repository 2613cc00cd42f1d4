// One wording for every error the app shows: storage, import, export, PNG, lazy-loaded code.

/**
 * The text to show for a caught value: an Error's message (never its stack), anything else as
 * `String(value)`; with `context`, prefixed as "context: message". Never throws (a value whose
 * toString throws reads "unknown error").
 */
export function describeError(error: unknown, context?: string): string {
  let message: string;
  try {
    message = error instanceof Error ? error.message || error.name : String(error);
  } catch {
    message = 'unknown error';
  }
  return context ? `${context}: ${message}` : message;
}
