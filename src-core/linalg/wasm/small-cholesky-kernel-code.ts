import { F64_TYPE, I32_TYPE, V128_TYPE, wasm, type Code, type WasmFunction, loopUntil } from './wasm-assembler';

/**
 * The interior-point method's many small dense factorizations (d x d blocks, d <= 64; 256 of
 * them and 128 inverses a Newton step at n = 600, d = 31, P = 64) as WebAssembly SIMD
 * functions. Each computes every entry with the same operations in the same order as the
 * JavaScript it replaces (f64x2 arithmetic rounds like the scalar operations and is never fused),
 * so the results are bit-identical:
 *
 * - sfactor is Cholesky by outer products (right-looking): after column j is scaled, every entry
 *   (i, c) of the trailing lower triangle subtracts L_ij L_cj. Each entry thus sees the chain
 *   A_ic - L_i0 L_c0 - L_i1 L_c1 - ... in the order of j, exactly the chain the Crout dot
 *   products of cholesky.ts's factorDiagonalBlock subtract, and is scaled the same way (times
 *   1 / L_jj). The trailing rows are contiguous, so two entries go per f64x2.
 * - sinv is small-cholesky.ts's addCholeskyInverse: L^{-1} row by row, then its rows' outer
 *   products summed into the lower triangle of the output, two entries per f64x2.
 *
 * Arguments are byte addresses (16-byte alignment is not required) and the order d.
 */

const { get, set, i32, add, mul, atLeast } = wasm;

/**
 * For c from CB (bytes) while c < limit (bytes): mem[row + c] = op(mem[row + c], f * mem[src + c]),
 * two entries per step, then the one entry left when the count is odd (c == limit).
 */
function pairsThenOne(row: number, src: number, cb: number, limit: number, fv: number, f: number, vectorOp: Code, scalarOp: Code): Code {
  return [
    loopUntil([get(cb), get(limit), atLeast], [
      get(row), get(cb), add,
      get(row), get(cb), add, wasm.v128Load(0),
      get(fv), get(src), get(cb), add, wasm.v128Load(0), wasm.f64x2Mul,
      vectorOp, wasm.v128Store(0),
      get(cb), i32(16), add, set(cb),
    ]),
    get(cb), get(limit), wasm.eq, wasm.ifThen,
    get(row), get(cb), add,
    get(row), get(cb), add, wasm.f64Load(0),
    get(f), get(src), get(cb), add, wasm.f64Load(0), wasm.f64Mul,
    scalarOp, wasm.f64Store(0),
    wasm.end,
  ];
}

/**
 * sfactor(a, d, col, status, stride): in-place Cholesky of the d x d matrix at a, rows `stride`
 * doubles apart (lower triangle read and written, the strict upper triangle untouched; a
 * diagonal block of a larger matrix when stride > d). col: d doubles of scratch
 * (column j of L, contiguous). status: i32 -1 on success; else the column whose pivot failed
 * (not > 0, or not finite), its pivot as f64 at status + 8, and the factorization stopped there.
 */
function smallFactorFunction(): WasmFunction {
  const A = 0, D = 1, COL = 2, STATUS = 3, STRIDE = 4;
  const J = 5, DB = 6, ROWJ = 7, JB = 8, I = 9, ROWI = 10, CB = 11, IB = 12;
  const PIV = 13, INV = 14, LIJ = 15, V = 16;
  const LV = 17;
  const body: Code = [
    get(STRIDE), i32(8), mul, set(DB),
    get(STATUS), i32(-1), wasm.i32Store(0),
    i32(0), set(J), get(A), set(ROWJ),
    loopUntil([get(J), get(D), atLeast], [
      get(J), i32(8), mul, set(JB),
      get(ROWJ), get(JB), add, wasm.f64Load(0), set(PIV),
      // !(pivot > 0) || !(pivot < Infinity): also catches NaN.
      get(PIV), wasm.f64(0), wasm.f64Gt, get(PIV), wasm.f64(Infinity), wasm.f64Lt, wasm.and, wasm.eqz,
      wasm.ifThen,
      get(STATUS), get(J), wasm.i32Store(0),
      get(STATUS), get(PIV), wasm.f64Store(8),
      wasm.return,
      wasm.end,
      get(ROWJ), get(JB), add, get(PIV), wasm.f64Sqrt, wasm.tee(V), wasm.f64Store(0),
      wasm.f64(1), get(V), wasm.f64Div, set(INV),
      // Column j below the diagonal: L_ij = A_ij * (1 / L_jj), also kept contiguous in col.
      get(J), i32(1), add, set(I), get(ROWJ), get(DB), add, set(ROWI),
      loopUntil([get(I), get(D), atLeast], [
        get(ROWI), get(JB), add, wasm.f64Load(0), get(INV), wasm.f64Mul, set(V),
        get(ROWI), get(JB), add, get(V), wasm.f64Store(0),
        get(COL), get(I), i32(8), mul, add, get(V), wasm.f64Store(0),
        get(I), i32(1), add, set(I), get(ROWI), get(DB), add, set(ROWI),
      ]),
      // Trailing lower triangle: A_ic -= L_ij L_cj for j < c <= i.
      get(J), i32(1), add, set(I), get(ROWJ), get(DB), add, set(ROWI),
      loopUntil([get(I), get(D), atLeast], [
        get(COL), get(I), i32(8), mul, wasm.tee(IB), add, wasm.f64Load(0), set(LIJ),
        get(LIJ), wasm.f64x2Splat, set(LV),
        get(JB), i32(8), add, set(CB),
        pairsThenOne(ROWI, COL, CB, IB, LV, LIJ, wasm.f64x2Sub, wasm.f64Sub),
        get(I), i32(1), add, set(I), get(ROWI), get(DB), add, set(ROWI),
      ]),
      get(J), i32(1), add, set(J), get(ROWJ), get(DB), add, set(ROWJ),
    ]),
  ];
  return { name: 'sfactor', params: 5, locals: [[8, I32_TYPE], [4, F64_TYPE], [1, V128_TYPE]], body };
}

