import { applyPreprocessing } from '../data/preprocessing';
import type { RawTable } from '../data/raw-table';
import { createMatrix } from '../linalg/matrix';
import type { PredictHead, Predictions } from '../training/predict';
import { predictWithHeads } from '../training/predict';
import type { ModelFile } from './model-file-types';

/** Predictions on raw rows, with the class names their indices refer to. */
export type ModelPredictions = Predictions & { readonly classNames: readonly string[] };

/** The heads of a model file as networks (fresh typed arrays). */
export function modelNetworks(model: ModelFile): PredictHead[] {
  return model.heads.map((head) => ({
    classIndex: head.classIndex,
    network: {
      hidden: createMatrix(head.hidden.rows, head.hidden.cols, Float64Array.from(head.hidden.data)),
      output: Float64Array.from(head.output),
      hasBias: model.bias,
    },
  }));
}

/**
 * Predictions of a model on a RAW table (the columns the model was trained on, by name; the target
 * column may be absent). The model's preprocessing is applied first (see applyPreprocessing).
 */
export function predictRaw(model: ModelFile, table: RawTable): ModelPredictions {
  const X = applyPreprocessing(model.preprocessing, table);
  const predictions = predictWithHeads(model.task, model.loss, modelNetworks(model), X);
  return { ...predictions, classNames: model.classNames };
}
