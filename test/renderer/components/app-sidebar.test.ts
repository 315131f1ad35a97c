// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { AppInfo } from '../../../src-core/contract/operations';
import AppSidebar from '../../../src-renderer/components/AppSidebar.vue';
import { createFakeTransport, okEnvelope } from '../support/fake-transport';
import { createTestApp, settle } from '../support/test-app';

const info: AppInfo = { name: 'ConvexNet Studio', version: '0.1.0', transport: 'web', cores: 8, totalMemoryBytes: 16e9, trainingWorkers: 7 };

describe('App sidebar', () => {
  it('says the version, the transport and how many training workers run at once, with how to change it', async () => {
    for (const [workers, words, threads] of [[7, '7 training workers', 'on 7 worker threads at once'], [1, '1 training worker', 'on 1 worker thread at once']] as const) {
      const app = createTestApp(createFakeTransport({ 'app.info': () => okEnvelope({ ...info, trainingWorkers: workers }) }).transport);
      const wrapper = mount(AppSidebar, { global: app.global });
      await settle();
      expect(wrapper.get('.app-sidebar__version').text()).toMatch(/^Version 0\.1\.0 · web mode/);
      const workersText = wrapper.get('[data-testid="training-workers"]');
      expect(workersText.text()).toBe(words);
      expect(workersText.attributes('title')).toContain('CONVEXNET_WORKERS=N');
      expect(workersText.attributes('title')).toContain(threads);
      wrapper.unmount();
    }
  });
});
