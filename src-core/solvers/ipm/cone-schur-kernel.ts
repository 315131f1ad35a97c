import { simdKernelsEnabled } from '../../linalg/simd-kernels';
import { F64_TYPE, I32_TYPE, V128_TYPE, wasm, type Code, type WasmFunction, loopUntil } from '../../linalg/wasm/wasm-assembler';
import { instantiateWithMemory, lazyModule } from '../../linalg/wasm/wasm-instance';
import { coneSchurBlock, coneSchurLength } from './cone-schur';

/**
 * coneSchurBlock (cone-schur.ts) in WebAssembly, with the same bits: R, Omega_tt, Omega_tu and
 * the projected columns entry for entry in the same order; the Gram of the projected columns
 * (d^2 (d + 1) / 2 multiply-adds, the bulk) two entries per f64x2, each a chain over p in order
 * from 0 as the scalar sum. The projected columns are kept transposed (UT[p][a]) so that the two
 * entries (a, b), (a, b + 1) read adjacent doubles.
 */

const { get, set, i32, add, mul, atLeast } = wasm;


/** coneschur(v, eta, d, r, ut, out): addresses in bytes; v holds d + 1 doubles, eta one. */
function coneSchurFunction(): WasmFunction {
  const V = 0, ETA = 1, D = 2, R = 3, UT = 4, OUT = 5;
  const SIDE = 6, SIDEB = 7, DB = 8, P = 9, Q = 10, RP = 11, A = 12, B = 13, XA = 14, XB = 15, GAT = 16;
  const INV = 17, V0 = 18, AP = 19, TT = 20, TU = 21, F = 22, S = 23;
  const ACC = 24;
  /** a_p = p == 0 ? v0 : -v_p, for the index in local `index`. */
  const aOf = (index: number): Code => [get(V0), get(V), get(index), i32(8), mul, add, wasm.f64Load(0), wasm.f64Neg, get(index), wasm.eqz, wasm.select];
  const body: Code = [
    get(D), i32(1), add, set(SIDE),
    get(SIDE), i32(8), mul, set(SIDEB),
    get(D), i32(8), mul, set(DB),
    wasm.f64(1), get(ETA), wasm.f64Load(0), wasm.f64Div, set(INV),
    get(V), wasm.f64Load(0), set(V0),
    // R[p][q] = inv * (2 a_p a_q - J_pq).
    i32(0), set(P), get(R), set(RP),
    loopUntil([get(P), get(SIDE), atLeast], [
      aOf(P), set(AP),
      i32(0), set(Q),
      loopUntil([get(Q), get(SIDE), atLeast], [
        get(RP), get(Q), i32(8), mul, add,
        get(INV),
        wasm.f64(2), get(AP), wasm.f64Mul, aOf(Q), wasm.f64Mul,
        wasm.f64(1), wasm.f64(-1), get(P), wasm.eqz, wasm.select, wasm.f64(0), get(P), get(Q), wasm.eq, wasm.select,
        wasm.f64Sub, wasm.f64Mul,
        wasm.f64Store(0),
        get(Q), i32(1), add, set(Q),
      ]),
      get(P), i32(1), add, set(P), get(RP), get(SIDEB), add, set(RP),
    ]),
    // Omega_tt = sum_p R[0][p]^2.
    wasm.f64(0), set(TT), i32(0), set(P),
    loopUntil([get(P), get(SIDE), atLeast], [
      get(TT), get(R), get(P), i32(8), mul, add, wasm.f64Load(0), get(R), get(P), i32(8), mul, add, wasm.f64Load(0), wasm.f64Mul, wasm.f64Add, set(TT),
      get(P), i32(1), add, set(P),
    ]),
    get(OUT), get(TT), wasm.f64Store(0),
    // Omega_tu[a] = sum_p R[0][p] R[1+a][p]; UT[p][a] = R[1+a][p] - (tu / tt) R[0][p].
    i32(0), set(A), get(R), get(SIDEB), add, set(RP),
    loopUntil([get(A), get(D), atLeast], [
      wasm.f64(0), set(TU), i32(0), set(P),
      loopUntil([get(P), get(SIDE), atLeast], [
        get(TU), get(R), get(P), i32(8), mul, add, wasm.f64Load(0), get(RP), get(P), i32(8), mul, add, wasm.f64Load(0), wasm.f64Mul, wasm.f64Add, set(TU),
        get(P), i32(1), add, set(P),
      ]),
      get(OUT), get(A), i32(8), mul, add, get(TU), wasm.f64Store(8),
      get(TU), get(TT), wasm.f64Div, set(F),
      i32(0), set(P),
      loopUntil([get(P), get(SIDE), atLeast], [
        get(UT), get(P), get(DB), mul, add, get(A), i32(8), mul, add,
        get(RP), get(P), i32(8), mul, add, wasm.f64Load(0), get(F), get(R), get(P), i32(8), mul, add, wasm.f64Load(0), wasm.f64Mul, wasm.f64Sub,
        wasm.f64Store(0),
        get(P), i32(1), add, set(P),
      ]),
      get(A), i32(1), add, set(A), get(RP), get(SIDEB), add, set(RP),
    ]),
    // The Gram's lower triangle: out[a][b] = sum_p UT[p][a] UT[p][b], two b at a time.
    get(OUT), get(D), i32(1), add, i32(8), mul, add, set(GAT),
    i32(0), set(A),
    loopUntil([get(A), get(D), atLeast], [
      i32(0), set(B),
      loopUntil([get(B), get(A), atLeast], [
        wasm.v128Zero, set(ACC),
        get(UT), get(A), i32(8), mul, add, set(XA),
        get(UT), get(B), i32(8), mul, add, set(XB),
        i32(0), set(P),
        loopUntil([get(P), get(SIDE), atLeast], [
          get(ACC), get(XA), wasm.f64Load(0), wasm.f64x2Splat, get(XB), wasm.v128Load(0), wasm.f64x2Mul, wasm.f64x2Add, set(ACC),
          get(XA), get(DB), add, set(XA), get(XB), get(DB), add, set(XB),
          get(P), i32(1), add, set(P),
        ]),
        get(GAT), get(A), get(D), mul, get(B), add, i32(8), mul, add, get(ACC), wasm.v128Store(0),
        get(B), i32(2), add, set(B),
      ]),
      get(B), get(A), wasm.eq, wasm.ifThen,
      wasm.f64(0), set(S),
      get(UT), get(A), i32(8), mul, add, set(XA),
      i32(0), set(P),
      loopUntil([get(P), get(SIDE), atLeast], [
        get(S), get(XA), wasm.f64Load(0), get(XA), wasm.f64Load(0), wasm.f64Mul, wasm.f64Add, set(S),
        get(XA), get(DB), add, set(XA),
        get(P), i32(1), add, set(P),
      ]),
      get(GAT), get(A), get(D), mul, get(A), add, i32(8), mul, add, get(S), wasm.f64Store(0),
      wasm.end,
      get(A), i32(1), add, set(A),
    ]),
  ];
  return { name: 'coneschur', params: 6, locals: [[11, I32_TYPE], [7, F64_TYPE], [1, V128_TYPE]], body };
}

