import { F64_TYPE, I32_TYPE, loopUntil, wasm, type Code, type WasmFunction } from '../../linalg/wasm/wasm-assembler';

/**
 * The interior-point method's per-cone passes over its 2P second-order cones (ipm-engine.ts) as
 * WebAssembly functions on arrays in one memory (second-order-cone-arena.ts). The helpers 0-6 are
 * second-order-cone.ts's applyWInverse, applyW, jordanProduct, jordanDivide, jNorm2, maxConeStep
 * and updateScaling, written operation for operation in the JavaScript's order (scalar f64,
 * never fused), so the bits are the same; the kernels 7-12 are the engine's loops over the cones.
 * Vectors are byte addresses; m is a cone's dimension d + 1.
 */

const { get, set, i32, add, mul, atLeast } = wasm;
const F = F64_TYPE;

export const WINV = 0;
export const WMUL = 1;
export const JPROD = 2;
export const JDIV = 3;
export const JNORM2 = 4;
export const MAXSTEP = 5;
export const USCALE = 6;

/** Entry p (a local) of the vector at `base` (a local): its address. */
const at = (base: number, p: number): Code => [get(base), get(p), i32(8), mul, add];
const ld = (base: number, p: number): Code => [at(base, p), wasm.f64Load(0)];
/** for (local = from; local < limit; local++) body. */
const count = (local: number, from: number, limit: number, body: Code): Code => [
  i32(from), set(local),
  loopUntil([get(local), get(limit), atLeast], [body, get(local), i32(1), add, set(local)]),
];

/** winv(eta, v, x, out, m): out = (1/eta) (2 a a^T x - J x), a = J v. */
function winvFunction(): WasmFunction {
  const ETA = 0, V = 1, X = 2, OUT = 3, M = 4, P = 5, AX = 6, INV = 7;
  const body: Code = [
    get(V), wasm.f64Load(0), get(X), wasm.f64Load(0), wasm.f64Mul, set(AX),
    count(P, 1, M, [get(AX), ld(V, P), ld(X, P), wasm.f64Mul, wasm.f64Sub, set(AX)]),
    wasm.f64(1), get(ETA), wasm.f64Div, set(INV),
    get(OUT), get(INV), wasm.f64(2), get(V), wasm.f64Load(0), wasm.f64Mul, get(AX), wasm.f64Mul, get(X), wasm.f64Load(0), wasm.f64Sub, wasm.f64Mul, wasm.f64Store(0),
    count(P, 1, M, [at(OUT, P), get(INV), wasm.f64(-2), ld(V, P), wasm.f64Mul, get(AX), wasm.f64Mul, ld(X, P), wasm.f64Add, wasm.f64Mul, wasm.f64Store(0)]),
  ];
  return { name: 'winv', params: 5, paramTypes: [F, I32_TYPE, I32_TYPE, I32_TYPE, I32_TYPE], locals: [[1, I32_TYPE], [2, F]], body };
}

/** wmul(eta, v, x, out, m): out = eta (2 v v^T x - J x). */
function wmulFunction(): WasmFunction {
  const ETA = 0, V = 1, X = 2, OUT = 3, M = 4, P = 5, WX = 6;
  const body: Code = [
    wasm.f64(0), set(WX),
    count(P, 0, M, [get(WX), ld(V, P), ld(X, P), wasm.f64Mul, wasm.f64Add, set(WX)]),
    get(OUT), get(ETA), wasm.f64(2), get(V), wasm.f64Load(0), wasm.f64Mul, get(WX), wasm.f64Mul, get(X), wasm.f64Load(0), wasm.f64Sub, wasm.f64Mul, wasm.f64Store(0),
    count(P, 1, M, [at(OUT, P), get(ETA), wasm.f64(2), ld(V, P), wasm.f64Mul, get(WX), wasm.f64Mul, ld(X, P), wasm.f64Add, wasm.f64Mul, wasm.f64Store(0)]),
  ];
  return { name: 'wmul', params: 5, paramTypes: [F, I32_TYPE, I32_TYPE, I32_TYPE, I32_TYPE], locals: [[1, I32_TYPE], [1, F]], body };
}

