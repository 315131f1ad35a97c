import type { ExportedFile, FileContents } from '../../src-core/contract/export-types';
import { ConvexNetError } from '../../src-core/errors';

export function textFile(fileName: string, mimeType: string, text: string): ExportedFile {
  return { fileName, mimeType, encoding: 'utf8', content: text, byteLength: Buffer.byteLength(text, 'utf8') };
}

export function binaryFile(fileName: string, mimeType: string, bytes: Uint8Array): ExportedFile {
  return { fileName, mimeType, encoding: 'base64', content: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'), byteLength: bytes.byteLength };
}

/** The bytes of an uploaded file. */
export function uploadedBytes(file: FileContents): Uint8Array {
  if (file.encoding === 'utf8') return new Uint8Array(Buffer.from(file.content, 'utf8'));
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(file.content) || file.content.length % 4 !== 0) {
    throw new ConvexNetError('upload/bad-base64', `The uploaded file "${file.fileName}" arrived damaged (its base64 encoding is invalid); try again.`);
  }
  return new Uint8Array(Buffer.from(file.content, 'base64'));
}

/** A name usable as a file name on every platform: letters and digits of any script, dot, dash, underscore; at most 80 characters. */
export function safeFileStem(name: string): string {
  // Letters and digits of any script stay ("Präzision 日本語" was "Pra-zision-"); separators,
  // punctuation, controls and the characters file systems refuse become one hyphen.
  const cut = [...name.normalize('NFC').replace(/[^\p{L}\p{M}\p{N}._-]+/gu, '-').replace(/^[-.]+|[-.]+$/g, '')].slice(0, 80).join('');
  const stem = cut.replace(/[-.]+$/, '');
  if (stem.length === 0) return 'convexnet-model';
  // Windows refuses these device names as file names, whatever the extension.
  return WINDOWS_RESERVED.test(stem) ? `${stem}-run` : stem;
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;