type ConeSchurExport = (v: number, eta: number, d: number, r: number, ut: number, out: number) => void;

const coneSchurModule = lazyModule(() => [coneSchurFunction()]);

/**
 * One cone's Newton-block parts at a time, in WebAssembly SIMD where available (else the
 * JavaScript of cone-schur.ts): `compute` returns a view of coneSchurLength(d) entries (valid
 * until the next call) laid out as coneSchurBlock writes them.
 */
export class ConeSchurKernel {
  private readonly d: number;
  private readonly run: ConeSchurExport | null;
  private readonly vIn: Float64Array;
  private readonly etaIn: Float64Array;
  private readonly out: Float64Array;
  private readonly at: { v: number; eta: number; r: number; ut: number; out: number };
  private readonly R: Float64Array;
  private readonly U: Float64Array;

  constructor(d: number) {
    this.d = d;
    const side = d + 1;
    const doubles = { v: 2 * Math.ceil(side / 2), eta: 2, r: side * side + (side % 2), ut: side * d + ((side * d) % 2), out: coneSchurLength(d) };
    const at = { v: 0, eta: doubles.v * 8, r: 0, ut: 0, out: 0 };
    at.r = at.eta + doubles.eta * 8;
    at.ut = at.r + doubles.r * 8;
    at.out = at.ut + doubles.ut * 8;
    this.at = at;
    const bytes = at.out + doubles.out * 8;
    const made = simdKernelsEnabled() ? instantiate(bytes) : null;
    this.run = made ? made.run : null;
    const buffer = made ? made.buffer : new ArrayBuffer(bytes);
    this.vIn = new Float64Array(buffer, at.v, side);
    this.etaIn = new Float64Array(buffer, at.eta, 1);
    this.out = new Float64Array(buffer, at.out, doubles.out);
    this.R = made ? new Float64Array(0) : new Float64Array(side * side);
    this.U = made ? new Float64Array(0) : new Float64Array(d * side);
  }

  /** Whether the block runs in WebAssembly. */
  get simd(): boolean {
    return this.run !== null;
  }

  compute(eta: number, v: Float64Array, vAt: number): Float64Array {
    const side = this.d + 1;
    if (this.run === null) {
      coneSchurBlock(eta, v, vAt, this.d, this.R, this.U, this.out, 0);
      return this.out;
    }
    for (let p = 0; p < side; p++) this.vIn[p] = v[vAt + p]!;
    this.etaIn[0] = eta;
    const { at } = this;
    this.run(at.v, at.eta, this.d, at.r, at.ut, at.out);
    return this.out;
  }
}

function instantiate(bytes: number): { buffer: ArrayBuffer; run: ConeSchurExport } | null {
  const made = instantiateWithMemory(coneSchurModule(), bytes);
  return made ? { buffer: made.buffer, run: made.exports['coneschur'] as ConeSchurExport } : null;
}