/** jprod(x, y, out, m): out = x o y. */
function jprodFunction(): WasmFunction {
  const X = 0, Y = 1, OUT = 2, M = 3, P = 4, DOT = 5, X0 = 6, Y0 = 7;
  const body: Code = [
    wasm.f64(0), set(DOT),
    count(P, 0, M, [get(DOT), ld(X, P), ld(Y, P), wasm.f64Mul, wasm.f64Add, set(DOT)]),
    get(X), wasm.f64Load(0), set(X0), get(Y), wasm.f64Load(0), set(Y0),
    get(OUT), get(DOT), wasm.f64Store(0),
    count(P, 1, M, [at(OUT, P), get(X0), ld(Y, P), wasm.f64Mul, get(Y0), ld(X, P), wasm.f64Mul, wasm.f64Add, wasm.f64Store(0)]),
  ];
  return { name: 'jprod', params: 4, locals: [[1, I32_TYPE], [3, F]], body };
}

/** jdiv(l, b, out, m): out = l \ b. */
function jdivFunction(): WasmFunction {
  const L = 0, B = 1, OUT = 2, M = 3, P = 4, L0 = 5, LB = 6, X0 = 7;
  const body: Code = [
    get(L), wasm.f64Load(0), set(L0),
    wasm.f64(0), set(LB),
    count(P, 1, M, [get(LB), ld(L, P), ld(B, P), wasm.f64Mul, wasm.f64Add, set(LB)]),
    get(L0), get(B), wasm.f64Load(0), wasm.f64Mul, get(LB), wasm.f64Sub, get(L), get(M), wasm.call(JNORM2), wasm.f64Div, set(X0),
    count(P, 1, M, [at(OUT, P), ld(B, P), get(X0), ld(L, P), wasm.f64Mul, wasm.f64Sub, get(L0), wasm.f64Div, wasm.f64Store(0)]),
    get(OUT), get(X0), wasm.f64Store(0),
  ];
  return { name: 'jdiv', params: 4, locals: [[1, I32_TYPE], [3, F]], body };
}

/** jnorm2(x, m) = x0^2 - ||x1||^2 as (x0 - ||x1||)(x0 + ||x1||). */
function jnorm2Function(): WasmFunction {
  const X = 0, M = 1, P = 2, TAIL = 3, A = 4;
  const body: Code = [
    wasm.f64(0), set(TAIL),
    count(P, 1, M, [get(TAIL), ld(X, P), ld(X, P), wasm.f64Mul, wasm.f64Add, set(TAIL)]),
    get(TAIL), wasm.f64Sqrt, set(A),
    get(X), wasm.f64Load(0), get(A), wasm.f64Sub, get(X), wasm.f64Load(0), get(A), wasm.f64Add, wasm.f64Mul,
  ];
  return { name: 'jnorm2', params: 2, results: [F], locals: [[1, I32_TYPE], [2, F]], body };
}

/** maxstep(x, dx, m): the largest alpha >= 0 with x + alpha dx in the cone (maxConeStep). */
function maxstepFunction(): WasmFunction {
  const X = 0, DX = 1, M = 2, P = 3;
  const X0 = 4, D0 = 5, XX = 6, XD = 7, DD = 8, AA = 9, BB = 10, CC = 11, LIMIT = 12, ROOT = 13, DISC = 14, SQ = 15, QQ = 16, R1 = 17, R2 = 18, XP = 19, DP = 20;
  const keepIfSmaller = (r: number): Code => [
    get(r), wasm.f64(0), wasm.f64Gt, get(r), get(ROOT), wasm.f64Lt, wasm.and, wasm.ifThen, get(r), set(ROOT), wasm.end,
  ];
  const body: Code = [
    get(X), wasm.f64Load(0), set(X0), get(DX), wasm.f64Load(0), set(D0),
    wasm.f64(0), set(XX), wasm.f64(0), set(XD), wasm.f64(0), set(DD),
    count(P, 1, M, [
      ld(X, P), set(XP), ld(DX, P), set(DP),
      get(XX), get(XP), get(XP), wasm.f64Mul, wasm.f64Add, set(XX),
      get(XD), get(XP), get(DP), wasm.f64Mul, wasm.f64Add, set(XD),
      get(DD), get(DP), get(DP), wasm.f64Mul, wasm.f64Add, set(DD),
    ]),
    get(D0), get(D0), wasm.f64Mul, get(DD), wasm.f64Sub, set(AA),
    get(X0), get(D0), wasm.f64Mul, get(XD), wasm.f64Sub, set(BB),
    get(X0), get(X0), wasm.f64Mul, get(XX), wasm.f64Sub, set(CC),
    wasm.f64(Infinity), set(LIMIT),
    get(D0), wasm.f64(0), wasm.f64Lt, wasm.ifThen, get(X0), wasm.f64Neg, get(D0), wasm.f64Div, set(LIMIT), wasm.end,
    get(CC), wasm.f64(0), wasm.f64Le, wasm.ifThen, wasm.f64(0), wasm.return, wasm.end,
    wasm.f64(Infinity), set(ROOT),
    get(AA), wasm.f64(0), wasm.f64Eq, wasm.ifThen,
    get(BB), wasm.f64(0), wasm.f64Lt, wasm.ifThen, get(CC), wasm.f64Neg, wasm.f64(2), get(BB), wasm.f64Mul, wasm.f64Div, set(ROOT), wasm.end,
    wasm.else,
    get(BB), get(BB), wasm.f64Mul, get(AA), get(CC), wasm.f64Mul, wasm.f64Sub, set(DISC),
    get(DISC), wasm.f64(0), wasm.f64Ge, wasm.ifThen,
    get(DISC), wasm.f64Sqrt, set(SQ),
    get(BB), get(SQ), wasm.f64Add, wasm.f64Neg, get(BB), get(SQ), wasm.f64Sub, wasm.f64Neg, get(BB), wasm.f64(0), wasm.f64Ge, wasm.select, set(QQ),
    get(QQ), get(AA), wasm.f64Div, set(R1),
    wasm.f64(Infinity), set(R2),
    get(QQ), wasm.f64(0), wasm.f64Ne, wasm.ifThen, get(CC), get(QQ), wasm.f64Div, set(R2), wasm.end,
    keepIfSmaller(R1),
    keepIfSmaller(R2),
    wasm.end,
    wasm.end,
    get(ROOT), get(LIMIT), wasm.f64Lt, wasm.ifThen, get(ROOT), set(LIMIT), wasm.end,
    get(LIMIT),
  ];
  return { name: 'maxstep', params: 3, results: [F], locals: [[1, I32_TYPE], [17, F]], body };
}

