// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import ToastStack from '../../../src-renderer/components/ToastStack.vue';
import { useDatasetsStore } from '../../../src-renderer/stores/datasets';
import { useToastsStore } from '../../../src-renderer/stores/toasts';
import { createFakeTransport, errorEnvelope } from '../support/fake-transport';
import { createTestApp, settle } from '../support/test-app';

describe('errors become toasts', () => {
  it('a failed operation shows the back end message and code, and can be dismissed', async () => {
    const fake = createFakeTransport({
      'datasets.loadBuiltIn': () => errorEnvelope('data/unknown-dataset', 'There is no built-in dataset "moons3"; choose one from the list.'),
    });
    const app = createTestApp(fake.transport);
    const wrapper = mount(ToastStack, { global: app.global });

    const loaded = await useDatasetsStore().loadBuiltIn({ id: 'moons3' });
    await settle();

    expect(loaded).toBeNull();
    const alert = wrapper.get('[role="alert"]');
    expect(alert.text()).toContain('Could not load the dataset');
    expect(alert.text()).toContain('There is no built-in dataset "moons3"; choose one from the list.');
    expect(alert.text()).toContain('data/unknown-dataset');

    await wrapper.get('button[aria-label^="Dismiss"]').trigger('click');
    expect(wrapper.find('[role="alert"]').exists()).toBe(false);
    expect(useToastsStore().toasts).toHaveLength(0);
  });

  it('an unreachable back end is reported with what to check', async () => {
    const fake = createFakeTransport();
    const app = createTestApp({ ...fake.transport, invoke: () => Promise.reject(new TypeError('Failed to fetch')) });
    void app;
    await useDatasetsStore().fetchBuiltIns();
    const [toast] = useToastsStore().toasts;
    expect(toast).toMatchObject({ kind: 'error', code: 'transport/unreachable', title: 'Could not list the built-in datasets' });
    expect(toast!.message).toContain('still running');
  });

  it('keeps errors until dismissed but only the newest few', () => {
    createTestApp(createFakeTransport().transport);
    const toasts = useToastsStore();
    for (let i = 0; i < 8; i++) toasts.show('error', `Problem ${i}`, 'details');
    expect(toasts.toasts.map((t) => t.title)).toEqual(['Problem 3', 'Problem 4', 'Problem 5', 'Problem 6', 'Problem 7']);
  });
});
