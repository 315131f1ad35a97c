// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { DatasetRows } from '../../../../src-core/contract/dataset-types';
import VirtualRowTable from '../../../../src-renderer/components/data/VirtualRowTable.vue';
import { settle } from '../../support/test-app';

function mountRows(columns: string[], rows: string[][]) {
  const fetchRows = (offset: number, limit: number): Promise<DatasetRows> =>
    Promise.resolve({ offset, columns, rows: rows.slice(offset, offset + limit), totalRows: rows.length });
  return mount(VirtualRowTable, { props: { datasetId: 'd', columns, totalRows: rows.length, fetchRows } });
}

describe('VirtualRowTable', () => {
  it('right-aligns the numeric columns and their headers, and leaves text columns left', async () => {
    const wrapper = mountRows(['x', 'city', 'label'], [['1.5', 'Oslo', 'yes'], ['', 'Rome', 'no'], ['-2e-3', '12b', 'no']]);
    await settle(5);
    const numeric = (cells: { classes(): string[] }[]) => cells.map((cell) => cell.classes().includes('numeric'));
    // The row number first (always right-aligned by its own class).
    expect(numeric(wrapper.findAll('thead th')).slice(1)).toEqual([true, false, false]);
    const rows = wrapper.findAll('tbody tr.virtual-rows__row');
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(numeric(row.findAll('td')).slice(1)).toEqual([true, false, false]);
  });

  it('says all the rows are shown when they fit', async () => {
    const wrapper = mountRows(['x'], [['1'], ['2'], ['3']]);
    await settle(5);
    expect(wrapper.get('[data-testid="rows-shown"]').text()).toBe('All 3 rows.');
  });

  it('says why when the rows cannot be read, instead of showing "…" for ever', async () => {
    const fetchRows = (): Promise<DatasetRows> => Promise.reject(new Error('The dataset "d" is no longer loaded; load it again.'));
    const wrapper = mount(VirtualRowTable, { props: { datasetId: 'd', columns: ['x'], totalRows: 40, fetchRows } });
    await settle(5);
    expect(wrapper.get('[role="alert"]').text()).toBe('Could not read the rows: The dataset "d" is no longer loaded; load it again.');
  });
});
