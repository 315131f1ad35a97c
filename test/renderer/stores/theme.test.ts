// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import ThemeToggle from '../../../src-renderer/components/ThemeToggle.vue';
import { THEME_STORAGE_KEY, useThemeStore } from '../../../src-renderer/stores/theme';
import { createFakeTransport } from '../support/fake-transport';
import { createTestApp } from '../support/test-app';

describe('theme', () => {
  beforeEach(() => {
    localStorage.clear();
    delete document.documentElement.dataset.theme;
  });

  it('the toggle switches the page theme and remembers the choice', async () => {
    localStorage.setItem(THEME_STORAGE_KEY, 'light');
    const app = createTestApp(createFakeTransport().transport);
    const wrapper = mount(ThemeToggle, { global: app.global });
    const toggle = wrapper.get('[role="switch"]');
    expect(toggle.text()).toContain('Dark theme');
    expect(toggle.attributes('aria-checked')).toBe('false');
    expect(document.documentElement.dataset.theme).toBe('light');

    await toggle.trigger('click');
    await nextTick();

    expect(toggle.attributes('aria-checked')).toBe('true');
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe('dark');
  });

  it('a new session starts with the remembered theme', () => {
    localStorage.setItem(THEME_STORAGE_KEY, 'dark');
    createTestApp(createFakeTransport().transport);
    expect(useThemeStore().theme).toBe('dark');
    expect(document.documentElement.dataset.theme).toBe('dark');

    useThemeStore().toggle();
    createTestApp(createFakeTransport().transport);
    expect(useThemeStore().theme).toBe('light');
  });

  it('ignores a stored value that is not a theme', () => {
    localStorage.setItem(THEME_STORAGE_KEY, 'purple');
    createTestApp(createFakeTransport().transport);
    expect(['light', 'dark']).toContain(useThemeStore().theme);
  });
});
