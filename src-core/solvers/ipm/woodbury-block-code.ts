import { backSolveFunction, forwardSolveFunction } from '../../linalg/wasm/cholesky-kernel-code';
import { smallCholeskyFunctions } from '../../linalg/wasm/small-cholesky-kernel-code';
import { F64_TYPE, I32_TYPE, wasm, type Code, type WasmFunction, loopUntil } from '../../linalg/wasm/wasm-assembler';

/**
 * The WebAssembly module of woodbury-blocks.ts: the per-neuron d x d work of the Woodbury
 * reduction, on blocks that live in the module's memory. Functions, by index:
 *   0 lsolve, 1 ltsolve: the triangular solves of linalg/wasm/cholesky-kernel-code.ts;
 *   2 sfactor, 3 sinv: the small Cholesky factor and inverse of small-cholesky-kernel-code.ts;
 *   4 bsolve, 5 kmul, 6 recover: below.
 * Each does, entry for entry, the operations of the JavaScript it replaces in the same order
 * (scalar f64 arithmetic, never fused), so the bits are the same.
 */
export const LSOLVE = 0;
export const LTSOLVE = 1;

const { get, set, i32, add, mul, atLeast } = wasm;


/** bsolve(l, b, d, count): (L_i L_i^T) x_i = b_i in place for `count` consecutive d x d factors and d-vectors (choleskySolve). */
function blockSolvesFunction(): WasmFunction {
  const L = 0, B = 1, D = 2, COUNT = 3;
  const I = 4, LB = 5, VB = 6;
  const body: Code = [
    get(D), get(D), mul, i32(8), mul, set(LB),
    get(D), i32(8), mul, set(VB),
    i32(0), set(I),
    loopUntil([get(I), get(COUNT), atLeast], [
      get(L), get(B), get(D), wasm.call(LSOLVE),
      get(L), get(B), get(D), wasm.call(LTSOLVE),
      get(L), get(LB), add, set(L),
      get(B), get(VB), add, set(B),
      get(I), i32(1), add, set(I),
    ]),
  ];
  return { name: 'bsolve', params: 4, locals: [[3, I32_TYPE]], body };
}

/**
 * kmul(k, g, q, a, d, count): a_i = q_i - K_i g_i for `count` consecutive d x d blocks K_i
 * (row-major) and d-vectors: each entry q - (sum over columns in order, from 0).
 */
function subtractKgFunction(): WasmFunction {
  const K = 0, G = 1, Q = 2, A = 3, D = 4, COUNT = 5;
  const I = 6, ROW = 7, C = 8, KROW = 9, GI = 10, OFF = 11;
  const SUM = 12;
  const body: Code = [
    get(K), set(KROW),
    i32(0), set(I),
    loopUntil([get(I), get(COUNT), atLeast], [
      get(G), get(I), get(D), mul, i32(8), mul, add, set(GI),
      i32(0), set(ROW),
      loopUntil([get(ROW), get(D), atLeast], [
        wasm.f64(0), set(SUM),
        i32(0), set(C),
        loopUntil([get(C), get(D), atLeast], [
          get(SUM), get(KROW), get(C), i32(8), mul, add, wasm.f64Load(0), get(GI), get(C), i32(8), mul, add, wasm.f64Load(0), wasm.f64Mul, wasm.f64Add, set(SUM),
          get(C), i32(1), add, set(C),
        ]),
        get(I), get(D), mul, get(ROW), add, i32(8), mul, set(OFF),
        get(A), get(OFF), add,
        get(Q), get(OFF), add, wasm.f64Load(0), get(SUM), wasm.f64Sub,
        wasm.f64Store(0),
        get(KROW), get(D), i32(8), mul, add, set(KROW),
        get(ROW), i32(1), add, set(ROW),
      ]),
      get(I), i32(1), add, set(I),
    ]),
  ];
  return { name: 'kmul', params: 6, locals: [[6, I32_TYPE], [1, F64_TYPE]], body };
}

/**
 * recover(b, sums, r, a, du, d, p): u-system-reduction.ts's recoverHalves. For each pattern i:
 * du_w,i = (Bv_i + Bw_i)^{-1} (rv_i + rw_i - Bv_i a_i) (the sum's factor at sums), then
 * du_v,i = du_w,i + a_i. b: the 2P blocks B_j (the v-half first), r and du: 2P d-vectors.
 */
function recoverHalvesFunction(): WasmFunction {
  const BB = 0, SUMS = 1, R = 2, A = 3, DU = 4, D = 5, PP = 6;
  const I = 7, ROW = 8, C = 9, HALFB = 10, BROW = 11, W = 12, RV = 13, AI = 14, LB = 15, VB = 16;
  const SUM = 17;
  const body: Code = [
    get(D), get(PP), mul, i32(8), mul, set(HALFB),
    get(D), get(D), mul, i32(8), mul, set(LB),
    get(D), i32(8), mul, set(VB),
    get(BB), set(BROW),
    i32(0), set(I),
    loopUntil([get(I), get(PP), atLeast], [
      get(R), get(I), get(VB), mul, add, set(RV),
      get(A), get(I), get(VB), mul, add, set(AI),
      get(DU), get(HALFB), add, get(I), get(VB), mul, add, set(W),
      i32(0), set(ROW),
      loopUntil([get(ROW), get(D), atLeast], [
        get(RV), get(ROW), i32(8), mul, add, wasm.f64Load(0),
        get(RV), get(HALFB), add, get(ROW), i32(8), mul, add, wasm.f64Load(0),
        wasm.f64Add, set(SUM),
        i32(0), set(C),
        loopUntil([get(C), get(D), atLeast], [
          get(SUM), get(BROW), get(C), i32(8), mul, add, wasm.f64Load(0), get(AI), get(C), i32(8), mul, add, wasm.f64Load(0), wasm.f64Mul, wasm.f64Sub, set(SUM),
          get(C), i32(1), add, set(C),
        ]),
        get(W), get(ROW), i32(8), mul, add, get(SUM), wasm.f64Store(0),
        get(BROW), get(VB), add, set(BROW),
        get(ROW), i32(1), add, set(ROW),
      ]),
      get(SUMS), get(I), get(LB), mul, add, get(W), get(D), wasm.call(LSOLVE),
      get(SUMS), get(I), get(LB), mul, add, get(W), get(D), wasm.call(LTSOLVE),
      i32(0), set(ROW),
      loopUntil([get(ROW), get(D), atLeast], [
        get(DU), get(I), get(VB), mul, add, get(ROW), i32(8), mul, add,
        get(W), get(ROW), i32(8), mul, add, wasm.f64Load(0), get(AI), get(ROW), i32(8), mul, add, wasm.f64Load(0), wasm.f64Add,
        wasm.f64Store(0),
        get(ROW), i32(1), add, set(ROW),
      ]),
      get(I), i32(1), add, set(I),
    ]),
  ];
  return { name: 'recover', params: 7, locals: [[10, I32_TYPE], [1, F64_TYPE]], body };
}

export const woodburyBlockFunctions: readonly WasmFunction[] = [
  forwardSolveFunction(),
  backSolveFunction(),
  ...smallCholeskyFunctions,
  blockSolvesFunction(),
  subtractKgFunction(),
  recoverHalvesFunction(),
];
