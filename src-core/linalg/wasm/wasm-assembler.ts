/**
 * A minimal WebAssembly binary writer: just what the SIMD kernels need (i32 arithmetic, loops,
 * f64 and v128 loads/stores, scalar f64 and f64x2 arithmetic), so the kernels are written in TypeScript and
 * no build step or binary file is needed. Encodings from the WebAssembly core specification
 * (binary format, section 5) and its fixed-width SIMD proposal (opcode prefix 0xFD).
 */

/** Bytes (nested arrays are flattened when the module is written). */
export type Code = readonly (number | Code)[];

export function unsignedLeb(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

export function signedLeb(value: number): number[] {
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

export const I32_TYPE = 0x7f;
const F64_TYPE_CODE = 0x7c;
export const F64_TYPE = 0x7c;
export const V128_TYPE = 0x7b;

/** Instructions; memory offsets are static byte offsets added to the address on the stack. */
export const wasm = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  /** if (no result) ... end: runs its body when the i32 on the stack is not 0. */
  ifThen: [0x04, 0x40],
  return: [0x0f],
  /** call of the module's function `index` (its position in writeModule's list). */
  call: (index: number): Code => [0x10, ...unsignedLeb(index)],
  end: [0x0b],
  br: (depth: number): Code => [0x0c, ...unsignedLeb(depth)],
  brIf: (depth: number): Code => [0x0d, ...unsignedLeb(depth)],
  get: (local: number): Code => [0x20, ...unsignedLeb(local)],
  set: (local: number): Code => [0x21, ...unsignedLeb(local)],
  i32: (value: number): Code => [0x41, ...signedLeb(value)],
  add: [0x6a],
  sub: [0x6b],
  mul: [0x6c],
  and: [0x71],
  /** i32.eqz: 1 when the i32 is 0. */
  eqz: [0x45],
  eq: [0x46],
  lessThan: [0x48],
  greaterThan: [0x4a],
  atLeast: [0x4e],
  select: [0x1b],
  /** local.tee: set the local and keep the value on the stack. */
  tee: (local: number): Code => [0x22, ...unsignedLeb(local)],
  /** i32.load, alignment 2^2. */
  i32Load: (offset = 0): Code => [0x28, 2, ...unsignedLeb(offset)],
  /** i32.store, alignment 2^2. */
  i32Store: (offset = 0): Code => [0x36, 2, ...unsignedLeb(offset)],
  /** f64.const: the value's eight IEEE 754 bytes, little-endian. */
  f64: (value: number): Code => {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setFloat64(0, value, true);
    return [0x44, ...bytes];
  },
  f64Lt: [0x63],
  f64Gt: [0x64],
  f64Sqrt: [0x9f],
  f64Neg: [0x9a],
  f64Min: [0xa4],
  f64Eq: [0x61],
  f64Ne: [0x62],
  f64Le: [0x65],
  f64Ge: [0x66],
  /** if ... else ... end with an f64 result. */
  ifF64: [0x04, F64_TYPE_CODE],
  else: [0x05],
  /** f64.convert_i32_s. */
  f64FromI32: [0xb7],
  /** f64.load / f64.store, alignment 2^3. */
  f64Load: (offset = 0): Code => [0x2b, 3, ...unsignedLeb(offset)],
  f64Store: (offset = 0): Code => [0x39, 3, ...unsignedLeb(offset)],
  f64Add: [0xa0],
  f64Sub: [0xa1],
  f64Mul: [0xa2],
  f64Div: [0xa3],
  /** v128.load / v128.store, alignment 2^4 (a hint only: unaligned addresses are allowed). */
  v128Load: (offset = 0): Code => [0xfd, 0x00, 4, ...unsignedLeb(offset)],
  v128Store: (offset = 0): Code => [0xfd, 0x0b, 4, ...unsignedLeb(offset)],
  v128Zero: [0xfd, 0x0c, ...new Array<number>(16).fill(0)],
  f64x2Splat: [0xfd, 0x14],
  f64x2ExtractLane: (lane: 0 | 1): Code => [0xfd, 0x21, lane],
  f64x2Add: [0xfd, 0xf0, 0x01],
  f64x2Sub: [0xfd, 0xf1, 0x01],
  f64x2Mul: [0xfd, 0xf2, 0x01],
  f64x2Div: [0xfd, 0xf3, 0x01],
} as const;

/** `block loop <exit> br_if 1 <body> br 0 end end`: runs body until `exit` (an i32 expression) is not 0. */
export function loopUntil(exit: Code, body: Code): Code {
  return [wasm.block, wasm.loop, exit, wasm.brIf(1), body, wasm.br(0), wasm.end, wasm.end];
}

/** min(a, b) of two i32 expressions (each evaluated twice: keep them to local reads). */
export function minI32(a: Code, b: Code): Code {
  return [a, b, a, b, wasm.lessThan, wasm.select];
}

export interface WasmFunction {
  readonly name: string;
  /** Number of parameters: i32 unless paramTypes says otherwise. */
  readonly params: number;
  /** The parameters' types (params of them), when not all i32. */
  readonly paramTypes?: readonly number[];
  /** The result types; none unless given. */
  readonly results?: readonly number[];
  /** Extra locals after the parameters: [count, type] runs. */
  readonly locals: readonly (readonly [number, number])[];
  readonly body: Code;
}

function flatten(code: Code, out: number[]): number[] {
  for (const c of code) {
    if (typeof c === 'number') out.push(c);
    else flatten(c, out);
  }
  return out;
}

function section(id: number, content: number[]): number[] {
  return [id, ...unsignedLeb(content.length), ...content];
}

function vector(items: number[][]): number[] {
  return [...unsignedLeb(items.length), ...items.flat()];
}

function name(text: string): number[] {
  return [...unsignedLeb(text.length), ...Array.from(text, (c) => c.charCodeAt(0))];
}

/** A module importing `env.memory` and exporting the functions under their names. */
export function writeModule(functions: readonly WasmFunction[]): Uint8Array {
  const types = functions.map((f) => {
    const params = f.paramTypes ?? new Array<number>(f.params).fill(I32_TYPE);
    const results = f.results ?? [];
    return [0x60, ...unsignedLeb(params.length), ...params, ...unsignedLeb(results.length), ...results];
  });
  const imports = [[...name('env'), ...name('memory'), 0x02, 0x00, 1]];
  const declarations = functions.map((_, i) => unsignedLeb(i));
  const exports = functions.map((f, i) => [...name(f.name), 0x00, ...unsignedLeb(i)]);
  const bodies = functions.map((f) => {
    const locals = vector(f.locals.map(([count, type]) => [...unsignedLeb(count), type]));
    const body = [...locals, ...flatten(f.body, []), 0x0b];
    return [...unsignedLeb(body.length), ...body];
  });
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vector(types)),
    ...section(2, vector(imports)),
    ...section(3, vector(declarations)),
    ...section(7, vector(exports)),
    ...section(10, vector(bodies)),
  ]);
}
