/**
 * The index of the highest score along a sweep; a tie goes to the larger beta (the simpler
 * model), and a missing score counts as the lowest. The one rule of the app's sweeps, the
 * CLI's and cross-validation's choice of beta.
 */
export function bestScoreIndex(points: readonly { readonly beta: number; readonly score: number | null | undefined }[]): number {
  let index = 0;
  points.forEach((p, i) => {
    const best = points[index]!;
    const value = p.score ?? -Infinity;
    const bestValue = best.score ?? -Infinity;
    if (value > bestValue || (value === bestValue && p.beta > best.beta)) index = i;
  });
  return index;
}
