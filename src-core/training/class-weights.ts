import { ConvexNetError } from '../errors';

/**
 * Per-sample loss weights from class weights. 'balanced' gives class c the weight
 * n / (K n_c) (scikit-learn's convention), so every class carries the same total weight.
 * Returns undefined for 'none' (all weights 1).
 */
export function sampleWeightsForClasses(classIndex: Float64Array, classCount: number, spec: 'none' | 'balanced' | readonly number[] | undefined): Float64Array | undefined {
  if (spec === undefined || spec === 'none') return undefined;
  const n = classIndex.length;
  let perClass: number[];
  if (spec === 'balanced') {
    const counts = new Array<number>(classCount).fill(0);
    for (let k = 0; k < n; k++) counts[classIndex[k]!]!++;
    const present = counts.filter((c) => c > 0).length;
    perClass = counts.map((c) => (c > 0 ? n / (present * c) : 0));
  } else {
    if (spec.length !== classCount) {
      throw new ConvexNetError('settings/invalid', `Class weights: ${spec.length} weights given for ${classCount} classes.`);
    }
    for (const w of spec) {
      if (!(w > 0) || !Number.isFinite(w)) throw new ConvexNetError('settings/invalid', `Class weights must be positive numbers, got ${w}.`);
    }
    perClass = [...spec];
  }
  const weights = new Float64Array(n);
  for (let k = 0; k < n; k++) weights[k] = perClass[classIndex[k]!]!;
  return weights;
}
