import { estimateBlockSystemCost } from '../convex/block-system';
import { ConvexNetError } from '../errors';
import type { LossName } from '../losses/loss';
import type { SettingSpec, SettingValue } from '../settings/setting-spec';
import { halfActive, robustIpmBytes } from '../robust/robust-estimate';
import { robustIpmStepMsOf, type RobustIpmShape } from '../robust/robust-method';
import { CONIC_KEPT_ROWS_PER_COLUMN, conicWorkingSetPlan, isDenseKept, workingSetPlan } from '../solvers/ipm/cone-working-set';
import { chooseIpmSystemPath } from '../solvers/ipm/ipm-newton-system';
import type { HistoryPoint } from '../solvers/solver-types';
import type { SolverName } from './train-types';

/**
 * Cost model of one training run, from the core's own operation counts. Flop counts (a
 * multiply-add is 2 flops) are turned into time by a rate in flops per millisecond, which a
 * short probe on this machine calibrates (calibrateFlopRate); memory is the solver's peak
 * working set plus the data.
 */
export interface CostInputs {
  readonly solver: SolverName;
  readonly loss: LossName;
  /** Training rows n. */
  readonly rows: number;
  /** Columns of X including the bias column d. */
  readonly columns: number;
  /** Patterns P (convex), neurons N (SCP) or hidden units m (back-propagation). */
  readonly size: number;
  /** Networks trained one after another (1, or the class count for one-vs-rest). */
  readonly heads: number;
  /** ADMM and IPM only: the linear-system setting ('auto', 'direct', 'woodbury'). */
  readonly linearSystem?: string;
  /** IPM only: which cone rows the Newton steps carry ('auto', 'all', 'working-set'). */
  readonly coneRows?: string;
  /** Mini-batch size of back-propagation (0 = full batch); only its update count matters. */
  readonly batchSize?: number;
  /** How often the certificate is computed (its cost is spread over that many iterations). */
  readonly checkEvery: number;
  /** Per-sample (class) weights: the interior-point solver then takes its conic form. */
  readonly classWeighted?: boolean;
}

export interface CostModel {
  /** One-time work per head (Gram matrix, factorization, features). */
  readonly setupFlops: number;
  /** Work of one iteration (ADMM iteration, FISTA step, IPM Newton step, epoch) of one head. */
  readonly flopsPerIteration: number;
  /** Work done once inside the solve time (SCP's first polish), not repeated per iteration. */
  readonly solveOverheadFlops: number;
  /** Peak bytes of one head's solve, data included. */
  readonly bytes: number;
  /** The factored system ADMM or IPM uses, or null for the other solvers. */
  readonly linearSystemPath: 'direct' | 'woodbury' | null;
}

/**
 * Rate assumed before calibration (shown for the few seconds the probe takes, or for good when
 * it fails): the lowest rate the probes measure, rounded down. The bench's estimate cases
 * calibrated 1.2 (admm-rbcd), 2.6 (backprop), 3.9 (scp), 4.3 (ipm) and 7.1 (admm) GFLOP/s on the
 * machine of 2026-11-29; the former 0.5 made a 75k-row interior-point run flash "could take up
 * to 8 min" (4.4 s a step) before its probe measured 478 ms.
 */
export const UNCALIBRATED_FLOPS_PER_MS = 1e6;

/** SCP skips polishing when one normal-matrix build would cost more (scp-polish.ts POLISH_FLOP_BUDGET). */
const SCP_POLISH_FLOP_BUDGET = 2e8;

/** Number of iterations the direct/Woodbury choice is amortized over (as in block-system.ts). */
const EXPECTED_SOLVES = 100;

