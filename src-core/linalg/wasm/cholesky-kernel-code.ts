import { F64_TYPE, I32_TYPE, V128_TYPE, loopUntil, wasm, type Code, type WasmFunction } from './wasm-assembler';

/**
 * The O(k^3) and O(k^2) loops of cholesky.ts as WebAssembly SIMD functions: the factorization's
 * panel rows below the diagonal block and trailing update, and the two triangular solves, on a
 * k x k row-major matrix (row stride k doubles) in the imported memory. Each computes every entry
 * with the same operations in the same order as its scalar counterpart in cholesky.ts (f64x2
 * mul, add, sub and div round like the scalar operations; WebAssembly never fuses them), so
 * results are bit-identical to the JavaScript path. Arguments are byte addresses and element
 * counts; see wasm-cholesky.ts for the layout.
 */

const { get, set, i32, add, sub, mul, atLeast } = wasm;

/** Address expression base + bytes * r (r a constant row offset). */
function plusRows(base: number, bytes: number, r: number): Code {
  return r === 0 ? get(base) : [get(base), get(bytes), i32(r), mul, add];
}

/**
 * syrk(a, packed, k, ke, full, kb, nb): the trailing update A22 <- A22 - L21 L21^T of one panel
 * (columns kb..kb+nb-1) on the 4 x 4 tiles of rows ke..full-1 on and below the diagonal
 * (full - ke a multiple of 4; the last (k - ke) mod 4 rows are left to the caller).
 * Tile (i, j) sums, for p = 0..nb-1 in order, A[i+r][kb+p] (splat) times the packed columns
 * j..j+3 at p, then subtracts the sums from A: updateTrailing's 4 x 4 tiles exactly.
 * `packed` holds, per 4-column tile t = (j - ke) / 4, the nb x 4 row-major block
 * packed[t][p][c] = A[j + c][kb + p], so the inner loop reads 32 contiguous bytes per p.
 */
function trailingUpdateFunction(): WasmFunction {
  const A = 0, PK = 1, K = 2, KE = 3, FULL = 4, KB = 5, NB = 6;
  const I4 = 7, J4 = 8, P = 9, XADDR = 10, PADDR = 11, KBYTES = 12, OADDR = 13, ROWBASE = 14;
  const ACC = [15, 16, 17, 18, 19, 20, 21, 22];
  const LO = 23, HI = 24, S = 25;
  const accumulateRow = (r: number): Code => [
    plusRows(XADDR, KBYTES, r), wasm.f64Load(0), wasm.f64x2Splat, set(S),
    get(ACC[2 * r]!), get(S), get(LO), wasm.f64x2Mul, wasm.f64x2Add, set(ACC[2 * r]!),
    get(ACC[2 * r + 1]!), get(S), get(HI), wasm.f64x2Mul, wasm.f64x2Add, set(ACC[2 * r + 1]!),
  ];
  const subtractRow = (r: number): Code => [
    plusRows(OADDR, KBYTES, r), plusRows(OADDR, KBYTES, r), wasm.v128Load(0), get(ACC[2 * r]!), wasm.f64x2Sub, wasm.v128Store(0),
    plusRows(OADDR, KBYTES, r), plusRows(OADDR, KBYTES, r), wasm.v128Load(16), get(ACC[2 * r + 1]!), wasm.f64x2Sub, wasm.v128Store(16),
  ];
  const body: Code = [
    get(K), i32(8), mul, set(KBYTES),
    get(KE), set(I4),
    wasm.block, wasm.loop,
    get(I4), get(FULL), atLeast, wasm.brIf(1),
    get(A), get(I4), get(K), mul, get(KB), add, i32(8), mul, add, set(ROWBASE),
    get(KE), set(J4),
    wasm.block, wasm.loop,
    get(J4), get(I4), wasm.greaterThan, wasm.brIf(1),
    ACC.map((c) => [wasm.v128Zero, set(c)]),
    get(ROWBASE), set(XADDR),
    get(PK), get(J4), get(KE), sub, get(NB), mul, i32(8), mul, add, set(PADDR),
    i32(0), set(P),
    wasm.block, wasm.loop,
    get(P), get(NB), atLeast, wasm.brIf(1),
    get(PADDR), wasm.v128Load(0), set(LO),
    get(PADDR), wasm.v128Load(16), set(HI),
    accumulateRow(0), accumulateRow(1), accumulateRow(2), accumulateRow(3),
    get(PADDR), i32(32), add, set(PADDR),
    get(XADDR), i32(8), add, set(XADDR),
    get(P), i32(1), add, set(P),
    wasm.br(0),
    wasm.end, wasm.end,
    get(A), get(I4), get(K), mul, get(J4), add, i32(8), mul, add, set(OADDR),
    subtractRow(0), subtractRow(1), subtractRow(2), subtractRow(3),
    get(J4), i32(4), add, set(J4),
    wasm.br(0),
    wasm.end, wasm.end,
    get(I4), i32(4), add, set(I4),
    wasm.br(0),
    wasm.end, wasm.end,
  ];
  return { name: 'syrk', params: 7, locals: [[8, I32_TYPE], [11, V128_TYPE]], body };
}

