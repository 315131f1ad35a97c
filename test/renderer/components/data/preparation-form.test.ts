// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import PreparationForm from '../../../../src-renderer/components/data/PreparationForm.vue';
import { DEFAULT_PREPARATION_CHOICES, type DataChoices } from '../../../../src-renderer/components/data/data-choices';

const choices: DataChoices = { target: 'y', ignored: [], task: 'auto', preparation: DEFAULT_PREPARATION_CHOICES, classWeightMode: 'manual', manualWeights: [1, 1, 1] };

describe('manual class weights', () => {
  it("are listed in reading order (class_2 before class_10), each still setting its class's weight", async () => {
    const wrapper = mount(PreparationForm, { props: { classNames: ['class_1', 'class_10', 'class_2'], targetChanged: false, modelValue: choices } });
    const labels = wrapper.findAll('.preparation-form__weights label');
    expect(labels.map((l) => l.text())).toEqual(['Weight of class_1', 'Weight of class_2', 'Weight of class_10']);
    await wrapper.get(`#${labels[1]!.attributes('for')!}`).setValue('3');
    const emitted = wrapper.emitted('update:modelValue') as [DataChoices][];
    expect(emitted.at(-1)![0].manualWeights).toEqual([1, 1, 3]);
  });
});
