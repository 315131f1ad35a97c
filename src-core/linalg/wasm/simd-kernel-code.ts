import { I32_TYPE, V128_TYPE, minI32, wasm, type Code, type WasmFunction } from './wasm-assembler';

/**
 * The two multi-vector kernels of the ADMM iteration as WebAssembly SIMD functions: 4 x 4
 * register tiles held in eight f64x2 accumulators (two per row of the tile), one splat of an X
 * entry and two 2-lane loads per inner step. Every output entry is a sum in the same order as the
 * scalar kernels of kernels.ts (f64x2 mul and add round like scalar mul and add, no fused
 * multiply-add), so results are bit-identical to them. Arguments are byte addresses in the
 * imported memory and sizes; see simd-kernels.ts for the layouts.
 */

const { get, set, i32, add, sub, mul, atLeast } = wasm;

/** Rows of X and R per chunk of the X^T R kernel: 256 rows of 52 + 64 doubles stay in L2. */
export const XTR_CHUNK_ROWS = 256;

/** Accumulators: tile row r holds columns j, j+1 in ACC[2r] and j+2, j+3 in ACC[2r+1]. */
function accumulate(acc: readonly number[], a: number, lo: number, hi: number, r: number): Code {
  return [
    get(acc[2 * r]!), get(a), get(lo), wasm.f64x2Mul, wasm.f64x2Add, set(acc[2 * r]!),
    get(acc[2 * r + 1]!), get(a), get(hi), wasm.f64x2Mul, wasm.f64x2Add, set(acc[2 * r + 1]!),
  ];
}

/**
 * xb(x, b, out, n, d, m): out (n x m) = X (n x d) B (d x m), all row-major, n >= 4, m >= 4.
 * Tiles of 4 rows x 4 columns; the last row or column tile overlaps the previous one (start
 * min(4t, size - 4)) and stores identical values again, which is harmless.
 */
function multiplyXBFunction(): WasmFunction {
  const X = 0, B = 1, OUT = 2, N = 3, D = 4, M = 5;
  const ROW4 = 6, K = 7, COL4 = 8, J = 9, L = 10, X0 = 11, DBYTES = 12, MBYTES = 13, O0 = 14, BADDR = 15, XADDR = 16;
  const ACC = [17, 18, 19, 20, 21, 22, 23, 24];
  const LO = 25, HI = 26, A = 27;
  const loadRow = (r: number): Code => [
    get(XADDR), ...(r > 0 ? [get(DBYTES), i32(r), mul, add] : []), wasm.f64Load(0), wasm.f64x2Splat, set(A),
    accumulate(ACC, A, LO, HI, r),
  ];
  const outAddress = (r: number): Code => [get(O0), ...(r > 0 ? [get(MBYTES), i32(r), mul, add] : []), get(J), i32(8), mul, add];
  const storeRow = (r: number): Code => [
    outAddress(r), get(ACC[2 * r]!), wasm.v128Store(0),
    outAddress(r), get(ACC[2 * r + 1]!), wasm.v128Store(16),
  ];
  const body: Code = [
    get(D), i32(8), mul, set(DBYTES), get(M), i32(8), mul, set(MBYTES),
    i32(0), set(ROW4),
    wasm.block, wasm.loop,
    get(ROW4), get(N), atLeast, wasm.brIf(1),
    minI32(get(ROW4), [get(N), i32(4), sub]), set(K),
    get(X), get(K), get(DBYTES), mul, add, set(X0),
    get(OUT), get(K), get(MBYTES), mul, add, set(O0),
    i32(0), set(COL4),
    wasm.block, wasm.loop,
    get(COL4), get(M), atLeast, wasm.brIf(1),
    minI32(get(COL4), [get(M), i32(4), sub]), set(J),
    ACC.map((c) => [wasm.v128Zero, set(c)]),
    get(B), get(J), i32(8), mul, add, set(BADDR),
    get(X0), set(XADDR),
    i32(0), set(L),
    wasm.block, wasm.loop,
    get(L), get(D), atLeast, wasm.brIf(1),
    get(BADDR), wasm.v128Load(0), set(LO),
    get(BADDR), wasm.v128Load(16), set(HI),
    loadRow(0), loadRow(1), loadRow(2), loadRow(3),
    get(BADDR), get(MBYTES), add, set(BADDR),
    get(XADDR), i32(8), add, set(XADDR),
    get(L), i32(1), add, set(L),
    wasm.br(0),
    wasm.end, wasm.end,
    storeRow(0), storeRow(1), storeRow(2), storeRow(3),
    get(COL4), i32(4), add, set(COL4),
    wasm.br(0),
    wasm.end, wasm.end,
    get(ROW4), i32(4), add, set(ROW4),
    wasm.br(0),
    wasm.end, wasm.end,
  ];
  return { name: 'xb', params: 6, locals: [[11, I32_TYPE], [11, V128_TYPE]], body };
}

