import type { HeadResult } from '../../src-core/contract/operations';
import { compareClassNamesNaturally } from './class-shares';

/**
 * Class indices in the reading order of their names (class_2 before class_10), the order every
 * list of classes on screen follows, as the Data screen's class balance does. The core's indices
 * (models, metrics, exports) stay as they are: a display maps its positions through this.
 */
export function naturalClassOrder(classNames: readonly string[]): number[] {
  return classNames.map((_, k) => k).sort((a, b) => compareClassNamesNaturally(classNames[a]!, classNames[b]!) || a - b);
}

/**
 * Indices into `heads` in the natural order of the classes they score (one-vs-rest runs); heads
 * without a class (a single-output run) or with a class past the names keep their place after them.
 */
export function naturalHeadOrder(heads: readonly Pick<HeadResult, 'classIndex'>[], classNames: readonly string[]): number[] {
  const rank = new Map(naturalClassOrder(classNames).map((c, position) => [c, position] as const));
  const rankOf = (h: number): number => rank.get(heads[h]!.classIndex ?? -1) ?? classNames.length;
  return heads.map((_, h) => h).sort((a, b) => rankOf(a) - rankOf(b) || a - b);
}
