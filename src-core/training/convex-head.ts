import type { ConvexSolution } from '../convex/convex-solution';
import type { PatternSet } from '../patterns/pattern-set';
import type { SolveResult } from '../solvers/solver-types';
import { describeCertificate } from './certificate-text';
import type { TrainedHead } from './train-types';

/**
 * The trained head of a solve of a convex program over `patterns` (ADMM, ADMM-RBCD and the
 * interior-point method on the standard program; PDHG on the robust one), with its certificate
 * in plain words: by default the standard program's.
 */
export function convexHead(
  result: SolveResult<ConvexSolution>,
  patterns: PatternSet,
  classIndex: number | null,
  certificateText: string = describeCertificate(result.info.relativeGap, patterns.source, 'patterns'),
): TrainedHead {
  return {
    classIndex,
    network: result.solution.network,
    status: result.status,
    info: result.info,
    history: result.history,
    convex: { patternSource: patterns.source, generators: patterns.generators, certificateText },
  };
}
