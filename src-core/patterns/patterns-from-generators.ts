import { ConvexNetError } from '../errors';
import { createMatrix, type Matrix } from '../linalg/matrix';
import type { PatternSet } from './pattern-set';

export interface PatternsFromGeneratorsOptions {
  /**
   * Drop the all-zero pattern (X h < 0 on every row). Default `true`: its block D_i X = 0 adds
   * nothing to the model (paper-spec.md 1.5, "dead block"), only cost. Pass `false` to keep it.
   */
  readonly dropEmpty?: boolean;
  /** Recorded on the result; default 'sampled'. */
  readonly source?: 'sampled' | 'exact';
}

/**
 * The distinct patterns D(h_i) = diag(1[X h_i >= 0]) of the rows h_i of `generators` (ties count
 * as active, paper-spec.md 1.3). Duplicates are removed keep-first: a pattern is stored with the
 * first generator that produced it, and kept patterns stay in generator order (unlike numpy's
 * `unique`, which also sorts). Mask columns are hashed (FNV-1a) so de-duplication costs O(nP)
 * expected instead of O(nP^2); hash collisions are resolved by a full comparison.
 * Cost: O(n d P) for the products X h_i.
 */
export function patternsFromGenerators(
  X: Matrix,
  generators: Matrix,
  options: PatternsFromGeneratorsOptions = {},
): PatternSet {
  const n = X.rows;
  const d = X.cols;
  if (generators.cols !== d) {
    throw new ConvexNetError(
      'data/shape-mismatch',
      `Pattern generators have ${generators.cols} entries, the data rows have ${d}; each h must live in R^${d} (including the bias coordinate when X has the bias column).`,
    );
  }
  assertFinite(X, 'X');
  assertFinite(generators, 'The pattern generators');
  const dropEmpty = options.dropEmpty ?? true;
  const P = generators.rows;
  const xs = X.data;
  const hs = generators.data;

  const keptMasks: Uint8Array[] = [];
  const keptGenerators: number[] = [];
  const buckets = new Map<number, number[]>();
  let scratch = new Uint8Array(n);
  for (let i = 0; i < P; i++) {
    const hOff = i * d;
    let active = 0;
    for (let k = 0; k < n; k++) {
      const xOff = k * d;
      let s = 0;
      for (let j = 0; j < d; j++) s += xs[xOff + j]! * hs[hOff + j]!;
      const bit = s >= 0 ? 1 : 0;
      scratch[k] = bit;
      active += bit;
    }
    if (dropEmpty && active === 0) continue;
    const key = hashMask(scratch);
    const bucket = buckets.get(key);
    if (bucket !== undefined && bucket.some((c) => sameMask(keptMasks[c]!, scratch))) continue;
    const index = keptMasks.length;
    if (bucket === undefined) buckets.set(key, [index]);
    else bucket.push(index);
    keptMasks.push(scratch);
    keptGenerators.push(i);
    scratch = new Uint8Array(n);
  }

  const count = keptMasks.length;
  const masks = new Uint8Array(n * count);
  const outGenerators = createMatrix(count, d);
  for (let c = 0; c < count; c++) {
    const col = keptMasks[c]!;
    for (let k = 0; k < n; k++) masks[k * count + c] = col[k]!;
    const g = keptGenerators[c]!;
    outGenerators.data.set(hs.subarray(g * d, (g + 1) * d), c * d);
  }
  return { n, count, masks, generators: outGenerators, source: options.source ?? 'sampled' };
}

/** 32-bit FNV-1a over the mask bytes. */
function hashMask(mask: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < mask.length; k++) h = Math.imul(h ^ mask[k]!, 0x01000193);
  return h >>> 0;
}

function sameMask(a: Uint8Array, b: Uint8Array): boolean {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

function assertFinite(m: Matrix, what: string): void {
  const data = m.data;
  for (let t = 0; t < data.length; t++) {
    if (!Number.isFinite(data[t]!)) {
      throw new ConvexNetError(
        'data/non-finite',
        `${what} must contain only finite numbers; row ${Math.floor(t / m.cols)}, column ${t % m.cols} is ${data[t]}.`,
      );
    }
  }
}
