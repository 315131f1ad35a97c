import { describe, expect, it } from 'vitest';
import { safeFileStem } from '../../../src-main/export/exported-file';

describe('safeFileStem', () => {
  it('keeps letters and digits of every script, and makes one hyphen of anything else', () => {
    // Before: "ünïcødé 日本語 ✓" became "u-ni-c-de" (the Japanese dropped); a workspace audit.
    expect(safeFileStem('ünïcødé 日本語 ✓')).toBe('ünïcødé-日本語');
    expect(safeFileStem('ADMM on moons (β = 0.01)')).toBe('ADMM-on-moons-β-0.01');
    expect(safeFileStem('a/b\\c:d*e?f"g<h>i|j\u0000k\u202el')).toBe('a-b-c-d-e-f-g-h-i-j-k-l');
    expect(safeFileStem('...')).toBe('convexnet-model');
    expect(safeFileStem('x'.repeat(100))).toHaveLength(80);
  });

  it('never gives a Windows device name', () => {
    // Before: "CON" gave CON.json, which Windows cannot create.
    expect(safeFileStem('CON')).toBe('CON-run');
    expect(safeFileStem('lpt1')).toBe('lpt1-run');
    expect(safeFileStem('console')).toBe('console');
  });
});
