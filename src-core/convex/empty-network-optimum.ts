import { recoverNetwork } from './recover-network';
import type { ConvexProblem } from './convex-problem';
import type { ConvexSolution } from './convex-solution';
import type { SolveContext, SolveResult } from '../solvers/solver-types';

/**
 * The smallest beta at which the empty network (every block zero) is proven optimal by its own
 * optimality conditions: max over the patterns of ||X^T D_i g||, with g the loss's gradient at
 * the zero predictions (for hinge, its gradient there: 1 - y 0 > 0 on every row).
 *
 * Why: the program min L(sum_i D_i X (v_i - w_i)) + beta sum_i (||v_i|| + ||w_i||) subject to the
 * cone rows (2 D_i - I) X v_i >= 0 (and the same for w_i) is convex, and at v = w = 0 its KKT
 * conditions ask 0 in +-X^T D_i g + beta B + N_i, with B the unit ball (the subdifferential of the
 * norm at 0) and N_i the cones' normal cone at 0, which contains 0. So ||X^T D_i g|| <= beta for
 * every i is enough, and the optimum is then L(0) exactly: a certificate with no gap and no
 * iterations. (The true threshold can be lower, because N_i helps; this one is sufficient.)
 */
export function emptyNetworkBeta(problem: ConvexProblem): number {
  const { X, patterns } = problem;
  const n = X.rows;
  const d = X.cols;
  const P = patterns.count;
  const g = new Float64Array(n);
  problem.loss.gradient(new Float64Array(n), problem.y, g, problem.sampleWeights);
  // s_i = X^T D_i g for every pattern at once: one pass over the rows.
  const sums = new Float64Array(P * d);
  for (let k = 0; k < n; k++) {
    const gk = g[k]!;
    if (gk === 0) continue;
    const row = k * d;
    const maskRow = k * P;
    for (let i = 0; i < P; i++) {
      if (patterns.masks[maskRow + i] === 0) continue;
      const base = i * d;
      for (let j = 0; j < d; j++) sums[base + j]! += gk * X.data[row + j]!;
    }
  }
  let largest = 0;
  for (let i = 0; i < P; i++) {
    let squares = 0;
    for (let j = 0; j < d; j++) squares += sums[i * d + j]! ** 2;
    largest = Math.max(largest, Math.sqrt(squares));
  }
  return largest;
}

/**
 * Relative margin kept below beta: the sums above carry rounding of ~n eps relative, so a beta
 * within that of the threshold is left to the solver.
 */
const MARGIN = 1e-9;

/**
 * emptyNetworkBeta when the empty network is proven optimal at the problem's beta (that beta at
 * or below it, with the margin), else null: one pass over the rows gives both the test and the
 * threshold the solve's notes name.
 */
export function emptyNetworkThreshold(problem: ConvexProblem): number | null {
  const threshold = emptyNetworkBeta(problem);
  return threshold <= problem.beta * (1 - MARGIN) ? threshold : null;
}

/**
 * The solve of a program whose optimum is the empty network, `threshold` its emptyNetworkThreshold:
 * no iterations, objective L(0) = its own lower bound. Interior-point steps at such betas only
 * drive every block to zero, and from beta ~1e16 on their numbers overflowed ("Cholesky
 * factorization failed", or "numbers became invalid ... try standardizing").
 */
export function emptyNetworkSolve(problem: ConvexProblem & { readonly hasBias: boolean }, threshold: number, context: SolveContext, start: number): SolveResult<ConvexSolution> {
  const P = problem.patterns.count;
  const d = problem.X.cols;
  const n = problem.X.rows;
  const blocks = { patternCount: P, dim: d, data: new Float64Array(2 * P * d) };
  const network = recoverNetwork(blocks, problem.hasBias);
  const predictions = new Float64Array(n);
  const objective = problem.loss.value(predictions, problem.y, problem.sampleWeights);
  const elapsed = context.now() - start;
  return {
    status: 'solved',
    solution: { blocks, network, neuronCount: 0, trainPredictions: predictions },
    info: {
      iterations: 0,
      objective,
      lowerBound: objective,
      relativeGap: 0,
      primalResidual: 0,
      dualResidual: 0,
      setupMs: elapsed,
      solveMs: 0,
      notes: [
        `At this beta no neuron can lower the objective, so the best network is the empty one (it predicts 0 on every row). This is proven exactly, without iterations: from beta ${Number(threshold.toPrecision(3))} on, the penalty outweighs what any neuron could gain. A smaller beta gives a network with neurons.`,
      ],
      details: [`Empty network optimal by its KKT conditions: max_i ||X^T D_i g|| = ${threshold.toPrecision(6)} <= beta = ${problem.beta.toPrecision(6)}, g the loss gradient at 0.`],
      newtonSteps: true,
    },
    history: [{ iteration: 0, elapsedMs: elapsed, objective, lowerBound: objective, relativeGap: 0 }],
  };
}
