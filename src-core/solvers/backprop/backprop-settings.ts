import type { SettingSpec } from '../../settings/setting-spec';

/**
 * Settings of the back-propagation baseline (SGD with momentum or Adam on the non-convex
 * objective of paper-spec.md 1.1). Declared once as data; `resolveSettings(backpropSettingSpecs, given)`
 * validates them and fills the defaults.
 *
 * Budget: one "iteration" of this solver is one epoch (one pass over the training data), so
 * `epochs` is the iteration limit; `timeLimitMs` bounds the wall time of the whole run (all
 * restarts together). `batchSize` 0 or >= n means full-batch gradient descent.
 */
export type BackpropOptimizer = 'adam' | 'sgd';

export type BackpropSettings = {
  optimizer: BackpropOptimizer;
  hiddenUnits: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  momentum: number;
  restarts: number;
  timeLimitMs: number;
  tolerance: number;
};

/** Epochs over which the relative objective change is measured for the early stop. */
export const BACKPROP_PLATEAU_WINDOW = 10;

/** Adam's fixed constants (Kingma & Ba defaults): first/second moment decay and denominator guard. */
export const ADAM_BETA1 = 0.9;
export const ADAM_BETA2 = 0.999;
export const ADAM_EPSILON = 1e-8;

export const backpropSettingSpecs: SettingSpec[] = [
  {
    key: 'optimizer',
    label: 'Optimizer',
    help: 'How the weights are updated: Adam adapts the step per weight and is the usual choice; SGD uses one step size with momentum.',
    group: 'basic',
    kind: 'choice',
    default: 'adam',
    options: [
      { value: 'adam', label: 'Adam' },
      { value: 'sgd', label: 'SGD with momentum' },
    ],
  },
  {
    key: 'hiddenUnits',
    label: 'Hidden neurons',
    help: 'Number of ReLU neurons in the hidden layer; more neurons make a more flexible model.',
    group: 'basic',
    kind: 'integer',
    default: 32,
    min: 1,
    max: 4096,
    unit: 'neurons',
  },
  {
    key: 'epochs',
    label: 'Epochs',
    help: 'How many passes over the training data each run makes at most (the iteration limit).',
    group: 'basic',
    kind: 'integer',
    default: 300,
    min: 1,
    max: 1_000_000,
    unit: 'epochs',
    scale: 'log',
  },
  {
    key: 'batchSize',
    label: 'Mini-batch size',
    help: 'Samples used for each weight update; 0 (or at least the number of samples) uses all samples every step (full batch).',
    group: 'basic',
    kind: 'integer',
    default: 64,
    min: 0,
    max: 100_000_000,
    unit: 'samples',
  },
  {
    key: 'learningRate',
    label: 'Learning rate',
    help: 'Step size of each update; too large diverges, too small learns slowly. 0.01 suits Adam; SGD sums over samples, so use a smaller value on large data.',
    group: 'basic',
    kind: 'number',
    default: 1e-2,
    min: 0,
    minExclusive: true,
    max: 10,
    unit: '',
    scale: 'log',
  },
  {
    key: 'momentum',
    label: 'Momentum (SGD)',
    help: 'SGD only: fraction of the previous step carried into the next one, which smooths and speeds up training.',
    group: 'advanced',
    kind: 'number',
    default: 0.9,
    min: 0,
    max: 0.999,
    unit: '',
  },
  {
    key: 'restarts',
    label: 'Restarts',
    help: 'Independent trainings from different random starting weights; the best final result is kept.',
    group: 'basic',
    kind: 'integer',
    default: 1,
    min: 1,
    max: 100,
    unit: 'runs',
  },
  {
    key: 'timeLimitMs',
    label: 'Time limit',
    help: 'Stop all runs after this much time and keep the best network so far; 0 means no time limit.',
    group: 'advanced',
    kind: 'integer',
    default: 0,
    min: 0,
    max: 86_400_000,
    unit: 'ms',
  },
  {
    key: 'tolerance',
    label: 'Early-stop tolerance',
    help: 'A run stops early when the objective changed by less than this fraction over the last 10 epochs; 0 never stops early.',
    group: 'advanced',
    kind: 'number',
    default: 1e-6,
    min: 0,
    max: 1,
    unit: '',
  },
];