/**
 * xtr(x, r, out, n, d4, m4, xStride): out (d4 x m4) += X^T R for X (n rows of xStride doubles,
 * xStride <= d4) and R (n x m4), row-major, d4 and m4 multiples of 4 (R is padded with zero
 * columns by the caller). X is read at its own row stride: output row l only ever uses column l
 * of X, so for l >= xStride it reads the next row's entries (at the end, whatever follows X) and
 * is garbage that the caller discards. Rows are taken in chunks of XTR_CHUNK_ROWS; each 4 x 4
 * output tile is loaded, accumulated over the chunk's rows in order, and stored, so every entry
 * is the in-order sum over all rows.
 */
function multiplyXtRFunction(): WasmFunction {
  const X = 0, R = 1, OUT = 2, N = 3, D = 4, M = 5, XSTRIDE = 6;
  const K0 = 7, K1 = 8, ROW4 = 9, COL4 = 10, K = 11, XADDR = 12, RADDR = 13, DBYTES = 14, MBYTES = 15, OADDR = 16;
  const ACC = [17, 18, 19, 20, 21, 22, 23, 24];
  const LO = 25, HI = 26, A = 27;
  const tileAddress = (r: number): Code => [get(OADDR), ...(r > 0 ? [get(MBYTES), i32(r), mul, add] : [])];
  const body: Code = [
    get(XSTRIDE), i32(8), mul, set(DBYTES), get(M), i32(8), mul, set(MBYTES),
    i32(0), set(K0),
    wasm.block, wasm.loop,
    get(K0), get(N), atLeast, wasm.brIf(1),
    minI32([get(K0), i32(XTR_CHUNK_ROWS), add], get(N)), set(K1),
    i32(0), set(ROW4),
    wasm.block, wasm.loop,
    get(ROW4), get(D), atLeast, wasm.brIf(1),
    i32(0), set(COL4),
    wasm.block, wasm.loop,
    get(COL4), get(M), atLeast, wasm.brIf(1),
    get(OUT), get(ROW4), get(MBYTES), mul, add, get(COL4), i32(8), mul, add, set(OADDR),
    [0, 1, 2, 3].map((r) => [tileAddress(r), wasm.v128Load(0), set(ACC[2 * r]!), tileAddress(r), wasm.v128Load(16), set(ACC[2 * r + 1]!)]),
    get(X), get(K0), get(DBYTES), mul, add, get(ROW4), i32(8), mul, add, set(XADDR),
    get(R), get(K0), get(MBYTES), mul, add, get(COL4), i32(8), mul, add, set(RADDR),
    get(K0), set(K),
    wasm.block, wasm.loop,
    get(K), get(K1), atLeast, wasm.brIf(1),
    get(RADDR), wasm.v128Load(0), set(LO),
    get(RADDR), wasm.v128Load(16), set(HI),
    [0, 1, 2, 3].map((r) => [get(XADDR), wasm.f64Load(8 * r), wasm.f64x2Splat, set(A), accumulate(ACC, A, LO, HI, r)]),
    get(XADDR), get(DBYTES), add, set(XADDR),
    get(RADDR), get(MBYTES), add, set(RADDR),
    get(K), i32(1), add, set(K),
    wasm.br(0),
    wasm.end, wasm.end,
    [0, 1, 2, 3].map((r) => [tileAddress(r), get(ACC[2 * r]!), wasm.v128Store(0), tileAddress(r), get(ACC[2 * r + 1]!), wasm.v128Store(16)]),
    get(COL4), i32(4), add, set(COL4),
    wasm.br(0),
    wasm.end, wasm.end,
    get(ROW4), i32(4), add, set(ROW4),
    wasm.br(0),
    wasm.end, wasm.end,
    get(K1), set(K0),
    wasm.br(0),
    wasm.end, wasm.end,
  ];
  return { name: 'xtr', params: 7, locals: [[10, I32_TYPE], [11, V128_TYPE]], body };
}

/**
 * gram(x, rows, out, count, d4, stride): for the rows listed (i32 row numbers at `rows`) of X
 * (row-major, d4 columns, d4 a multiple of 4), adds sum_t x_t x_t^T to the tiles on and above
 * the diagonal of the d4 x d4 block at `out` (row stride `stride` doubles), in row order.
 */
