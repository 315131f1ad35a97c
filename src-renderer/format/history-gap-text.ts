import { formatGap } from './numbers';

/**
 * The gap a chart description quotes: the last history point's, which is the last iterate's.
 * A finished run can deliver another point (ADMM keeps its best certified iterate when it
 * stops short of the tolerance; pruning re-certifies the kept model), so when the certificate
 * has a different gap, the description names both instead of contradicting it.
 * `deliveredGap`: the delivered model's certified gap; undefined while the run goes on.
 */
export function historyGapText(lastGap: number | undefined, deliveredGap: number | null | undefined): string | null {
  if (lastGap === undefined) return null;
  const last = formatGap(lastGap);
  if (deliveredGap === undefined || deliveredGap === null || formatGap(deliveredGap) === last) return `relative gap ${last}`;
  return `relative gap ${last} at this last iterate (the delivered model's certified gap is ${formatGap(deliveredGap)})`;
}
