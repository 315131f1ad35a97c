import type { ThreatNorm } from './threat-model';

/** Accuracies at one radius; null where they do not apply (regression, no test points). */
export interface AccuracySet {
  readonly clean: number | null;
  readonly fgsm: number | null;
  readonly pgd: number | null;
  /** Fraction of test points proven robust (a lower bound on the true robust accuracy). */
  readonly certified: number | null;
}

/** Regression: root mean squared error, clean and under attack, and a certified upper bound. */
export interface ErrorSet {
  readonly clean: number;
  readonly fgsm: number;
  readonly pgd: number;
  readonly certifiedBound: number;
}

export interface RobustnessPoint {
  /** Radius in the report's units (see RobustnessReport.units). */
  readonly epsilon: number;
  readonly accuracy: AccuracySet;
  /** Mean over classes of the per-class fraction (robust to class imbalance). */
  readonly balancedAccuracy: AccuracySet;
  /** Regression only. */
  readonly error: ErrorSet | null;
}

/** Plain JSON: travels through the contract, the model file and the CLI report. */
export interface RobustnessReport {
  readonly task: 'binary' | 'multiclass' | 'regression';
  readonly norm: ThreatNorm;
  /** 'raw': epsilon in the data file's units of each numeric column; 'standardized': in prepared (scaled) units. */
  readonly units: 'raw' | 'standardized';
  /** One line stating the units and the threat, shown next to every number. */
  readonly unitsText: string;
  /** Number of points every number is computed on, and which set they come from. */
  readonly testPoints: number;
  readonly dataSet: 'test' | 'training';
  readonly attack: { readonly steps: number; readonly restarts: number; readonly stepFraction: number };
  /** 'interval' (interval bound propagation) or 'exact' (vertex enumeration, l_inf binary small models) where cheap. */
  readonly certification: 'interval' | 'exact-where-small';
  readonly points: readonly RobustnessPoint[];
  readonly warnings: readonly string[];
}

/** The robustness report of a run, and of the same settings trained without the adversary. */
export interface RobustnessComparison {
  readonly robust: RobustnessReport;
  /** Same data, options and seed without adversarial training (null when not requested). */
  readonly standard: RobustnessReport | null;
  /**
   * The radius suggested for the training rows (suggested-radius.ts), when it is below the
   * trained one: the verdict names it as the smaller epsilon to try. Absent in older files.
   */
  readonly suggestedRadius?: number;
}
