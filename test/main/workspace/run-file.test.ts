import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRun } from '../../../src-main/workspace/run-file';

const fixture = readFileSync(new URL('../../fixtures/runs/v1-backprop-two-moons.json', import.meta.url), 'utf8');

describe('run files saved by earlier versions', () => {
  it('opens a back-propagation run saved before the summary had its epochs, and counts them', () => {
    const run = parseRun('run-old', fixture);
    expect(run.summary).toMatchObject({ solver: 'backprop', status: 'max-iterations', seed: 6, iterations: 300 });
    expect(run.result.heads[0]!.history).toHaveLength(300);
  });

  it('opens a run whose heads lost their counts (hand-edited) and leaves the count out', () => {
    const json = JSON.parse(fixture) as { result: { heads: Record<string, unknown>[] } };
    for (const head of json.result.heads) delete head['iterations'];
    const run = parseRun('run-edited', JSON.stringify(json));
    expect(run.summary.solver).toBe('backprop');
    expect(run.summary).not.toHaveProperty('iterations');
  });
});
