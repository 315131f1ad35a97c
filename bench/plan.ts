/**
 * The list of benchmark cases, full and quick. Sizes follow the issue: the per-iteration grid
 * varies one of n (1k..100k), d (10..200 features) and P (8..256 patterns) at a time around
 * (n = 10k, d = 50, P = 32); the target cases are the issue's exact configurations.
 *
 * "features" is the dataset's column count; the solver sees features + 1 columns because the
 * app appends the bias column by default (so d*P in the records is (features + 1) * P).
 */
import type { CaseSpec, EstimateParams, IpmSolveParams, IterationParams, PathParams, RaceParams, RobustSweepParams, SolveParams } from './types';
import type { LossName } from '../src-core/losses/loss';
import type { SolverName } from '../src-core/training/train-types';

export const SEED = 20240601;
const MINUTE = 60_000;

/** Iterations timed per grid point: enough for a stable median, ~2-5 s of iterations. */
function gridIterations(n: number, features: number, patterns: number, quick: boolean): number {
  const flops = 8 * n * (features + 1) * patterns;
  const wanted = Math.ceil((quick ? 0.6e9 : 3e9) / flops);
  return Math.min(quick ? 20 : 60, Math.max(quick ? 6 : 8, wanted));
}

function gridCase(name: string, n: number, features: number, patterns: number, quick: boolean, heavy = false): CaseSpec {
  const params: IterationParams = { n, features, patterns, iterations: gridIterations(n, features, patterns, quick), seed: SEED };
  return {
    name,
    group: 'grid',
    kind: 'admm-iteration',
    description: `setup and time per ADMM iteration, n=${n}, d=${features} (+bias), P=${patterns}`,
    timeoutMs: heavy ? 30 * MINUTE : 15 * MINUTE,
    params,
  };
}

function solveCase(name: string, group: string, description: string, p: Partial<SolveParams> & Pick<SolveParams, 'n' | 'features' | 'patterns' | 'tolerance'>, timeoutMs = 15 * MINUTE): CaseSpec {
  const params: SolveParams = {
    maxIterations: 100_000,
    timeLimitMs: 5 * MINUTE,
    checkEvery: 10,
    seed: SEED,
    warmRepeats: 0,
    gapThresholds: [1e-2, 1e-3, 1e-4],
    numpy: false,
    ...p,
  };
  return { name, group, kind: 'admm-solve', description, timeoutMs, params };
}

/**
 * The interior-point twin of an ADMM solve case: the same n, features, patterns and seed, so
 * bench/problem.ts builds the identical problem (data, patterns, beta) for both methods.
 */
function ipmCase(name: string, group: string, description: string, p: Partial<IpmSolveParams> & Pick<IpmSolveParams, 'n' | 'features' | 'patterns' | 'tolerance' | 'timeLimitMs'>, timeoutMs = 15 * MINUTE): CaseSpec {
  const params: IpmSolveParams = {
    // Newton steps; the time limit (or the solver's own no-progress stop) ends the runs first.
    maxIterations: 200,
    linearSystem: 'auto',
    seed: SEED,
    gapThresholds: [1e-2, 1e-3, 1e-4],
    ...p,
  };
  return { name, group, kind: 'ipm-solve', description, timeoutMs, params };
}

function raceCases(losses: LossName[], n: number, features: number, timeLimitMs: number): CaseSpec[] {
  // The race is on binary data (BCE among its losses): the interior-point solver ('ipm', squared
  // loss only) is not in it.
  const solvers = ['admm', 'admm-rbcd', 'scp', 'backprop'] as const satisfies readonly SolverName[];
  const settings: Record<(typeof solvers)[number], Record<string, number | string | boolean>> = {
    admm: { tolerance: 1e-4 },
    'admm-rbcd': { tolerance: 1e-4 },
    scp: { tolerance: 1e-4 },
    backprop: { epochs: 100_000, tolerance: 0 },
  };
  const out: CaseSpec[] = [];
  for (const loss of losses) {
    for (const solver of solvers) {
      const params: RaceParams = { n, features, solver, loss, patterns: 32, timeLimitMs, seed: SEED, solverSettings: settings[solver] };
      out.push({
        name: `race-${loss}-${solver}`,
        group: 'race',
        kind: 'solver-race',
        description: `${solver} on binary data (${loss} loss), n=${n}, d=${features} (+bias), 32 patterns/neurons/hidden units, time limit ${timeLimitMs / 1000} s`,
        timeoutMs: timeLimitMs + 5 * MINUTE,
        params,
      });
    }
  }
  return out;
}

