import type { RunResult } from '../../../src-core/contract/operations';
import { combinedCertificate } from '../../../src-core/training/combined-gap';
import { patternSourceOf } from '../../../src-core/training/pattern-source';
import { presetSize } from '../../../src-core/training/presets';
import { formatNumber } from '../../format/numbers';

/** Training objective of a run: the sum over its networks (one per class for one-vs-rest). */
export function trainingObjective(result: RunResult): number {
  return combinedCertificate(result.heads).objective;
}

/**
 * What the training objectives of a convex run and its back-propagation baselines mean side by
 * side, or null when there is nothing to explain.
 *
 * - Sampled patterns, beaten by a baseline: the convex optimum is over networks whose neurons use
 *   the sampled activation patterns only; back-propagation's neurons can use any. Measured on two
 *   moons (150 training rows): 32 patterns 2.437, back-propagation 1.86-2.23, 128 patterns 1.204.
 * - Exact patterns: the program is the non-convex problem's (Pilanci & Ergen), so its certified
 *   lower bound holds for every two-layer ReLU network with this regularization, of any width,
 *   back-propagation's included.
 */
export function objectiveNote(convex: RunResult, baselines: readonly RunResult[]): string | null {
  if (baselines.length === 0) return null;
  const convexObjective = trainingObjective(convex);
  const best = Math.min(...baselines.map(trainingObjective));
  if (convex.options.formulation === 'exact') {
    const bound = combinedCertificate(convex.heads).lowerBound;
    if (bound === null) return null;
    return `The convex run solved the exact program: no two-layer ReLU network with this regularization, of any width and however trained, has a training objective below ${formatNumber(bound)} (its certified lower bound). Back-propagation's best: ${formatNumber(best)}.`;
  }
  if (!(best < convexObjective)) return null;
  const more = Math.max(4 * convex.options.patterns, presetSize('accurate', convex.options.solver));
  const fromBackprop = patternSourceOf(convex.options.solverSettings) === 'backprop';
  // Random directions can miss the hyperplanes the data need, and more of them may not find them
  // (20,000 rows of mixed data: 32 random patterns 79% test accuracy, 128 81%, back-propagation's
  // 89%; bench case pattern-source-20000: 87.0% against 91.8%).
  const remedy = fromBackprop
    ? `Its patterns came from one back-propagation network, whose objective it does not exceed; other seeds' networks can find other patterns. More patterns can only lower the convex objective (try ${more}).`
    : `Patterns from a back-propagation network (Pattern source under Advanced) make the convex objective at most that network's; more patterns can only lower it too (try ${more}), and the exact formulation, where the data is small enough, lifts the restriction.`;
  return (
    `Back-propagation reached a lower training objective (${formatNumber(best)}) than the convex run (${formatNumber(convexObjective)}). ` +
    `The convex run is certified optimal only among networks whose neurons use its ${convex.options.patterns} sampled activation patterns; back-propagation's neurons can use any. ` +
    remedy
  );
}