export function modelCost(inputs: CostInputs): CostModel {
  checkInputs(inputs);
  const { rows: n, columns: d, size } = inputs;
  const checkShare = 1 / inputs.checkEvery;
  switch (inputs.solver) {
    case 'admm': {
      const P = size;
      const path = inputs.linearSystem === 'direct' || inputs.linearSystem === 'woodbury' ? inputs.linearSystem : 'auto';
      const system = estimateBlockSystemCost(n, d, P, { path, expectedSolves: EXPECTED_SOLVES });
      const split = inputs.loss !== 'squared';
      // Per iteration: G^T(s - nu) and G u (2 masked passes over X for 2P blocks, 4ndP flops
      // each), the factored solve, cone projections of the n x 2P slacks, the group shrink of
      // v; loss splitting adds F u and F^T (another 4ndP). A check recomputes G u and the dual.
      const passes = 8 * n * d * P + (split ? 8 * n * d * P : 0);
      const perIteration = passes + system.solveFlops + 12 * n * P + 12 * d * P + checkShare * 8 * n * d * P;
      return { setupFlops: system.setupFlops + n * P * d * 2, flopsPerIteration: perIteration, solveOverheadFlops: 0, bytes: admmBytes(n, d, P, split) + system.bytes, linearSystemPath: system.path };
    }
    case 'admm-rbcd': {
      const P = size;
      // The u-step is a few block-coordinate sweeps over the 2P blocks instead of a factored
      // solve (about three passes of masked X products), no n x n or dP x dP factorization.
      const perIteration = 8 * n * d * P + 3 * 4 * n * d * P + 12 * n * P + checkShare * 8 * n * d * P;
      return { setupFlops: n * d * d + n * P * d * 2, flopsPerIteration: perIteration, solveOverheadFlops: 0, bytes: admmBytes(n, d, P, false) + 8 * d * d, linearSystemPath: null };
    }
    case 'ipm':
      return inputs.loss === 'squared' && inputs.classWeighted !== true ? ipmCost(n, d, size, inputs.linearSystem, inputs.coneRows) : conicIpmCost(n, d, size, inputs.loss, inputs.coneRows);
    case 'scp': {
      const N = size;
      // Features Phi = (X U^T)_+ once (2ndN); a FISTA step is Phi alpha and Phi^T r (4nN). The
      // first polish builds the normal matrix of the support (up to N^2 n, skipped above the
      // polish budget); later polishes are scheduled to cost at most the iterations between them.
      const polish = N * N * n <= SCP_POLISH_FLOP_BUDGET ? N * N * n + (N * N * N) / 3 : 0;
      return {
        setupFlops: 2 * n * d * N,
        flopsPerIteration: 2 * (4 * n * N + 10 * N + 6 * n) + checkShare * 4 * n * N,
        solveOverheadFlops: polish,
        bytes: 8 * (n * d + n * N + 6 * N + 6 * n) + (polish > 0 ? 8 * N * N : 0),
        linearSystemPath: null,
      };
    }
    case 'backprop': {
      const m = size;
      // An epoch: forward (2ndm) and backward (4ndm) over every row, the optimizer update per
      // mini-batch, then the full objective (another forward pass).
      const batch = inputs.batchSize && inputs.batchSize > 0 && inputs.batchSize < n ? inputs.batchSize : n;
      const updates = Math.ceil(n / batch);
      const params = m * d + m;
      return { setupFlops: params * 4, flopsPerIteration: 8 * n * d * m + updates * 10 * params, solveOverheadFlops: 0, bytes: 8 * (n * d + 6 * params + 2 * n + m), linearSystemPath: null };
    }
  }
}

/**
 * One Newton step of the interior-point solver on the conic form it uses for the logistic and
 * hinge losses and for class weights (solvers/ipm/solve-ipm-conic.ts): the robust interior-point
 * method's own model at radius 0 (robust-method.ts; loss rows per sample: two for the squared
 * loss, one for the logistic, one plus e >= 0 for the hinge), its milliseconds turned into
 * flop-equivalents at the uncalibrated rate so that the probe scales it like the others.
 */
function conicIpmCost(n: number, d: number, P: number, loss: LossName, coneRows: string | undefined): CostModel {
  // With a working set of cone rows (conicWorkingSetPlan), each block carries about
  // CONIC_KEPT_ROWS_PER_COLUMN d of them.
  // CONIC_KEPT_ROWS_PER_COLUMN d of them.
  const workingSet = conicWorkingSetPlan(n, d, coneRows ?? 'auto', loss) !== null;
  const allRows: RobustIpmShape = { rows: n, columns: d, patterns: P, spreadWidth: 0, lossRows: loss === 'bce' ? 1 : 2, norm: 'linf' };
  const shape: RobustIpmShape = workingSet ? { ...allRows, coneRowsPerBlock: CONIC_KEPT_ROWS_PER_COLUMN * d } : allRows;
  return { setupFlops: 0, flopsPerIteration: robustIpmStepMsOf(shape, halfActive(shape)) * UNCALIBRATED_FLOPS_PER_MS, solveOverheadFlops: 0, bytes: robustIpmBytes(shape), linearSystemPath: null };
}