/** The estimate before Start against measured time per iteration, one case per solver (issue 7). */
function estimateCases(n: number, features: number, quick: boolean): CaseSpec[] {
  const configs: Omit<EstimateParams, 'n' | 'features' | 'seed'>[] = [
    { solver: 'admm', loss: 'squared', patterns: 32, iterations: quick ? 30 : 60 },
    { solver: 'admm', loss: 'bce', patterns: 32, iterations: quick ? 20 : 40 },
    { solver: 'admm-rbcd', loss: 'bce', patterns: 16, iterations: quick ? 5 : 10 },
    { solver: 'ipm', loss: 'squared', patterns: 32, iterations: quick ? 5 : 10 },
    // The conic form (logistic and hinge losses), with a working set of cone rows at this size.
    { solver: 'ipm', loss: 'hinge', patterns: 32, iterations: quick ? 5 : 10 },
    { solver: 'scp', loss: 'squared', patterns: 256, iterations: quick ? 100 : 300 },
    { solver: 'backprop', loss: 'squared', patterns: 32, iterations: quick ? 10 : 30 },
  ];
  const cases: CaseSpec[] = configs.map((c) => ({
    name: `estimate-${c.solver}-${c.loss}`,
    group: 'estimate',
    kind: 'train-estimate',
    description: `estimate before Start (model + probe) vs measured time per iteration: ${c.solver}, ${c.loss} loss, n=${n}, d=${features} (+bias), size ${c.patterns}`,
    timeoutMs: 15 * MINUTE,
    params: { ...c, n, features, seed: SEED },
  }));
  // The interior-point solver on the target-600 problem, where it takes the Woodbury system over the rows.
  const woodbury = { solver: 'ipm', loss: 'squared', patterns: 64, iterations: quick ? 5 : 10 } as const;
  cases.push({
    name: 'estimate-ipm-squared-woodbury',
    group: 'estimate',
    kind: 'train-estimate',
    description: 'estimate before Start (model + probe) vs measured time per iteration: ipm, squared loss, n=600, d=30 (+bias), size 64 (Woodbury system)',
    timeoutMs: 15 * MINUTE,
    params: { ...woodbury, n: 600, features: 30, seed: SEED },
  });
  return cases;
}

/** Warm 8-point beta path vs one cold solve at the middle beta (issue 7). */
function pathCase(n: number, features: number, quick: boolean): CaseSpec {
  const params: PathParams = { solver: 'admm', n, features, patterns: 32, fromFactor: 0.1, toFactor: 10, points: 8, tolerance: 1e-3, maxIterations: 100_000, coldPath: false, seed: SEED };
  return {
    name: `path-${n}`,
    group: 'path',
    kind: 'beta-path',
    description: `warm-started 8-point beta path (0.1x..10x the default beta) vs one cold solve at the middle beta, n=${n}, d=${features} (+bias), P=32, gap 1e-3`,
    // The cold middle solve alone took 60,448 ADMM iterations (~400 s) at n = 5000 and the
    // path's first point did not reach its gap in 100,000: hours, so only on request.
    timeoutMs: (quick ? 20 : 240) * MINUTE,
    optIn: !quick,
    params,
  };
}

/** The same path with the interior-point solver (about a minute at n = 5000; the cold path too). */
function ipmPathCase(n: number, features: number): CaseSpec {
  const params: PathParams = { solver: 'ipm', n, features, patterns: 32, fromFactor: 0.1, toFactor: 10, points: 8, tolerance: 1e-3, maxIterations: 200, coldPath: true, seed: SEED };
  return {
    name: `path-${n}-ipm`,
    group: 'path',
    kind: 'beta-path',
    description: `the same 8-point beta path with the interior-point solver (warm: previous iterate blended with a centred point), also cold, vs one cold solve at the middle beta, n=${n}, d=${features} (+bias), P=32, gap 1e-3`,
    timeoutMs: 20 * MINUTE,
    params,
  };
}

/**
 * The default epsilon sweep of adversarial training on a built-in dataset (robust interior-point
 * method or PDHG, as chosen automatically). Before the interior-point method, two moons with 400
 * rows and the squared loss took 12 minutes with 4 of 7 radii at PDHG's iteration limit.
 */
function robustSweepCase(dataset: string, loss: 'squared' | 'hinge' | 'bce', rows?: number, maxIterations?: number, method?: 'pdhg'): CaseSpec {
  const params: RobustSweepParams = { dataset, ...(rows !== undefined ? { rows } : {}), loss, tolerance: 1e-3, ...(maxIterations !== undefined ? { maxIterations } : {}), ...(method ? { method } : {}), seed: SEED };
  const limit = `${method ? `, by ${method.toUpperCase()}` : ''}${maxIterations !== undefined ? `, at most ${maxIterations} iterations per radius` : ''}`;
  return {
    name: `robust-sweep-${dataset}-${loss}${method ? `-${method}` : ''}`,
    group: 'robust',
    kind: 'robust-sweep',
    description: `adversarial training, default epsilon grid (l_inf), ${dataset}${rows !== undefined ? ` (${rows} rows)` : ''}, ${loss} loss, gap 1e-3${limit}: time, method, steps and gap per radius, and the estimate before Start per step`,
    timeoutMs: 20 * MINUTE,
    params,
  };
}

