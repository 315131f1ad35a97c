import { ConvexNetError } from '../../errors';
import { asByteSource, type ByteSource } from './byte-source';

/** Text encodings a data file may use; 'auto' detects them (see decodeText). */
export type TextEncoding = 'utf-8' | 'latin-1' | 'utf-16le' | 'utf-16be';
export type EncodingChoice = TextEncoding | 'auto';

export const ENCODING_CHOICES: readonly EncodingChoice[] = ['auto', 'utf-8', 'latin-1', 'utf-16le', 'utf-16be'];

export interface DecodedText {
  readonly text: string;
  readonly encoding: TextEncoding;
}

/** Bytes examined to tell text from binary data. */
const SNIFF_BYTES = 64 * 1024;
/**
 * Share of control bytes (other than tab, CR, LF, FF) above which the file is taken for binary
 * data. Real text files have none; a few stray ones are tolerated.
 */
const MAX_CONTROL_SHARE = 0.01;

/**
 * Decodes a data file. With 'auto': a byte-order mark decides (UTF-8, UTF-16 LE/BE); otherwise
 * the bytes are UTF-8 when they are valid UTF-8, and Latin-1 (ISO-8859-1, every byte one
 * character) when they are not, the usual encoding of older spreadsheets' CSV exports. A NUL
 * byte or many control bytes mean binary data (a spreadsheet, an archive, ...), refused with
 * data/binary-file. A forced encoding that does not fit the bytes gives data/bad-encoding.
 */
export function decodeText(bytes: Uint8Array, encoding: EncodingChoice = 'auto', sourceName = 'the file'): DecodedText {
  const bom = byteOrderMark(bytes);
  const resolved: EncodingChoice = encoding === 'auto' ? (bom ?? 'auto') : encoding;
  if (resolved === 'utf-16le' || resolved === 'utf-16be') {
    const text = decodeStrict(bytes, resolved, sourceName);
    assertTextLike(text, sourceName);
    return { text: stripBom(text), encoding: resolved };
  }
  assertNotBinary(bytes, sourceName);
  if (resolved === 'latin-1') return { text: decodeLatin1(bytes), encoding: 'latin-1' };
  if (resolved === 'utf-8') return { text: stripBom(decodeStrict(bytes, 'utf-8', sourceName)), encoding: 'utf-8' };
  try {
    return { text: stripBom(new TextDecoder('utf-8', { fatal: true }).decode(bytes)), encoding: 'utf-8' };
  } catch {
    return { text: decodeLatin1(bytes), encoding: 'latin-1' };
  }
}

/** Decoded text handed out a piece at a time (see decodeTextChunks). */
export interface TextChunks {
  readonly encoding: TextEncoding;
  /** The next piece of the text (never empty), or null once all of it was handed out. */
  next(): string | null;
  /** Share of the bytes handed out so far, 0..1. */
  readonly progress: number;
}

/** Bytes decoded per piece by decodeTextChunks. */
export const TEXT_CHUNK_BYTES = 1 << 20;

/**
 * decodeText a piece at a time, with the same detection and errors: a large file's text never
 * exists as one string beside its bytes, so a parser that reads the pieces in turn needs about
 * the memory of the bytes plus what it builds, and from a ByteSource over a file only a piece of
 * the bytes at a time. UTF-8 is first checked over all the bytes (in pieces, nothing kept) so
 * 'auto' can still fall back to Latin-1. UTF-16 text is decoded whole (one piece). The byte-order
 * mark is dropped.
 */