/**
 * sinv(l, d, work, out): with L (d x d lower, row-major at l; its upper triangle not read) and
 * work zeroed by the caller: work = L^{-1} (row i = (e_i - sum_{k<i} L_ik row k) / L_ii over the
 * entries c <= k), then out[a][b] += sum_k work[k][a] work[k][b] for b <= a, in the order of k,
 * and out[b][a] = out[a][b]: exactly symmetric, as addCholeskyInverse leaves it.
 */
function smallInverseFunction(): WasmFunction {
  const L = 0, D = 1, WORK = 2, OUT = 3;
  const I = 4, K = 5, DB = 6, IB = 7, KB = 8, WI = 9, WK = 10, CB = 11, ROW = 12, LI = 13;
  const F = 14;
  const FV = 15;
  const rowsOfInverse: Code = [
    i32(0), set(I), get(WORK), set(WI), get(L), set(LI),
    loopUntil([get(I), get(D), atLeast], [
      get(I), i32(8), mul, set(IB),
      get(WI), get(IB), add, wasm.f64(1), wasm.f64Store(0),
      i32(0), set(K), get(WORK), set(WK),
      loopUntil([get(K), get(I), atLeast], [
        get(LI), get(K), i32(8), mul, wasm.tee(KB), add, wasm.f64Load(0), set(F),
        get(F), wasm.f64x2Splat, set(FV),
        i32(0), set(CB),
        // c = 0..k: work[i][c] -= L_ik work[k][c].
        pairsThenOne(WI, WK, CB, KB, FV, F, wasm.f64x2Sub, wasm.f64Sub),
        get(K), i32(1), add, set(K), get(WK), get(DB), add, set(WK),
      ]),
      // c = 0..i: work[i][c] /= L_ii.
      get(LI), get(IB), add, wasm.f64Load(0), set(F),
      get(F), wasm.f64x2Splat, set(FV),
      i32(0), set(CB),
      loopUntil([get(CB), get(IB), atLeast], [
        get(WI), get(CB), add,
        get(WI), get(CB), add, wasm.v128Load(0), get(FV), wasm.f64x2Div,
        wasm.v128Store(0),
        get(CB), i32(16), add, set(CB),
      ]),
      get(CB), get(IB), wasm.eq, wasm.ifThen,
      get(WI), get(CB), add,
      get(WI), get(CB), add, wasm.f64Load(0), get(F), wasm.f64Div,
      wasm.f64Store(0),
      wasm.end,
      get(I), i32(1), add, set(I), get(WI), get(DB), add, set(WI), get(LI), get(DB), add, set(LI),
    ]),
  ];
  // out[a][b] += work[k][a] work[k][b], b = 0..a, for a = 0..k, k = 0..d-1 (I is a here).
  const outerProducts: Code = [
    i32(0), set(K), get(WORK), set(WK),
    loopUntil([get(K), get(D), atLeast], [
      i32(0), set(I), get(OUT), set(ROW),
      loopUntil([get(I), get(K), wasm.greaterThan], [
        get(WK), get(I), i32(8), mul, wasm.tee(IB), add, wasm.f64Load(0), set(F),
        get(F), wasm.f64x2Splat, set(FV),
        i32(0), set(CB),
        pairsThenOne(ROW, WK, CB, IB, FV, F, wasm.f64x2Add, wasm.f64Add),
        get(I), i32(1), add, set(I), get(ROW), get(DB), add, set(ROW),
      ]),
      get(K), i32(1), add, set(K), get(WK), get(DB), add, set(WK),
    ]),
  ];
  // out[b][a] = out[a][b] for b < a (I is a, K is b).
  const mirror: Code = [
    i32(0), set(I),
    loopUntil([get(I), get(D), atLeast], [
      i32(0), set(K),
      loopUntil([get(K), get(I), atLeast], [
        get(OUT), get(K), get(DB), mul, add, get(I), i32(8), mul, add,
        get(OUT), get(I), get(DB), mul, add, get(K), i32(8), mul, add, wasm.f64Load(0),
        wasm.f64Store(0),
        get(K), i32(1), add, set(K),
      ]),
      get(I), i32(1), add, set(I),
    ]),
  ];
  const body: Code = [get(D), i32(8), mul, set(DB), rowsOfInverse, outerProducts, mirror];
  return { name: 'sinv', params: 4, locals: [[10, I32_TYPE], [1, F64_TYPE], [1, V128_TYPE]], body };
}

export const smallCholeskyFunctions: readonly WasmFunction[] = [smallFactorFunction(), smallInverseFunction()];

/** sfactor alone, for the diagonal blocks of the large factorization (wasm-cholesky.ts). */
export const diagonalBlockFunction: WasmFunction = smallFactorFunction();
