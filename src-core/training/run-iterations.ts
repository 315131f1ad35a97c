/**
 * A whole run's iterations (epochs for back-propagation): the heads' counts added up, as the
 * Results screen's Work line and the run history count them (one-vs-rest trains one network per
 * class). Undefined when a head's count is missing or not a count, as in a hand-edited saved
 * run: the caller then leaves the number out rather than showing "NaN epochs".
 */
export function runIterationCount(heads: readonly { readonly iterations?: unknown }[]): number | undefined {
  let total = 0;
  for (const head of heads) {
    const count = head.iterations;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) return undefined;
    total += count;
  }
  return heads.length > 0 ? total : undefined;
}
