import { describe, expect, it } from 'vitest';
import { F64_TYPE, I32_TYPE, signedLeb, unsignedLeb, wasm, writeModule } from '../../../../src-core/linalg/wasm/wasm-assembler';

describe('wasm assembler', () => {
  it('encodes LEB128 integers as the specification does', () => {
    expect(unsignedLeb(0)).toEqual([0]);
    expect(unsignedLeb(127)).toEqual([127]);
    expect(unsignedLeb(128)).toEqual([0x80, 1]);
    expect(unsignedLeb(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(signedLeb(0)).toEqual([0]);
    expect(signedLeb(63)).toEqual([63]);
    expect(signedLeb(64)).toEqual([0xc0, 0]);
    expect(signedLeb(-1)).toEqual([0x7f]);
    expect(signedLeb(-123456)).toEqual([0xc0, 0xbb, 0x78]);
  });

  it('writes a module that compiles and runs: a loop storing 2k + 1 at word k', () => {
    const { get, set, i32, add, mul, atLeast } = wasm;
    // fill(at, count): for k in 0..count: i32 store (0x36) of 2k + 1 at at + 4k.
    const body = [
      i32(0), set(2),
      wasm.block, wasm.loop,
      get(2), get(1), atLeast, wasm.brIf(1),
      get(0), get(2), i32(4), mul, add, get(2), i32(2), mul, i32(1), add, [0x36, 2, 0],
      get(2), i32(1), add, set(2),
      wasm.br(0),
      wasm.end, wasm.end,
    ];
    const bytes = writeModule([{ name: 'fill', params: 2, locals: [[1, I32_TYPE]], body }]);
    const api = (globalThis as unknown as { WebAssembly: { Memory: new (d: { initial: number }) => { buffer: ArrayBuffer }; Module: new (b: Uint8Array) => object; Instance: new (m: object, i: object) => { exports: Record<string, (...a: number[]) => void> } } }).WebAssembly;
    const memory = new api.Memory({ initial: 1 });
    const instance = new api.Instance(new api.Module(bytes), { env: { memory } });
    instance.exports['fill']!(16, 5);
    expect(Array.from(new Int32Array(memory.buffer, 16, 6))).toEqual([1, 3, 5, 7, 9, 0]);
  });

  it('writes typed parameters and results: f(x: f64, k: i32) -> f64 = x * k, and a call between functions', () => {
    const { get } = wasm;
    const scale = { name: 'scale', params: 2, paramTypes: [F64_TYPE, I32_TYPE], results: [F64_TYPE], locals: [], body: [get(0), get(1), wasm.f64FromI32, wasm.f64Mul] };
    // twice(x) = scale(x, 2) through call 0.
    const twice = { name: 'twice', params: 1, paramTypes: [F64_TYPE], results: [F64_TYPE], locals: [], body: [get(0), wasm.i32(2), wasm.call(0)] };
    const api = (globalThis as unknown as { WebAssembly: { Memory: new (d: { initial: number }) => object; Module: new (b: Uint8Array) => object; Instance: new (m: object, i: object) => { exports: Record<string, (...a: number[]) => number> } } }).WebAssembly;
    const instance = new api.Instance(new api.Module(writeModule([scale, twice])), { env: { memory: new api.Memory({ initial: 1 }) } });
    expect(instance.exports['scale']!(1.5, 3)).toBe(4.5);
    expect(instance.exports['twice']!(-0.25)).toBe(-0.5);
  });
});
