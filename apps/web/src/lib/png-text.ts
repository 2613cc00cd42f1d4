// PNG tEXt chunks (PNG spec §11.3.4.3): keyword, a zero byte, then Latin-1 text; each chunk is
// length (4 bytes, big-endian), type, data and the CRC-32 of type + data. They go right after
// IHDR, so every reader sees them before the image data.

/** CRC-32 (ISO 3309, the polynomial 0xEDB88320 reflected), as PNG and zlib use it. */
function crcTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

let table: Uint32Array | null = null;

/** The CRC-32 of bytes (0xCBF43926 for the ASCII "123456789"). */
export function crc32(bytes: Uint8Array): number {
  table ??= crcTable();
  let c = 0xffffffff;
  for (const byte of bytes) c = table[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** The app's few characters outside Latin-1, spelled in it. */
const SPELLED: Readonly<Record<string, string>> = { η: 'eta', ε: 'epsilon', ŷ: 'y-hat', '−': '-', '…': '...', '‖': '||', '—': '-', '–': '-', '’': "'", σ: 'sigma', λ: 'lambda' };

/**
 * Latin-1 bytes of a text: tEXt holds ISO 8859-1 only, so the app's Greek letters and dashes are
 * spelled out ("η" → "eta") and any other character outside it becomes '?'. Keywords are 1–79
 * Latin-1 characters; a text of any length.
 */
export function latin1(text: string): Uint8Array {
  return Uint8Array.from(Array.from(text, (ch) => SPELLED[ch] ?? ch).join(''), (ch) => {
    const code = ch.charCodeAt(0);
    return code < 256 ? code : 0x3f;
  });
}

/** One tEXt chunk, ready to insert. Throws a RangeError for an empty or too long keyword. */
export function textChunk(keyword: string, text: string): Uint8Array {
  if (keyword.length < 1 || keyword.length > 79) throw new RangeError(`PNG tEXt keyword must have 1 to 79 characters, got ${JSON.stringify(keyword)}`);
  const key = latin1(keyword);
  const value = latin1(text.replaceAll('\0', ' '));
  const chunk = new Uint8Array(12 + key.length + 1 + value.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, key.length + 1 + value.length);
  chunk.set([0x74, 0x45, 0x58, 0x74], 4); // "tEXt"
  chunk.set(key, 8);
  chunk.set(value, 9 + key.length);
  view.setUint32(chunk.length - 4, crc32(chunk.subarray(4, chunk.length - 4)));
  return chunk;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The PNG with tEXt chunks (keyword → text, in order) inserted after IHDR. Throws a TypeError when the bytes are not a PNG. */
export function withTextChunks(png: Uint8Array, entries: Readonly<Record<string, string>>): Uint8Array<ArrayBuffer> {
  if (png.length < 33 || SIGNATURE.some((b, i) => png[i] !== b)) throw new TypeError('withTextChunks: the bytes are not a PNG (no PNG signature)');
  // The signature (8), then IHDR: length 13, "IHDR", 13 bytes, CRC: 25 bytes.
  const afterIhdr = 8 + 25;
  const chunks = Object.entries(entries).map(([keyword, text]) => textChunk(keyword, text));
  const out = new Uint8Array(png.length + chunks.reduce((sum, c) => sum + c.length, 0));
  out.set(png.subarray(0, afterIhdr));
  let at = afterIhdr;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  out.set(png.subarray(afterIhdr), at);
  return out;
}