/** Issue 4: a rows x 20 numeric CSV through the import path (target at 1M rows: < 10 s, peak < 3x the file). */
function csvParseCase(rows: number): CaseSpec {
  return {
    name: `csv-parse-${rows}`,
    group: 'csv',
    kind: 'csv-parse',
    description: `parse a ${rows.toLocaleString('en-US')} x 20 numeric CSV (about ${Math.round((rows * 190) / 1e6)} MB) with the app's import path`,
    timeoutMs: 10 * MINUTE,
    params: { rows, columns: 20, seed: SEED },
  };
}

/** The app opening the csv-parse case's CSV (csv-open.ts): the whole app's peak memory, the data worker's parse, profiles and target included. */
function csvOpenCase(rows: number): CaseSpec {
  return {
    name: `csv-open-${rows}`,
    group: 'csv',
    kind: 'csv-open',
    description: `open a ${rows.toLocaleString('en-US')} x 20 numeric CSV as the app does (the data worker parses, profiles and keeps it)`,
    timeoutMs: 10 * MINUTE,
    params: { rows, columns: 20, seed: SEED },
  };
}

/** The main thread's longest task while the app answers the Train screen (configure, defaults, advice, estimates, a job's preparation). */
function mainThreadCase(dataset: string, rows: number): CaseSpec {
  return {
    name: `main-thread-${dataset}-${rows}`,
    group: 'main-thread',
    kind: 'main-thread',
    description: `${dataset}, ${rows.toLocaleString('en-US')} rows: the main thread's longest task and busy time per operation of the Train screen, through the app's services`,
    timeoutMs: 10 * MINUTE,
    params: { dataset, rows, seed: SEED },
  };
}

/** Random patterns against patterns from back-propagation (and back-propagation itself) on mixed data, Balanced preset. */
function patternSourceCase(rows: number): CaseSpec {
  return {
    name: `pattern-source-${rows}`,
    group: 'patterns',
    kind: 'pattern-source',
    description: `${rows.toLocaleString('en-US')} rows of mixed data (12 numeric, 2 categorical columns), Balanced preset: back-propagation, the convex program with random patterns and with patterns from back-propagation (objective, accuracy, time)`,
    timeoutMs: 10 * MINUTE,
    params: { rows, seed: SEED },
  };
}

export function fullPlan(): CaseSpec[] {
  const cases: CaseSpec[] = [
    { name: 'kernels', group: 'kernels', kind: 'kernels', description: 'bench/kernels.ts: multi-vector kernels (n=100k, d=50, m=64) and factorBlockSystem setups', timeoutMs: 15 * MINUTE, params: { repetitions: 5, skipLargeFactor: false } },
    solveCase('target-600', 'target', 'n=600, d=30, P=64, squared loss: gap 1e-4 (target: within 1 s, time limit 10 s); NumPy baseline on the same problem', { n: 600, features: 30, patterns: 64, tolerance: 1e-4, timeLimitMs: 10_000, warmRepeats: 2, numpy: true }),
    ipmCase('target-600-ipm', 'target', 'interior-point method on the target-600 problem (n=600, d=30, P=64): gap 1e-4 (target: within 1 s, time limit 30 s)', { n: 600, features: 30, patterns: 64, tolerance: 1e-4, timeLimitMs: 30_000 }),
  ];
  for (const n of [1000, 2000, 5000]) cases.push(gridCase(`grid-n-${n}`, n, 50, 32, false));
  cases.push(gridCase('grid-center', 10_000, 50, 32, false));
  for (const n of [20_000, 50_000, 100_000]) cases.push(gridCase(`grid-n-${n}`, n, 50, 32, false));
  for (const d of [10, 20, 100, 200]) cases.push(gridCase(`grid-d-${d}`, 10_000, d, 32, false, d >= 200));
  for (const P of [8, 16, 64, 128, 256]) cases.push(gridCase(`grid-p-${P}`, 10_000, 50, P, false, P >= 128));
  cases.push(solveCase('gap-10k', 'gap', 'time to relative gaps 1e-2, 1e-3, 1e-4: n=10k, d=50, P=32 (time limit 3 min)', { n: 10_000, features: 50, patterns: 32, tolerance: 1e-4, timeLimitMs: 3 * MINUTE }));
  for (const n of [1000, 2000, 5000]) {
    cases.push(solveCase(`numpy-${n}`, 'numpy', `gap 1e-3 (at most 500 iterations) vs the dense NumPy/OpenBLAS baseline, n=${n}, d=50, P=32`, { n, features: 50, patterns: 32, tolerance: 1e-3, maxIterations: 500, timeLimitMs: MINUTE, warmRepeats: 1, numpy: true, gapThresholds: [1e-2, 1e-3] }));
  }
  cases.push(
    solveCase('target-100k', 'target', 'n=100k, d=50, P=32, squared loss: gap 1e-3 (target: within 3 min, < 2 GB; time limit 4 min); NumPy baseline on the same problem', {
      n: 100_000, features: 50, patterns: 32, tolerance: 1e-3, timeLimitMs: 4 * MINUTE, numpy: true, gapThresholds: [1e-2, 1e-3],
    }, 40 * MINUTE),
    // ~10 s per Newton step at this size: the time limit is checked between steps.
    ipmCase('target-100k-ipm', 'target', 'interior-point method on the target-100k problem (n=100k, d=50, P=32): gap 1e-3 (target: within 3 min, < 2 GB; time limit 5 min)', {
      n: 100_000, features: 50, patterns: 32, tolerance: 1e-3, timeLimitMs: 5 * MINUTE, gapThresholds: [1e-2, 1e-3],
    }, 30 * MINUTE),
  );
  cases.push(...raceCases(['bce', 'squared'], 5000, 20, 20_000));
  cases.push(...estimateCases(5000, 20, false), pathCase(5000, 20, false), ipmPathCase(5000, 20));
  cases.push(csvParseCase(1_000_000), csvOpenCase(1_000_000));
  cases.push(robustSweepCase('two-moons', 'squared', 400), robustSweepCase('two-moons', 'hinge', 400), robustSweepCase('two-moons', 'bce', 400), robustSweepCase('two-moons', 'bce', 400, 1000, 'pdhg'), robustSweepCase('penguins', 'squared'));
  cases.push(patternSourceCase(20_000));
  cases.push(mainThreadCase('blobs', 1_000_000));
  return cases;
}

