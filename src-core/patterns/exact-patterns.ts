import { ConvexNetError } from '../errors';
import { createMatrix, type Matrix } from '../linalg/matrix';
import { formatCount } from '../text/count-text';
import { counted } from '../text/counted';
import type { PatternSet } from './pattern-set';
import { patternsFromGenerators } from './patterns-from-generators';

export interface ExactPatternOptions {
  /** Refuse (ConvexNetError 'patterns/too-many') when the cell bound exceeds this; default 4096. */
  readonly limit?: number;
  /** 'auto' (default): sweep when rank <= 2, else incremental. 'sweep' needs rank <= 2. */
  readonly method?: 'auto' | 'sweep' | 'incremental';
  /** Drop the all-zero pattern; default `false` here (ALL patterns are returned). */
  readonly dropEmpty?: boolean;
  /**
   * The largest limit the caller lets users set: when a refused count is at most this, the error
   * says to raise the limit as well as to sample (absent: it only says to sample).
   */
  readonly raisableTo?: number;
}

export const DEFAULT_EXACT_PATTERN_LIMIT = 4096;

/** Relative rank tolerance: pivot |R_kk| <= RANK_TOL * |R_00| ends the row space. */
const RANK_TOL = 1e-10;
/** Two unit normals closer than this (up to sign) are one hyperplane. */
const PARALLEL_TOL = 1e-9;
/** Boundary angles closer than this (radians) are one boundary in the sweep. */
const ANGLE_TOL = 1e-9;

/**
 * Number of cells of a central arrangement of n hyperplanes of rank r in general position,
 * 2 * sum_{k=0}^{r-1} C(n-1, k) (paper-spec.md 1.3); an upper bound for any arrangement of n
 * hyperplanes of rank r. n = 0 or rank = 0 gives 1 (the whole space). rank > n is clamped (2^n).
 */
export function countArrangementCells(n: number, rank: number): number {
  if (!Number.isSafeInteger(n) || n < 0 || !Number.isSafeInteger(rank) || rank < 0) {
    throw new ConvexNetError('settings/invalid', `countArrangementCells needs whole numbers n >= 0 and rank >= 0, got n = ${String(n)}, rank = ${String(rank)}.`);
  }
  if (n === 0 || rank === 0) return 1;
  const top = Math.min(rank, n) - 1;
  let c = 1; // C(n-1, 0)
  let sum = 1;
  for (let k = 1; k <= top; k++) {
    c = (c * (n - k)) / k; // C(n-1, k) = C(n-1, k-1) (n-k) / k, exact while below 2^53
    sum += c;
  }
  return 2 * sum;
}

/** Numerical rank of X: pivoted Householder QR of X^T, stopping at |R_kk| <= tol * |R_00|. */
export function matrixRank(X: Matrix, tol: number = RANK_TOL): number {
  if (!(tol >= 0 && Number.isFinite(tol))) {
    throw new ConvexNetError('settings/invalid', `The rank tolerance must be a finite number >= 0, got ${String(tol)}.`);
  }
  assertFinite(X);
  return rowSpace(X.data, X.rows, X.cols, tol, false).rank;
}

