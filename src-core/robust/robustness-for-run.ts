import type { Dataset } from '../data/dataset';
import { evenlySpacedIndices, selectRows } from '../linalg/matrix';
import type { SolveContext } from '../solvers/solver-types';
import { trainModel } from '../training/train-model';
import type { TrainOutcome } from '../training/train-types';
import type { AdversarialTraining } from './adversarial-options';
import { computeRobustnessReport } from './robustness-report';
import { suggestRobustRadius } from './suggested-radius';
import type { RobustnessComparison, RobustnessReport } from './robustness-report-types';

export type { RobustnessComparison } from './robustness-report-types';


/** The sweep, as multiples of the training radius. */
export const EPSILON_SWEEP = [0, 0.25, 0.5, 1, 1.5, 2] as const;

/** Attacks cost steps x restarts gradient evaluations per point and radius: larger sets are subsampled. */
export const MAX_REPORT_POINTS = 500;

export interface RobustnessRunOptions {
  /** Radii to evaluate, in the adversarial settings' units (default: EPSILON_SWEEP x epsilon). */
  readonly epsilons?: readonly number[];
  /** Most points evaluated (evenly spaced rows beyond it; default MAX_REPORT_POINTS). */
  readonly maxPoints?: number;
  readonly steps?: number;
  readonly restarts?: number;
}

/**
 * Evaluates a finished adversarial-training run on its test rows (training rows when none were
 * held out) over a sweep of radii, and, when `compareStandard` is set, trains the same options
 * without the adversary (same seed, so the same patterns) and evaluates it the same way.
 * The radius profile per feature is the run's resolved featureRadii divided by epsilon, so the
 * sweep scales every feature's radius together (per-column radii and immutable columns kept).
 */
export function robustnessForRun(outcome: TrainOutcome, train: Dataset, test: Dataset | null, context: SolveContext, options: RobustnessRunOptions = {}): RobustnessComparison | null {
  const adversarial = outcome.options.adversarial;
  if (!adversarial?.featureRadii || !(adversarial.epsilon > 0)) return null;
  const evaluate = (heads: TrainOutcome['heads']): RobustnessReport => reportFor(adversarial, heads, train, test, context, options);
  const robust = evaluate(outcome.heads);
  const suggested = smallerSuggestedRadius(outcome, train);
  const suggestion = suggested === null ? {} : { suggestedRadius: suggested };
  if (!adversarial.compareStandard || context.isCancelled()) return { robust, standard: null, ...suggestion };
  const { adversarial: _dropped, ...standardOptions } = outcome.options;
  void _dropped;
  const standard = trainModel(train, standardOptions, context);
  return { robust, standard: evaluate(standard.heads), ...suggestion };
}

/**
 * The radius suggested for the run's training rows, threat (norm, units, immutable columns: the
 * resolved radii per unit epsilon), pattern count and seed, when it is below the trained radius;
 * null otherwise.
 */
function smallerSuggestedRadius(outcome: TrainOutcome, train: Dataset): number | null {
  const { adversarial, bias, patterns, seed } = outcome.options;
  if (!adversarial?.featureRadii || !(adversarial.epsilon > 0)) return null;
  const unit = adversarial.featureRadii.map((r) => r / adversarial.epsilon);
  const suggestion = suggestRobustRadius(train.X, unit, { norm: adversarial.norm, hasBias: bias, patternCount: patterns, seed });
  return suggestion !== null && suggestion.value < adversarial.epsilon ? suggestion.value : null;
}

function reportFor(adversarial: AdversarialTraining, heads: TrainOutcome['heads'], train: Dataset, test: Dataset | null, context: SolveContext, options: RobustnessRunOptions): RobustnessReport {
  const full = test && test.X.rows > 0 ? test : train;
  const data = evenlySpacedRows(full, options.maxPoints ?? MAX_REPORT_POINTS);
  const epsilon = adversarial.epsilon;
  const unitsText = adversarial.units === 'raw'
    ? `epsilon in the raw units of each numeric column (${adversarial.norm === 'linf' ? 'l_inf' : 'l_2'}); categorical columns${adversarial.immutable?.length ? `, ${adversarial.immutable.join(', ')}` : ''} and the bias never perturbed`
    : `epsilon in prepared units (after scaling; standard deviations when standardized) of each numeric column (${adversarial.norm === 'linf' ? 'l_inf' : 'l_2'}); categorical columns${adversarial.immutable?.length ? `, ${adversarial.immutable.join(', ')}` : ''} and the bias never perturbed`;
  const perUnit = adversarial.featureRadii!.map((r, t) => ({ name: data.featureNames[t] ?? `feature ${t + 1}`, value: r / epsilon })).filter((f) => f.value > 0);
  const scaleText = adversarial.units === 'raw' && perUnit.length > 0 && perUnit.length <= 12
    ? `; epsilon = 1 is ${perUnit.map((f) => `${Number(f.value.toPrecision(3))} (${f.name})`).join(', ')} in prepared (standardized) units`
    : '';
  const report = computeRobustnessReport({
    task: data.task,
    heads: [...heads].sort((a, b) => (a.classIndex ?? 0) - (b.classIndex ?? 0)).map((h) => h.network),
    X: data.X,
    y: data.y,
    classCount: data.task === 'regression' ? 0 : data.classNames.length,
    norm: adversarial.norm,
    radiiPerEpsilon: Float64Array.from(adversarial.featureRadii!, (r) => r / epsilon),
    epsilons: options.epsilons ?? EPSILON_SWEEP.map((f) => f * epsilon),
    units: adversarial.units,
    unitsText: unitsText + scaleText,
    dataSet: full === test ? 'test' : 'training',
    ...(options.steps !== undefined ? { steps: options.steps } : {}),
    ...(options.restarts !== undefined ? { restarts: options.restarts } : {}),
    isCancelled: context.isCancelled,
  });
  if (data.X.rows === full.X.rows) return report;
  return { ...report, warnings: [`Evaluated on ${data.X.rows} of the ${full.X.rows} ${full === test ? 'test' : 'training'} rows (evenly spaced), to bound the attacks' cost.`, ...report.warnings] };
}

/** At most `limit` rows of a dataset, evenly spaced and in order (all of them when it is small). */
export function evenlySpacedRows(data: Dataset, limit: number): Dataset {
  if (data.X.rows <= limit) return data;
  const rows = evenlySpacedIndices(data.X.rows, limit);
  return { ...data, X: selectRows(data.X, rows), y: Float64Array.from(rows, (k) => data.y[k]!) };
}
