import { simdKernelsEnabled } from '../../linalg/simd-kernels';
import { instantiateWithMemory, layoutDoubles, lazyModule } from '../../linalg/wasm/wasm-instance';
import { linearConeFunctions } from './linear-cone-code';

/** The pattern-space arrays (n x 2P each) of ipm-engine.ts that live here. */
export const ARENA_ARRAYS = ['sLin', 'zLin', 'dLin', 'lambdaLin', 'cLin', 'rzLin', 'qLin', 'dsLin', 'dzLin', 'pattern', 'signed'] as const;
export type ArenaArray = (typeof ARENA_ARRAYS)[number];

type Run = {
  refresh: (kept: number, count: number, d: number, c: number) => void;
  predictor: (kept: number, count: number, lambda: number, q: number) => void;
  gapaffine: (kept: number, count: number, lambda: number, ds: number, dz: number, io: number) => void;
  corrector: (kept: number, count: number, lambda: number, ds: number, dz: number, q: number, io: number) => void;
  kktsigned: (kept: number, count: number, signs: number, d: number, rz: number, q: number, out: number, io: number) => void;
  kktslack: (kept: number, count: number, signs: number, d: number, rz: number, xu: number, q: number, ds: number, dz: number, io: number) => void;
  boundary: (kept: number, count: number, lambda: number, ds: number, dz: number, io: number) => void;
  takestep: (kept: number, count: number, d: number, lambda: number, s: number, z: number, ds: number, dz: number, io: number) => void;
};

const linearConeModule = lazyModule(() => linearConeFunctions);

/**
 * The interior-point method's linear-cone arrays (n x 2P each) and the passes over their kept
 * entries: in one WebAssembly memory where available, the passes then being the functions of
 * linear-cone-code.ts, else in ordinary arrays with the same loops in JavaScript. Both give the
 * same bits. Moving these loops out of the engine's methods took them out of what V8 compiles
 * (several times over, as on-stack replacement meets each loop) in a process's first solve.
 * The memory is sized once for every entry, so the views stay valid for the arena's life.
 */
export class LinearConeArena {
  readonly arrays: Record<ArenaArray, Float64Array>;
  private readonly run: Run | null;
  /** The kept entries (a copy of the engine's) and their signs, and how many there are. */
  private readonly kept: Int32Array;
  private readonly signs: Float64Array;
  private count = 0;
  private readonly io: Float64Array;
  private readonly byteAt: Record<ArenaArray | 'kept' | 'signs' | 'io', number>;

  constructor(entries: number) {
    const sizes = {} as Record<ArenaArray | 'kept' | 'signs' | 'io', number>;
    for (const name of ARENA_ARRAYS) sizes[name] = entries;
    sizes.signs = entries;
    sizes.io = 4;
    // Int32 entries, two to a double.
    sizes.kept = Math.ceil(entries / 2);
    const { byteAt, doubles } = layoutDoubles(sizes);
    this.byteAt = byteAt;
    const made = simdKernelsEnabled() ? instantiate(doubles) : null;
    this.run = made ? made.run : null;
    const arrays = {} as Record<ArenaArray, Float64Array>;
    if (made) {
      const buffer = made.buffer;
      for (const name of ARENA_ARRAYS) arrays[name] = new Float64Array(buffer, byteAt[name], entries);
      this.signs = new Float64Array(buffer, byteAt.signs, entries);
      this.io = new Float64Array(buffer, byteAt.io, 4);
      this.kept = new Int32Array(buffer, byteAt.kept, entries);
    } else {
      // Without WebAssembly (or past its 4 GiB), arrays of their own: no single huge allocation.
      for (const name of ARENA_ARRAYS) arrays[name] = new Float64Array(entries);
      this.signs = new Float64Array(entries);
      this.io = new Float64Array(4);
      this.kept = new Int32Array(entries);
    }
    this.arrays = arrays;
  }

  /** Whether the passes run in WebAssembly. */
  get wasm(): boolean {
    return this.run !== null;
  }

  /** The kept entries (ascending) and their signs e = 2 d_ki - 1. */
  setKept(kept: Int32Array, signs: Float64Array): void {
    this.kept.set(kept);
    this.signs.set(signs);
    this.count = kept.length;
  }

  /** c = 1 / d^2 on the kept entries (the Newton weights). */
  refresh(): void {
    const { dLin, cLin } = this.arrays;
    const b = this.byteAt;
    if (this.run) return this.run.refresh(b.kept, this.count, b.dLin, b.cLin);
    const kept = this.kept;
    for (let t = 0; t < this.count; t++) {
      const k = kept[t]!;
      cLin[k] = 1 / (dLin[k]! * dLin[k]!);
    }
  }

  /** q~ = -lambda (the predictor's right-hand side). */
  predictor(): void {
    const { lambdaLin, qLin } = this.arrays;
    const b = this.byteAt;
    if (this.run) return this.run.predictor(b.kept, this.count, b.lambdaLin, b.qLin);
    const kept = this.kept;
    for (let t = 0; t < this.count; t++) qLin[kept[t]!] = -lambdaLin[kept[t]!]!;
  }