/**
 * All patterns of the central hyperplane arrangement {h : x_k^T h = 0} (paper-spec.md 1.3, 3.10):
 * one pattern per full-dimensional cell, each with a generator h strictly inside its cell, so
 * that 1[X h >= 0] reproduces the pattern (Gaussian sampling hits only such cells, with
 * probability 1).
 *
 * Geometry. Only the direction of each row matters, and h only through its component in the row
 * space of X, so the work is done on the unit rows expressed in an orthonormal basis of the row
 * space (rank r, from a pivoted Householder QR). Zero rows define no hyperplane (x^T h = 0 >= 0 is
 * always active); parallel or antiparallel rows define the same hyperplane.
 *
 * Methods.
 * - r <= 2: angular sweep. Each normal a gives the boundary directions angle(a) +- pi/2; sort the
 *   distinct boundary angles and take the midpoint of every open arc. Exact, O(m log m).
 * - r >= 3 (and on request for any r): deletion-restriction, built incrementally. Adding a
 *   hyperplane H to an arrangement A' splits exactly those cells of A' that H meets, and these
 *   correspond one-to-one to the cells of the restriction A'^H = {K ∩ H} (an arrangement in
 *   dimension r - 1, solved by the same routine). So the cells of A' + H are: every old cell
 *   (kept through its interior point), plus both sides q +- t a of every restricted cell point q,
 *   with t small enough not to cross any other hyperplane. This is Zaslavsky's identity
 *   cells(A) = cells(A - H) + cells(A^H) made constructive. It is exact for ANY arrangement
 *   (general position or not: duplicated, parallel, concurrent rows), needs no LP solver (the
 *   LP construction of spec 3.10 would need one), and its points stay well inside their cells
 *   (each level loses at most a factor 2 of clearance). The (r-1)-subset vertex-ray method was
 *   rejected because it is only exact in general position.
 * Cost: about sum_k cells_k * k * r operations per dimension level (cells_k = cells after k
 * planes); at the default limit ~0.3 s for rank 3. The limit is checked BEFORE enumerating, during
 * the QR itself (one O(n d) step per rank found), so oversized inputs are refused early.
 * Numerical decisions use the relative tolerances above: cells thinner than ~1e-9 rad (Gaussian
 * probability of that order) may be merged away; everything returned is a genuine cell.
 */
export function enumerateExactPatterns(X: Matrix, options: ExactPatternOptions = {}): PatternSet {
  const limit = options.limit ?? DEFAULT_EXACT_PATTERN_LIMIT;
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new ConvexNetError('settings/invalid', `The exact-pattern limit must be a whole number of at least 1, got ${String(limit)}.`);
  }
  const method = options.method ?? 'auto';
  assertFinite(X);
  const d = X.cols;

  // Distinct hyperplanes, cheaply (exact duplicates only); near-duplicates are merged later.
  const normals = distinctUnitRows(X);
  const m = normals.length / Math.max(d, 1);

  // Row space, refusing as soon as the general-position count exceeds the limit: the count grows
  // with the rank, so a partial rank already gives a valid lower estimate of the final bound.
  const refuse = (rank: number, complete: boolean): void => {
    const cells = countArrangementCells(m, rank);
    if (cells <= limit) return;
    // A partial rank that already equals the column count (or the row count) is the final one.
    const final = complete || rank >= Math.min(m, d);
    throw new ConvexNetError(
      'patterns/too-many',
      `Enumerating all activation patterns is refused: ${formatCount(m)} distinct data rows with ${final ? '' : 'at least '}${counted(rank, 'independent column')} can have ` +
        `${final ? 'up to ' : ''}${formatCount(cells)}${final ? '' : ' or more'} patterns, more than the limit of ${formatCount(limit)}. ` +
        'Use the sampled formulation: it solves the program for a random sample of the patterns' +
        (options.raisableTo !== undefined && cells <= options.raisableTo && final ? `; or raise the exact pattern limit to ${formatCount(cells)} if a program that large is wanted.` : '.'),
    );
  };
  const space = rowSpace(normals, m, d, RANK_TOL, true, (k) => refuse(k, false));
  const r = space.rank;
  refuse(r, true);

  // Unit normals in row-space coordinates: z = Q^T a.
  const planes: Float64Array[] = [];
  for (let i = 0; i < m; i++) {
    const z = new Float64Array(r);
    for (let l = 0; l < r; l++) z[l] = dot(space.basis, l * d, normals, i * d, d);
    planes.push(z);
  }

  let points: Float64Array[];
  if (method === 'sweep' || (method === 'auto' && r <= 2)) {
    if (r > 2) throw new ConvexNetError('settings/invalid', `The angular sweep needs data of rank <= 2, these data have rank ${r}; use method 'incremental' or 'auto'.`);
    points = r === 2 ? sweepCells(planes) : incrementalCells(planes, r);
  } else {
    points = incrementalCells(planes, r);
  }

  // Generators h = Q u (in R^d; rank 0: h = 0, the whole space is one cell).
  const generators = createMatrix(points.length, d);
  for (let p = 0; p < points.length; p++) {
    const u = points[p]!;
    for (let l = 0; l < r; l++) {
      const ul = u[l]!;
      for (let j = 0; j < d; j++) generators.data[p * d + j] = generators.data[p * d + j]! + ul * space.basis[l * d + j]!;
    }
  }
  return patternsFromGenerators(X, generators, { dropEmpty: options.dropEmpty ?? false, source: 'exact' });
}