export function decodeTextChunks(input: Uint8Array | ByteSource, encoding: EncodingChoice = 'auto', sourceName = 'the file', chunkBytes = TEXT_CHUNK_BYTES): TextChunks {
  const bytes = asByteSource(input);
  const bom = byteOrderMark(bytes.read(0, 3));
  const resolved: EncodingChoice = encoding === 'auto' ? (bom ?? 'auto') : encoding;
  if (resolved === 'utf-16le' || resolved === 'utf-16be') {
    const whole = decodeText(bytes.read(0, bytes.length), resolved, sourceName);
    return wholeTextChunks(whole.text, whole.encoding);
  }
  assertNotBinary(bytes.read(0, SNIFF_BYTES), sourceName);
  if (resolved === 'latin-1') return byteChunks(bytes, 'latin-1', chunkBytes, (piece) => decodeLatin1(piece));
  const valid = isValidUtf8(bytes, chunkBytes);
  if (resolved === 'utf-8' && !valid) {
    throw new ConvexNetError('data/bad-encoding', `${sourceName} is not valid UTF-8 text. Choose another encoding (for example Latin-1), or "auto" to detect it.`);
  }
  if (!valid) return byteChunks(bytes, 'latin-1', chunkBytes, (piece) => decodeLatin1(piece));
  const decoder = new TextDecoder('utf-8', { fatal: true });
  return byteChunks(bytes, 'utf-8', chunkBytes, (piece, last) => decoder.decode(piece, { stream: !last }));
}

function wholeTextChunks(text: string, encoding: TextEncoding): TextChunks {
  let given = false;
  return {
    encoding,
    next: () => {
      if (given || text === '') return null;
      given = true;
      return text;
    },
    get progress() {
      return given || text === '' ? 1 : 0;
    },
  };
}

function byteChunks(bytes: ByteSource, encoding: TextEncoding, chunkBytes: number, decode: (piece: Uint8Array, last: boolean) => string): TextChunks {
  let offset = 0;
  let first = true;
  return {
    encoding,
    next: () => {
      while (offset < bytes.length) {
        const end = Math.min(bytes.length, offset + chunkBytes);
        let piece = decode(bytes.read(offset, end - offset), end === bytes.length);
        offset = end;
        if (first) {
          piece = stripBom(piece);
          first = false;
        }
        if (piece !== '') return piece;
      }
      return null;
    },
    get progress() {
      return bytes.length === 0 ? 1 : offset / bytes.length;
    },
  };
}

/** Whether the bytes are valid UTF-8, checked a piece at a time (no text is kept). */
function isValidUtf8(bytes: ByteSource, chunkBytes: number): boolean {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for (let offset = 0; offset < bytes.length; offset += chunkBytes) {
      decoder.decode(bytes.read(offset, chunkBytes), { stream: true });
    }
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}

function byteOrderMark(bytes: Uint8Array): TextEncoding | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

function decodeStrict(bytes: Uint8Array, encoding: 'utf-8' | 'utf-16le' | 'utf-16be', sourceName: string): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new ConvexNetError(
      'data/bad-encoding',
      `${sourceName} is not valid ${encoding.toUpperCase()} text. Choose another encoding (for example Latin-1), or "auto" to detect it.`,
    );
  }
}

/** Latin-1: byte b is the character U+00b; decoded in chunks to keep the argument lists short. */
function decodeLatin1(bytes: Uint8Array): string {
  const parts: string[] = [];
  const chunk = 8192;
  for (let i = 0; i < bytes.length; i += chunk) parts.push(String.fromCharCode(...bytes.subarray(i, i + chunk)));
  return parts.join('');
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function isControlCode(code: number): boolean {
  return code < 32 && code !== 9 && code !== 10 && code !== 12 && code !== 13;
}

function assertNotBinary(bytes: Uint8Array, sourceName: string): void {
  const end = Math.min(bytes.length, SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < end; i++) {
    const b = bytes[i]!;
    if (b === 0) throw binaryError(sourceName);
    if (isControlCode(b)) control++;
  }
  if (end > 0 && control / end > MAX_CONTROL_SHARE) throw binaryError(sourceName);
}

function assertTextLike(text: string, sourceName: string): void {
  const end = Math.min(text.length, SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === 0) throw binaryError(sourceName);
    if (isControlCode(code)) control++;
  }
  if (end > 0 && control / end > MAX_CONTROL_SHARE) throw binaryError(sourceName);
}

function binaryError(sourceName: string): ConvexNetError {
  return new ConvexNetError(
    'data/binary-file',
    `${sourceName} holds binary data, not text. Open a CSV, TSV, ARFF, LIBSVM, JSON or XLSX file (save other spreadsheets as CSV first).`,
  );
}