/**
 * panel(a, q, k, kb, nb, rows8): the rows of a panel below its diagonal block (solvePanelRows),
 * on a transposed copy q[p][t] = A[ke + t][kb + p] (p < nb, t < rows8, rows8 a multiple of 8
 * padded with zeros) so that one f64x2 holds two rows. For each strip of 8 rows and each column
 * j: s = q[j][strip]; s -= q[p][strip] * L_jp for p = 0..j-1 in order; q[j][strip] = s / L_jj,
 * with L_jp = A[kb + j][kb + p] (the factored diagonal block): each row's operations in the
 * order of the JavaScript loop.
 */
function panelRowsFunction(): WasmFunction {
  const A = 0, Q = 1, K = 2, KB = 3, NB = 4, ROWS8 = 5;
  const T0 = 6, J = 7, P = 8, QJ = 9, QP = 10, LADDR = 11, QSTRIDE = 12;
  const ACC = [13, 14, 15, 16];
  const L = 17;
  const body: Code = [
    get(ROWS8), i32(8), mul, set(QSTRIDE),
    i32(0), set(T0),
    wasm.block, wasm.loop,
    get(T0), get(ROWS8), atLeast, wasm.brIf(1),
    i32(0), set(J),
    wasm.block, wasm.loop,
    get(J), get(NB), atLeast, wasm.brIf(1),
    get(Q), get(J), get(QSTRIDE), mul, add, get(T0), i32(8), mul, add, set(QJ),
    ACC.map((acc, c) => [get(QJ), wasm.v128Load(16 * c), set(acc)]),
    get(A), get(KB), get(J), add, get(K), mul, get(KB), add, i32(8), mul, add, set(LADDR),
    get(Q), get(T0), i32(8), mul, add, set(QP),
    i32(0), set(P),
    wasm.block, wasm.loop,
    get(P), get(J), atLeast, wasm.brIf(1),
    get(LADDR), wasm.f64Load(0), wasm.f64x2Splat, set(L),
    ACC.map((acc, c) => [get(acc), get(QP), wasm.v128Load(16 * c), get(L), wasm.f64x2Mul, wasm.f64x2Sub, set(acc)]),
    get(QP), get(QSTRIDE), add, set(QP),
    get(LADDR), i32(8), add, set(LADDR),
    get(P), i32(1), add, set(P),
    wasm.br(0),
    wasm.end, wasm.end,
    // LADDR now points at L_jj.
    get(LADDR), wasm.f64Load(0), wasm.f64x2Splat, set(L),
    ACC.map((acc, c) => [get(QJ), get(acc), get(L), wasm.f64x2Div, wasm.v128Store(16 * c)]),
    get(J), i32(1), add, set(J),
    wasm.br(0),
    wasm.end, wasm.end,
    get(T0), i32(8), add, set(T0),
    wasm.br(0),
    wasm.end, wasm.end,
  ];
  return { name: 'panel', params: 6, locals: [[7, I32_TYPE], [5, V128_TYPE]], body };
}

