/**
 * Block soft-thresholding, the prox of threshold * sum_j ||x_j||_2 over blocks of length d:
 * out_j = max(1 - threshold / ||a_j||, 0) a_j (zero when ||a_j|| = 0). Returns the number of
 * nonzero output blocks.
 */
export function groupShrink(a: Float64Array, blockCount: number, d: number, threshold: number, out: Float64Array): number {
  let nonzero = 0;
  for (let j = 0; j < blockCount; j++) {
    const o = j * d;
    let s = 0;
    for (let t = 0; t < d; t++) s += a[o + t]! * a[o + t]!;
    const norm = Math.sqrt(s);
    const scale = norm > threshold ? 1 - threshold / norm : 0;
    if (scale > 0) nonzero++;
    for (let t = 0; t < d; t++) out[o + t] = scale * a[o + t]!;
  }
  return nonzero;
}

/** sum_j ||x_j||_2 over blocks of length d. */
export function groupNormSum(x: Float64Array, blockCount: number, d: number): number {
  let total = 0;
  for (let j = 0; j < blockCount; j++) {
    let s = 0;
    for (let t = 0; t < d; t++) s += x[j * d + t]! * x[j * d + t]!;
    total += Math.sqrt(s);
  }
  return total;
}