// ---------------------------------------------------------------------------------------------
// Cells of a central arrangement given by unit normals in R^r; each result is a unit point.

/** Angular sweep (r = 2): one point in the middle of every open arc between boundary angles. */
function sweepCells(planes: readonly Float64Array[]): Float64Array[] {
  const angles: number[] = [];
  for (const a of planes) {
    const t = Math.atan2(a[1]!, a[0]!);
    angles.push(wrapAngle(t + Math.PI / 2), wrapAngle(t - Math.PI / 2));
  }
  if (angles.length === 0) return [Float64Array.of(1, 0)];
  angles.sort((x, y) => x - y);
  const distinct: number[] = [];
  for (const t of angles) if (distinct.length === 0 || t - distinct[distinct.length - 1]! > ANGLE_TOL) distinct.push(t);
  if (distinct.length > 1 && distinct[0]! + 2 * Math.PI - distinct[distinct.length - 1]! <= ANGLE_TOL) distinct.pop();
  const points: Float64Array[] = [];
  for (let i = 0; i < distinct.length; i++) {
    const t0 = distinct[i]!;
    const t1 = i + 1 < distinct.length ? distinct[i + 1]! : distinct[0]! + 2 * Math.PI;
    const mid = 0.5 * (t0 + t1);
    points.push(Float64Array.of(Math.cos(mid), Math.sin(mid)));
  }
  return points;
}

/** Incremental deletion-restriction (see the file comment). Exact for any arrangement. */
function incrementalCells(normalsIn: readonly Float64Array[], r: number): Float64Array[] {
  const planes = distinctPlanes(normalsIn, r);
  if (r === 1) return planes.length === 0 ? [Float64Array.of(1)] : [Float64Array.of(1), Float64Array.of(-1)];
  let points: Float64Array[] = [unitVector(r, 0)];
  for (let k = 0; k < planes.length; k++) {
    const a = planes[k]!;
    const reflector = new ComplementReflector(a);
    const restricted: Float64Array[] = [];
    for (let j = 0; j < k; j++) restricted.push(reflector.project(planes[j]!));
    // Old points: each stays in its cell, or in one half of it if H splits the cell.
    const candidates = points.slice();
    for (const q of incrementalCells(restricted, r - 1)) {
      // u lies in H and strictly inside (cell ∩ H) for the earlier planes; step off H to both
      // sides by half the distance (along a) to the nearest earlier plane.
      const u = reflector.lift(q);
      let step = 1;
      for (let j = 0; j < k; j++) {
        const b = planes[j]!;
        const ba = Math.abs(dot(b, 0, a, 0, r));
        if (ba > 0) step = Math.min(step, Math.abs(dot(b, 0, u, 0, r)) / ba);
      }
      step *= 0.5;
      candidates.push(normalizedAxpy(u, step, a), normalizedAxpy(u, -step, a));
    }
    points = bestPointPerCell(candidates, planes, k + 1);
  }
  return points;
}

/** One point per sign vector on planes[0..count), the one farthest from every plane. */
function bestPointPerCell(candidates: readonly Float64Array[], planes: readonly Float64Array[], count: number): Float64Array[] {
  const r = planes[0]!.length;
  const best = new Map<string, { point: Float64Array; margin: number }>();
  const codes: number[] = [];
  for (const p of candidates) {
    codes.length = 0;
    let margin = Infinity;
    let word = 0;
    for (let j = 0; j < count; j++) {
      const s = dot(planes[j]!, 0, p, 0, r);
      if (s >= 0) word |= 1 << (j & 15);
      margin = Math.min(margin, Math.abs(s));
      if ((j & 15) === 15 || j === count - 1) {
        codes.push(word);
        word = 0;
      }
    }
    const key = String.fromCharCode(...codes);
    const seen = best.get(key);
    if (seen === undefined || margin > seen.margin) best.set(key, { point: p, margin });
  }
  return Array.from(best.values(), (e) => e.point);
}