/** uscale(eta, v, st, zt, m, lambda): updateScaling; returns the new eta. */
function uscaleFunction(): WasmFunction {
  const ETA = 0, V = 1, ST = 2, ZT = 3, M = 4, LAM = 5, P = 6;
  const A = 7, B = 8, SZ = 9, VS = 10, VZ = 11, SP = 12, ZP = 13, C = 14, VQ = 15, VU = 16, S0 = 17, Z0 = 18, W0 = 19, DDV = 20, ROOT = 21, CV = 22, CS = 23, CZ = 24, NORM = 25;
  const body: Code = [
    get(ST), get(M), wasm.call(JNORM2), wasm.f64Sqrt, set(A),
    get(ZT), get(M), wasm.call(JNORM2), wasm.f64Sqrt, set(B),
    wasm.f64(0), set(SZ), wasm.f64(0), set(VS), wasm.f64(0), set(VZ),
    count(P, 0, M, [
      ld(ST, P), get(A), wasm.f64Div, set(SP),
      ld(ZT, P), get(B), wasm.f64Div, set(ZP),
      get(SZ), get(SP), get(ZP), wasm.f64Mul, wasm.f64Add, set(SZ),
      get(VS), ld(V, P), get(SP), wasm.f64Mul, wasm.f64Add, set(VS),
      get(VZ), wasm.f64(1), wasm.f64(-1), get(P), wasm.eqz, wasm.select, ld(V, P), wasm.f64Mul, get(ZP), wasm.f64Mul, wasm.f64Add, set(VZ),
    ]),
    wasm.f64(1), get(SZ), wasm.f64Add, wasm.f64(2), wasm.f64Div, wasm.f64Sqrt, set(C),
    get(VS), get(VZ), wasm.f64Add, wasm.f64(2), get(C), wasm.f64Mul, wasm.f64Div, set(VQ),
    get(VS), get(VZ), wasm.f64Sub, set(VU),
    get(ST), wasm.f64Load(0), get(A), wasm.f64Div, set(S0),
    get(ZT), wasm.f64Load(0), get(B), wasm.f64Div, set(Z0),
    wasm.f64(2), get(V), wasm.f64Load(0), wasm.f64Mul, get(VQ), wasm.f64Mul, get(S0), get(Z0), wasm.f64Add, wasm.f64(2), get(C), wasm.f64Mul, wasm.f64Div, wasm.f64Sub, set(W0),
    get(V), wasm.f64Load(0), get(VU), wasm.f64Mul, get(S0), wasm.f64(2), wasm.f64Div, wasm.f64Sub, get(Z0), wasm.f64(2), wasm.f64Div, wasm.f64Add, get(W0), wasm.f64(1), wasm.f64Add, wasm.f64Div, set(DDV),
    get(A), get(B), wasm.f64Mul, wasm.f64Sqrt, set(ROOT),
    get(LAM), get(ROOT), get(C), wasm.f64Mul, wasm.f64Store(0),
    wasm.f64(2), get(DDV), wasm.f64Neg, get(VQ), wasm.f64Mul, wasm.f64(0.5), get(VU), wasm.f64Mul, wasm.f64Add, wasm.f64Mul, set(CV),
    wasm.f64(0.5), wasm.f64(1), get(DDV), get(C), wasm.f64Div, wasm.f64Sub, wasm.f64Mul, set(CS),
    wasm.f64(0.5), wasm.f64(1), get(DDV), get(C), wasm.f64Div, wasm.f64Add, wasm.f64Mul, set(CZ),
    count(P, 1, M, [
      at(LAM, P),
      get(ROOT),
      get(CV), ld(V, P), wasm.f64Mul,
      get(CS), ld(ST, P), get(A), wasm.f64Div, wasm.f64Mul, wasm.f64Add,
      get(CZ), ld(ZT, P), get(B), wasm.f64Div, wasm.f64Mul, wasm.f64Add,
      wasm.f64Mul, wasm.f64Store(0),
    ]),
    wasm.f64(1), wasm.f64(2), get(W0), wasm.f64(1), wasm.f64Add, wasm.f64Mul, wasm.f64Sqrt, wasm.f64Div, set(NORM),
    get(V), get(W0), wasm.f64(1), wasm.f64Add, get(NORM), wasm.f64Mul, wasm.f64Store(0),
    count(P, 1, M, [
      at(V, P),
      wasm.f64(2), get(VQ), wasm.f64Mul, ld(V, P), wasm.f64Mul,
      ld(ST, P), get(A), wasm.f64Div, ld(ZT, P), get(B), wasm.f64Div, wasm.f64Sub, wasm.f64(2), get(C), wasm.f64Mul, wasm.f64Div,
      wasm.f64Add, get(NORM), wasm.f64Mul, wasm.f64Store(0),
    ]),
    get(ETA), get(A), get(B), wasm.f64Div, wasm.f64Sqrt, wasm.f64Mul,
  ];
  return { name: 'uscale', params: 6, paramTypes: [F, I32_TYPE, I32_TYPE, I32_TYPE, I32_TYPE, I32_TYPE], results: [F], locals: [[1, I32_TYPE], [19, F]], body };
}

