import { F64_TYPE, I32_TYPE, wasm, type Code, type WasmFunction, loopUntil } from '../../linalg/wasm/wasm-assembler';

/**
 * The interior-point method's passes over the kept linear cone entries (ipm-engine.ts) as
 * WebAssembly functions on arrays in one memory (linear-cone-arena.ts). Every function walks
 * the kept entries e = kept[t] in order and does, per entry, the JavaScript's scalar operations
 * in the JavaScript's order (f64 arithmetic rounds the same, min/sqrt/division are IEEE), so the
 * bits are those of the JavaScript loops it replaces. Array arguments are byte addresses; f64
 * scalars (step lengths, weights) are read from, and results written to, the scalar slot `io`.
 */

const { get, set, i32, add, mul, atLeast } = wasm;


/** Local indices for keptLoop: params first, then these. */
interface Walk {
  /** Byte offset of entry e (8 e). */
  readonly E: number;
  /** The t-th kept position's byte address in the signs array (8 t from its start). */
  readonly S: number;
}

/**
 * `for t in 0..count-1: e = kept[t]; body` with kept (i32) at param `keptParam`, count at
 * `countParam`, and signs (f64, aligned with kept) at `signParam` (or -1 for none). Uses three
 * i32 locals starting at `first`: T, the running kept address, E (8 e); S is the running sign
 * address when signs are walked (a fourth local).
 */
function keptLoop(keptParam: number, countParam: number, signParam: number, first: number, body: (walk: Walk) => Code): Code {
  const T = first, KP = first + 1, E = first + 2, S = first + 3;
  return [
    i32(0), set(T), get(keptParam), set(KP),
    signParam >= 0 ? [get(signParam), set(S)] : [],
    loopUntil([get(T), get(countParam), atLeast], [
      get(KP), [0x28, 2, 0], i32(8), mul, set(E),
      body({ E, S }),
      get(KP), i32(4), add, set(KP),
      signParam >= 0 ? [get(S), i32(8), add, set(S)] : [],
      get(T), i32(1), add, set(T),
    ]),
  ];
}

const at = (base: number, E: number): Code => [get(base), get(E), add];
const load = (base: number, E: number): Code => [at(base, E), wasm.f64Load(0)];

/** refresh(kept, count, d, c): c[e] = 1 / (d[e] d[e]). */
function refreshFunction(): WasmFunction {
  const KEPT = 0, COUNT = 1, DL = 2, C = 3;
  const body = keptLoop(KEPT, COUNT, -1, 4, ({ E }) => [
    at(C, E), wasm.f64(1), load(DL, E), load(DL, E), wasm.f64Mul, wasm.f64Div, wasm.f64Store(0),
  ]);
  return { name: 'refresh', params: 4, locals: [[4, I32_TYPE]], body };
}

/** predictor(kept, count, lambda, q): q[e] = -lambda[e]. */
function predictorFunction(): WasmFunction {
  const KEPT = 0, COUNT = 1, LAMBDA = 2, Q = 3;
  const body = keptLoop(KEPT, COUNT, -1, 4, ({ E }) => [at(Q, E), load(LAMBDA, E), wasm.f64Neg, wasm.f64Store(0)]);
  return { name: 'predictor', params: 4, locals: [[4, I32_TYPE]], body };
}

/** gapaffine(kept, count, lambda, ds, dz, io): io[1] = sum (l + a ds)(l + a dz), a = io[0], from 0 in order. */
function gapAffineFunction(): WasmFunction {
  const KEPT = 0, COUNT = 1, LAMBDA = 2, DS = 3, DZ = 4, IO = 5;
  const ALPHA = 10, SUM = 11, L = 12;
  const body: Code = [
    get(IO), wasm.f64Load(0), set(ALPHA),
    wasm.f64(0), set(SUM),
    keptLoop(KEPT, COUNT, -1, 6, ({ E }) => [
      load(LAMBDA, E), set(L),
      get(SUM),
      get(L), get(ALPHA), load(DS, E), wasm.f64Mul, wasm.f64Add,
      get(L), get(ALPHA), load(DZ, E), wasm.f64Mul, wasm.f64Add,
      wasm.f64Mul, wasm.f64Add, set(SUM),
    ]),
    get(IO), get(SUM), wasm.f64Store(8),
  ];
  return { name: 'gapaffine', params: 6, locals: [[4, I32_TYPE], [3, F64_TYPE]], body };
}

/** corrector(kept, count, lambda, ds, dz, q, io): q[e] = (target - l l - ds dz) / l, target = io[0]. */
function correctorFunction(): WasmFunction {
  const KEPT = 0, COUNT = 1, LAMBDA = 2, DS = 3, DZ = 4, Q = 5, IO = 6;
  const TARGET = 11, L = 12;
  const body: Code = [
    get(IO), wasm.f64Load(0), set(TARGET),
    keptLoop(KEPT, COUNT, -1, 7, ({ E }) => [
      load(LAMBDA, E), set(L),
      at(Q, E),
      get(TARGET), get(L), get(L), wasm.f64Mul, wasm.f64Sub, load(DS, E), load(DZ, E), wasm.f64Mul, wasm.f64Sub,
      get(L), wasm.f64Div,
      wasm.f64Store(0),
    ]),
  ];
  return { name: 'corrector', params: 7, locals: [[4, I32_TYPE], [2, F64_TYPE]], body };
}

