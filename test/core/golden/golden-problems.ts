/**
 * Typed loader for the golden optima in golden-problems.json (generated offline by make_golden.py
 * with cvxopt; see README.md in this folder and the format notes at the top of make_golden.py).
 * Matrices are stored as lists of rows; indices are 0-based; losses are sums over samples.
 */
import data from './golden-problems.json';
import { createMatrix, matrixFromRows } from '../../../src-core/linalg/matrix';
import type { Matrix } from '../../../src-core/linalg/matrix';

export type GoldenKind = 'convex-relu' | 'scp-l1' | 'robust-convex-relu';
export type GoldenLoss = 'squared' | 'bce' | 'hinge';

export interface GoldenSolverAttempt {
  readonly tolerance: number;
  readonly kktsolver: string;
  readonly refinement: number;
  /** 'optimal', 'unknown', or 'exception: ...' */
  readonly status: string;
}

export interface GoldenSolverReport {
  /** 'cvxopt.solvers.coneqp' | 'cvxopt.solvers.conelp' | 'cvxopt.solvers.cp' */
  readonly name: string;
  readonly cvxoptVersion: string;
  readonly numpyVersion: string;
  readonly status: 'optimal';
  /** null for cvxopt.solvers.cp, which does not report it */
  readonly iterations: number | null;
  /** abstol = reltol = feastol of the stored solve */
  readonly tolerance: number;
  readonly kktsolver: string;
  readonly refinement: number;
  readonly primalObjective: number;
  readonly dualObjective: number;
  readonly gap: number;
  readonly relativeGap: number | null;
  readonly primalInfeasibility: number;
  readonly dualInfeasibility: number;
  readonly attempts: readonly GoldenSolverAttempt[];
}

export interface GoldenCheck {
  /** objective recomputed in numpy from the primal point (= optimum) */
  readonly objectiveRecomputed: number;
  readonly solverPrimalObjective: number;
  readonly absDiffSolverVsRecomputed: number;
  /** max over cone rows of max(0, eps*||v^pert||_1 - (2 d_ik - 1) x_k^T v); 0 for scp-l1 */
  readonly maxConeViolation: number;
  /** optimum - dualObjective */
  readonly dualBoundGap: number;
  /**
   * Weight-decay objective of the ReLU network recovered from the solution (spec 1.4 / 5.1),
   * evaluated as a true network; robust problems: worst-case loss per sample by brute force over
   * the vertices of the l_inf ball. Equals optimum up to rounding.
   */
  readonly recoveredNetworkObjective: number;
}

export interface GoldenProblem {
  readonly name: string;
  readonly kind: GoldenKind;
  readonly loss: GoldenLoss;
  readonly beta: number;
  readonly n: number;
  readonly d: number;
  /** true if the LAST column of X is the constant-1 bias column (included in X and in d) */
  readonly biasColumn: boolean;
  /** n x d rows */
  readonly X: readonly (readonly number[])[];
  /** squared: real; bce: {0, 1}; hinge: {-1, +1} */
  readonly y: readonly number[];
  /** number of patterns (0 for scp-l1) */
  readonly P: number;
  /** n x P 0/1 rows; column i is the pattern 1[X h_i >= 0] ([] for scp-l1) */
  readonly masks: readonly (readonly number[])[];
  /** P x d; generators[i] = the sampling vector h_i that produced pattern i ([] for scp-l1) */
  readonly generators: readonly (readonly number[])[];
  /** true only for 'toy-exact-squared', whose 58 masks include the all-zero (dead) pattern */
  readonly zeroPatternIncluded: boolean;
  /** scp-l1: number of directions; 0 otherwise */
  readonly N: number;
  /** scp-l1: n x N, Phi = (X u_j)_+; [] otherwise */
  readonly Phi: readonly (readonly number[])[];
  /** scp-l1: N x d unit directions u_j; [] otherwise */
  readonly directions: readonly (readonly number[])[];
  /** robust: l_inf radius; 0 otherwise */
  readonly eps: number;
  /** robust: 0-based indices of the perturbable columns of X (all but the bias); [] otherwise */
  readonly perturbableColumns: readonly number[];
  /** optimal objective, recomputed in numpy from cvxopt's primal point */
  readonly optimum: number;
  /**
   * n nominal predictions at the stored optimal point; unique for nominal squared / BCE problems
   * (strictly convex in yhat), not necessarily unique for hinge or robust problems.
   */
  readonly yhat: readonly number[];
  /** one optimal point (not unique in general: compare optimum and yhat, not blocks) */
  readonly solution: {
    readonly v?: readonly (readonly number[])[];
    readonly w?: readonly (readonly number[])[];
    readonly alpha?: readonly number[];
  };
  readonly blockNorms: {
    readonly v?: readonly number[];
    readonly w?: readonly number[];
    readonly alpha?: readonly number[];
  };
  readonly nonzeroBlocks: number;
  /** value quoted in paper-spec section 7.3, if any */
  readonly specReference: { readonly section: string; readonly value: number } | null;
  readonly solver: GoldenSolverReport;
  readonly check: GoldenCheck;
  readonly seed: number | null;
  readonly description: string;
}

const KINDS: readonly string[] = ['convex-relu', 'scp-l1', 'robust-convex-relu'];
const LOSSES: readonly string[] = ['squared', 'bce', 'hinge'];

