/**
 * Base64 (RFC 4648, standard alphabet, padded) for bytes kept in JSON files. Written here because
 * the core takes no DOM or Node globals (btoa, Buffer), and because reading must be strict: a
 * file's text is either exactly what encodeBase64 writes or refused, never read "mostly".
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUES = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i;
/** Characters per String.fromCharCode call: well under any engine's argument limit. */
const CHUNK = 8192;

export function encodeBase64(bytes: Uint8Array): string {
  const chars = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  let out = 0;
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    chars[out++] = ALPHABET.charCodeAt(n >>> 18);
    chars[out++] = ALPHABET.charCodeAt((n >>> 12) & 63);
    chars[out++] = ALPHABET.charCodeAt((n >>> 6) & 63);
    chars[out++] = ALPHABET.charCodeAt(n & 63);
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const n = (bytes[i]! << 16) | (rest === 2 ? bytes[i + 1]! << 8 : 0);
    chars[out++] = ALPHABET.charCodeAt(n >>> 18);
    chars[out++] = ALPHABET.charCodeAt((n >>> 12) & 63);
    chars[out++] = rest === 2 ? ALPHABET.charCodeAt((n >>> 6) & 63) : 61;
    chars[out++] = 61;
  }
  let text = '';
  for (let k = 0; k < chars.length; k += CHUNK) text += String.fromCharCode(...chars.subarray(k, k + CHUNK));
  return text;
}

/** The bytes of `text`, or why it is not base64 as encodeBase64 writes it. */
export function decodeBase64(text: string): { readonly bytes: Uint8Array } | { readonly problem: string } {
  if (text.length % 4 !== 0) return { problem: `its length ${text.length} is not a multiple of 4` };
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const bytes = new Uint8Array((text.length / 4) * 3 - padding);
  const body = text.length - padding;
  let out = 0;
  let n = 0;
  for (let k = 0; k < body; k++) {
    const code = text.charCodeAt(k);
    const value = code < 128 ? VALUES[code]! : -1;
    if (value < 0) return { problem: `character ${k + 1} (${JSON.stringify(text[k])}) is not a base64 character` };
    n = (n << 6) | value;
    if (k % 4 === 3) {
      bytes[out++] = n >>> 16;
      bytes[out++] = (n >>> 8) & 255;
      bytes[out++] = n & 255;
      n = 0;
    }
  }
  if (padding > 0) {
    // The last group's unused low bits must be zero: otherwise two texts would read as one.
    const unused = padding === 2 ? 15 : 3;
    if ((n & unused) !== 0) return { problem: 'its last character before the padding has bits set that encode nothing' };
    n >>>= padding === 2 ? 4 : 2;
    if (padding === 1) {
      bytes[out++] = n >>> 8;
      bytes[out++] = n & 255;
    } else {
      bytes[out++] = n;
    }
  }
  return { bytes };
}