/**
 * lsolve(l, b, k): L y = b in place (forwardSubstitute). Row i: partial sums s0..s3 over
 * columns j = 0, 4, 8, ... below i - i mod 4 (lanes of two f64x2 accumulators), the remaining
 * columns added to s0, then y_i = (b_i - ((s0 + s1) + (s2 + s3))) / L_ii.
 */
export function forwardSolveFunction(): WasmFunction {
  const L = 0, B = 1, K = 2;
  const I = 3, JB = 4, I4B = 5, IB = 6, RI = 7, KBYTES = 8;
  const S0 = 9, S1 = 10, S2 = 11, S3 = 12;
  const ACC01 = 13, ACC23 = 14;
  const body: Code = [
    get(K), i32(8), mul, set(KBYTES),
    i32(0), set(I),
    wasm.block, wasm.loop,
    get(I), get(K), atLeast, wasm.brIf(1),
    get(I), i32(8), mul, set(IB),
    get(L), get(I), get(KBYTES), mul, add, set(RI),
    get(I), get(I), i32(3), wasm.and, sub, i32(8), mul, set(I4B),
    wasm.v128Zero, set(ACC01), wasm.v128Zero, set(ACC23),
    i32(0), set(JB),
    wasm.block, wasm.loop,
    get(JB), get(I4B), atLeast, wasm.brIf(1),
    get(ACC01), get(RI), get(JB), add, wasm.v128Load(0), get(B), get(JB), add, wasm.v128Load(0), wasm.f64x2Mul, wasm.f64x2Add, set(ACC01),
    get(ACC23), get(RI), get(JB), add, wasm.v128Load(16), get(B), get(JB), add, wasm.v128Load(16), wasm.f64x2Mul, wasm.f64x2Add, set(ACC23),
    get(JB), i32(32), add, set(JB),
    wasm.br(0),
    wasm.end, wasm.end,
    get(ACC01), wasm.f64x2ExtractLane(0), set(S0),
    get(ACC01), wasm.f64x2ExtractLane(1), set(S1),
    get(ACC23), wasm.f64x2ExtractLane(0), set(S2),
    get(ACC23), wasm.f64x2ExtractLane(1), set(S3),
    wasm.block, wasm.loop,
    get(JB), get(IB), atLeast, wasm.brIf(1),
    get(S0), get(RI), get(JB), add, wasm.f64Load(0), get(B), get(JB), add, wasm.f64Load(0), wasm.f64Mul, wasm.f64Add, set(S0),
    get(JB), i32(8), add, set(JB),
    wasm.br(0),
    wasm.end, wasm.end,
    get(B), get(IB), add,
    get(B), get(IB), add, wasm.f64Load(0),
    get(S0), get(S1), wasm.f64Add, get(S2), get(S3), wasm.f64Add, wasm.f64Add,
    wasm.f64Sub,
    get(RI), get(IB), add, wasm.f64Load(0),
    wasm.f64Div,
    wasm.f64Store(0),
    get(I), i32(1), add, set(I),
    wasm.br(0),
    wasm.end, wasm.end,
  ];
  return { name: 'lsolve', params: 3, locals: [[6, I32_TYPE], [4, F64_TYPE], [2, V128_TYPE]], body };
}

/**
 * ltsolve(l, b, k): L^T x = y in place (backSubstituteTransposed). Rows i, i-1, i-2, i-3 are
 * retired together: their 4 x 4 triangle gives x_i..x_{i-3}, then
 * y_j -= ((L_ij x_i + L_{i-1,j} x_{i-1}) + L_{i-2,j} x_{i-2}) + L_{i-3,j} x_{i-3}
 * for j < i - 3, two j per f64x2 step (one scalar step for an odd count). The last i < 3 rows
 * one at a time.
 */
