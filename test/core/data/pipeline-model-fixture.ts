import type { PreprocessingPipeline } from '../../../src-core/data/preprocessing-types';
import { buildModelFile } from '../../../src-core/model/model-file';
import type { ModelFile } from '../../../src-core/model/model-file-types';
import { handMadeOutcome } from '../model/model-fixtures';
import { encodeTrainRows } from '../../../src-core/model/train-row-bitmap';

/** A model file around the given pipeline (hand-made random networks of the right width). */
export function buildModelFixture(pipeline: PreprocessingPipeline): ModelFile {
  return buildModelFile(handMadeOutcome(pipeline.task, pipeline.featureNames.length), pipeline, {
    producer: 'test',
    trainingData: { source: 'data.csv', rows: 6, droppedRows: 0, trainRows: encodeTrainRows([0, 1, 2], 6), testFraction: 0.2, splitSeed: 1 },
  });
}
