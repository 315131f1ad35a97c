import type { RobustConicForm } from './robust-conic-form';
import type { RobustProblem } from './robust-problem';

/**
 * Largest modelled time of one interior-point Newton step (ms) for the automatic choice: a solve
 * takes 25-60 steps, so about a minute at most per sub-problem. PDHG is far slower on the programs
 * this admits: on two moons (320 rows) it stopped at its 50,000-iteration limit after 200 s with a
 * gap of 8%, and one penguins radius (3 classes) ran over 10 minutes; the interior-point method
 * certified every radius of the built-in datasets' epsilon grids (squared and hinge, tolerance
 * 1e-3), penguins in 3-6 s per radius; since the logistic loss came, its 49 runs too (tolerance
 * 1e-4, l_inf and l2; and 1e-3).
 */
export const ROBUST_IPM_MAX_STEP_MS = 2000;

/**
 * Speeds of the step's parts, measured on this machine (Node 20, one core; `.exp`-style probes of
 * synthetic programs, 300-5,000 rows, 2-30 features, 33 patterns): the WebAssembly Cholesky of the
 * global block (~7.7 GFLOP/s at order 1,300-2,800), the JavaScript assembly of the local groups
 * (the blocks' dense eliminations, the samples' pattern-pair sums), and the sparse passes over the
 * program's entries (products, residuals, line search: ~60 ns per entry and step).
 */
const CHOLESKY_FLOPS_PER_MS = 7e6;
const ASSEMBLY_FLOPS_PER_MS = 1e6;
const MS_PER_ENTRY = 6e-5;
/**
 * The step's products in WebAssembly SIMD kernels, the program without an adversary: the samples'
 * rank-one pattern-pair Grams (robust-ipm-signed-groups.ts, formPatternPairGrams: measured 29.7 ms
 * a step for 5,000 rows, 21 columns and 32 patterns, 3.3e8 flops as counted here) and the blocks'
 * cone rows, V^T diag(1 / w^2) V per block (robust-ipm-system.ts, the X^T R kernel).
 */
const KERNEL_FLOPS_PER_MS = 1.1e7;
/**
 * A working set's check of every row (robust-objective.ts: one dense product per row and block)
 * against MS_PER_ENTRY: measured 1.8-3.2 ns per row, block and column (n = 5,000-20,000, d = 3-21,
 * 32 patterns).
 */
const VIOLATION_CHECK_WEIGHT = 0.05;

/**
 * Which method solves this robust program: the setting's, or for 'auto' the interior-point
 * method when its modelled Newton step takes at most ROBUST_IPM_MAX_STEP_MS, else PDHG. Every
 * loss goes: squared and hinge as a conic QP, the logistic loss as a smooth term on its slacks
 * (robust-conic-qp.ts). On two moons (300 rows, 32 patterns, tolerance 1e-4) PDHG stopped at its
 * 50,000-iteration limit after 100-130 s on the logistic loss (gap 2.4e-5 with a cone violation
 * of 3.2e-3; gap 4.6e-2); the interior-point method certifies the same radii in 30-40 Newton
 * steps and 0.5 s.
 */
export function robustMethodFor(problem: RobustProblem, form: RobustConicForm, method: string): 'ipm' | 'pdhg' {
  if (method === 'pdhg') return 'pdhg';
  if (method === 'ipm') return 'ipm';
  return robustIpmStepMs(problem, form) <= ROBUST_IPM_MAX_STEP_MS ? 'ipm' : 'pdhg';
}

/** The sizes the Newton step's cost depends on. */
export interface RobustIpmShape {
  readonly rows: number;
  /** Columns of X, the bias column included. */
  readonly columns: number;
  /** Patterns, the all-ones pattern included. */
  readonly patterns: number;
  /** Spread variables per block and sample: perturbable columns for l_inf, 1 for l_2. */
  readonly spreadWidth: number;
  /** Rows per sample besides its spread rows: loss rows (2 squared, 1 hinge or bce) plus hinge's e >= 0. */
  readonly lossRows: number;
  readonly norm: 'linf' | 'l2';
  /**
   * Cone rows each block keeps (a working set, cone-working-set.ts); all `rows` when absent. The
   * blocks are still checked against every row each step (their cone violation).
   */
  readonly coneRowsPerBlock?: number;
}