/**
 * Flop-equivalents per multiply-add of the interior-point method's pattern-system Cholesky (the
 * rest of a step counts its flops). The factor's rate over the row-bound work differs by
 * machine: about 2x on the machine of 2026-11-28 (weight 1 then gave the n = 5000 bench
 * estimate 0.67x the measured step), about 10x on 2026-11-29 (21 G multiply-adds/s for order
 * 1984), where estimated / measured step with weight 1 / with 1/3 was, for n x d x P =
 * 2000 x 21 x 32: 0.58 / 0.62, 5000 x 21 x 32: 0.52 / 0.69, 20k x 21 x 32: 0.55 / 0.91,
 * 20k x 51 x 32: 0.63 / 0.83, 600 x 31 x 64: 0.97 / 0.99, 100k x 51 x 32: 0.61 / 1.22.
 */
export const CHOLESKY_FLOP_WEIGHT = 1 / 3;

/**
 * One Newton step of the interior-point solver (its "iteration"), from the flop count of its
 * Newton system (src-core/solvers/ipm/ipm-newton-system.ts): 2P weighted Grams X^T diag(c_j) X
 * (n d(d+1)/2 multiply-adds each, packed), then on the direct path the Cholesky factorization of
 * the dP x dP pattern system (dP^3 / 3) or on the Woodbury path the n x n system S
 * (sum_i |D_i|^2 d / 2 to form, n^3 / 3 to factor; 'auto' takes the cheaper), the triangular
 * solves of the predictor and corrector with iterative refinement, about eight masked passes
 * over X for all 2P blocks and the cone-space vector work.
 * Setup forms Q = F_+^T F_+ once (direct path), the pattern-pair Grams as in block-system.ts.
 */
function ipmCost(n: number, d: number, P: number, linearSystem: string | undefined, coneRows: string | undefined): CostModel {
  const requested = linearSystem === 'direct' || linearSystem === 'woodbury' ? linearSystem : 'auto';
  const path = chooseIpmSystemPath(n, d, P, requested);
  const dP = d * P;
  const entries = n * 2 * P;
  // With a working set (cone-working-set.ts) the Newton steps carry the rows it starts from plus
  // about one more per column (added rows, or a warm start's); the residuals still pass over all
  // of X (2 passes: X u, and the adjoint that the certificate shares) and the residuals, the
  // certificate and the cone check sweep the n x 2P cone space (about a quarter of the sweeps of
  // all rows).
  const plan = workingSetPlan(n, d, coneRows ?? 'auto');
  const workingSet = plan !== null;
  const kept = plan ? 2 * P * Math.min(n, (plan.startPerColumn + 1) * d) : entries;
  // A working set of at least DENSE_KEPT_FRACTION of the entries is taken by passes over every
  // row, as all rows are (ipm-engine.ts, takesRowByRow): the Grams and products then cost what
  // they cost without one. Counting them over the kept rows there put the estimate at 0.42x the
  // measured step on scikit-learn's digits (1,348 x 63, 40 patterns, 42% kept): 70 against 165 ms.
  const rowByRow = workingSet && !isDenseKept(kept, entries);
  // The 2P packed Grams are one product O^T C over n rows of d(d+1)/2 outer products
  // (weighted-grams.ts), or sums over the kept rows.
  const grams = (rowByRow ? kept : entries) * d * (d + 1);
  // Residuals, predictor, corrector and up to two centrality corrections: ~8 masked passes
  // (row by row: 2 passes over X, and the 4 solves' two products each over the kept rows).
  const passes = rowByRow ? 2 * 2 * n * d * 2 * P + 8 * 2 * kept * d : 8 * 2 * n * d * 2 * P;
  // Element-wise work over the n x 2P cone space (scalings, step lengths, residuals, the saved
  // direction of the corrections): memory-bound, measured at n = 100k as ~1.5 s of a ~5 s step,
  // i.e. far more than its arithmetic; counted as 100 flop-equivalents per entry.
  const vectors = workingSet ? 25 * entries + 100 * kept : 100 * entries;
  // A pattern is active on about half the rows, a pair of patterns on about a quarter.
  const rowsPerPair = n / 2 + ((P - 1) * n) / 8;
  const system = path === 'direct'
    // The blocked WebAssembly SIMD Cholesky runs several times faster per flop than the passes
    // over X, the Grams and the cone-space sweeps, so its (dP)^3 / 3 multiply-adds count as
    // CHOLESKY_FLOP_WEIGHT of that: else a probe on few rows (where the Cholesky is nearly all
    // of a step) calibrates too fast a rate for the row-bound work of the full size.
    ? { setup: d * (d + 1) * P * rowsPerPair, step: CHOLESKY_FLOP_WEIGHT * ((dP * dP * dP) / 3) + 24 * dP * dP, bytes: 3 * 8 * dP * dP }
    // Woodbury (woodbury-reduction.ts): the n x n Cholesky and S's scattered Grams (~P n^2 d / 8
    // multiply-adds, SIMD tiles), both at half the Cholesky weight above, the vectors L_i^T x_k
    // (n d^2 P / 4, JavaScript) and the n x n triangular solves of ~10 u-system solves a step;
    // S's factor (S is formed in its storage) and the scatter's copy are 2 n x n arrays, and each pattern's rows of X
    // (about half of them) are kept packed: ~n P d / 2 doubles. Estimated / measured step
    // with the app's probe (300 rows), n x d x P: 600 x 31 x 64 1.32, 1000 x 51 x 32 1.55,
    // 1500 x 31 x 128 1.42, 2000 x 51 x 64 1.67, 3000 x 61 x 64 1.71 (at the full weight 1.5-2.5);
    // since dense working sets count every row (rowByRow above): bench 600 x 31 x 64 1.03 (was
    // 0.68 in the bench's own run), digits 1348 x 63 x 40 0.79 (was 0.42).
    : { setup: 0, step: 0.5 * CHOLESKY_FLOP_WEIGHT * ((n * n * n) / 3 + (P * n * n * d) / 8) + (n * d * d * P) / 4 + 20 * n * n, bytes: 2 * 8 * n * n + 4 * n * P * d + 8 * n * P };
  // Iterates, slacks, duals, scalings, directions and the saved direction of the corrections,
  // the certificate's and pruning's copies, the kept entries' signs: about 20 arrays of n x 2P;
  // X; the 2P d x d blocks (bench target-100k-ipm: 0.80 GB above Node's baseline, this model
  // 1.14 GB; 1.09 and 1.04 before the linear cones' arrays moved to WebAssembly memory).
  const bytes = 8 * (20 * n * 2 * P + n * d + 6 * 2 * P * d * d) + n * P + system.bytes;
  // The working set's start: every row's angle to every generator.
  const setup = system.setup + 2 * n * d * P + (workingSet ? 2 * n * d * P : 0);
  return { setupFlops: setup, flopsPerIteration: grams + system.step + passes + vectors, solveOverheadFlops: 0, bytes: bytes + (workingSet ? entries : 0), linearSystemPath: path };
}

