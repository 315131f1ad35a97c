/**
 * The kernel case: runs the existing bench/kernels.ts (benchKernels) unchanged and keeps its
 * records. multiplyXB / multiplyXtR are the one-pass multi-vector products with all 2P blocks
 * (n = 100000, d = 50, m = 64 right-hand sides); reference4x4XB is the plain 4x4 register-blocked
 * loop; the choleskyFactor / choleskySolve records time the k = 1632 Cholesky of the direct path
 * (WebAssembly SIMD and scalar JavaScript); the factorBlockSystem records carry the setup timings
 * and largestFactoredDimension.
 */
import { benchKernels } from '../kernels';
import type { KernelsParams, Metrics } from '../types';

export async function runKernelsCase(params: KernelsParams): Promise<Metrics> {
  const records = await benchKernels({ repetitions: params.repetitions, skipLargeFactor: params.skipLargeFactor });
  return { records };
}
