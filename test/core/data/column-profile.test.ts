import { describe, expect, it } from 'vitest';
import { HISTOGRAM_BINS, inspectionLeftOut, profileColumns, suggestTarget } from '../../../src-core/data/column-profile';
import type { RawTable } from '../../../src-core/data/raw-table';
import { rowTable, tableRows } from '../../../src-core/data/raw-table';

function table(): RawTable {
  const rows: string[][] = [];
  for (let i = 0; i < 30; i++) {
    rows.push([
      String(1000 + i), // customer_id: consecutive integers
      i % 3 === 0 ? '' : String(i * 1.5), // spend: numeric with gaps
      ['red', 'green', 'blue'][i % 3]!, // color: categorical
      i % 2 ? 'yes' : 'no', // member: boolean
      `2024-01-${String((i % 28) + 1).padStart(2, '0')}`, // joined: dates
      'same', // constant
      `free text number ${i}`, // note: text
      i % 4 === 0 ? 'churned' : 'stayed', // churn: target
    ]);
  }
  return rowTable(['customer_id', 'spend', 'color', 'member', 'joined', 'constant', 'note', 'churn'], rows);
}

describe('profileColumns', () => {
  const profiles = profileColumns(table());
  const byName = Object.fromEntries(profiles.map((p) => [p.name, p]));

  it('infers numeric, categorical, boolean, date and text columns', () => {
    expect(profiles.map((p) => p.kind)).toEqual(['numeric', 'numeric', 'categorical', 'boolean', 'date', 'categorical', 'text', 'categorical']);
  });

  it('counts missing and distinct values and computes numeric statistics on present cells', () => {
    const spend = byName['spend']!;
    expect(spend.missing).toBe(10);
    expect(spend.distinct).toBe(20);
    const values = tableRows(table()).map((r) => r[1]!).filter((c) => c !== '').map(Number);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(spend.stats!.mean).toBeCloseTo(mean, 12);
    expect(spend.stats!.min).toBe(1.5);
    expect(spend.stats!.max).toBe(43.5);
    expect(spend.histogram).toHaveLength(HISTOGRAM_BINS);
    expect(spend.histogram.reduce((a, b) => a + b, 0)).toBe(20);
  });

  it('lists top categories by frequency for non-numeric columns', () => {
    expect(byName['churn']!.topCategories).toEqual([
      { value: 'stayed', count: 22 },
      { value: 'churned', count: 8 },
    ]);
    expect(byName['churn']!.histogram).toEqual([22, 8]);
  });

  it('flags id-like, constant, date and free-text columns and suggests ignoring them', () => {
    expect(byName['customer_id']!.flags).toEqual(['id-like']);
    expect(byName['constant']!.flags).toEqual(['constant']);
    expect(byName['joined']!.flags).toContain('date');
    expect(byName['note']!.flags).toEqual(['id-like']);
    expect(profiles.filter((p) => p.suggestedRole === 'ignore').map((p) => p.name)).toEqual(['customer_id', 'joined', 'constant', 'note']);
    expect(byName['spend']!.flags).toEqual([]);
  });

  it('flags numbers written with thousands separators (read as text) and suggests ignoring them', () => {
    // Every value different, as incomes are: not taken for an identifier.
    const rows = Array.from({ length: 12 }, (_, i) => [i % 3 === 0 ? `${i + 1},${String(100 * i).padStart(3, '0')}` : String(900 + i), i % 2 ? '1,5' : 'x', i % 2 ? 'a' : 'b']);
    const [income, mixed] = profileColumns(rowTable(['income', 'mixed', 'y'], rows));
    expect(income!.kind).not.toBe('numeric');
    expect(income!.flags).toEqual(['thousands-separators']);
    expect(income!.suggestedRole).toBe('ignore');
    // Text beside them, or a decimal comma ("1,5" is not a thousands group): no such flag.
    expect(mixed!.flags).not.toContain('thousands-separators');
    expect(byName['spend']!.flags).not.toContain('thousands-separators');
  });

  it('does not flag a continuous numeric column with all-distinct values', () => {
    const rows = Array.from({ length: 40 }, (_, i) => [String(Math.sin(i) * 10), i % 2 ? 'a' : 'b']);
    expect(profileColumns(rowTable(['x', 'y'], rows))[0]!.flags).toEqual([]);
  });

  it('suggests a target named like one, else the last usable column', () => {
    expect(suggestTarget(profiles)).toBe('churn');
    const unnamed = profileColumns(rowTable(['a', 'b', 'id'], Array.from({ length: 12 }, (_, i) => [String(i % 3), String(i % 2), `r${i}`])));
    expect(suggestTarget(unnamed)).toBe('b');
  });

  it('leaves the flagged candidates out, keeps what is asked, and leaves nothing out when nothing would remain', () => {
    const rows = Array.from({ length: 12 }, (_, i) => [`u${i}`, String(i % 3), 'same', i % 2 ? 'a' : 'b']);
    const profiles = profileColumns(rowTable(['user', 'x', 'constant', 'label'], rows));
    const names = (left: readonly { name: string }[]) => left.map((p) => p.name);
    expect(names(inspectionLeftOut(profiles, ['user', 'x', 'constant']))).toEqual(['user', 'constant']);
    expect(names(inspectionLeftOut(profiles, ['user', 'x', 'constant'], ['constant']))).toEqual(['user']);
    expect(inspectionLeftOut(profiles, ['user', 'constant'])).toEqual([]);
  });
});

describe('profileColumns: non-finite numbers', () => {
  it('flags a numeric column holding NaN, inf or 1e400 and leaves it out, so the default setup trains', () => {
    for (const bad of ['NaN', 'inf', '-Infinity', '1e400']) {
      const rows = Array.from({ length: 20 }, (_, i) => [String(i * 0.5 + 0.25), i === 4 ? bad : String(Math.sin(i)), i % 2 ? 'a' : 'b']);
      const profiles = profileColumns(rowTable(['x', 'b', 'label'], rows));
      const b = profiles.find((p) => p.name === 'b')!;
      // Before: "Numeric, missing 0" and statistics without the cell, no flag; Train then failed.
      expect(b).toMatchObject({ kind: 'numeric', missing: 0, flags: ['non-finite'], suggestedRole: 'ignore' });
      expect(profiles.find((p) => p.name === 'x')!.flags).toEqual([]);
      expect(inspectionLeftOut(profiles, ['x', 'b']).map((c) => c.name)).toEqual(['b']);
    }
  });

  it('does not flag a text column that happens to hold "inf"', () => {
    const rows = Array.from({ length: 20 }, (_, i) => [['inf', 'info', 'out', 'in'][i % 4]!, i % 2 ? 'a' : 'b']);
    const profiles = profileColumns(rowTable(['stage', 'label'], rows));
    expect(profiles[0]!.flags).not.toContain('non-finite');
  });
});

