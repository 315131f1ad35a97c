import { describe, expect, it } from 'vitest';
import { I32_TYPE, wasm } from '../../../../src-core/linalg/wasm/wasm-assembler';
import { instantiateWithMemory, layoutDoubles, lazyModule, MAX_PAGES } from '../../../../src-core/linalg/wasm/wasm-instance';

const { get, i32 } = wasm;
/** store(at): i32 store of 7 at byte `at`. */
const store = { name: 'store', params: 1, locals: [[0, I32_TYPE]] as const, body: [get(0), i32(7), wasm.i32Store(0)] };

describe('lazyModule and instantiateWithMemory', () => {
  it('compiles a module once and instantiates it on memories of their own, of at least the bytes asked', () => {
    let writes = 0;
    const module = lazyModule(() => {
      writes++;
      return [store];
    });
    expect(module()).toBe(module());
    expect(writes).toBe(1);
    const a = instantiateWithMemory(module(), 70_000)!;
    const b = instantiateWithMemory(module(), 10)!;
    expect(a.buffer.byteLength).toBeGreaterThanOrEqual(70_000);
    expect(b.buffer.byteLength).toBe(65536);
    (a.exports['store'] as (at: number) => void)(8);
    expect(new Int32Array(a.buffer)[2]).toBe(7);
    expect(new Int32Array(b.buffer)[2]).toBe(0);
  });

  it('gives null, not an exception, for a module that does not compile, no module, or more than 4 GiB', () => {
    const broken = lazyModule(() => [{ name: 'bad', params: 0, locals: [], body: [0xff] }]);
    expect(broken()).toBeNull();
    expect(instantiateWithMemory(null, 8)).toBeNull();
    const module = lazyModule(() => [store]);
    expect(instantiateWithMemory(module(), (MAX_PAGES + 1) * 65536)).toBeNull();
  });

  it('lays regions out in order, each at a 16-byte aligned byte offset', () => {
    expect(layoutDoubles({ a: 3, b: 4, c: 1 })).toEqual({ byteAt: { a: 0, b: 32, c: 64 }, doubles: 10 });
    expect(layoutDoubles({})).toEqual({ byteAt: {}, doubles: 0 });
  });
});
