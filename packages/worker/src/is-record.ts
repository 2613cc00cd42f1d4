// The test every reader of untrusted JSON starts with (specs, result files, merged shards).

/** True for a plain JSON object: not null, not an array (a value JSON.parse gives for `{…}`). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
