import { trimOldest } from '../../src-core/collections/trim-oldest';
import type { FileContents, ImportedModelInfo } from '../../src-core/contract/export-types';
import { ConvexNetError } from '../../src-core/errors';
import type { ModelFile } from '../../src-core/model/model-file-types';
import { uploadedBytes } from './exported-file';
import { readModelBytes } from './read-model-bytes';

/** Imported models kept at once; importing one more forgets the oldest. */
export const MAX_IMPORTED_MODELS = 20;

/**
 * Models imported from files in this session (model JSON, or an ONNX file we exported, whose
 * metadata carries the model JSON), by id. A newer model-file version, a foreign ONNX file or a
 * damaged file is refused with a ConvexNetError saying what to do.
 */
export class ImportedModels {
  private readonly models = new Map<string, { model: ModelFile; info: ImportedModelInfo }>();
  private counter = 0;

  import(file: FileContents): ImportedModelInfo {
    const { model, fromFormat } = readModelBytes(uploadedBytes(file), file.fileName);
    const importedModelId = `imported-${++this.counter}`;
    const info: ImportedModelInfo = {
      importedModelId,
      fileName: file.fileName,
      fromFormat,
      task: model.task,
      solver: model.solver,
      producer: model.producer,
      inputColumns: model.preprocessing.steps.map((step) => step.column),
      classNames: [...model.classNames],
      neuronCount: model.heads.reduce((sum, head) => sum + head.hidden.rows, 0),
    };
    this.models.set(importedModelId, { model, info });
    trimOldest(this.models, MAX_IMPORTED_MODELS);
    return info;
  }

  get(importedModelId: string): { model: ModelFile; info: ImportedModelInfo } {
    const entry = this.models.get(importedModelId);
    if (!entry) throw new ConvexNetError('models/unknown-import', `There is no imported model "${importedModelId}" (imports last for the session); import the file again.`);
    return entry;
  }
}
