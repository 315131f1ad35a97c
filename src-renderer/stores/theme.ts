import { defineStore } from 'pinia';
import { ref, watchEffect } from 'vue';

export type ThemeName = 'light' | 'dark';

export const THEME_STORAGE_KEY = 'convexnet.theme';

/** The remembered choice, else the system preference. */
function initialTheme(): ThemeName {
  const stored = readStoredTheme();
  if (stored) return stored;
  const prefersDark = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
  return prefersDark ? 'dark' : 'light';
}

function readStoredTheme(): ThemeName | null {
  try {
    const value = localStorage.getItem(THEME_STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    return null;
  }
}

export const useThemeStore = defineStore('theme', () => {
  const theme = ref<ThemeName>(initialTheme());

  watchEffect(() => {
    document.documentElement.dataset.theme = theme.value;
  });

  function setTheme(next: ThemeName): void {
    theme.value = next;
    try {
      localStorage.setItem(THEME_STORAGE_KEY, next);
    } catch {
      // Storage may be unavailable (private mode); the choice still applies to this session.
    }
  }

  function toggle(): void {
    setTheme(theme.value === 'dark' ? 'light' : 'dark');
  }

  return { theme, setTheme, toggle };
});
