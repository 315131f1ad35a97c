import type { DatasetSummary, HeadResult, JobSummary, RunResult } from '../../../src-core/contract/operations';
import type { TrainOptions } from '../../../src-core/training/train-types';

export const twoMoonsSummary: DatasetSummary = {
  datasetId: 'ds-1',
  name: 'Two moons',
  task: 'binary',
  targetName: 'moon',
  rowCount: 400,
  featureNames: ['x1', 'x2'],
  classNames: ['upper', 'lower'],
  classCounts: [200, 200],
  previewColumns: ['x1', 'x2', 'moon'],
  previewRows: [['0.1', '0.9', 'upper']],
};

export const binaryDefaults: TrainOptions = {
  task: 'binary',
  loss: 'bce',
  solver: 'admm',
  formulation: 'sampled',
  patterns: 64,
  beta: 0.001,
  bias: true,
  seed: 7,
};

export function jobSummary(overrides: Partial<JobSummary> = {}): JobSummary {
  return {
    jobId: 'job-1',
    label: 'Two moons · ADMM',
    datasetId: 'ds-1',
    solver: 'admm',
    state: 'running',
    status: null,
    createdAt: 1_000,
    startedAt: 1_000,
    endedAt: null,
    progress: null,
    error: null,
    ...overrides,
  };
}

const head: HeadResult = {
  classIndex: null,
  neuronCount: 12,
  status: 'solved',
  iterations: 340,
  objective: 3.5,
  lowerBound: 3.4999,
  relativeGap: 0.00003,
  certificateText: 'Within 0.003% of the best possible training objective for the sampled activation patterns.',
  history: [
    { iteration: 10, elapsedMs: 5, objective: 9, lowerBound: 1, relativeGap: 0.8 },
    { iteration: 340, elapsedMs: 90, objective: 3.5, lowerBound: 3.4999, relativeGap: 0.00003 },
  ],
};

export function runResult(overrides: Partial<RunResult> = {}): RunResult {
  const classification = {
    n: 100,
    classCount: 2,
    confusionMatrix: [[48, 2], [1, 49]],
    accuracy: 0.97,
    balancedAccuracy: 0.97,
    perClass: { precision: [0.98, 0.96], recall: [0.96, 0.98], f1: [0.97, 0.97], support: [50, 50] },
    macro: { precision: 0.97, recall: 0.97, f1: 0.97 },
    binary: { precision: 0.96, recall: 0.98, f1: 0.9703 },
    rocAuc: 0.995,
    rocCurve: null,
    logLoss: null,
  };
  return {
    jobId: 'job-1',
    datasetId: 'ds-1',
    task: 'binary',
    options: binaryDefaults,
    status: 'solved',
    statusText: 'Reached the requested tolerance. The certified gap is 0.003%.',
    heads: [head],
    trainCount: 300,
    testCount: 100,
    train: { task: 'binary', classification: { ...classification, n: 300, accuracy: 0.99 }, regression: null },
    test: { task: 'binary', classification, regression: null },
    setupMs: 12,
    solveMs: 95,
    ...overrides,
  };
}
