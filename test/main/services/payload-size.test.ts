import { describe, expect, it } from 'vitest';
import { exceedsJsonSize } from '../../../src-main/services/payload-size';

describe('exceedsJsonSize', () => {
  it('agrees with the JSON length of ordinary payloads', () => {
    const payload = { datasetId: 'dataset-1', options: { seed: 12345, beta: 0.01, bias: true, list: [1, 2, 3] }, label: 'x'.repeat(500) };
    const size = JSON.stringify(payload).length;
    expect(exceedsJsonSize(payload, size + 20)).toBe(false);
    expect(exceedsJsonSize(payload, size - 40)).toBe(true);
  });

  it('stops early on huge, sparse, deep and cyclic values', () => {
    expect(exceedsJsonSize(new Array(10_000_000), 1000)).toBe(true);
    let deep: unknown = 0;
    for (let k = 0; k < 100_000; k++) deep = [deep];
    expect(exceedsJsonSize(deep, 1000)).toBe(true);
    expect(exceedsJsonSize(deep, 1_000_000)).toBe(false);
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    expect(exceedsJsonSize(cyclic, 1000)).toBe(true);
    expect(exceedsJsonSize(new Uint8Array(2000), 1000)).toBe(true);
    expect(exceedsJsonSize(undefined, 0)).toBe(false);
  });
});
