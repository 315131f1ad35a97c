import type { ConvexProblem } from '../../convex/convex-problem';
import type { AdmmState } from './admm-engine';

/**
 * The units ADMM solves in. Its penalty rho weighs two splittings at once, u = v (blocks, whose
 * size goes as y / X) and G u = s (cone slacks, whose size goes as y), so no rho suits both when
 * the features are far from unit size: with the features x 1e6 or x 1e-6 ADMM stayed at the
 * empty network until its iteration limit. The program itself does not care about units:
 * with X = c X' and, for the squared loss, y = c_y y' (c_y = 1 for labels), the blocks
 * u = (c_y / c) u' solve the program on (X', y') with beta' = beta / (c c_y), since
 * F u = c_y F' u' and G u = c_y G' u' (the cone constraints are homogeneous, so patterns and
 * feasibility do not change) and the objective is c_y^2 times the scaled one: the squared loss
 * is homogeneous of degree 2 in (F u, y), and beta ||u|| = c_y^2 beta' ||u'||.
 *
 * So the ADMM solvers solve the program on (X / c, y / c_y) and map everything they report back.
 * c is the power of 2 nearest (in ratio) to the root-mean-square entry of X, c_y the one nearest
 * to the root-mean-square of y (squared loss only) when that is outside 2^-2..2^2, else 1.
 * Powers of 2 make every mapping exact in
 * floating point: the scaled data, beta', the blocks, the predictions and the objective and lower
 * bound (times c_y^2) carry no rounding, so a certified bound on the scaled program is, to the
 * bit, a bound on the original one.
 *
 * Why the root-mean-square entry (not the row norm), and no band around 1 for the features:
 * standardized features (the app's and the CLI's default) have a root-mean-square entry of 1,
 * the scale the default rho was tuned on, so they get c = 1 and solve bit for bit as before
 * (the row norm would be sqrt(d) there and move every default run); other scales move to that
 * regime. Measured on a standardized n = 600, d = 11 problem (tolerance 1e-4): features x 1
 * solved in 8,186 iterations, x 0.5 and x 2 (min-max scaled data are near x 0.5) were still short
 * of the tolerance at 10,000, and solved in 8,186 once rescaled.
 * Why a band for the targets: regression targets are not standardized by the app, and the
 * benchmark's have a root-mean-square of 1.1-3.3. Rescaling those by 2 or 4 changes the
 * effective rho by that factor, which moved iteration counts either way with no trend
 * (gap-2k: 2,804 iterations as before, 6,112 rescaled; with rho x 0.5, 1, 2, 4, 8 of the
 * rescaled default: 6,112, 6,112, 2,804, 6,112, 4,345), so within 2^+-2 the targets are left
 * as they are and such runs (the benchmark, the golden tests) stay bit for bit the same, while
 * targets of size 1e3 or 1e-3, where the old rule failed, are rescaled.
 */
export class AdmmUnits {
  /** c: the features are X = c X'. */
  readonly features: number;
  /** c_y: the targets are y = c_y y' (1 unless the loss is squared). */
  readonly targets: number;

  constructor(features: number, targets: number) {
    this.features = features;
    this.targets = targets;
  }

  /** The units a problem is solved in (see the class comment). */
  static of(problem: ConvexProblem): AdmmUnits {
    const targets = problem.loss.name === 'squared' ? targetScale(rootMeanSquare(problem.y)) : 1;
    return new AdmmUnits(nearestPowerOfTwo(rootMeanSquare(problem.X.data)), targets);
  }

  /** True when the problem is solved as given (c = c_y = 1). */
  get identity(): boolean {
    return this.features === 1 && this.targets === 1;
  }

  /** The problem in solver units: X / c, y / c_y, beta / (c c_y); the same object when c = c_y = 1. */
  scaleProblem<P extends ConvexProblem>(problem: P): P {
    if (this.identity) return problem;
    const c = this.features;
    const X = { rows: problem.X.rows, cols: problem.X.cols, data: problem.X.data.map((x) => x / c) };
    const y = this.targets === 1 ? problem.y : problem.y.map((v) => v / this.targets);
    return { ...problem, X, y, beta: this.unitBeta(problem.beta) };
  }

  /** c c_y: beta, rho (in the units of beta) and the dual residual are c c_y times their solver-unit values. */
  get betaFactor(): number {
    return this.features * this.targets;
  }

  /** A solver-unit beta in the original units. */
  beta(unitBeta: number): number {
    return unitBeta * this.betaFactor;
  }

  /** An original-units beta in solver units. */
  unitBeta(beta: number): number {
    return beta / this.betaFactor;
  }

  /** A block (u, v) in the original units: times c_y / c. */
  get blockFactor(): number {
    return this.targets / this.features;
  }