/** ADMM iterates: u, v, lambda (2P x d each), slacks s and duals nu (n x 2P each), masks, X. */
function admmBytes(n: number, d: number, P: number, split: boolean): number {
  return 8 * (3 * 2 * P * d + 2 * n * 2 * P + n * d) + n * P + (split ? 8 * 2 * n : 0);
}

/**
 * Steady time per iteration from a solve's history: the median over consecutive recorded points
 * of (elapsed time / iterations) between them, so one-time work (JIT, a polish, a
 * refactorization) and bursts of load from other processes do not count; null with fewer than
 * two points.
 */
export function steadyMsPerIteration(history: readonly HistoryPoint[]): number | null {
  const rates: number[] = [];
  for (let k = 1; k < history.length; k++) {
    const iterations = history[k]!.iteration - history[k - 1]!.iteration;
    const ms = history[k]!.elapsedMs - history[k - 1]!.elapsedMs;
    if (iterations > 0 && ms >= 0) rates.push(ms / iterations);
  }
  if (rates.length === 0) return null;
  rates.sort((x, y) => x - y);
  const mid = rates.length >> 1;
  const median = rates.length % 2 === 1 ? rates[mid]! : (rates[mid - 1]! + rates[mid]!) / 2;
  return median > 0 ? median : null;
}

/** Flops per millisecond of a probe whose steady time per iteration was `msPerIteration`. */
export function flopRateFromSteadyTime(probe: CostInputs, msPerIteration: number): number {
  if (!(msPerIteration > 0) || !Number.isFinite(msPerIteration)) return UNCALIBRATED_FLOPS_PER_MS;
  return modelCost(probe).flopsPerIteration / msPerIteration;
}

/** Flops per millisecond measured by a probe that ran `iterations` iterations in `solveMs` (overheads included). */
export function calibrateFlopRate(probe: CostInputs, iterations: number, solveMs: number): number {
  if (!(iterations > 0) || !(solveMs > 0) || !Number.isFinite(solveMs)) return UNCALIBRATED_FLOPS_PER_MS;
  const cost = modelCost(probe);
  return (cost.solveOverheadFlops + cost.flopsPerIteration * iterations) / solveMs;
}

