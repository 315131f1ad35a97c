import { formatPercent } from '../solvers/solver-types';

/**
 * The optimality certificate in plain words, e.g. "Within 0.04% of the best possible training
 * objective for these patterns." For sampled programs it says plainly what the bound covers.
 */
export function describeCertificate(relativeGap: number | null, source: 'sampled' | 'exact', unit: 'patterns' | 'neurons'): string {
  if (relativeGap === null || !Number.isFinite(relativeGap)) return 'No optimality certificate is available for this run.';
  const scope = source === 'exact'
    ? 'over all activation patterns, so this is the global optimum of the training problem'
    : unit === 'patterns'
      ? 'for the sampled activation patterns (more patterns can only lower the objective further)'
      : 'for the sampled neuron directions (more directions can only lower the objective further)';
  return `Within ${formatPercent(relativeGap)} of the best possible training objective ${scope}.`;
}