/** Unit normals, merging ones that agree up to sign within PARALLEL_TOL (keep-first). */
function distinctPlanes(normals: readonly Float64Array[], r: number): Float64Array[] {
  const out: Float64Array[] = [];
  for (const v of normals) {
    const len = Math.sqrt(dot(v, 0, v, 0, r));
    // A restricted normal this short means a plane (numerically) parallel to the one restricted to.
    if (!(len > PARALLEL_TOL / 4)) continue;
    const a = new Float64Array(r);
    for (let i = 0; i < r; i++) a[i] = v[i]! / len;
    const duplicate = out.some((b) => {
      let minus = 0;
      let plus = 0;
      for (let i = 0; i < r; i++) {
        minus += (a[i]! - b[i]!) ** 2;
        plus += (a[i]! + b[i]!) ** 2;
      }
      return Math.sqrt(Math.min(minus, plus)) < PARALLEL_TOL;
    });
    if (!duplicate) out.push(a);
  }
  return out;
}

/**
 * Householder reflector P = I - 2 v v^T / v^T v with P a = sigma e_0 for a unit vector a. P is
 * symmetric and orthogonal, so its columns 1..r-1 are an orthonormal basis B of a^⊥:
 * project(b) = B^T b = (P b)[1..], lift(q) = B q = P [0; q].
 */
class ComplementReflector {
  private readonly v: Float64Array;
  private readonly scale: number;

  constructor(a: Float64Array) {
    const r = a.length;
    this.v = Float64Array.from(a);
    this.v[0] = a[0]! + (a[0]! >= 0 ? 1 : -1); // v = a - sigma e_0, sigma = -sign(a_0): no cancellation
    this.scale = 2 / dot(this.v, 0, this.v, 0, r);
  }

  project(b: Float64Array): Float64Array {
    const r = b.length;
    const f = this.scale * dot(this.v, 0, b, 0, r);
    const out = new Float64Array(r - 1);
    for (let i = 1; i < r; i++) out[i - 1] = b[i]! - f * this.v[i]!;
    return out;
  }

  lift(q: Float64Array): Float64Array {
    const r = q.length + 1;
    const x = new Float64Array(r);
    x.set(q, 1);
    const f = this.scale * dot(this.v, 0, x, 0, r);
    for (let i = 0; i < r; i++) x[i] = x[i]! - f * this.v[i]!;
    return x;
  }
}

// ---------------------------------------------------------------------------------------------
// Row space by Householder QR with column pivoting.

interface RowSpace {
  readonly rank: number;
  /** rank x d, row-major; orthonormal rows spanning the row space (empty unless requested). */
  readonly basis: Float64Array;
}

/**
 * Pivoted Householder QR of A = R^T (d x m), where `rows` holds m rows of length d: A Pi = Q R.
 * Column j of A is row j, stored contiguously. At step k the remaining column of largest norm is
 * the pivot; the rank is the number of pivots with |R_kk| > tol * |R_00|, and the first `rank`
 * columns of Q = H_0 ... H_{rank-1} span the row space. `onPivot(k)` runs as soon as the k-th
 * pivot is accepted, before any further work, so a caller can abort early.
 */
function rowSpace(rows: Float64Array, m: number, d: number, tol: number, wantBasis: boolean, onPivot?: (k: number) => void): RowSpace {
  const w = Float64Array.from(rows.subarray(0, m * d));
  const reflectors: { v: Float64Array; scale: number }[] = [];
  const steps = Math.min(m, d);
  let first = 0;
  for (let k = 0; k < steps; k++) {
    let pivot = -1;
    let pivotNorm2 = 0;
    for (let j = k; j < m; j++) {
      let s = 0;
      for (let i = j * d + k, end = (j + 1) * d; i < end; i++) s += w[i]! * w[i]!;
      if (s > pivotNorm2) {
        pivotNorm2 = s;
        pivot = j;
      }
    }
    const norm = Math.sqrt(pivotNorm2);
    if (k === 0) first = norm;
    if (pivot < 0 || !(norm > tol * first)) break;
    onPivot?.(k + 1);
    if (pivot !== k) {
      for (let i = 0; i < d; i++) {
        const t = w[k * d + i]!;
        w[k * d + i] = w[pivot * d + i]!;
        w[pivot * d + i] = t;
      }
    }
    const v = new Float64Array(d);
    for (let i = k; i < d; i++) v[i] = w[k * d + i]!;
    v[k] = v[k]! + (v[k]! >= 0 ? norm : -norm); // v = x + sign(x_k) |x| e_k
    const scale = 2 / dot(v, 0, v, 0, d);
    for (let j = k + 1; j < m; j++) {
      let f = 0;
      for (let i = k; i < d; i++) f += v[i]! * w[j * d + i]!;
      f *= scale;
      for (let i = k; i < d; i++) w[j * d + i] = w[j * d + i]! - f * v[i]!;
    }
    reflectors.push({ v, scale });
  }
  const rank = reflectors.length;
  const basis = new Float64Array(wantBasis ? rank * d : 0);
  if (wantBasis) {
    for (let l = 0; l < rank; l++) {
      const q = basis.subarray(l * d, (l + 1) * d);
      q[l] = 1;
      for (let t = rank - 1; t >= 0; t--) {
        const { v, scale } = reflectors[t]!;
        const f = scale * dot(v, 0, q, 0, d);
        for (let i = 0; i < d; i++) q[i] = q[i]! - f * v[i]!;
      }
    }
  }
  return { rank, basis };
}

