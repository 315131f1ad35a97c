import type { ColumnProfile } from '../../../src-core/contract/dataset-types';
import type { AdversarialTraining } from '../../../src-core/robust/adversarial-options';
import { IPM_ADVERSARIAL_MESSAGE } from '../../../src-core/training/solver-support';
import type { SolverName } from '../../../src-core/training/train-types';

/** One numeric input column as the Adversarial training section shows it. */
export interface PerturbedColumn {
  readonly name: string;
  /** Radius in the column's raw units (after per-column override and immutability). */
  readonly raw: number;
  /** The same radius in standard deviations of the column (null when its spread is unknown or 0). */
  readonly standardized: number | null;
  readonly immutable: boolean;
}

/**
 * The numeric feature columns with their radius in raw units and in standard deviations, as the
 * back end will convert them (raw radius / std with standardization). Categorical columns are
 * left out: they are never perturbed.
 */
export function perturbedColumns(adversarial: AdversarialTraining, features: readonly string[], profiles: readonly ColumnProfile[]): PerturbedColumn[] {
  const immutable = new Set(adversarial.immutable ?? []);
  const out: PerturbedColumn[] = [];
  for (const name of features) {
    const profile = profiles.find((p) => p.name === name);
    if (!profile || profile.kind !== 'numeric' || !profile.stats) continue;
    const std = profile.stats.std;
    const given = immutable.has(name) ? 0 : adversarial.columnRadii?.[name] ?? adversarial.epsilon;
    const raw = adversarial.units === 'raw' ? given : std > 0 ? given * std : given;
    out.push({ name, raw, standardized: std > 0 ? raw / std : null, immutable: immutable.has(name) });
  }
  return out;
}

/**
 * The fallback starting radius when the back end's advice has none (robust/suggested-radius.ts: no
 * sampled pattern splits the rows, or no advice yet): a tenth of the smallest spread of the numeric
 * features, rounded (raw units).
 */
export function suggestedEpsilon(features: readonly string[], profiles: readonly ColumnProfile[]): number {
  const spreads = features.flatMap((name) => {
    const p = profiles.find((q) => q.name === name);
    return p?.stats && p.stats.std > 0 ? [p.stats.std] : [];
  });
  if (spreads.length === 0) return 0.1;
  return Number((0.1 * Math.min(...spreads)).toPrecision(1));
}

export interface AdversarialCheck {
  /** Blocks training. */
  readonly errors: string[];
  /** Worth knowing; training still allowed. */
  readonly warnings: string[];
}

export const ROBUST_SOLVERS: readonly SolverName[] = ['admm', 'admm-rbcd', 'backprop'];

/** Validation of the section: radii, solver support, and the spread warning of the issue. */
export function checkAdversarial(adversarial: AdversarialTraining, solver: SolverName, columns: readonly PerturbedColumn[]): AdversarialCheck {
  const errors: string[] = [];
  const warnings: string[] = [];
  if (!(adversarial.epsilon >= 0) || !Number.isFinite(adversarial.epsilon)) errors.push('Epsilon must be a number of at least 0.');
  // At epsilon 0 the interior-point solver trains the standard model (no adversary), so only a
  // positive radius is refused for it.
  if (solver === 'ipm') {
    if (adversarial.epsilon > 0) errors.push(IPM_ADVERSARIAL_MESSAGE);
  } else if (!ROBUST_SOLVERS.includes(solver)) {
    errors.push(`Adversarial training needs the ADMM, ADMM-RBCD or back-propagation solver, not ${solver}.`);
  }
  if (adversarial.epsilon === 0) warnings.push('Epsilon is 0: this trains a standard model.');
  if (columns.length > 0 && columns.every((c) => c.raw === 0)) warnings.push('Every numeric column is immutable or has radius 0: nothing can be perturbed.');
  const largest = Math.max(0, ...columns.map((c) => c.standardized ?? 0));
  if (largest > 1) {
    const column = columns.find((c) => (c.standardized ?? 0) === largest)!;
    warnings.push(`The radius of ${column.name} is ${largest.toPrecision(2)} standard deviations, more than the data's spread: the robust model will shrink towards zero (predicting one class).`);
  }
  return { errors, warnings };
}
