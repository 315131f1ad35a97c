import { PAGE_BYTES, wasmApi } from './wasm-api';
import { writeModule, type WasmFunction } from './wasm-assembler';

/** wasm32 addresses at most 2^16 pages (4 GiB). */
export const MAX_PAGES = 65536;

/**
 * The module of `functions` (written and compiled on the first call, then kept), or null where
 * WebAssembly (or its SIMD instructions) is missing or compilation fails. One per kernel file.
 */
export function lazyModule(functions: () => readonly WasmFunction[]): () => object | null {
  let compiled: object | null | undefined;
  return () => {
    if (compiled === undefined) {
      const api = wasmApi();
      try {
        compiled = api ? new api.Module(writeModule(functions())) : null;
      } catch {
        compiled = null;
      }
    }
    return compiled;
  };
}

/**
 * `module` instantiated on a new memory of at least `bytes` (fixed size, so views of it never
 * detach), or null: no module, more than 4 GiB, or the allocation failed (callers then keep
 * their JavaScript path).
 */
export function instantiateWithMemory(module: object | null, bytes: number): { buffer: ArrayBuffer; exports: Record<string, unknown> } | null {
  const api = wasmApi();
  if (!api || !module) return null;
  const pages = Math.max(1, Math.ceil(bytes / PAGE_BYTES));
  if (pages > MAX_PAGES) return null;
  try {
    const memory = new api.Memory({ initial: pages, maximum: pages });
    const instance = new api.Instance(module, { env: { memory } });
    return { buffer: memory.buffer, exports: instance.exports };
  } catch {
    return null;
  }
}

/**
 * Regions of the given sizes in doubles laid out one after another, each at an even double (a
 * 16-byte aligned byte address): their byte offsets and the doubles in all.
 */
export function layoutDoubles<K extends string>(sizes: Readonly<Record<K, number>>): { byteAt: Record<K, number>; doubles: number } {
  const byteAt = {} as Record<K, number>;
  let doubles = 0;
  for (const key of Object.keys(sizes) as K[]) {
    byteAt[key] = doubles * 8;
    doubles += sizes[key] + (sizes[key] % 2);
  }
  return { byteAt, doubles };
}