/** Small sizes for a smoke check (< 2 minutes on an idle machine). Grid centre (n = 2000, d = 50, P = 32). */
export function quickPlan(): CaseSpec[] {
  const cases: CaseSpec[] = [
    { name: 'kernels', group: 'kernels', kind: 'kernels', description: 'bench/kernels.ts with 2 repetitions, without the n=100k factorization', timeoutMs: 5 * MINUTE, params: { repetitions: 2, skipLargeFactor: true } },
    solveCase('target-600', 'target', 'n=600, d=30, P=64, squared loss: gap 1e-4 (target: within 1 s, time limit 5 s); NumPy baseline on the same problem', { n: 600, features: 30, patterns: 64, tolerance: 1e-4, timeLimitMs: 5000, warmRepeats: 1, numpy: true }),
    ipmCase('target-600-ipm', 'target', 'interior-point method on the target-600 problem (n=600, d=30, P=64): gap 1e-4 (target: within 1 s, time limit 15 s)', { n: 600, features: 30, patterns: 64, tolerance: 1e-4, timeLimitMs: 15_000 }),
    gridCase('grid-n-1000', 1000, 50, 32, true),
    gridCase('grid-center', 2000, 50, 32, true),
    gridCase('grid-n-5000', 5000, 50, 32, true),
    gridCase('grid-d-10', 2000, 10, 32, true),
    gridCase('grid-p-8', 2000, 50, 8, true),
    solveCase('gap-2k', 'gap', 'time to relative gaps 1e-2, 1e-3, 1e-4: n=2k, d=50, P=32 (time limit 15 s)', { n: 2000, features: 50, patterns: 32, tolerance: 1e-4, timeLimitMs: 15_000 }),
    solveCase('numpy-1000', 'numpy', 'gap 1e-3 (at most 150 iterations) vs the dense NumPy/OpenBLAS baseline, n=1000, d=50, P=32', { n: 1000, features: 50, patterns: 32, tolerance: 1e-3, maxIterations: 150, timeLimitMs: 10_000, warmRepeats: 1, numpy: true, gapThresholds: [1e-2, 1e-3] }),
    ...raceCases(['bce'], 1000, 10, 3000),
    ...estimateCases(2000, 10, true),
    csvParseCase(100_000),
    robustSweepCase('two-moons', 'squared', 400),
    robustSweepCase('two-moons', 'bce', 400),
    // PDHG (programs too large for the interior-point method): 1,000 iterations per radius time
    // its iterations for the estimate.
    robustSweepCase('two-moons', 'bce', 400, 1000, 'pdhg'),
    patternSourceCase(4000),
    mainThreadCase('blobs', 100_000),
  ];
  return cases;
}