  /** sum (lambda + alpha ds~)(lambda + alpha dz~), from 0 in the order of the kept entries. */
  gapAffine(alpha: number): number {
    const { lambdaLin, dsLin, dzLin } = this.arrays;
    const b = this.byteAt;
    if (this.run) {
      this.io[0] = alpha;
      this.run.gapaffine(b.kept, this.count, b.lambdaLin, b.dsLin, b.dzLin, b.io);
      return this.io[1]!;
    }
    const kept = this.kept;
    let sum = 0;
    for (let t = 0; t < this.count; t++) {
      const k = kept[t]!;
      const l = lambdaLin[k]!;
      sum += (l + alpha * dsLin[k]!) * (l + alpha * dzLin[k]!);
    }
    return sum;
  }

  /** q~ = (target - lambda o lambda - ds~ o dz~) / lambda (the corrector's right-hand side). */
  corrector(target: number): void {
    const { lambdaLin, dsLin, dzLin, qLin } = this.arrays;
    const b = this.byteAt;
    if (this.run) {
      this.io[0] = target;
      return this.run.corrector(b.kept, this.count, b.lambdaLin, b.dsLin, b.dzLin, b.qLin, b.io);
    }
    const kept = this.kept;
    for (let t = 0; t < this.count; t++) {
      const k = kept[t]!;
      const l = lambdaLin[k]!;
      qLin[k] = (target - l * l - dsLin[k]! * dzLin[k]!) / l;
    }
  }

  /** signed = e o g, g = (bz / d - q~) / d with bz = -weight rz, on the kept entries. */
  kktSigned(weight: number): void {
    const { dLin, rzLin, qLin, signed } = this.arrays;
    const b = this.byteAt;
    if (this.run) {
      this.io[0] = weight;
      return this.run.kktsigned(b.kept, this.count, b.signs, b.dLin, b.rzLin, b.qLin, b.signed, b.io);
    }
    const { kept, signs } = this;
    for (let t = 0; t < this.count; t++) {
      const e = kept[t]!;
      const dk = dLin[e]!;
      signed[e] = signs[t]! * (((-weight * rzLin[e]!) / dk - qLin[e]!) / dk);
    }
  }

  /** ds~ = (bz + e o XU) / d and dz~ = q~ - ds~ on the kept entries, XU (X du^T) in `pattern`. */
  kktSlack(weight: number): void {
    const { dLin, rzLin, pattern, qLin, dsLin, dzLin } = this.arrays;
    const b = this.byteAt;
    if (this.run) {
      this.io[0] = weight;
      return this.run.kktslack(b.kept, this.count, b.signs, b.dLin, b.rzLin, b.pattern, b.qLin, b.dsLin, b.dzLin, b.io);
    }
    const { kept, signs } = this;
    for (let t = 0; t < this.count; t++) {
      const e = kept[t]!;
      const ds = (-weight * rzLin[e]! + signs[t]! * pattern[e]!) / dLin[e]!;
      dsLin[e] = ds;
      dzLin[e] = qLin[e]! - ds;
    }
  }

  /** The smallest step -lambda / min(ds~, dz~) over the entries that decrease, or `alpha` if smaller. */
  boundary(alpha: number): number {
    const { lambdaLin, dsLin, dzLin } = this.arrays;
    const b = this.byteAt;
    if (this.run) {
      this.io[0] = alpha;
      this.run.boundary(b.kept, this.count, b.lambdaLin, b.dsLin, b.dzLin, b.io);
      return this.io[1]!;
    }
    const kept = this.kept;
    for (let t = 0; t < this.count; t++) {
      const k = kept[t]!;
      const worst = Math.min(dsLin[k]!, dzLin[k]!);
      if (worst < 0) {
        const a = -lambdaLin[k]! / worst;
        if (a < alpha) alpha = a;
      }
    }
    return alpha;
  }

  /** The step of length alpha in the scaled iterates, and the new scaling, s and z (IpmEngine.takeStep). */
  takeStep(alpha: number): void {
    const { dLin, lambdaLin, sLin, zLin, dsLin, dzLin } = this.arrays;
    const b = this.byteAt;
    if (this.run) {
      this.io[0] = alpha;
      return this.run.takestep(b.kept, this.count, b.dLin, b.lambdaLin, b.sLin, b.zLin, b.dsLin, b.dzLin, b.io);
    }
    const kept = this.kept;
    for (let t = 0; t < this.count; t++) {
      const k = kept[t]!;
      const l = lambdaLin[k]!;
      const st = l + alpha * dsLin[k]!;
      const zt = l + alpha * dzLin[k]!;
      const dNew = dLin[k]! * Math.sqrt(st / zt);
      const lNew = Math.sqrt(st * zt);
      dLin[k] = dNew;
      lambdaLin[k] = lNew;
      sLin[k] = dNew * lNew;
      zLin[k] = lNew / dNew;
    }
  }
}

function instantiate(doubles: number): { buffer: ArrayBuffer; run: Run } | null {
  const made = instantiateWithMemory(linearConeModule(), doubles * 8);
  return made ? { buffer: made.buffer, run: made.exports as unknown as Run } : null;
}
