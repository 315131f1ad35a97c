import type { Matrix } from '../linalg/matrix';
import type { ReluNetwork } from '../network/relu-network';
import { predictedClassAt, headValue, type AttackModel } from './attack-model';
import { defaultPgd, fgsmAttack, pgdAttack } from './attacks';
import { certifyByIntervals, intervalErrorBound } from './certify-interval';
import { certifyExactly } from './certify-exact';
import type { AccuracySet, RobustnessPoint, RobustnessReport } from './robustness-report-types';
import type { ThreatModel, ThreatNorm } from './threat-model';

export interface RobustnessReportInput {
  readonly task: 'binary' | 'multiclass' | 'regression';
  /** Binary/regression: one network; one-vs-rest: one per class, in class order. */
  readonly heads: readonly ReluNetwork[];
  /** Prepared features (no bias column; it is appended here when the networks have one). */
  readonly X: Matrix;
  /** Class indices (classification) or target values (regression). */
  readonly y: Float64Array;
  /** Number of classes (classification); 0 for regression. */
  readonly classCount: number;
  readonly norm: ThreatNorm;
  /** Radius of each prepared feature per unit of epsilon (0 = never perturbed). */
  readonly radiiPerEpsilon: Float64Array;
  readonly epsilons: readonly number[];
  readonly units: 'raw' | 'standardized';
  readonly unitsText: string;
  readonly dataSet: 'test' | 'training';
  readonly steps?: number;
  readonly restarts?: number;
  readonly seed?: number;
  /** Which columns to evaluate: 'all' (default) or a subset for a quick report. */
  readonly attacks?: readonly ('fgsm' | 'pgd' | 'certify')[];
  /** Checked between points; a true answer stops the report early (the numbers so far are kept). */
  readonly isCancelled?: () => boolean;
}

/** Largest number of vertex systems the exact certificate may solve per point. */
const EXACT_LIMIT_PER_POINT = 20000;

/**
 * Clean, FGSM, PGD and certified accuracy over a sweep of radii (paper-spec 6.7 and the issue's
 * robustness report). Per point the verdicts are nested by construction: a point counts as
 * attacked-correct only if it is clean-correct and neither attack fools it, and as certified
 * only if the certificate holds and no attack fooled it (a sound certificate implies the latter;
 * the check keeps certified <= PGD <= clean even under rounding at a decision boundary).
 */
