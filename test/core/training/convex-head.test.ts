import { describe, expect, it } from 'vitest';
import type { ConvexSolution } from '../../../src-core/convex/convex-solution';
import { createMatrix } from '../../../src-core/linalg/matrix';
import type { PatternSet } from '../../../src-core/patterns/pattern-set';
import type { SolveResult } from '../../../src-core/solvers/solver-types';
import { convexHead } from '../../../src-core/training/convex-head';

const patterns = (source: 'sampled' | 'exact'): PatternSet => ({ n: 2, count: 1, masks: Uint8Array.of(1, 0), generators: createMatrix(1, 2, Float64Array.of(1, 0)), source });
const result = { status: 'solved', info: { relativeGap: 4e-4 }, history: [], solution: { network: { hidden: createMatrix(0, 2), output: new Float64Array(0) } } } as unknown as SolveResult<ConvexSolution>;

describe('convexHead', () => {
  it('carries the solve and the patterns, with the standard certificate in words by default', () => {
    const head = convexHead(result, patterns('exact'), 2);
    expect(head).toMatchObject({ classIndex: 2, status: 'solved', network: result.solution.network, info: result.info, history: result.history });
    expect(head.convex!.patternSource).toBe('exact');
    expect(head.convex!.generators.data).toEqual(Float64Array.of(1, 0));
    expect(head.convex!.certificateText).toMatch(/^Within 0\.040% of the best possible training objective over all activation patterns, so this is the global optimum/);
    expect(convexHead(result, patterns('sampled'), null).convex!.certificateText).toMatch(/for the sampled activation patterns/);
  });

  it('takes another certificate text (the robust program says what it bounds)', () => {
    expect(convexHead(result, patterns('sampled'), null, 'robust words').convex!.certificateText).toBe('robust words');
  });
});
