import type { CholeskyFactor } from '../../linalg/cholesky-factor';
import type { Matrix } from '../../linalg/matrix';
import { MatrixSnapshot, sameValues } from '../../linalg/matrix-snapshot';

/**
 * Q = F_+^T F_+ (dP x dP), the coupling the direct Newton system adds to every step's block
 * diagonal, kept across the solves that share X and the patterns: the points of a beta path and
 * the one-vs-rest heads of a model. Q depends on neither beta nor the targets, and forming it is
 * a pass of n (dP)^2 / 2 multiply-adds (n = 5000, d = 21, P = 32: ~33 ms, and ~10% of an
 * 8-point path with its allocation; see bench/README). One entry: a solve on other data (a
 * cross-validation fold) replaces it. The cache also passes the large Cholesky factor from one
 * solve to the next (factorOfOrder), on either path (the Woodbury path's n x n factor too).
 * Whoever creates the cache decides how long it lives (a path, a model); nothing here is global.
 */
export class CouplingCache {
  /** Copies of the X and masks Q was formed from: a caller may reuse its arrays for other data. */
  private entry: { readonly X: MatrixSnapshot; readonly masks: Uint8Array; readonly P: number; readonly Q: Float64Array } | null = null;
  /** How many solves took Q from the cache (for tests). */
  hits = 0;
  /** The last solve's factor of its Newton system (see factorOfOrder). */
  private factor: CholeskyFactor | null = null;

  /**
   * Q for (X, masks, P): the kept one when X and the masks hold the same values (compared in
   * full, O(n d + n P) against Q's n (dP)^2 / 2), else `form()`'s, kept. The caller must not
   * write into the returned array.
   */
  coupling(X: Matrix, masks: Uint8Array, P: number, form: () => Float64Array): Float64Array {
    const entry = this.entry;
    if (entry && entry.P === P && entry.X.matches(X) && sameValues(entry.masks, masks)) {
      this.hits++;
      return entry.Q;
    }
    const Q = form();
    this.entry = { X: new MatrixSnapshot(X), masks: Uint8Array.from(masks), P, Q };
    return Q;
  }

  /**
   * The factor the last solve left (keepFactor) when it has this order, for the next solve to
   * refactor in place: a path's solves then share one factor, one WebAssembly memory and instance.
   * A new instance per solve cost its allocation, and V8 dropped and recompiled the factor's
   * kernel calls at every point, which it had specialized to the previous instance's functions
   * ('weak objects': panelRows and trailing compiled 32 times on the n = 5000 bench path).
   * The solves sharing a cache run one after another, so the factor is never in use by two.
   */
  factorOfOrder(order: number): CholeskyFactor | null {
    return this.factor !== null && this.factor.order === order ? this.factor : null;
  }

  keepFactor(factor: CholeskyFactor): void {
    this.factor = factor;
  }
}
