import { describe, expect, it } from 'vitest';
import { ColumnarTableBuilder } from '../../../src-core/data/columnar-table';
import { withMissingMarkers } from '../../../src-core/data/missing-markers';
import { rowTable } from '../../../src-core/data/raw-table';
import { tableForm, type TableForm } from '../../../src-core/data/table-form';
import { decodeStrings, encodeStrings, joinForm, packForm, splitForm, unpackForm } from '../../../src-main/workers/table-shipment';

function drain<T>(generator: Generator<void, T>): { value: T; yields: number } {
  let yields = 0;
  for (let step = generator.next(); ; step = generator.next()) {
    if (step.done) return { value: step.value, yields };
    yields++;
  }
}

describe('table shipment', () => {
  it('sends a form\'s string columns and rows apart and puts them back in place', () => {
    const builder = new ColumnarTableBuilder(['n', 'name', 'code']);
    for (let r = 0; r < 300; r++) builder.append([String(r), `name-${r}`, r % 2 ? 'a' : `b${r}`], r + 2);
    const columnar = tableForm(builder.finish());
    const marked = tableForm(withMissingMarkers(rowTable(['x', 'y'], [['1', 'NA'], ['NA', '2'], ['3', 'z']])).table);
    for (const form of [columnar, marked] as TableForm[]) {
      const { skeleton, bulk } = splitForm(form);
      expect(bulk.length).toBeGreaterThan(0);
      expect(JSON.stringify(skeleton)).not.toContain('name-7');
      expect(joinForm(structuredClone(skeleton), structuredClone(bulk))).toEqual(form);
    }
  });

  it('codes a column of few distinct strings a slice at a time, and leaves one of many as strings', () => {
    const cells = Array.from({ length: 10_000 }, (_, r) => ['red', 'green', '', 'blue'][r % 4]!);
    const { value, yields } = drain(encodeStrings(cells, 1000));
    expect(yields).toBe(9);
    expect(value!.dictionary).toEqual(['red', 'green', '', 'blue']);
    expect(decodeStrings(value!.codes, value!.dictionary)).toEqual(cells);
    // An id column: more distinct values than a dictionary saves.
    expect(drain(encodeStrings(Array.from({ length: 10_000 }, (_, r) => `id-${r}`), 1000)).value).toBeNull();
  });

  it('packs a form in one message: a column of few strings as transferred codes, one of many as its strings', () => {
    const builder = new ColumnarTableBuilder(['x', 'label', 'id']);
    for (let r = 0; r < 5000; r++) builder.append([(r / 3).toFixed(4), `blob${(r % 3) + 1}`, `id-${r}`], r + 1);
    const form = tableForm(builder.finish(false));
    const { packed, transfer } = packForm(form);
    expect(transfer).toHaveLength(1);
    expect(packed.bulk.map((items) => ('codes' in items ? items.dictionary : items.length))).toEqual([['blob1', 'blob2', 'blob3'], 5000]);
    expect(unpackForm(structuredClone(packed, { transfer }))).toEqual(form);
    // A row table's rows go as they are.
    const rows = tableForm(rowTable(['a', 'b'], [['1', 'x'], ['2', 'y']]));
    expect(packForm(rows).transfer).toEqual([]);
    expect(unpackForm(structuredClone(packForm(rows).packed))).toEqual(rows);
  });
});