/**
 * A loop over the cones j = 0..count-1 with O the byte offset of cone j (j (d + 1) 8) and J8 = 8 j;
 * three i32 locals from `first`: J, O, J8.
 */
function cones(countParam: number, sideBytes: number, first: number, body: (o: number, j: number, j8: number) => Code): Code {
  const J = first, O = first + 1, J8 = first + 2;
  return [
    i32(0), set(J), i32(0), set(O), i32(0), set(J8),
    loopUntil([get(J), get(countParam), atLeast], [
      body(O, J, J8),
      get(J), i32(1), add, set(J), get(O), get(sideBytes), add, set(O), get(J8), i32(8), add, set(J8),
    ]),
  ];
}
const off = (base: number, o: number): Code => [get(base), get(o), add];

/** conerhs(count, side, d, rz, q, eta, v, a, b, dxT, bxT, dxU, io): solveKkt's cone right-hand side (weight io[0]). */
function coneRhsFunction(): WasmFunction {
  const COUNT = 0, SIDE = 1, D = 2, RZ = 3, Q = 4, ETA = 5, V = 6, AW = 7, BW = 8, DXT = 9, BXT = 10, DXU = 11, IO = 12;
  const SB = 13, P = 14, T = 15, OP = 16, J = 17, RW = 20;
  const body: Code = [
    get(IO), wasm.f64Load(0), set(RW),
    get(SIDE), i32(8), mul, set(SB),
    cones(COUNT, SB, J, (o, j, j8) => [
      count(P, 0, SIDE, [get(o), get(P), i32(8), mul, add, set(OP), off(BW, OP), get(RW), wasm.f64Neg, off(RZ, OP), wasm.f64Load(0), wasm.f64Mul, wasm.f64Store(0)]),
      get(ETA), get(j8), add, wasm.f64Load(0), off(V, o), off(BW, o), off(AW, o), get(SIDE), wasm.call(WINV),
      count(P, 0, SIDE, [get(o), get(P), i32(8), mul, add, set(OP), off(AW, OP), off(AW, OP), wasm.f64Load(0), off(Q, OP), wasm.f64Load(0), wasm.f64Sub, wasm.f64Store(0)]),
      get(ETA), get(j8), add, wasm.f64Load(0), off(V, o), off(AW, o), off(BW, o), get(SIDE), wasm.call(WINV),
      off(DXT, j8), get(RW), off(BXT, j8), wasm.f64Load(0), wasm.f64Mul, off(BW, o), wasm.f64Load(0), wasm.f64Sub, wasm.f64Store(0),
      count(T, 0, D, [
        get(DXU), get(j), get(D), mul, get(T), add, i32(8), mul, add, set(OP),
        get(OP), get(OP), wasm.f64Load(0), off(BW, o), get(T), i32(8), mul, add, wasm.f64Load(8), wasm.f64Sub, wasm.f64Store(0),
      ]),
    ]),
  ];
  return { name: 'conerhs', params: 13, locals: [[7, I32_TYPE], [1, F]], body };
}

