import { expect } from 'vitest';
import { ConvexNetError } from '../../../src-core/errors';

/** Runs `action`, expects a ConvexNetError with this code, and returns its message. */
export function expectConvexNetError(action: () => unknown, code: string): string {
  let caught: unknown = null;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected a ConvexNetError ${code}`).toBeInstanceOf(ConvexNetError);
  expect((caught as ConvexNetError).code).toBe(code);
  return (caught as ConvexNetError).message;
}
