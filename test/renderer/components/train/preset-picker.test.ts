// @vitest-environment happy-dom
import { enableAutoUnmount, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { PresetName } from '../../../../src-core/training/presets';
import PresetPicker from '../../../../src-renderer/components/train/PresetPicker.vue';

enableAutoUnmount(afterEach);

/** The picker as TrainScreen uses it: a choice becomes the selected preset. */
function setup(selected: PresetName | null) {
  const wrapper: VueWrapper = mount(PresetPicker, {
    props: { selected, disabled: false, onChoose: (preset: PresetName) => void wrapper.setProps({ selected: preset }) },
    attachTo: document.body,
  });
  const cards = () => wrapper.findAll('[role="radio"]');
  const tabStops = () => cards().filter((card) => card.attributes('tabindex') === '0').map((card) => card.text());
  return { wrapper, cards, tabStops };
}

describe('PresetPicker, a radio group', () => {
  it('has one Tab stop: the checked card, else the first', async () => {
    const { wrapper, tabStops, cards } = setup(null);
    expect(tabStops()).toHaveLength(1);
    expect(tabStops()[0]).toMatch(/^Quick look/);
    await wrapper.setProps({ selected: 'accurate' });
    expect(tabStops()).toHaveLength(1);
    expect(tabStops()[0]).toMatch(/^Most accurate/);
    expect(cards().filter((card) => card.attributes('tabindex') === '-1')).toHaveLength(2);
  });

  it('moves and chooses with the arrow keys (wrapping), Home and End', async () => {
    const { wrapper, cards } = setup('quick');
    const press = async (key: string) => {
      const focused = cards().find((card) => card.element === document.activeElement) ?? cards()[0]!;
      await focused.trigger('keydown', { key });
    };
    (cards()[0]!.element as HTMLElement).focus();
    await press('ArrowRight');
    expect(wrapper.emitted('choose')!.at(-1)).toEqual(['balanced']);
    expect(document.activeElement).toBe(cards()[1]!.element);
    await press('ArrowDown');
    expect(wrapper.emitted('choose')!.at(-1)).toEqual(['accurate']);
    await press('ArrowDown');
    expect(wrapper.emitted('choose')!.at(-1)).toEqual(['quick']);
    expect(document.activeElement).toBe(cards()[0]!.element);
    await press('ArrowLeft');
    expect(wrapper.emitted('choose')!.at(-1)).toEqual(['accurate']);
    await press('Home');
    expect(wrapper.emitted('choose')!.at(-1)).toEqual(['quick']);
    await press('End');
    expect(wrapper.emitted('choose')!.at(-1)).toEqual(['accurate']);
    expect(document.activeElement).toBe(cards()[2]!.element);
    expect(cards()[2]!.attributes('tabindex')).toBe('0');
    await press('ArrowUp');
    expect(wrapper.emitted('choose')!.at(-1)).toEqual(['balanced']);
    // Other keys are left to the button (Space and Enter click it).
    await press('a');
    expect(wrapper.emitted('choose')).toHaveLength(7);
  });
});
