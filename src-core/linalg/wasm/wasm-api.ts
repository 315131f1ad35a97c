/**
 * The slice of the WebAssembly JavaScript API the SIMD kernels use (src-core is compiled without
 * DOM/Node typings, so the global is typed here), and the global itself when it exists.
 */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

export interface WasmApi {
  Memory: new (descriptor: { initial: number; maximum?: number }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => { exports: Record<string, unknown> };
}

/** Bytes per WebAssembly memory page. */
export const PAGE_BYTES = 65536;

/** The global WebAssembly object, or undefined where the runtime has none. */
export function wasmApi(): WasmApi | undefined {
  return (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
}