function fail(name: string, what: string): never {
  throw new Error(`golden-problems.json: problem '${name}': ${what}`);
}

function checkRows(name: string, field: string, rows: unknown, r: number, c: number): void {
  if (!Array.isArray(rows)) fail(name, `${field} is not an array`);
  if (r === 0 || c === 0) {
    if (rows.length !== 0 && rows.length !== r) fail(name, `${field} has ${rows.length} rows, expected ${r}`);
    return;
  }
  if (rows.length !== r) fail(name, `${field} has ${rows.length} rows, expected ${r}`);
  for (const row of rows) {
    if (!Array.isArray(row) || row.length !== c) fail(name, `${field} has a row that is not of length ${c}`);
    for (const v of row) if (typeof v !== 'number' || !Number.isFinite(v)) fail(name, `${field} has a non-finite entry`);
  }
}

function checkVector(name: string, field: string, v: unknown, len: number): void {
  if (!Array.isArray(v) || v.length !== len) fail(name, `${field} is not a vector of length ${len}`);
  for (const x of v) if (typeof x !== 'number' || !Number.isFinite(x)) fail(name, `${field} has a non-finite entry`);
}

function validate(p: GoldenProblem): GoldenProblem {
  const name = typeof p.name === 'string' ? p.name : '?';
  if (!KINDS.includes(p.kind)) fail(name, `unknown kind ${String(p.kind)}`);
  if (!LOSSES.includes(p.loss)) fail(name, `unknown loss ${String(p.loss)}`);
  if (p.solver?.status !== 'optimal') fail(name, 'solver status is not optimal');
  checkRows(name, 'X', p.X, p.n, p.d);
  checkVector(name, 'y', p.y, p.n);
  checkVector(name, 'yhat', p.yhat, p.n);
  checkRows(name, 'masks', p.masks, p.n, p.P);
  checkRows(name, 'generators', p.generators, p.P, p.d);
  checkRows(name, 'Phi', p.Phi, p.n, p.N);
  checkRows(name, 'directions', p.directions, p.N, p.d);
  if (p.kind === 'scp-l1' ? p.N === 0 || p.P !== 0 : p.P === 0 || p.N !== 0) fail(name, 'P / N do not match the kind');
  if ((p.kind === 'robust-convex-relu') !== p.eps > 0) fail(name, 'eps does not match the kind');
  if (!Number.isFinite(p.optimum) || !Number.isFinite(p.beta)) fail(name, 'optimum or beta is not finite');
  return p;
}

let cache: readonly GoldenProblem[] | undefined;

/** All golden problems, in file order (validated once, then cached). */
export function loadGoldenProblems(): GoldenProblem[] {
  if (cache === undefined) {
    const raw = data as unknown;
    if (!Array.isArray(raw)) throw new Error('golden-problems.json: top level is not a list');
    cache = (raw as GoldenProblem[]).map(validate);
  }
  return [...cache];
}

export function getGoldenProblem(name: string): GoldenProblem {
  const p = loadGoldenProblems().find((q) => q.name === name);
  if (p === undefined) throw new Error(`no golden problem named '${name}'`);
  return p;
}

/** rows -> Matrix with an explicit shape (so that empty lists give r x 0 / 0 x c matrices). */
export function rowsToMatrix(rows: readonly (readonly number[])[], r: number, c: number): Matrix {
  if (rows.length === 0 || r === 0 || c === 0) return createMatrix(r, c);
  const m = matrixFromRows(rows);
  if (m.rows !== r || m.cols !== c) throw new RangeError(`expected ${r} x ${c}, got ${m.rows} x ${m.cols}`);
  return m;
}

/** X (n x d), bias column included when biasColumn is true. */
export function goldenX(p: GoldenProblem): Matrix {
  return rowsToMatrix(p.X, p.n, p.d);
}

/** Patterns as an n x P 0/1 matrix (column i = diagonal of D_i). */
export function goldenMasks(p: GoldenProblem): Matrix {
  return rowsToMatrix(p.masks, p.n, p.P);
}

/** Pattern i as an n-vector of 0/1 bytes. */
export function goldenMaskColumn(p: GoldenProblem, i: number): Uint8Array {
  if (!Number.isInteger(i) || i < 0 || i >= p.P) throw new RangeError(`pattern index ${i} out of range [0, ${p.P})`);
  return Uint8Array.from(p.masks, (row) => row[i]!);
}

/** Sampling vectors h_i (P x d). */
export function goldenGenerators(p: GoldenProblem): Matrix {
  return rowsToMatrix(p.generators, p.P, p.d);
}

/** scp-l1 features Phi = (X U^T)_+ (n x N). */
export function goldenPhi(p: GoldenProblem): Matrix {
  return rowsToMatrix(p.Phi, p.n, p.N);
}

/** scp-l1 unit directions (N x d). */
export function goldenDirections(p: GoldenProblem): Matrix {
  return rowsToMatrix(p.directions, p.N, p.d);
}

export function goldenY(p: GoldenProblem): Float64Array {
  return Float64Array.from(p.y);
}

export function goldenYhat(p: GoldenProblem): Float64Array {
  return Float64Array.from(p.yhat);
}
