import { describe, expect, it } from 'vitest';
import { mergedSolverDetails, mergedSolverNotes } from '../../../src-core/training/merged-solver-notes';

const name = (h: number): string => `Class ${h + 1}`;

describe('mergedSolverNotes', () => {
  it('gives a single head its notes unchanged, in order', () => {
    expect(mergedSolverNotes([{ notes: ['b', 'a'] }], name)).toEqual(['b', 'a']);
  });

  it('states a note every head shares once, then each head\'s own notes by name', () => {
    const heads = [{ notes: ['sampled', 'stalled at 1e-5'] }, { notes: ['sampled'] }, { notes: ['pruned 2', 'sampled'] }];
    expect(mergedSolverNotes(heads, name)).toEqual(['sampled', 'Class 1: stalled at 1e-5', 'Class 3: pruned 2']);
  });

  it('treats heads without notes (runs saved before heads had them) and non-lists as having none', () => {
    expect(mergedSolverNotes([{}, { notes: ['x'] }], name)).toEqual(['Class 2: x']);
    expect(mergedSolverNotes([{ notes: 'x' as unknown as string[] }], name)).toEqual([]);
    expect(mergedSolverNotes([], name)).toEqual([]);
  });

  it('does not repeat a shared note that one head lists twice', () => {
    expect(mergedSolverNotes([{ notes: ['a', 'a'] }, { notes: ['a'] }], name)).toEqual(['a']);
  });

  it('merges the technical details the same way, apart from the notes', () => {
    const heads = [{ notes: ['n'], details: ['shared', 'own 1'] }, { details: ['shared'] }];
    expect(mergedSolverDetails(heads, name)).toEqual(['shared', 'Class 1: own 1']);
    expect(mergedSolverNotes(heads, name)).toEqual(['Class 1: n']);
  });
});
