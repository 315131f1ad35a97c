import { ConvexNetError } from '../../src-core/errors';
import { readModelFromOnnx } from '../../src-core/export/onnx/read-onnx-model';
import type { ModelFile } from '../../src-core/model/model-file-types';
import { parseModelFile } from '../../src-core/model/parse-model-file';

export interface ModelFromBytes {
  readonly model: ModelFile;
  readonly fromFormat: 'onnx' | 'json';
}

/**
 * The model in a model file's bytes: model JSON, or an ONNX file ConvexNet Studio exported (its
 * metadata carries the model JSON). The app's import and the command line's model arguments both
 * read models here, so each accepts what the other writes. Anything else is refused with a
 * ConvexNetError that names the file and says it is not a model file.
 */
export function readModelBytes(bytes: Uint8Array, fileName: string): ModelFromBytes {
  // A download or copy that failed leaves an empty file: said as such, where an empty .onnx file
  // was called "not exported by ConvexNet Studio" and an empty .json file "not valid JSON".
  if (isBlank(bytes)) {
    throw new ConvexNetError(
      'model-file/empty',
      `"${fileName}" is empty (${bytes.length === 0 ? '0 bytes' : 'only white space'}): it holds no model. Save or export the model again, and check that the copy finished.`,
    );
  }
  // An ONNX ModelProto starts with ir_version (field 1, varint): key byte 0x08. The content
  // decides over the name, so model JSON saved under a .onnx name is still read.
  const isOnnx = (bytes.length > 0 && bytes[0] === 0x08) || (/\.onnx$/i.test(fileName) && !startsLikeJsonObject(bytes));
  if (isOnnx) return { model: readModelFromOnnx(bytes, fileName), fromFormat: 'onnx' };
  return { model: parseModelFile(parseJson(modelText(bytes, fileName), fileName), fileName), fromFormat: 'json' };
}

function modelText(bytes: Uint8Array, fileName: string): string {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (text.includes('\u0000')) throw new Error('NUL byte');
    return text;
  } catch {
    throw new ConvexNetError(
      'model-file/not-a-model',
      `"${fileName}" is not a ConvexNet model file: it is a binary file, and not an ONNX file exported by ConvexNet Studio. Use the model JSON that training saved, or an ONNX file exported from it.`,
    );
  }
}

function parseJson(text: string, fileName: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConvexNetError('model-file/not-json', `"${fileName}" is not a ConvexNet model file: it is not valid JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
}

/** Whether the bytes are nothing but white space (or nothing at all), after an optional UTF-8 byte-order mark. */
function isBlank(bytes: Uint8Array): boolean {
  return skipWhiteSpace(bytes) === bytes.length;
}

/** The index of the first byte after an optional UTF-8 byte-order mark and white space. */
function skipWhiteSpace(bytes: Uint8Array): number {
  let k = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (k < bytes.length && (bytes[k] === 0x20 || bytes[k] === 0x09 || bytes[k] === 0x0a || bytes[k] === 0x0d)) k++;
  return k;
}

/** Whether the bytes open a JSON object: "{" after an optional UTF-8 byte-order mark and white space. */
function startsLikeJsonObject(bytes: Uint8Array): boolean {
  return bytes[skipWhiteSpace(bytes)] === 0x7b;
}