// ---------------------------------------------------------------------------------------------
// Small helpers.

/**
 * Nonzero rows of X scaled to unit length with a sign convention (first nonzero entry > 0), exact
 * duplicates removed (hash of the float bits, then full comparison): m x d, row-major.
 */
function distinctUnitRows(X: Matrix): Float64Array {
  const d = X.cols;
  const xs = X.data;
  const out = new Float64Array(X.rows * d);
  const buckets = new Map<number, number[]>();
  let m = 0;
  for (let k = 0; k < X.rows; k++) {
    const len = Math.sqrt(dot(xs, k * d, xs, k * d, d));
    if (len === 0) continue;
    let sign = 0;
    for (let j = 0; j < d && sign === 0; j++) sign = Math.sign(xs[k * d + j]!);
    const at = m * d;
    for (let j = 0; j < d; j++) out[at + j] = (sign * xs[k * d + j]!) / len + 0; // + 0 turns -0 into 0
    const h = hashFloats(out, at, d);
    const bucket = buckets.get(h);
    if (bucket !== undefined && bucket.some((i) => sameFloats(out, i * d, at, d))) continue;
    if (bucket === undefined) buckets.set(h, [m]);
    else bucket.push(m);
    m++;
  }
  return out.slice(0, m * d);
}

/** 32-bit FNV-1a over the bit patterns of data[off .. off + len). */
function hashFloats(data: Float64Array, off: number, len: number): number {
  const bits = new Uint32Array(data.buffer, data.byteOffset + off * 8, 2 * len);
  let h = 0x811c9dc5;
  for (let t = 0; t < bits.length; t++) h = Math.imul(h ^ bits[t]!, 0x01000193);
  return h >>> 0;
}

function sameFloats(data: Float64Array, a: number, b: number, len: number): boolean {
  for (let j = 0; j < len; j++) if (data[a + j] !== data[b + j]) return false;
  return true;
}

function dot(a: ArrayLike<number>, aOff: number, b: ArrayLike<number>, bOff: number, len: number): number {
  let s = 0;
  for (let i = 0; i < len; i++) s += a[aOff + i]! * b[bOff + i]!;
  return s;
}

function normalizedAxpy(u: Float64Array, t: number, a: Float64Array): Float64Array {
  const out = new Float64Array(u.length);
  for (let i = 0; i < u.length; i++) out[i] = u[i]! + t * a[i]!;
  const len = Math.sqrt(dot(out, 0, out, 0, out.length));
  for (let i = 0; i < out.length; i++) out[i] = out[i]! / len;
  return out;
}

function unitVector(r: number, i: number): Float64Array {
  const e = new Float64Array(r);
  e[i] = 1;
  return e;
}

function wrapAngle(t: number): number {
  const two = 2 * Math.PI;
  const w = t % two;
  return w < 0 ? w + two : w;
}

function assertFinite(X: Matrix): void {
  for (let t = 0; t < X.data.length; t++) {
    if (!Number.isFinite(X.data[t]!)) {
      throw new ConvexNetError('data/non-finite', `X must contain only finite numbers; row ${Math.floor(t / X.cols)}, column ${t % X.cols} is ${X.data[t]}.`);
    }
  }
}