export interface TrainingEstimate {
  readonly msPerIteration: number;
  readonly setupMs: number;
  /** Time if every head runs to its iteration limit (the worst case). */
  readonly worstCaseMs: number;
  readonly maxIterations: number;
  readonly bytes: number;
  readonly flopsPerMs: number;
  readonly linearSystemPath: 'direct' | 'woodbury' | null;
  /** Plain-words warnings: over the machine's memory, over a minute. */
  readonly warnings: string[];
}

/** Warn when the worst case takes longer than this. */
export const SLOW_RUN_MS = 60_000;

/**
 * Time and memory before Start. `machineBytes` is the memory the app may use (total RAM); a run
 * whose working set exceeds it, or whose worst case exceeds a minute, gets a warning.
 * `headsAtOnce`: one-vs-rest heads the app trains at the same time (its workers; head-parts.ts).
 */
export function estimateTraining(inputs: CostInputs, maxIterations: number, flopsPerMs: number, machineBytes: number, headsAtOnce = 1): TrainingEstimate {
  const cost = modelCost(inputs);
  const rate = flopsPerMs > 0 && Number.isFinite(flopsPerMs) ? flopsPerMs : UNCALIBRATED_FLOPS_PER_MS;
  const msPerIteration = cost.flopsPerIteration / rate;
  const setupMs = cost.setupFlops / rate;
  const worstCaseMs = headRounds(inputs.heads, headsAtOnce) * (setupMs + cost.solveOverheadFlops / rate + maxIterations * msPerIteration);
  const warnings = sizeWarnings(cost.bytes, machineBytes, worstCaseMs, maxIterations, inputs.heads, headsAtOnce);
  return { msPerIteration, setupMs, worstCaseMs, maxIterations, bytes: cost.bytes, flopsPerMs: rate, linearSystemPath: cost.linearSystemPath, warnings };
}

/** How many heads' times add up in the wall time: `heads` trained `headsAtOnce` at a time. */
export function headRounds(heads: number, headsAtOnce: number): number {
  return Math.ceil(heads / Math.max(1, Math.min(heads, headsAtOnce)));
}

/** The warnings of a run's size: over the machine's memory, over a minute at the iteration limit. */
export function sizeWarnings(bytes: number, machineBytes: number, worstCaseMs: number, maxIterations: number, heads: number, headsAtOnce = 1): string[] {
  const warnings: string[] = [];
  if (machineBytes > 0 && bytes > machineBytes) {
    warnings.push(`Needs about ${formatBytes(bytes)} of memory but the machine has ${formatBytes(machineBytes)}: use fewer patterns or fewer rows.`);
  }
  if (worstCaseMs > SLOW_RUN_MS) {
    const classes = heads > 1 ? ` per class, ${heads} classes${headsAtOnce > 1 ? `, ${Math.min(heads, headsAtOnce)} at a time` : ''}` : '';
    warnings.push(`Could take up to ${formatDuration(worstCaseMs)} if it runs to the iteration limit (${maxIterations}${classes}); a looser tolerance, fewer patterns or a time limit shortens it.`);
  }
  return warnings;
}

/** The iteration limit a run will use: the given setting, else the solver's declared default. */
export function iterationLimit(solver: SolverName, specs: readonly SettingSpec[], settings: Readonly<Record<string, SettingValue>> = {}): number {
  const key = solver === 'backprop' ? 'epochs' : 'maxIterations';
  const given = settings[key] ?? (solver === 'backprop' ? settings.maxIterations : undefined);
  const spec = specs.find((s) => s.key === key);
  const base = typeof given === 'number' ? given : spec && typeof spec.default === 'number' ? spec.default : 1000;
  if (solver !== 'backprop') return base;
  const restarts = settings.restarts ?? specs.find((s) => s.key === 'restarts')?.default;
  return base * (typeof restarts === 'number' ? restarts : 1);
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1 << 30) return `${(bytes / (1 << 30)).toFixed(1)} GB`;
  if (bytes >= 1 << 20) return `${(bytes / (1 << 20)).toFixed(1)} MB`;
  if (bytes >= 1 << 10) return `${(bytes / (1 << 10)).toFixed(0)} kB`;
  return `${Math.round(bytes)} B`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(1, Math.round(ms))} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

function checkInputs(inputs: CostInputs): void {
  for (const [name, value] of [['rows', inputs.rows], ['columns', inputs.columns], ['size', inputs.size], ['heads', inputs.heads], ['checkEvery', inputs.checkEvery]] as const) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new ConvexNetError('settings/invalid', `The cost estimate needs ${name} as a whole number of at least 1, got ${String(value)}.`);
    }
  }
}
