import { ConvexNetError } from '../../errors';
import type { ModelFile } from '../../model/model-file-types';
import { parseModelFile } from '../../model/parse-model-file';
import { MODEL_JSON_METADATA_KEY } from './export-onnx';
import { readProtoFields, unreadableOnnx } from './protobuf-reader';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * metadata_props of an ONNX ModelProto (field 14: StringStringEntryProto { key = 1, value = 2 }).
 * Errors name `fileName` when given.
 */
export function readOnnxMetadata(bytes: Uint8Array, fileName?: string): Map<string, string> {
  const metadata = new Map<string, string>();
  for (const field of readProtoFields(bytes, fileName)) {
    if (field.field !== 14 || field.wireType !== 2) continue;
    let key = '';
    let value = '';
    for (const entry of readProtoFields(field.value, fileName)) {
      if (entry.wireType !== 2) continue;
      if (entry.field === 1) key = decode(entry.value, fileName);
      else if (entry.field === 2) value = decode(entry.value, fileName);
    }
    metadata.set(key, value);
  }
  return metadata;
}

/**
 * The model inside an ONNX file exported by ConvexNet Studio (the model JSON is kept in its
 * metadata). ONNX files from other tools are refused with onnx/not-ours. `fileName`, when known,
 * is named in the errors.
 */
export function readModelFromOnnx(bytes: Uint8Array, fileName?: string): ModelFile {
  const text = readOnnxMetadata(bytes, fileName).get(MODEL_JSON_METADATA_KEY);
  const file = fileName === undefined ? 'This ONNX file' : `The ONNX file "${fileName}"`;
  if (text === undefined) {
    throw new ConvexNetError('onnx/not-ours', `${file} was not exported by ConvexNet Studio (it has no embedded model); only our own ONNX files can be read back. Use the model JSON instead.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ConvexNetError('onnx/malformed', `The model embedded in ${file.charAt(0).toLowerCase()}${file.slice(1)} is damaged (not valid JSON).`);
  }
  return parseModelFile(json, fileName);
}

function decode(bytes: Uint8Array, fileName: string | undefined): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw unreadableOnnx('a metadata entry is not UTF-8 text', fileName);
  }
}