  /** An objective or a bound on it in the original units: times c_y^2. */
  objective(value: number): number {
    return value * this.targets * this.targets;
  }

  /**
   * rho in the original units: times c c_y, the units of beta, so that the default
   * beta / sqrt(n) is the same rule in both, and an explicit rho scales with the data as beta does.
   */
  rho(unitRho: number): number {
    return unitRho * this.betaFactor;
  }

  /** An original-units rho in solver units. */
  unitRho(rho: number): number {
    return rho / this.betaFactor;
  }

  /**
   * The primal residual sqrt(||u - v||^2 + ||G u - s||^2 + ||F u - yhat||^2) in the original
   * units, from the solver-unit sums of squares (the blocks scale by c_y / c, the rest by c_y).
   */
  primalResidual(parts: { blocks: number; cones: number; fit: number }): number {
    const b = this.blockFactor;
    const t = this.targets;
    return Math.sqrt(b * b * parts.blocks + t * t * parts.cones + t * t * parts.fit);
  }

  /**
   * The dual residual (a gradient of the Lagrangian with respect to u) in the original units:
   * times c_y^2 / (c_y / c) = c c_y.
   */
  dualResidual(value: number): number {
    return value * this.betaFactor;
  }

  /**
   * Solver-unit iterates in the original units (new arrays; the same object when c = c_y = 1).
   * u, v scale by c_y / c, s and yhat by c_y, rho by c c_y; the scaled duals are set so that
   * rho times them is the original program's multiplier (multipliers of u = v scale by c c_y, of
   * G u = s and F u = yhat by c_y): lambda unchanged, nu and omega divided by c. The map and its
   * inverse (toUnits) multiply by powers of 2, so a round trip is exact.
   */
  stateFromUnits(state: AdmmState): AdmmState {
    if (this.identity) return state;
    return mapState(state, this.blockFactor, this.targets, this.betaFactor, 1 / this.features);
  }

  /** The inverse of stateFromUnits: original-unit iterates (a warm start) in solver units. */
  stateToUnits(state: AdmmState): AdmmState {
    if (this.identity) return state;
    return mapState(state, 1 / this.blockFactor, 1 / this.targets, 1 / this.betaFactor, this.features);
  }

  /** A note for the report when the solve ran on rescaled data, else null. */
  /** For the notes, in plain words; null when nothing was rescaled. */
  note(): string | null {
    if (this.identity) return null;
    return 'The solver worked on a rescaled copy of the data, for accuracy. Every number shown is in your data\'s own units.';
  }

  /** For the details: the factors, in an expert's terms; null when nothing was rescaled. */
  detail(): string | null {
    if (this.identity) return null;
    const parts = [`features / ${this.features}`, ...(this.targets !== 1 ? [`targets / ${this.targets}`] : [])];
    return `ADMM solved the equivalent program on rescaled data (${parts.join(', ')}, beta / ${this.betaFactor}); every number reported is in the original units.`;
  }
}

function mapState(state: AdmmState, block: number, pattern: number, rho: number, coneDual: number): AdmmState {
  const times = (a: Float64Array, f: number): Float64Array => a.map((x) => x * f);
  return {
    rho: state.rho * rho,
    u: times(state.u, block),
    v: times(state.v, block),
    lambda: Float64Array.from(state.lambda),
    s: times(state.s, pattern),
    nu: times(state.nu, coneDual),
    yhat: state.yhat ? times(state.yhat, pattern) : null,
    omega: state.omega ? times(state.omega, coneDual) : null,
  };
}

function rootMeanSquare(values: Float64Array): number {
  // Scaled by the largest magnitude first, so squares of huge or tiny entries neither overflow nor underflow.
  let largest = 0;
  for (const v of values) largest = Math.max(largest, Math.abs(v));
  if (largest === 0 || !Number.isFinite(largest)) return 0;
  let sum = 0;
  for (const v of values) sum += (v / largest) * (v / largest);
  return largest * Math.sqrt(sum / values.length);
}

/** Targets whose nearest power of 2 is within 2^-TARGET_BAND..2^TARGET_BAND are not rescaled (see AdmmUnits). */
export const TARGET_BAND = 2;

/** c_y for targets of root-mean-square `rms`: the nearest power of 2 outside the band, else 1. */
export function targetScale(rms: number): number {
  const c = nearestPowerOfTwo(rms);
  return Math.abs(Math.log2(c)) > TARGET_BAND ? c : 1;
}

/**
 * 2^k with k = round(log2(x)), k kept within +-500 so that 1/c, c c_y and their squares stay
 * normal numbers; 1 for 0 (all-zero data need no rescaling).
 */
export function nearestPowerOfTwo(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return 1;
  const k = Math.max(-500, Math.min(500, Math.round(Math.log2(x))));
  return 2 ** k;
}
