import type { HeadResult } from '../../src-core/contract/operations';

/** "Model" for a single-output run; the class name (or number) a one-vs-rest head scores. */
export function headName(head: HeadResult, classNames: readonly string[]): string {
  if (head.classIndex === null) return 'Model';
  return `Class ${classNames[head.classIndex] ?? head.classIndex + 1}`;
}
