// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { profileColumns } from '../../../../src-core/data/column-profile';
import { rowTable } from '../../../../src-core/data/raw-table';
import ColumnTable from '../../../../src-renderer/components/data/ColumnTable.vue';

describe('ColumnTable', () => {
  it('shortens 5,000-character values in the Values cell, with the start of each in the tooltip', () => {
    const long = (letter: string) => letter.repeat(5000);
    const table = rowTable(['text', 'label'], [[long('a'), 'x'], [long('b'), 'y'], [long('c'), 'x']]);
    const wrapper = mount(ColumnTable, { props: { columns: profileColumns(table), target: 'label', ignored: [] } });
    const values = wrapper.get('tbody tr .column-table__values-text');
    expect(values.text().length).toBeLessThan(300);
    expect(values.text()).toContain(`${'a'.repeat(60)}…`);
    const tooltip = values.attributes('title')!;
    expect(tooltip).toContain(`${'a'.repeat(300)}…`);
    expect(tooltip.length).toBeLessThan(1500);
  });

  it('shows short values whole', () => {
    const table = rowTable(['plan', 'label'], [['basic', 'x'], ['pro', 'y']]);
    const wrapper = mount(ColumnTable, { props: { columns: profileColumns(table), target: 'label', ignored: [] } });
    expect(wrapper.get('tbody tr .column-table__values-text').text()).toBe('basic (1), pro (1)');
  });

  it('lets a long column name break after its underscores, not inside a word', () => {
    const table = rowTable(['flipper_length_mm', 'label'], [['172', 'x'], ['231', 'y']]);
    const wrapper = mount(ColumnTable, { props: { columns: profileColumns(table), target: 'label', ignored: [] } });
    const name = wrapper.get('tbody th[scope="row"]');
    // The scoped-style attribute aside: a break opportunity after each underscore.
    expect(name.html().replace(/ data-v-\w+=""/g, '')).toContain('flipper_<wbr>length_<wbr>mm<wbr>');
    expect(name.text()).toBe('flipper_length_mm');
  });
});