export function backSolveFunction(): WasmFunction {
  const L = 0, B = 1, K = 2;
  const I = 3, KBYTES = 4, JB = 5, LIMB = 6, C3 = 7, R0 = 8, R1 = 9, R2 = 10, R3 = 11;
  const X0 = 12, X1 = 13, X2 = 14, X3 = 15;
  const V0 = 16, V1 = 17, V2 = 18, V3 = 19;
  const rows = [R0, R1, R2, R3];
  const xs = [X0, X1, X2, X3];
  /** L[row r][i - 3 + t] and b[i - 3 + t] (t = 0..3): static offsets from column i - 3. */
  const lAt = (r: number, t: number): Code => [get(rows[r]!), get(C3), add, wasm.f64Load(8 * t)];
  const bAt = (t: number): Code => [get(B), get(C3), add, wasm.f64Load(8 * t)];
  /** x_{i-s} = (b_{i-s} - L_{i,i-s} x_i - ... - L_{i-s+1,i-s} x_{i-s+1}) / L_{i-s,i-s}, left to right. */
  const solveTriangle = (s: number): Code => [
    bAt(3 - s),
    Array.from({ length: s }, (_, r) => [lAt(r, 3 - s), get(xs[r]!), wasm.f64Mul, wasm.f64Sub]),
    lAt(s, 3 - s), wasm.f64Div, set(xs[s]!),
  ];
  const vectorTerms: Code = [
    get(R0), get(JB), add, wasm.v128Load(0), get(V0), wasm.f64x2Mul,
    get(R1), get(JB), add, wasm.v128Load(0), get(V1), wasm.f64x2Mul, wasm.f64x2Add,
    get(R2), get(JB), add, wasm.v128Load(0), get(V2), wasm.f64x2Mul, wasm.f64x2Add,
    get(R3), get(JB), add, wasm.v128Load(0), get(V3), wasm.f64x2Mul, wasm.f64x2Add,
  ];
  const scalarTerms: Code = [
    get(R0), get(JB), add, wasm.f64Load(0), get(X0), wasm.f64Mul,
    get(R1), get(JB), add, wasm.f64Load(0), get(X1), wasm.f64Mul, wasm.f64Add,
    get(R2), get(JB), add, wasm.f64Load(0), get(X2), wasm.f64Mul, wasm.f64Add,
    get(R3), get(JB), add, wasm.f64Load(0), get(X3), wasm.f64Mul, wasm.f64Add,
  ];
  const body: Code = [
    get(K), i32(8), mul, set(KBYTES),
    get(K), i32(1), sub, set(I),
    // Blocks of four rows while i >= 3.
    wasm.block, wasm.loop,
    get(I), i32(3), wasm.lessThan, wasm.brIf(1),
    get(I), i32(3), sub, i32(8), mul, wasm.tee(C3), set(LIMB),
    get(L), get(I), get(KBYTES), mul, add, set(R0),
    get(R0), get(KBYTES), sub, set(R1),
    get(R1), get(KBYTES), sub, set(R2),
    get(R2), get(KBYTES), sub, set(R3),
    solveTriangle(0), solveTriangle(1), solveTriangle(2), solveTriangle(3),
    [0, 1, 2, 3].map((s) => [get(B), get(C3), add, get(xs[s]!), wasm.f64Store(8 * (3 - s))]),
    [0, 1, 2, 3].map((s) => [get(xs[s]!), wasm.f64x2Splat, set([V0, V1, V2, V3][s]!)]),
    i32(0), set(JB),
    wasm.block, wasm.loop,
    get(JB), i32(16), add, get(LIMB), wasm.greaterThan, wasm.brIf(1),
    get(B), get(JB), add,
    get(B), get(JB), add, wasm.v128Load(0), vectorTerms, wasm.f64x2Sub,
    wasm.v128Store(0),
    get(JB), i32(16), add, set(JB),
    wasm.br(0),
    wasm.end, wasm.end,
    wasm.block,
    get(JB), get(LIMB), atLeast, wasm.brIf(0),
    get(B), get(JB), add,
    get(B), get(JB), add, wasm.f64Load(0), scalarTerms, wasm.f64Sub,
    wasm.f64Store(0),
    wasm.end,
    get(I), i32(4), sub, set(I),
    wasm.br(0),
    wasm.end, wasm.end,
    // The first i + 1 <= 3 rows, one at a time.
    wasm.block, wasm.loop,
    get(I), i32(0), wasm.lessThan, wasm.brIf(1),
    get(I), i32(8), mul, set(LIMB),
    get(L), get(I), get(KBYTES), mul, add, set(R0),
    get(B), get(LIMB), add, wasm.f64Load(0), get(R0), get(LIMB), add, wasm.f64Load(0), wasm.f64Div, set(X0),
    get(B), get(LIMB), add, get(X0), wasm.f64Store(0),
    i32(0), set(JB),
    wasm.block, wasm.loop,
    get(JB), get(LIMB), atLeast, wasm.brIf(1),
    get(B), get(JB), add,
    get(B), get(JB), add, wasm.f64Load(0), get(R0), get(JB), add, wasm.f64Load(0), get(X0), wasm.f64Mul, wasm.f64Sub,
    wasm.f64Store(0),
    get(JB), i32(8), add, set(JB),
    wasm.br(0),
    wasm.end, wasm.end,
    get(I), i32(1), sub, set(I),
    wasm.br(0),
    wasm.end, wasm.end,
  ];
  return { name: 'ltsolve', params: 3, locals: [[9, I32_TYPE], [4, F64_TYPE], [4, V128_TYPE]], body };
}

