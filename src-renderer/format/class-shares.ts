import { compareCategoryNames, parseNumericCell } from '../../src-core/data/numeric-text';

/**
 * A class's share of the rows as a percentage: whole percents from 10% up, one decimal below
 * (so 200 equal classes read 0.5%, not 1%), and "<0.1%" for a class too small to show.
 */
export function formatClassShare(fraction: number): string {
  if (!Number.isFinite(fraction) || fraction <= 0) return '0%';
  const percent = 100 * fraction;
  if (percent < 0.05) return '<0.1%';
  return percent >= 10 ? `${Math.round(percent)}%` : `${Number(percent.toFixed(1))}%`;
}

const naturalCollator = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' });

/**
 * Reading order for class names: class_2 before class_10 (digit runs compare as numbers).
 * Names that are numbers keep the core's order (compareCategoryNames: numeric, signs included),
 * and ties in the collation fall back to it, so the order is total and deterministic.
 */
export function compareClassNamesNaturally(a: string, b: string): number {
  if (parseNumericCell(a) !== null || parseNumericCell(b) !== null) return compareCategoryNames(a, b);
  return naturalCollator.compare(a, b) || compareCategoryNames(a, b);
}