function gramRowsFunction(): WasmFunction {
  const X = 0, ROWS = 1, OUT = 2, COUNT = 3, D = 4, STRIDE = 5;
  const ROW4 = 6, COL4 = 7, T = 8, XADDR = 9, DBYTES = 10, SBYTES = 11, OADDR = 12, LADDR = 13;
  const ACC = [14, 15, 16, 17, 18, 19, 20, 21];
  const LO = 22, HI = 23, A = 24;
  const tileAddress = (r: number): Code => [get(OADDR), ...(r > 0 ? [get(SBYTES), i32(r), mul, add] : [])];
  const body: Code = [
    get(D), i32(8), mul, set(DBYTES), get(STRIDE), i32(8), mul, set(SBYTES),
    i32(0), set(ROW4),
    wasm.block, wasm.loop,
    get(ROW4), get(D), atLeast, wasm.brIf(1),
    get(ROW4), set(COL4),
    wasm.block, wasm.loop,
    get(COL4), get(D), atLeast, wasm.brIf(1),
    get(OUT), get(ROW4), get(SBYTES), mul, add, get(COL4), i32(8), mul, add, set(OADDR),
    [0, 1, 2, 3].map((r) => [tileAddress(r), wasm.v128Load(0), set(ACC[2 * r]!), tileAddress(r), wasm.v128Load(16), set(ACC[2 * r + 1]!)]),
    get(ROWS), set(LADDR),
    i32(0), set(T),
    wasm.block, wasm.loop,
    get(T), get(COUNT), atLeast, wasm.brIf(1),
    // x_t = X + rows[t] * d4 * 8
    get(X), get(LADDR), [0x28, 2, 0], get(DBYTES), mul, add, set(XADDR),
    get(XADDR), get(COL4), i32(8), mul, add, wasm.v128Load(0), set(LO),
    get(XADDR), get(COL4), i32(8), mul, add, wasm.v128Load(16), set(HI),
    get(XADDR), get(ROW4), i32(8), mul, add, set(XADDR),
    [0, 1, 2, 3].map((r) => [get(XADDR), wasm.f64Load(8 * r), wasm.f64x2Splat, set(A), accumulate(ACC, A, LO, HI, r)]),
    get(LADDR), i32(4), add, set(LADDR),
    get(T), i32(1), add, set(T),
    wasm.br(0),
    wasm.end, wasm.end,
    [0, 1, 2, 3].map((r) => [tileAddress(r), get(ACC[2 * r]!), wasm.v128Store(0), tileAddress(r), get(ACC[2 * r + 1]!), wasm.v128Store(16)]),
    get(COL4), i32(4), add, set(COL4),
    wasm.br(0),
    wasm.end, wasm.end,
    get(ROW4), i32(4), add, set(ROW4),
    wasm.br(0),
    wasm.end, wasm.end,
  ];
  return { name: 'gram', params: 6, locals: [[8, I32_TYPE], [11, V128_TYPE]], body };
}

/**
 * gramscatter(y, rowOff, colOff, tiles, d, s): for a group of 4 * tiles rows y_t (length d,
 * packed four rows at a time: y[t4][p][r] = y_{4 t4 + r}[p], so tile t4 starts at byte
 * y + 32 d t4), adds y_t . y_u (summed over p in order) to the entry of s at byte offset
 * rowOff[t] + colOff[u] (two i32 arrays), for every t, u in tiles t4 >= u4: the lower
 * triangle of the group's Gram and, inside the diagonal tiles, some entries above it. The caller
 * sorts a group's rows so that these scatter to the lower triangle of s, and points padding rows
 * (zero in y) at a row and column it discards.
 */
