import { checkSquare } from './cholesky';
import type { CholeskyFactor } from './cholesky-factor';
import { JsCholeskyFactor } from './js-cholesky';
import { WasmCholeskyFactor } from './wasm-cholesky';

/** Below this order the scalar path is as fast (no trailing update below one 64-column panel). */
export const WASM_CHOLESKY_MIN_ORDER = 64;

/**
 * Factors the k x k matrix `a` into a new CholeskyFactor: WebAssembly SIMD when available, turned
 * on (setSimdKernelsEnabled) and k >= WASM_CHOLESKY_MIN_ORDER, else JavaScript. `backend`
 * forces one ('wasm-simd' still falls back to JavaScript where WebAssembly SIMD is unavailable).
 */
export function factorCholesky(a: Float64Array, k: number, backend: 'auto' | 'wasm-simd' | 'javascript' = 'auto'): CholeskyFactor {
  checkSquare('choleskyFactor', a, k);
  const factor = createCholeskyFactor(k, backend);
  factor.factor(a);
  return factor;
}

/** A CholeskyFactor of order k, chosen as factorCholesky chooses it, not yet factored. */
export function createCholeskyFactor(k: number, backend: 'auto' | 'wasm-simd' | 'javascript' = 'auto'): CholeskyFactor {
  const wantWasm = backend === 'wasm-simd' || (backend === 'auto' && k >= WASM_CHOLESKY_MIN_ORDER);
  return (wantWasm ? WasmCholeskyFactor.create(k) : null) ?? new JsCholeskyFactor(k);
}