/** coneslack(count, side, d, rz, q, eta, v, a, ds, dz, dxT, dxU, io): solveKkt's cone ds~ and dz~ (weight io[0]). */
function coneSlackFunction(): WasmFunction {
  const COUNT = 0, SIDE = 1, D = 2, RZ = 3, Q = 4, ETA = 5, V = 6, AW = 7, DS = 8, DZ = 9, DXT = 10, DXU = 11, IO = 12;
  const SB = 13, P = 14, T = 15, OP = 16, J = 17, RW = 20;
  const body: Code = [
    get(IO), wasm.f64Load(0), set(RW),
    get(SIDE), i32(8), mul, set(SB),
    cones(COUNT, SB, J, (o, j, j8) => [
      off(AW, o), get(RW), wasm.f64Neg, off(RZ, o), wasm.f64Load(0), wasm.f64Mul, off(DXT, j8), wasm.f64Load(0), wasm.f64Add, wasm.f64Store(0),
      count(T, 0, D, [
        get(o), get(T), i32(8), mul, add, set(OP),
        off(AW, OP), get(RW), wasm.f64Neg, off(RZ, OP), wasm.f64Load(8), wasm.f64Mul,
        get(DXU), get(j), get(D), mul, get(T), add, i32(8), mul, add, wasm.f64Load(0), wasm.f64Add,
        wasm.f64Store(8),
      ]),
      get(ETA), get(j8), add, wasm.f64Load(0), off(V, o), off(AW, o), off(DS, o), get(SIDE), wasm.call(WINV),
      count(P, 0, SIDE, [get(o), get(P), i32(8), mul, add, set(OP), off(DZ, OP), off(Q, OP), wasm.f64Load(0), off(DS, OP), wasm.f64Load(0), wasm.f64Sub, wasm.f64Store(0)]),
    ]),
  ];
  return { name: 'coneslack', params: 13, locals: [[7, I32_TYPE], [1, F]], body };
}

/** conegap(total, lambda, ds, dz, io): io[2] = io[1] + sum (l + a ds)(l + a dz), a = io[0]. */
function coneGapFunction(): WasmFunction {
  const TOTAL = 0, LAM = 1, DS = 2, DZ = 3, IO = 4, K = 5, ALPHA = 6, SUM = 7, L = 8;
  const body: Code = [
    get(IO), wasm.f64Load(0), set(ALPHA), get(IO), wasm.f64Load(8), set(SUM),
    count(K, 0, TOTAL, [
      ld(LAM, K), set(L),
      get(SUM), get(L), get(ALPHA), ld(DS, K), wasm.f64Mul, wasm.f64Add, get(L), get(ALPHA), ld(DZ, K), wasm.f64Mul, wasm.f64Add, wasm.f64Mul, wasm.f64Add, set(SUM),
    ]),
    get(IO), get(SUM), wasm.f64Store(16),
  ];
  return { name: 'conegap', params: 5, locals: [[1, I32_TYPE], [3, F]], body };
}

