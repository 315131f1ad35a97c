import type { PolishCandidate, PolishWork } from './scp-polish';
import type { ScpMethod } from './scp-types';

/** What the driver (solve-scp.ts) needs at a termination check. */
export interface ScpCheckPoint {
  /** Current primal point alpha (a view, valid until the next step). */
  readonly alpha: Float64Array;
  /** Phi alpha (a view, valid until the next step). */
  readonly scores: Float64Array;
  readonly primalResidual: number | null;
  readonly dualResidual: number | null;
}

/**
 * One iterative method for min_alpha L(Phi alpha) + beta ||alpha||_1. The driver owns the loop,
 * the checks, the certificate, the history and the statuses; a method steps, reports its
 * current point and dual candidate, and offers a polished candidate (scp-polish.ts).
 */
export interface ScpIterator {
  readonly method: ScpMethod;
  /** Approximate flops of one step (schedules polishing against iteration work). */
  readonly stepWork: number;
  /** Check interval the method needs regardless of the setting (the interior-point method checks every Newton step). */
  readonly checkEvery?: number;
  /** True once the method cannot make further progress (e.g. an interior-point method at the rounding limit). */
  finished?(): boolean;
  /** The method's account for SolveInfo.details, in an expert's terms (path taken, step size, final penalty, ...). */
  details(): string[];
  step(): void;
  /** Makes the check point current and writes a dual candidate z in dom L* into `z` (length n). */
  checkPoint(z: Float64Array): ScpCheckPoint;
  /** Hash of the active sets at the last check point (support and signs of alpha, margin classes). */
  signature(): number;
  /** A polished candidate from the last check point, its dual candidate written into `z`; null if none. Adds its flops to `work`. */
  polish(z: Float64Array, work: PolishWork): PolishCandidate | null;
  /** Continue from an accepted candidate (z: its dual candidate). */
  adopt(candidate: PolishCandidate, z: Float64Array): void;
  /** A sparse version of the last check point for methods whose iterates are dense (interior point). */
  sparseCandidate?(): PolishCandidate | null;
  /** Called after every check (e.g. to re-balance an ADMM penalty). */
  afterCheck(): void;
}

/** Support-and-sign hash of alpha, mixed into `seed` (FNV-style; collisions only delay a polish). */
export function signHash(alpha: Float64Array, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let j = 0; j < alpha.length; j++) {
    const a = alpha[j]!;
    h = Math.imul(h ^ (a > 0 ? 1 : a < 0 ? 2 : 3), 16777619) >>> 0;
  }
  return h;
}