function gramScatterFunction(): WasmFunction {
  const Y = 0, ROWOFF = 1, COLOFF = 2, TILES = 3, D = 4, S = 5;
  const T4 = 6, U4 = 7, P = 8, XADDR = 9, PADDR = 10, TILEBYTES = 11, XBASE = 12, RB = 13, ADDR = 14;
  const ACC = [15, 16, 17, 18, 19, 20, 21, 22];
  const LO = 23, HI = 24, A = 25;
  const scatterRow = (r: number): Code => [
    get(S), get(ROWOFF), get(T4), i32(16), mul, add, wasm.i32Load(4 * r), add, set(RB),
    [0, 1, 2, 3].map((c) => [
      get(RB), get(COLOFF), get(U4), i32(16), mul, add, wasm.i32Load(4 * c), add, set(ADDR),
      get(ADDR), get(ADDR), wasm.f64Load(0), get(ACC[2 * r + (c >> 1)]!), wasm.f64x2ExtractLane((c & 1) as 0 | 1), wasm.f64Add, wasm.f64Store(0),
    ]),
  ];
  const body: Code = [
    get(D), i32(32), mul, set(TILEBYTES),
    i32(0), set(T4),
    wasm.block, wasm.loop,
    get(T4), get(TILES), atLeast, wasm.brIf(1),
    get(Y), get(T4), get(TILEBYTES), mul, add, set(XBASE),
    i32(0), set(U4),
    wasm.block, wasm.loop,
    get(U4), get(T4), wasm.greaterThan, wasm.brIf(1),
    ACC.map((c) => [wasm.v128Zero, set(c)]),
    get(XBASE), set(XADDR),
    get(Y), get(U4), get(TILEBYTES), mul, add, set(PADDR),
    i32(0), set(P),
    wasm.block, wasm.loop,
    get(P), get(D), atLeast, wasm.brIf(1),
    get(PADDR), wasm.v128Load(0), set(LO),
    get(PADDR), wasm.v128Load(16), set(HI),
    [0, 1, 2, 3].map((r) => [get(XADDR), wasm.f64Load(8 * r), wasm.f64x2Splat, set(A), accumulate(ACC, A, LO, HI, r)]),
    get(PADDR), i32(32), add, set(PADDR),
    get(XADDR), i32(32), add, set(XADDR),
    get(P), i32(1), add, set(P),
    wasm.br(0),
    wasm.end, wasm.end,
    scatterRow(0), scatterRow(1), scatterRow(2), scatterRow(3),
    get(U4), i32(1), add, set(U4),
    wasm.br(0),
    wasm.end, wasm.end,
    get(T4), i32(1), add, set(T4),
    wasm.br(0),
    wasm.end, wasm.end,
  ];
  return { name: 'gramscatter', params: 6, locals: [[9, I32_TYPE], [11, V128_TYPE]], body };
}

/**
 * ltransform(x, l, y, tiles, d): for groups of four rows packed as gramscatter reads them
 * (x[t4][p][r], tile t4 at byte x + 32 d t4), y[t4][a][r] = sum_{b = a}^{d-1} L[b][a] x[t4][b][r]
 * with L lower triangular (d x d row-major at l): the rows' L^T x_k in the same packed layout,
 * each sum over b in increasing order.
 */
function lowerTransformFunction(): WasmFunction {
  const X = 0, L = 1, Y = 2, TILES = 3, D = 4;
  const T4 = 5, A = 6, B = 7, XADDR = 8, LADDR = 9, TILEBYTES = 10, DBYTES = 11, XBASE = 12;
  const LO = 13, HI = 14, S = 15;
  const body: Code = [
    get(D), i32(32), mul, set(TILEBYTES), get(D), i32(8), mul, set(DBYTES),
    i32(0), set(T4),
    wasm.block, wasm.loop,
    get(T4), get(TILES), atLeast, wasm.brIf(1),
    get(X), get(T4), get(TILEBYTES), mul, add, set(XBASE),
    i32(0), set(A),
    wasm.block, wasm.loop,
    get(A), get(D), atLeast, wasm.brIf(1),
    wasm.v128Zero, set(LO), wasm.v128Zero, set(HI),
    // b = a: x at XBASE + 32 a, L[a][a] at l + (a d + a) 8.
    get(XBASE), get(A), i32(32), mul, add, set(XADDR),
    get(L), get(A), get(DBYTES), mul, add, get(A), i32(8), mul, add, set(LADDR),
    get(A), set(B),
    wasm.block, wasm.loop,
    get(B), get(D), atLeast, wasm.brIf(1),
    get(LADDR), wasm.f64Load(0), wasm.f64x2Splat, set(S),
    get(LO), get(S), get(XADDR), wasm.v128Load(0), wasm.f64x2Mul, wasm.f64x2Add, set(LO),
    get(HI), get(S), get(XADDR), wasm.v128Load(16), wasm.f64x2Mul, wasm.f64x2Add, set(HI),
    get(XADDR), i32(32), add, set(XADDR),
    get(LADDR), get(DBYTES), add, set(LADDR),
    get(B), i32(1), add, set(B),
    wasm.br(0),
    wasm.end, wasm.end,
    get(Y), get(T4), get(TILEBYTES), mul, add, get(A), i32(32), mul, add, get(LO), wasm.v128Store(0),
    get(Y), get(T4), get(TILEBYTES), mul, add, get(A), i32(32), mul, add, get(HI), wasm.v128Store(16),
    get(A), i32(1), add, set(A),
    wasm.br(0),
    wasm.end, wasm.end,
    get(T4), i32(1), add, set(T4),
    wasm.br(0),
    wasm.end, wasm.end,
  ];
  return { name: 'ltransform', params: 5, locals: [[8, I32_TYPE], [3, V128_TYPE]], body };
}

export const simdKernelFunctions: readonly WasmFunction[] = [multiplyXBFunction(), multiplyXtRFunction(), gramRowsFunction(), gramScatterFunction(), lowerTransformFunction()];
