import { simdKernelsEnabled } from '../../linalg/simd-kernels';
import { instantiateWithMemory, layoutDoubles, lazyModule } from '../../linalg/wasm/wasm-instance';
import { applyW, applyWInverse, jordanDivide, jordanProduct, maxConeStep, updateScaling } from './second-order-cone';
import { secondOrderConeFunctions } from './second-order-cone-code';

/** The arrays (2P cones of d + 1, or 2P, or 2P x d entries) of ipm-engine.ts that live here. */
export const CONE_ARRAYS = ['sSoc', 'zSoc', 'lambdaSoc', 'v', 'dsSoc', 'dzSoc', 'qSoc', 'rzSoc', 'coneWork', 'coneWork2', 'eta', 'dxT', 'bxT', 'dxU'] as const;
export type ConeArray = (typeof CONE_ARRAYS)[number];

type Run = {
  conerhs: (...args: number[]) => void;
  coneslack: (...args: number[]) => void;
  conegap: (...args: number[]) => void;
  conecorrector: (...args: number[]) => void;
  coneboundary: (...args: number[]) => void;
  conestep: (...args: number[]) => void;
};

const coneModule = lazyModule(() => secondOrderConeFunctions);

/**
 * The interior-point method's second-order cones (one per block: (t_j, u_j), dimension d + 1) and
 * its passes over them: in one WebAssembly memory where available, the passes then being the
 * functions of second-order-cone-code.ts, else ordinary arrays and the same loops in JavaScript
 * (second-order-cone.ts). Both give the same bits. With the linear cones' passes
 * (linear-cone-arena.ts) this leaves the engine's step, solveKkt and takeStep without loops of
 * their own, which V8 compiled several times over in a process's first solve.
 */
export class SecondOrderConeArena {
  readonly arrays: Record<ConeArray, Float64Array>;
  private readonly count: number;
  private readonly side: number;
  private readonly d: number;
  private readonly run: Run | null;
  private readonly io: Float64Array;
  private readonly byteAt: Record<ConeArray | 'io', number>;

  /** For 2P = `count` cones on blocks of d. */
  constructor(count: number, d: number) {
    this.count = count;
    this.d = d;
    const side = d + 1;
    this.side = side;
    const sizes: Record<ConeArray | 'io', number> = {
      sSoc: count * side, zSoc: count * side, lambdaSoc: count * side, v: count * side, dsSoc: count * side, dzSoc: count * side, qSoc: count * side,
      rzSoc: count * side, coneWork: count * side, coneWork2: count * side, eta: count, dxT: count, bxT: count, dxU: count * d, io: 4,
    };
    const { byteAt, doubles } = layoutDoubles(sizes);
    this.byteAt = byteAt;
    const made = simdKernelsEnabled() ? instantiateWithMemory(coneModule(), doubles * 8) : null;
    this.run = made ? (made.exports as unknown as Run) : null;
    const arrays = {} as Record<ConeArray, Float64Array>;
    for (const name of CONE_ARRAYS) arrays[name] = made ? new Float64Array(made.buffer, byteAt[name], sizes[name]) : new Float64Array(sizes[name]);
    this.arrays = arrays;
    this.io = made ? new Float64Array(made.buffer, byteAt.io, 4) : new Float64Array(4);
  }

  /** Whether the passes run in WebAssembly. */
  get wasm(): boolean {
    return this.run !== null;
  }

  /** solveKkt's cone part before the Newton solve: dx -= W^{-1} (W^{-1} bz - q~), bz = -weight rz. */
  rightHandSide(weight: number): void {
    const { count, side, d } = this;
    const { rzSoc, qSoc, eta, v, coneWork: a, coneWork2: b, dxT, bxT, dxU } = this.arrays;
    if (this.run) {
      const at = this.byteAt;
      this.io[0] = weight;
      return this.run.conerhs(count, side, d, at.rzSoc, at.qSoc, at.eta, at.v, at.coneWork, at.coneWork2, at.dxT, at.bxT, at.dxU, at.io);
    }
    for (let j = 0; j < count; j++) {
      const o = j * side;
      for (let p = 0; p < side; p++) b[o + p] = -weight * rzSoc[o + p]!;
      applyWInverse(eta[j]!, v, o, b, o, a, o, side);
      for (let p = 0; p < side; p++) a[o + p] = a[o + p]! - qSoc[o + p]!;
      applyWInverse(eta[j]!, v, o, a, o, b, o, side);
      dxT[j] = weight * bxT[j]! - b[o]!;
      for (let t = 0; t < d; t++) dxU[j * d + t]! -= b[o + 1 + t]!;
    }
  }