export function computeRobustnessReport(input: RobustnessReportInput): RobustnessReport {
  const { task, heads, X, y, classCount } = input;
  const hasBias = heads[0]!.hasBias;
  const d = X.cols + (hasBias ? 1 : 0);
  const model: AttackModel = { task, heads };
  const steps = input.steps ?? defaultPgd.steps;
  const restarts = input.restarts ?? defaultPgd.restarts;
  const run = new Set(input.attacks ?? ['fgsm', 'pgd', 'certify']);
  const rows = Array.from({ length: X.rows }, (_, k) => {
    const x = new Float64Array(d);
    x.set(X.data.subarray(k * X.cols, (k + 1) * X.cols));
    if (hasBias) x[d - 1] = 1;
    return x;
  });
  const points: RobustnessPoint[] = [];
  let exactUsed = false;
  for (const epsilon of input.epsilons) {
    if (input.isCancelled?.()) break;
    const radii = new Float64Array(d);
    for (let t = 0; t < X.cols; t++) radii[t] = epsilon * input.radiiPerEpsilon[t]!;
    const threat: ThreatModel = { norm: input.norm, radii };
    if (task === 'regression') {
      points.push(regressionPoint(model, threat, rows, y, epsilon, steps, restarts, input.seed ?? 0, run));
      continue;
    }
    const verdicts = rows.map((x, k) => {
      const label = y[k]!;
      const clean = predictedClassAt(model, x) === label;
      const fgsm = clean && (!run.has('fgsm') || !fgsmAttack(model, threat, x, label).fooled);
      const pgd = fgsm && (!run.has('pgd') || !pgdAttack(model, threat, x, label, { steps, restarts, seed: (input.seed ?? 0) + k }).fooled);
      let certified = false;
      if (pgd && run.has('certify')) {
        certified = certifyByIntervals(model, threat, x, label);
        if (!certified) {
          const exact = certifyExactly(model, threat, x, label, EXACT_LIMIT_PER_POINT);
          if (exact !== null) exactUsed = true;
          certified = exact === true;
        }
      }
      return { label, clean, fgsm, pgd, certified };
    });
    const rate = (key: 'clean' | 'fgsm' | 'pgd' | 'certified', use: boolean): number | null =>
      !use || verdicts.length === 0 ? null : verdicts.filter((v) => v[key]).length / verdicts.length;
    const balanced = (key: 'clean' | 'fgsm' | 'pgd' | 'certified', use: boolean): number | null => {
      if (!use || verdicts.length === 0) return null;
      const recalls: number[] = [];
      for (let c = 0; c < Math.max(classCount, 2); c++) {
        const members = verdicts.filter((v) => v.label === c);
        if (members.length > 0) recalls.push(members.filter((v) => v[key]).length / members.length);
      }
      return recalls.reduce((s, r) => s + r, 0) / recalls.length;
    };
    const make = (f: typeof rate): AccuracySet => ({
      clean: f('clean', true),
      fgsm: f('fgsm', run.has('fgsm')),
      pgd: f('pgd', run.has('pgd')),
      certified: f('certified', run.has('certify')),
    });
    points.push({ epsilon, accuracy: make(rate), balancedAccuracy: make(balanced), error: null });
  }
  return {
    task,
    norm: input.norm,
    units: input.units,
    unitsText: input.unitsText,
    testPoints: X.rows,
    dataSet: input.dataSet,
    attack: { steps, restarts, stepFraction: 2.5 / steps },
    certification: exactUsed ? 'exact-where-small' : 'interval',
    points,
    warnings: reportWarnings(model, rows, y, input),
  };
}

function regressionPoint(model: AttackModel, threat: ThreatModel, rows: Float64Array[], y: Float64Array, epsilon: number, steps: number, restarts: number, seed: number, run: Set<string>): RobustnessPoint {
  let clean = 0;
  let fgsm = 0;
  let pgd = 0;
  let bound = 0;
  rows.forEach((x, k) => {
    const target = y[k]!;
    const e0 = (headValue(model.heads[0]!, x) - target) ** 2;
    const e1 = run.has('fgsm') ? Math.max(e0, fgsmAttack(model, threat, x, target).objective) : e0;
    const e2 = run.has('pgd') ? Math.max(e1, pgdAttack(model, threat, x, target, { steps, restarts, seed: seed + k, stopWhenFooled: false }).objective) : e1;
    clean += e0;
    fgsm += e1;
    pgd += e2;
    bound += intervalErrorBound(model, threat, x, target) ** 2;
  });
  const n = Math.max(1, rows.length);
  const none: AccuracySet = { clean: null, fgsm: null, pgd: null, certified: null };
  return {
    epsilon,
    accuracy: none,
    balancedAccuracy: none,
    error: { clean: Math.sqrt(clean / n), fgsm: Math.sqrt(fgsm / n), pgd: Math.sqrt(pgd / n), certifiedBound: Math.sqrt(bound / n) },
  };
}

function reportWarnings(model: AttackModel, rows: Float64Array[], y: Float64Array, input: RobustnessReportInput): string[] {
  const warnings: string[] = [];
  if (rows.length === 0) warnings.push('There are no points to evaluate: hold out a test fraction to get a robustness report.');
  if (input.dataSet === 'training') warnings.push('Computed on the training rows (no test rows were held out): expect optimistic numbers.');
  if (model.task !== 'regression' && rows.length > 0) {
    const predicted = new Set(rows.map((x) => predictedClassAt(model, x)));
    const present = new Set(Array.from(y));
    if (predicted.size === 1 && present.size > 1) {
      warnings.push(`The model predicts one class for every test point (class ${[...predicted][0]}): it has collapsed, so its accuracy only reflects class balance. A radius that is large compared with the data's spread shrinks a robust model to zero; try a smaller epsilon or beta.`);
    }

  }
  return warnings;
}
