import type { ModelFile } from '../../src-core/model/model-file-types';
import { readModelBytes } from '../export/read-model-bytes';
import { readFileBytes } from '../files/files';

/**
 * The model in a MODEL argument: model JSON, or an ONNX file ConvexNet Studio exported, read as
 * the app imports it (read-model-bytes.ts). Errors name the file.
 */
export function readModelFile(path: string): ModelFile {
  return readModelBytes(readFileBytes(path, 'the model file'), path).model;
}