/** The parts of one Newton step's work (robust-ipm.ts, robust-ipm-system.ts). */
export interface RobustIpmStepWork {
  /** Cholesky of the global block: the 2P d weights (robust-conic-qp.ts's local groups hold the rest). */
  readonly choleskyFlops: number;
  /**
   * Each block's group (its n cone rows over d + spread + 1 columns, robust-ipm-dense-groups.ts)
   * and each sample's (robust-ipm-signed-groups.ts).
   */
  readonly assemblyFlops: number;
  /** Without an adversary, the SIMD kernels' work (KERNEL_FLOPS_PER_MS): 2 flops a multiply-add. */
  readonly kernelFlops: number;
  /** Nonzeros of the program's rows. */
  readonly entries: number;
}

/** The work of one Newton step; `activeOf(k)` is the number of patterns active at row k. */
export function robustIpmStepWorkOf(shape: RobustIpmShape, activeOf: (row: number) => number): RobustIpmStepWork {
  const { rows, columns: d, patterns: P, spreadWidth, lossRows, norm } = shape;
  const linf = norm === 'linf';
  const spreadEntries = linf ? spreadWidth : spreadWidth === 0 ? 0 : 1; // spread variables on a cone or loss row
  const local = spreadWidth + 1;
  const sampleSpreadRows = linf ? 2 * spreadWidth : spreadWidth === 0 ? 0 : 1 + spreadWidth;
  const coneRows = Math.min(rows, shape.coneRowsPerBlock ?? rows);
  // Without an adversary every row of a sample reads x_k (its group is rank one, over
  // (1 + local) columns, its pattern pairs in one pattern-pair Gram of all samples) and the cone
  // rows are global rays, a weighted Gram per block; with one, the blocks' cone rows are eliminated
  // with their spread columns (robust-ipm-dense-groups.ts) and each sample's pattern pairs summed.
  const rankOne = spreadWidth === 0;
  let assemblyFlops = rankOne ? 0 : 2 * coneRows * 2 * P * (d + spreadWidth + 1) ** 2;
  let kernelFlops = rankOne ? 2 * coneRows * 2 * P * d * d : 0;
  // The kept cone rows; with a working set also the check of every row (one product each).
  let entries = coneRows * 2 * P * (d + spreadEntries) + 2 * P * (d + 1 + 2 * spreadWidth + 1) + (coneRows < rows ? rows * 2 * P * d * VIOLATION_CHECK_WEIGHT : 0);
  for (let k = 0; k < rows; k++) {
    const active = activeOf(k);
    entries += sampleSpreadRows * (2 * active + 1) + lossRows * (2 * active * d + spreadEntries + 1);
    // the sample's compressed rows over (d + local) or (1 + local), its Schur block, its pattern pairs
    if (rankOne) {
      assemblyFlops += 2 * lossRows * (1 + local) ** 2 + 2 * local;
      kernelFlops += ((active * (active + 1)) / 2) * d * (d + 1);
    } else {
      assemblyFlops += 2 * (sampleSpreadRows + lossRows) * (d + local) ** 2 + 2 * d * d * local + ((active * (active + 1)) / 2) * d * d;
    }
  }
  const global = 2 * P * d;
  return { choleskyFlops: global ** 3 / 3, assemblyFlops, kernelFlops, entries };
}

/** Modelled time of one Newton step (ms). */
export function robustIpmStepMsOf(shape: RobustIpmShape, activeOf: (row: number) => number): number {
  const work = robustIpmStepWorkOf(shape, activeOf);
  return work.choleskyFlops / CHOLESKY_FLOPS_PER_MS + work.assemblyFlops / ASSEMBLY_FLOPS_PER_MS + work.kernelFlops / KERNEL_FLOPS_PER_MS + work.entries * MS_PER_ENTRY;
}

/** robustIpmStepMsOf for a built program (its patterns' actual activity). */
export function robustIpmStepMs(problem: RobustProblem, form: RobustConicForm): number {
  const { n, d, P, spreadWidth, lossRowsPerSample } = form.layout;
  const masks = problem.patterns.masks;
  const shape: RobustIpmShape = { rows: n, columns: d, patterns: P, spreadWidth, lossRows: lossRowsPerSample + (problem.loss.name === 'hinge' ? 1 : 0), norm: problem.threat.norm };
  return robustIpmStepMsOf(shape, (k) => {
    let active = 0;
    for (let i = 0; i < P; i++) active += masks[k * P + i]!;
    return active;
  });
}
