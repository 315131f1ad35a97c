// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import NumberField from '../../../src-renderer/components/NumberField.vue';

const rule = { min: 0, max: 1e6, minExclusive: true } as const;

describe('NumberField', () => {
  it('shows computed values without binary noise, and emits what is typed', async () => {
    const wrapper = mount(NumberField, { props: { id: 'beta', label: 'Regularization (beta)', help: 'Larger values...', rule, modelValue: 1e-4 * 300 } });
    const input = wrapper.get('input');
    expect(1e-4 * 300).toBe(0.030000000000000002);
    expect(input.element.value).toBe('0.03');
    await wrapper.setProps({ modelValue: 1.2345678901234e-7 });
    expect(input.element.value).toBe('1.23456789012e-7');
    await input.setValue('0.5');
    expect(wrapper.emitted('update:modelValue')!.at(-1)).toEqual([0.5]);
    await input.setValue('-1');
    expect(wrapper.emitted('update:modelValue')!.at(-1)).toEqual([0.5]);
    expect(input.attributes('aria-invalid')).toBe('true');
  });
});
