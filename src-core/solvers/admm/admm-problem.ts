import type { ConvexProblem } from '../../convex/convex-problem';
import type { ConvexSolution } from '../../convex/convex-solution';
import type { AdmmState } from './admm-engine';

export interface AdmmProblem extends ConvexProblem {
  readonly hasBias: boolean;
  /** Iterates of a previous solve on the same data and patterns (e.g. the previous beta of a path). */
  readonly warmStart?: AdmmState;
  /**
   * 'auto': Algorithm 3.1 for the unweighted squared loss, loss splitting otherwise.
   * 'algorithm-3.1' / 'loss-splitting' force one (Algorithm 3.1 needs the unweighted squared loss).
   */
  readonly variant?: 'auto' | 'algorithm-3.1' | 'loss-splitting';
}

export interface AdmmSolution extends ConvexSolution {
  /** Final iterates, for warm starts. */
  readonly state: AdmmState;
}
