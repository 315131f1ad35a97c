import { robustModelFields } from '../robust/robust-model-fields';
import type { RobustnessComparison } from '../robust/robustness-report-types';
import type { PreprocessingPipeline } from '../data/preprocessing-types';
import { ConvexNetError } from '../errors';
import type { Matrix } from '../linalg/matrix';
import type { TrainOutcome } from '../training/train-types';
import type { MatrixJson, ModelFile, ModelHeadJson, ModelTrainingData } from './model-file-types';
import { MODEL_FORMAT, MODEL_VERSION } from './model-file-types';
import { parseModelFile } from './parse-model-file';

export type { ConvexHeadJson, MatrixJson, ModelFile, ModelHeadJson, ModelTrainingData, TrainRowBitmap } from './model-file-types';
export { MODEL_FORMAT, MODEL_VERSION } from './model-file-types';
export { parseModelFile } from './parse-model-file';
export type { ModelPredictions } from './predict-raw';
export { modelNetworks, predictRaw } from './predict-raw';

export interface ModelMeta {
  /** Application and version that wrote the file, e.g. "ConvexNet Studio 0.1.0". */
  readonly producer?: string;
  /** Where the training rows came from (enables rebuilding the training set). */
  readonly trainingData?: ModelTrainingData;
  /** Adversarial training runs: the robustness report computed after training. */
  readonly robustness?: RobustnessComparison | null;
}

/**
 * The model file of a training outcome and the preprocessing it was trained behind. The result
 * is checked exactly as parseModelFile checks a file read from disk, so a built model always
 * reads back; a model whose weights are not finite (a numerical failure) is refused with
 * model-file/invalid-field.
 */
export function buildModelFile(outcome: TrainOutcome, pipeline: PreprocessingPipeline, meta: ModelMeta = {}): ModelFile {
  const { options } = outcome;
  if (outcome.task !== pipeline.task || options.task !== pipeline.task) {
    throw new ConvexNetError('model-file/inconsistent', `The training outcome is for a ${outcome.task} task but the preprocessing is for ${pipeline.task}.`);
  }
  const model: ModelFile = {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    producer: meta.producer ?? null,
    task: outcome.task,
    loss: options.loss,
    featureNames: [...pipeline.featureNames],
    classNames: [...pipeline.classNames],
    preprocessing: pipeline,
    solver: options.solver,
    formulation: options.formulation,
    patterns: options.patterns,
    beta: options.beta,
    bias: options.bias,
    seed: options.seed,
    classWeights: options.classWeights === undefined ? 'none' : Array.isArray(options.classWeights) ? [...options.classWeights] : options.classWeights,
    solverSettings: { ...(options.solverSettings ?? {}) },
    status: outcome.status,
    heads: outcome.heads.map((head): ModelHeadJson => ({
      classIndex: head.classIndex,
      hidden: matrixJson(head.network.hidden),
      output: Array.from(head.network.output),
      status: head.status,
      iterations: head.info.iterations,
      objective: finiteOrNull(head.info.objective),
      lowerBound: finiteOrNull(head.info.lowerBound),
      relativeGap: finiteOrNull(head.info.relativeGap),
      convex: head.convex
        ? { patternSource: head.convex.patternSource, generators: matrixJson(head.convex.generators), certificateText: head.convex.certificateText }
        : null,
    })),
    trainingData: meta.trainingData ?? null,
    ...robustModelFields(options.adversarial, meta.robustness),
  };
  const biasMismatch = outcome.heads.findIndex((head) => head.network.hasBias !== options.bias);
  if (biasMismatch >= 0) {
    throw new ConvexNetError('model-file/inconsistent', `Head ${biasMismatch} ${options.bias ? 'has no' : 'has a'} bias input, but the options say bias = ${options.bias}.`);
  }
  return parseModelFile(model);
}

function matrixJson(m: Matrix): MatrixJson {
  return { rows: m.rows, cols: m.cols, data: Array.from(m.data) };
}

function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}