/**
 * gather(a, out, rows, cols, rowStride, colStep, rowStep, groupRows, groupStep): the copies that
 * arrange a panel for the kernels above, in WebAssembly rather than JavaScript: for r < rows and
 * c < cols, out[dest(r) + c colStep] = a[r rowStride + c], dest(r) = (r - r mod g) groupStep +
 * (r mod g) rowStep with g = groupRows. (panel: the rows below the diagonal block transposed,
 * g = 1, rowStep = 1, colStep = rows8; syrk: its 4-column tiles, g = 4, rowStep = 1, colStep = 4,
 * groupStep = nb.) Addresses in bytes, the rest in doubles. scatter: the inverse copy.
 */
function copyFunction(name: string, toOut: boolean): WasmFunction {
  const A = 0, OUT = 1, ROWS = 2, COLS = 3, STRIDE = 4, COLSTEP = 5, ROWSTEP = 6, GROUP = 7, GROUPSTEP = 8;
  const R = 9, C = 10, SRC = 11, DST = 12, M = 13;
  const body: Code = [
    i32(0), set(R),
    loopUntil([get(R), get(ROWS), atLeast], [
      get(A), get(R), get(STRIDE), mul, i32(8), mul, add, set(SRC),
      // r mod g, then dest(r) in bytes.
      get(R), get(R), get(GROUP), [0x6d], get(GROUP), mul, sub, set(M),
      get(OUT), get(R), get(M), sub, get(GROUPSTEP), mul, get(M), get(ROWSTEP), mul, add, i32(8), mul, add, set(DST),
      i32(0), set(C),
      loopUntil([get(C), get(COLS), atLeast], [
        toOut
          ? [get(DST), get(SRC), wasm.f64Load(0), wasm.f64Store(0)]
          : [get(SRC), get(DST), wasm.f64Load(0), wasm.f64Store(0)],
        get(SRC), i32(8), add, set(SRC),
        get(DST), get(COLSTEP), i32(8), mul, add, set(DST),
        get(C), i32(1), add, set(C),
      ]),
      get(R), i32(1), add, set(R),
    ]),
  ];
  return { name, params: 9, locals: [[5, I32_TYPE]], body };
}

export const choleskyKernelFunctions: readonly WasmFunction[] = [panelRowsFunction(), trailingUpdateFunction(), forwardSolveFunction(), backSolveFunction(), copyFunction('gather', true), copyFunction('scatter', false)];
