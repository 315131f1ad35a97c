import type { FileContents } from '../../../src-core/contract/export-types';
import { MAX_UPLOAD_CONTENT_CHARS } from '../../../src-core/contract/request-schemas';

/** Files sent as base64 (binary); everything else is read as UTF-8 text. */
const BINARY_EXTENSIONS = /\.(onnx)$/i;

/** The size limit in words, for messages: text travels as is, binary files as base64 (4/3 larger). */
export function uploadLimitText(binary: boolean): string {
  return `${((binary ? (MAX_UPLOAD_CONTENT_CHARS * 3) / 4 : MAX_UPLOAD_CONTENT_CHARS) / 1e6).toFixed(1)} MB`;
}

function base64OfBytes(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/**
 * A picked file as upload contents: text as is, ONNX as base64. With `bytes`, always base64: data
 * files go as their bytes so the back end detects the encoding (Latin-1, BOMs) and reads XLSX,
 * as the Data screen's import does. A file too large for one request is refused here with a
 * message (the back end would refuse it too).
 */
export async function readUpload(file: File, options: { bytes?: boolean } = {}): Promise<FileContents> {
  const binary = options.bytes === true || BINARY_EXTENSIONS.test(file.name);
  const estimated = binary ? Math.ceil(file.size / 3) * 4 : file.size;
  if (estimated > MAX_UPLOAD_CONTENT_CHARS) {
    throw new Error(`"${file.name}" is too large to upload here (${(file.size / 1e6).toFixed(1)} MB; the limit is ${uploadLimitText(binary)}). Use the convexnet command for larger files.`);
  }
  if (binary) return { fileName: file.name, encoding: 'base64', content: base64OfBytes(new Uint8Array(await file.arrayBuffer())) };
  return { fileName: file.name, encoding: 'utf8', content: await file.text() };
}
