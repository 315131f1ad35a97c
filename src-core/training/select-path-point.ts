import { bestScoreIndex } from './best-score-index';

/** What a sweep's point is chosen by: cross-validation when it ran, else the test rows, else training. */
export type PathEvidence = 'cv' | 'test' | 'train';

/** A sweep's point by the score of the chosen evidence (larger is better; null: none). */
export interface ScoredPathPoint {
  readonly beta: number;
  readonly score: number | null | undefined;
}

/**
 * The index of a sweep's best point by `evidence`, with the reason in words. Several points
 * often share the best score (a test accuracy of 100% on easy data): the largest beta of them,
 * the simplest model, is chosen, and the reason says so, so the pick does not look arbitrary.
 * The app's sweeps and `convexnet sweep` both choose through this: the same point, the same words.
 */
export function selectPathPoint(points: readonly ScoredPathPoint[], evidence: PathEvidence, folds: number | null = null): { index: number; reason: string } {
  const index = bestScoreIndex(points);
  const words = { cv: `the best ${folds !== null ? `${folds}-fold ` : ''}cross-validated score`, test: 'the best test score', train: 'the best training score (no test rows)' }[evidence];
  const beta = `beta = ${points[index]!.beta.toPrecision(3)}`;
  const bestValue = points[index]!.score;
  const tied = bestValue === null || bestValue === undefined ? 1 : points.filter((p) => p.score === bestValue).length;
  if (tied > 1) return { index, reason: `${beta} has ${words}, shared by ${tied} of the ${points.length} values; of those, the largest beta (the simplest model) is chosen.` };
  return { index, reason: `${beta} has ${words}.` };
}
