/** What one head certifies: its objective, lower bound and relative gap (null when unknown). */
export interface HeadCertificate {
  readonly objective: number;
  readonly lowerBound: number | null;
  readonly relativeGap: number | null;
}

/**
 * The certificate of a whole model. One head: its own. One-vs-rest: the heads are independent
 * problems, so the sum of their lower bounds bounds the sum of their optima; the gap is relative
 * to the summed objective (null as soon as one head has no bound).
 */
export function combinedCertificate(heads: readonly HeadCertificate[]): { objective: number; lowerBound: number | null; relativeGap: number | null } {
  if (heads.length === 1) return { objective: heads[0]!.objective, lowerBound: heads[0]!.lowerBound, relativeGap: heads[0]!.relativeGap };
  const objective = heads.reduce((sum, h) => sum + h.objective, 0);
  const lowerBound = heads.every((h) => h.lowerBound !== null) ? heads.reduce((sum, h) => sum + h.lowerBound!, 0) : null;
  const relativeGap = lowerBound === null ? null : (objective - lowerBound) / Math.max(Math.abs(objective), Number.MIN_VALUE);
  return { objective, lowerBound, relativeGap };
}