/** kktsigned(kept, count, signs, d, rz, q, out, io): out[e] = sign_t (((-w rz[e]) / d[e] - q[e]) / d[e]), w = io[0]. */
function kktSignedFunction(): WasmFunction {
  const KEPT = 0, COUNT = 1, SIGNS = 2, DL = 3, RZ = 4, Q = 5, OUT = 6, IO = 7;
  const W = 12, DK = 13;
  const body: Code = [
    get(IO), wasm.f64Load(0), set(W),
    keptLoop(KEPT, COUNT, SIGNS, 8, ({ E, S }) => [
      load(DL, E), set(DK),
      at(OUT, E),
      get(S), wasm.f64Load(0),
      get(W), wasm.f64Neg, load(RZ, E), wasm.f64Mul, get(DK), wasm.f64Div, load(Q, E), wasm.f64Sub, get(DK), wasm.f64Div,
      wasm.f64Mul,
      wasm.f64Store(0),
    ]),
  ];
  return { name: 'kktsigned', params: 8, locals: [[4, I32_TYPE], [2, F64_TYPE]], body };
}

/** kktslack(kept, count, signs, d, rz, xu, q, ds, dz, io): ds = (-w rz + sign xu) / d, dz = q - ds, w = io[0]. */
function kktSlackFunction(): WasmFunction {
  const KEPT = 0, COUNT = 1, SIGNS = 2, DL = 3, RZ = 4, XU = 5, Q = 6, DS = 7, DZ = 8, IO = 9;
  const W = 14, V = 15;
  const body: Code = [
    get(IO), wasm.f64Load(0), set(W),
    keptLoop(KEPT, COUNT, SIGNS, 10, ({ E, S }) => [
      get(W), wasm.f64Neg, load(RZ, E), wasm.f64Mul,
      get(S), wasm.f64Load(0), load(XU, E), wasm.f64Mul,
      wasm.f64Add, load(DL, E), wasm.f64Div, set(V),
      at(DS, E), get(V), wasm.f64Store(0),
      at(DZ, E), load(Q, E), get(V), wasm.f64Sub, wasm.f64Store(0),
    ]),
  ];
  return { name: 'kktslack', params: 10, locals: [[4, I32_TYPE], [2, F64_TYPE]], body };
}

/**
 * boundary(kept, count, lambda, ds, dz, io): io[1] = the smallest -lambda[e] / min(ds[e], dz[e])
 * over the entries whose min is < 0, starting from io[0] (stepToBoundary's linear part).
 */
function boundaryFunction(): WasmFunction {
  const KEPT = 0, COUNT = 1, LAMBDA = 2, DS = 3, DZ = 4, IO = 5;
  const ALPHA = 10, WORST = 11, A = 12;
  const body: Code = [
    get(IO), wasm.f64Load(0), set(ALPHA),
    keptLoop(KEPT, COUNT, -1, 6, ({ E }) => [
      load(DS, E), load(DZ, E), [0xa4], set(WORST),
      get(WORST), wasm.f64(0), wasm.f64Lt, wasm.ifThen,
      load(LAMBDA, E), wasm.f64Neg, get(WORST), wasm.f64Div, set(A),
      get(A), get(ALPHA), wasm.f64Lt, wasm.ifThen, get(A), set(ALPHA), wasm.end,
      wasm.end,
    ]),
    get(IO), get(ALPHA), wasm.f64Store(8),
  ];
  return { name: 'boundary', params: 6, locals: [[4, I32_TYPE], [3, F64_TYPE]], body };
}

/**
 * takestep(kept, count, d, lambda, s, z, ds, dz, io): with a = io[0], st = l + a ds,
 * zt = l + a dz: d = d sqrt(st / zt), lambda = sqrt(st zt), s = d lambda, z = lambda / d.
 */
function takeStepFunction(): WasmFunction {
  const KEPT = 0, COUNT = 1, DL = 2, LAMBDA = 3, SL = 4, ZL = 5, DS = 6, DZ = 7, IO = 8;
  const ALPHA = 13, L = 14, ST = 15, ZT = 16, DN = 17, LN = 18;
  const body: Code = [
    get(IO), wasm.f64Load(0), set(ALPHA),
    keptLoop(KEPT, COUNT, -1, 9, ({ E }) => [
      load(LAMBDA, E), set(L),
      get(L), get(ALPHA), load(DS, E), wasm.f64Mul, wasm.f64Add, set(ST),
      get(L), get(ALPHA), load(DZ, E), wasm.f64Mul, wasm.f64Add, set(ZT),
      load(DL, E), get(ST), get(ZT), wasm.f64Div, wasm.f64Sqrt, wasm.f64Mul, set(DN),
      get(ST), get(ZT), wasm.f64Mul, wasm.f64Sqrt, set(LN),
      at(DL, E), get(DN), wasm.f64Store(0),
      at(LAMBDA, E), get(LN), wasm.f64Store(0),
      at(SL, E), get(DN), get(LN), wasm.f64Mul, wasm.f64Store(0),
      at(ZL, E), get(LN), get(DN), wasm.f64Div, wasm.f64Store(0),
    ]),
  ];
  return { name: 'takestep', params: 9, locals: [[4, I32_TYPE], [6, F64_TYPE]], body };
}

export const linearConeFunctions: readonly WasmFunction[] = [
  refreshFunction(),
  predictorFunction(),
  gapAffineFunction(),
  correctorFunction(),
  kktSignedFunction(),
  kktSlackFunction(),
  boundaryFunction(),
  takeStepFunction(),
];
