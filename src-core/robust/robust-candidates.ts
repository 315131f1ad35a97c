import { relativeGap } from '../convex/dual-certificate';
import { pruneLimits, pruneNegligibleBlocks } from '../convex/prune-blocks';
import type { ConicLayout } from './robust-conic-form';
import { evaluateNetworkBlocks, evaluateRobustBlocks, type RobustEvaluation } from './robust-objective';
import type { RobustProblem } from './robust-problem';
import { accuracyForLoss } from '../solvers/classification-accuracy';
import type { HistoryPoint } from '../solvers/solver-types';

/** A certified point of a robust solve (PDHG iterate or interior-point step). */
export interface RobustCandidate {
  z: Float64Array;
  y: Float64Array;
  evaluation: RobustEvaluation;
  lowerBound: number;
  gap: number;
  /** gap + cone violation: the restart merit (smaller is better). */
  merit: number;
}

/**
 * A finished robust solve's primal-dual point (the delivered one), to start the next solve of the
 * same data, patterns and threat norm (an epsilon sweep: only the radii differ, so the conic
 * form has the same layout and only K's values change).
 */
export interface RobustWarmStart {
  readonly z: Float64Array;
  readonly y: Float64Array;
}

/** `from` starts the solve at another solve's final point; `keep` receives this solve's. */
export interface RobustWarmStartLink {
  readonly from?: RobustWarmStart;
  readonly keep?: (final: RobustWarmStart) => void;
}

/**
 * The candidate with its negligible blocks zeroed (convex/prune-blocks.ts): the gap against the
 * same proven lower bound (it depends only on the dual point) and the robust-cone violation are
 * re-evaluated on the pruned blocks. Measured on two moons (n = 300, hinge, epsilon 0.05): 27
 * delivered neurons before, 25 of them at 1e-6 of the largest block norm or less; 2 after.
 */
export function withoutNegligibleBlocks(problem: RobustProblem, layout: Pick<ConicLayout, 'd' | 'P'>, candidate: RobustCandidate, tolerance: number): { candidate: RobustCandidate; count: number; threshold: number } {
  const { d, P } = layout;
  const limits = pruneLimits({ gap: candidate.gap, violation: candidate.evaluation.coneViolation }, tolerance);
  const pruned = pruneNegligibleBlocks(candidate.z.slice(0, 2 * P * d), 2 * P, d, limits, (blocks) => {
    const evaluation = evaluateRobustBlocks(problem, blocks);
    return { evaluation, gap: relativeGap(evaluation.objective, candidate.lowerBound), violation: evaluation.coneViolation };
  });
  if (!pruned) return { candidate, count: 0, threshold: 0 };
  const z = Float64Array.from(candidate.z);
  z.set(pruned.blocks, 0);
  const { evaluation, gap } = pruned.evaluation;
  return { candidate: { ...candidate, z, evaluation, gap, merit: gap + evaluation.coneViolation }, count: pruned.count, threshold: pruned.threshold };
}

/**
 * The candidate as delivered: without an adversary (radius 0, e.g. the interior-point method's
 * conic form of the standard program) its objective, gap and predictions are those of the ReLU
 * network its blocks recover (evaluateNetworkBlocks), against the same lower bound; with one, the
 * robust program's (unchanged). On blocks inside their cones the two agree.
 */
export function judgedAsNetwork(problem: RobustProblem, layout: Pick<ConicLayout, 'd' | 'P'>, candidate: RobustCandidate): RobustCandidate {
  if (problem.threat.radii.some((r) => r > 0)) return candidate;
  const evaluation = evaluateNetworkBlocks(problem, candidate.z.slice(0, 2 * layout.P * layout.d));
  const gap = relativeGap(evaluation.objective, candidate.lowerBound);
  return { ...candidate, evaluation, gap, merit: gap + evaluation.coneViolation };
}

/**
 * The candidate with every block outside its robust cone by more than the tolerance set to zero,
 * when that lowers its merit; otherwise the candidate itself. The interior-point method solves
 * the program with its robust cone rows slightly relaxed (solve-robust-ipm.ts), and blocks whose
 * exact cone is {0} or nearly so can then carry small weights that the exact program forbids: on
 * circles (n = 150, squared loss, epsilon 0.079) the optimum is the empty network, while the
 * method's late steps held tiny blocks 93% outside their cones at an objective below the proven
 * lower bound, and the run stalled at a certified gap of 2e-4. Zeroed, those blocks give an
 * exactly feasible point whose gap (against the same lower bound, which depends only on the dual
 * point) is what the certificate reports.
 */
export function withoutConeViolatingBlocks(problem: RobustProblem, layout: Pick<ConicLayout, 'd' | 'P'>, candidate: RobustCandidate, tolerance: number): RobustCandidate {
  const { d, P } = layout;
  const { blockViolations } = candidate.evaluation;
  const blocks = candidate.z.slice(0, 2 * P * d);
  let zeroed = 0;
  for (let j = 0; j < 2 * P; j++) {
    if (!(blockViolations[j]! > tolerance)) continue;
    blocks.fill(0, j * d, (j + 1) * d);
    zeroed++;
  }
  if (zeroed === 0) return candidate;
  const evaluation = evaluateRobustBlocks(problem, blocks);
  const gap = relativeGap(evaluation.objective, candidate.lowerBound);
  const merit = gap + evaluation.coneViolation;
  if (!(merit < candidate.merit)) return candidate;
  const z = Float64Array.from(candidate.z);
  z.set(blocks, 0);
  return { ...candidate, z, evaluation, gap, merit };
}

/** The history point of a certified candidate (objective, bound, gap, robust-cone violation, training accuracy). */
export function candidateHistoryPoint(problem: RobustProblem, candidate: RobustCandidate, iteration: number, elapsedMs: number): HistoryPoint {
  const point: HistoryPoint = {
    iteration,
    elapsedMs,
    objective: candidate.evaluation.objective,
    lowerBound: candidate.lowerBound,
    relativeGap: candidate.gap,
    primalResidual: candidate.evaluation.coneViolation,
  };
  const accuracy = accuracyForLoss(problem.loss, candidate.evaluation.predictions, problem.y);
  if (accuracy !== undefined) point.trainAccuracy = accuracy;
  return point;
}
