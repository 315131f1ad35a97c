import { describe, expect, it } from 'vitest';
import { Prng } from '../../../src-core/random/prng';
import { decodeBase64, encodeBase64 } from '../../../src-core/text/base64';

function randomBytes(length: number, seed: number): Uint8Array {
  const prng = new Prng(seed);
  return Uint8Array.from({ length }, () => Math.floor(prng.nextFloat() * 256));
}

describe('base64', () => {
  it('writes what Node writes and reads it back, at every padding and across its chunks', () => {
    for (const length of [0, 1, 2, 3, 4, 5, 31, 32, 33, 8192 * 3 + 1, 100_000]) {
      const bytes = randomBytes(length, length + 1);
      const text = encodeBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      expect(decodeBase64(text)).toEqual({ bytes });
    }
  });

  it('refuses text that is not exactly what it writes, saying why', () => {
    const problem = (text: string) => {
      const decoded = decodeBase64(text);
      return 'problem' in decoded ? decoded.problem : null;
    };
    expect(problem('QUJD')).toBeNull();
    expect(problem('QUJ')).toMatch(/length 3 is not a multiple of 4/);
    expect(problem('QU!D')).toMatch(/character 3 \("!"\) is not a base64 character/);
    expect(problem('QU D')).toMatch(/character 3/);
    expect(problem('QUé=')).toMatch(/character 3/);
    expect(problem('Q=JD')).toMatch(/character 2 \("="\)/);
    expect(problem('====')).toMatch(/character 1/);
    expect(problem('QR==')).toMatch(/bits set that encode nothing/);
    expect(problem('QUJ=')).toMatch(/bits set that encode nothing/);
    expect(problem('QUI=')).toBeNull();
  });
});
