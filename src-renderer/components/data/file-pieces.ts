/** Bytes per upload piece: about 4 MB of base64, well under the back end's per-request limit. */
export const UPLOAD_PIECE_BYTES = 3 * 1024 * 1024;

/** Characters passed to String.fromCharCode at once (argument lists must stay short). */
const CHAR_BATCH = 0x8000;

/** Base64 of bytes, without Node's Buffer (the renderer has only browser APIs). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHAR_BATCH) binary += String.fromCharCode(...bytes.subarray(i, i + CHAR_BATCH));
  return btoa(binary);
}

/** The file read piece by piece (so a large file is never held twice as text), each piece base64. */
export async function* readFileAsBase64Pieces(file: Blob, pieceBytes: number): AsyncGenerator<string> {
  for (let at = 0; at < file.size; at += pieceBytes) {
    const buffer = await file.slice(at, Math.min(file.size, at + pieceBytes)).arrayBuffer();
    yield bytesToBase64(new Uint8Array(buffer));
  }
}
