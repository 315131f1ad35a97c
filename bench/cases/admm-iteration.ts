/**
 * One point of the per-iteration grid: setup time and time per ADMM iteration (Algorithm 3.1,
 * squared loss) for given n, d, P.
 *
 * The solve runs `iterations` iterations with checkEvery = iterations (one check, at the end),
 * fixed rho (no refactorization), and no stopping test that could end it early. Every iteration
 * is timestamped through the SolveContext (IterationClock), so time per iteration is the MEDIAN
 * of the iterations that ran no check (robust to a burst of load from other processes on the
 * shared machine); the mean and the CPU time per iteration are recorded too. A small warm-up
 * solve first lets the JIT optimize the step code, so the timed iterations are steady-state.
 */
import { solveAdmm } from '../../src-core/solvers/admm/solve-admm';
import { buildRegressionProblem, parseSystemNote } from '../problem';
import { IterationClock, cpuMsNow, mean, median } from '../stats';
import type { IterationParams, Metrics } from '../types';

const FIXED_RUN = { adaptiveRho: false, tolerance: 1e-14, epsAbs: 0, epsRel: 0, timeLimitMs: 0 } as const;

export function warmUpAdmm(): void {
  const { problem } = buildRegressionProblem(400, 8, 12, 99);
  const clock = new IterationClock();
  solveAdmm(problem, { ...FIXED_RUN, maxIterations: 30, checkEvery: 10 }, clock.context());
}

export function runIterationCase(params: IterationParams): Metrics {
  warmUpAdmm();
  const built = buildRegressionProblem(params.n, params.features, params.patterns, params.seed);
  const { problem } = built;
  const n = problem.X.rows;
  const d = problem.X.cols;
  const P = problem.patterns.count;
  const clock = new IterationClock();
  const iterations = Math.max(4, params.iterations);
  const cpu0 = cpuMsNow();
  const t0 = performance.now();
  clock.start();
  const result = solveAdmm(problem, { ...FIXED_RUN, maxIterations: iterations, checkEvery: iterations }, clock.context());
  const wallMs = performance.now() - t0;
  const cpuMs = cpuMsNow() - cpu0;
  const steps = clock.stepDurations(iterations);
  const system = parseSystemNote(result.info.details);
  const msPerIteration = median(steps.wallMs);
  // Modelled flops of one iteration: two multi-vector passes over X with 2P right-hand sides
  // (X^T R and X U^T, 2 n d 2P each) plus the u-solve.
  const passFlops = 2 * 2 * n * d * 2 * P;
  const solveFlops = system.linearSystemPath === 'direct' ? 2 * (d * P) ** 2 + 2 * P * 2 * d * d : 4 * n * d * P + 2 * n * n + 6 * P * d * d;
  return {
    n,
    features: params.features,
    d,
    P,
    dP: d * P,
    minNdP: Math.min(n, d * P),
    linearSystemPath: system.linearSystemPath,
    largestFactoredDimension: system.largestFactoredDimension,
    withinMinNdP: system.largestFactoredDimension <= Math.min(n, d * P),
    factorizations: system.factorizations,
    patternMs: built.patternMs,
    setupMs: result.info.setupMs,
    factorMs: system.factorMs,
    iterations: result.info.iterations,
    timedIterations: steps.wallMs.length,
    msPerIteration,
    meanMsPerIteration: mean(steps.wallMs),
    minMsPerIteration: Math.min(...steps.wallMs),
    cpuMsPerIteration: median(steps.cpuMs),
    modelFlopsPerIteration: passFlops + solveFlops,
    gflopsPerIteration: (passFlops + solveFlops) / (msPerIteration / 1000) / 1e9,
    solveMs: result.info.solveMs,
    runWallMs: wallMs,
    runCpuMs: cpuMs,
    status: result.status,
  };
}