  /** solveKkt's cone part after the Newton solve: ds~ = W^{-1} (-weight rz + (dt, du)), dz~ = q~ - ds~. */
  slackDirection(weight: number): void {
    const { count, side, d } = this;
    const { rzSoc, qSoc, eta, v, coneWork: a, dsSoc, dzSoc, dxT, dxU } = this.arrays;
    if (this.run) {
      const at = this.byteAt;
      this.io[0] = weight;
      return this.run.coneslack(count, side, d, at.rzSoc, at.qSoc, at.eta, at.v, at.coneWork, at.dsSoc, at.dzSoc, at.dxT, at.dxU, at.io);
    }
    for (let j = 0; j < count; j++) {
      const o = j * side;
      a[o] = -weight * rzSoc[o]! + dxT[j]!;
      for (let t = 0; t < d; t++) a[o + 1 + t] = -weight * rzSoc[o + 1 + t]! + dxU[j * d + t]!;
      applyWInverse(eta[j]!, v, o, a, o, dsSoc, o, side);
      for (let p = 0; p < side; p++) dzSoc[o + p] = qSoc[o + p]! - dsSoc[o + p]!;
    }
  }

  /** `sum` plus the cones' (lambda + alpha ds~)(lambda + alpha dz~), entry by entry. */
  gapAffine(alpha: number, sum: number): number {
    const { lambdaSoc, dsSoc, dzSoc } = this.arrays;
    if (this.run) {
      const at = this.byteAt;
      this.io[0] = alpha;
      this.io[1] = sum;
      this.run.conegap(this.count * this.side, at.lambdaSoc, at.dsSoc, at.dzSoc, at.io);
      return this.io[2]!;
    }
    let gap = sum;
    for (let k = 0; k < lambdaSoc.length; k++) {
      const l = lambdaSoc[k]!;
      gap += (l + alpha * dsSoc[k]!) * (l + alpha * dzSoc[k]!);
    }
    return gap;
  }

  /** The corrector's q~ = lambda \ (target e - lambda o lambda - ds~ o dz~). */
  corrector(target: number): void {
    const { count, side } = this;
    const { dsSoc, dzSoc, lambdaSoc, coneWork: a, coneWork2: b, qSoc } = this.arrays;
    if (this.run) {
      const at = this.byteAt;
      this.io[0] = target;
      return this.run.conecorrector(count, side, at.dsSoc, at.dzSoc, at.lambdaSoc, at.coneWork, at.coneWork2, at.qSoc, at.io);
    }
    for (let j = 0; j < count; j++) {
      const o = j * side;
      jordanProduct(dsSoc, o, dzSoc, o, a, o, side);
      jordanProduct(lambdaSoc, o, lambdaSoc, o, b, o, side);
      for (let p = 0; p < side; p++) b[o + p] = (p === 0 ? target : 0) - b[o + p]! - a[o + p]!;
      jordanDivide(lambdaSoc, o, b, o, qSoc, o, side);
    }
  }

  /** min(alpha, each cone's largest step along ds~ and along dz~). */
  boundary(alpha: number): number {
    const { count, side } = this;
    const { lambdaSoc, dsSoc, dzSoc } = this.arrays;
    if (this.run) {
      const at = this.byteAt;
      this.io[0] = alpha;
      this.run.coneboundary(count, side, at.lambdaSoc, at.dsSoc, at.dzSoc, at.io);
      return this.io[1]!;
    }
    for (let j = 0; j < count; j++) {
      const a = Math.min(maxConeStep(lambdaSoc, j * side, dsSoc, j * side, side), maxConeStep(lambdaSoc, j * side, dzSoc, j * side, side));
      if (a < alpha) alpha = a;
    }
    return alpha;
  }

  /** takeStep's cone part: the scaled iterates after a step of alpha, their new scaling, s and z. */
  takeStep(alpha: number): void {
    const { count, side } = this;
    const { lambdaSoc, dsSoc, dzSoc, coneWork: st, coneWork2: zt, eta, v, sSoc, zSoc } = this.arrays;
    if (this.run) {
      const at = this.byteAt;
      this.io[0] = alpha;
      return this.run.conestep(count, side, at.lambdaSoc, at.dsSoc, at.dzSoc, at.coneWork, at.coneWork2, at.eta, at.v, at.sSoc, at.zSoc, at.io);
    }
    for (let k = 0; k < lambdaSoc.length; k++) {
      st[k] = lambdaSoc[k]! + alpha * dsSoc[k]!;
      zt[k] = lambdaSoc[k]! + alpha * dzSoc[k]!;
    }
    for (let j = 0; j < count; j++) {
      const o = j * side;
      const e = updateScaling(eta[j]!, v, o, st, zt, o, side, lambdaSoc, o);
      eta[j] = e;
      applyW(e, v, o, lambdaSoc, o, sSoc, o, side);
      applyWInverse(e, v, o, lambdaSoc, o, zSoc, o, side);
    }
  }
}