/** conecorrector(count, side, ds, dz, lambda, a, b, q, io): q~ = lambda \ (target e - lambda o lambda - ds~ o dz~), target = io[0]. */
function coneCorrectorFunction(): WasmFunction {
  const COUNT = 0, SIDE = 1, DS = 2, DZ = 3, LAM = 4, AW = 5, BW = 6, Q = 7, IO = 8;
  const SB = 9, P = 10, OP = 11, J = 12, TARGET = 15;
  const body: Code = [
    get(IO), wasm.f64Load(0), set(TARGET),
    get(SIDE), i32(8), mul, set(SB),
    cones(COUNT, SB, J, (o) => [
      off(DS, o), off(DZ, o), off(AW, o), get(SIDE), wasm.call(JPROD),
      off(LAM, o), off(LAM, o), off(BW, o), get(SIDE), wasm.call(JPROD),
      count(P, 0, SIDE, [
        get(o), get(P), i32(8), mul, add, set(OP),
        off(BW, OP),
        get(TARGET), wasm.f64(0), get(P), wasm.eqz, wasm.select, off(BW, OP), wasm.f64Load(0), wasm.f64Sub, off(AW, OP), wasm.f64Load(0), wasm.f64Sub,
        wasm.f64Store(0),
      ]),
      off(LAM, o), off(BW, o), off(Q, o), get(SIDE), wasm.call(JDIV),
    ]),
  ];
  return { name: 'conecorrector', params: 9, locals: [[6, I32_TYPE], [1, F]], body };
}

/** coneboundary(count, side, lambda, ds, dz, io): io[1] = min(io[0], each cone's largest step along ds~ and dz~). */
function coneBoundaryFunction(): WasmFunction {
  const COUNT = 0, SIDE = 1, LAM = 2, DS = 3, DZ = 4, IO = 5;
  const SB = 6, J = 7, ALPHA = 10, AV = 11;
  const body: Code = [
    get(IO), wasm.f64Load(0), set(ALPHA),
    get(SIDE), i32(8), mul, set(SB),
    cones(COUNT, SB, J, (o) => [
      off(LAM, o), off(DS, o), get(SIDE), wasm.call(MAXSTEP), off(LAM, o), off(DZ, o), get(SIDE), wasm.call(MAXSTEP), wasm.f64Min, set(AV),
      get(AV), get(ALPHA), wasm.f64Lt, wasm.ifThen, get(AV), set(ALPHA), wasm.end,
    ]),
    get(IO), get(ALPHA), wasm.f64Store(8),
  ];
  return { name: 'coneboundary', params: 6, locals: [[4, I32_TYPE], [2, F]], body };
}

/** conestep(count, side, lambda, ds, dz, st, zt, eta, v, s, z, io): takeStep's cone part, alpha = io[0]. */
function coneStepFunction(): WasmFunction {
  const COUNT = 0, SIDE = 1, LAM = 2, DS = 3, DZ = 4, ST = 5, ZT = 6, ETA = 7, V = 8, S = 9, Z = 10, IO = 11;
  const SB = 12, K = 13, TOTAL = 14, J = 15, ALPHA = 18, E = 19;
  const body: Code = [
    get(IO), wasm.f64Load(0), set(ALPHA),
    get(SIDE), i32(8), mul, set(SB),
    get(COUNT), get(SIDE), mul, set(TOTAL),
    count(K, 0, TOTAL, [
      at(ST, K), ld(LAM, K), get(ALPHA), ld(DS, K), wasm.f64Mul, wasm.f64Add, wasm.f64Store(0),
      at(ZT, K), ld(LAM, K), get(ALPHA), ld(DZ, K), wasm.f64Mul, wasm.f64Add, wasm.f64Store(0),
    ]),
    cones(COUNT, SB, J, (o, _j, j8) => [
      get(ETA), get(j8), add, wasm.f64Load(0), off(V, o), off(ST, o), off(ZT, o), get(SIDE), off(LAM, o), wasm.call(USCALE), set(E),
      off(ETA, j8), get(E), wasm.f64Store(0),
      get(E), off(V, o), off(LAM, o), off(S, o), get(SIDE), wasm.call(WMUL),
      get(E), off(V, o), off(LAM, o), off(Z, o), get(SIDE), wasm.call(WINV),
    ]),
  ];
  return { name: 'conestep', params: 12, locals: [[6, I32_TYPE], [2, F]], body };
}

export const secondOrderConeFunctions: readonly WasmFunction[] = [
  winvFunction(),
  wmulFunction(),
  jprodFunction(),
  jdivFunction(),
  jnorm2Function(),
  maxstepFunction(),
  uscaleFunction(),
  coneRhsFunction(),
  coneSlackFunction(),
  coneGapFunction(),
  coneCorrectorFunction(),
  coneBoundaryFunction(),
  coneStepFunction(),
];
