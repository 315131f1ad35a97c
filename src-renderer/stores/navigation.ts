import { defineStore } from 'pinia';
import { ref } from 'vue';

export type ScreenName = 'data' | 'train' | 'results' | 'history' | 'export';

export interface ScreenEntry {
  readonly name: ScreenName;
  readonly label: string;
  readonly hint: string;
}

export const screens: readonly ScreenEntry[] = [
  { name: 'data', label: 'Data', hint: 'Choose a dataset' },
  { name: 'train', label: 'Train', hint: 'Settings and start' },
  { name: 'results', label: 'Results', hint: 'Progress and metrics' },
  { name: 'history', label: 'History', hint: 'Saved runs' },
  { name: 'export', label: 'Export', hint: 'Keep and share' },
];

export const useNavigationStore = defineStore('navigation', () => {
  const screen = ref<ScreenName>('data');

  function show(next: ScreenName): void {
    screen.value = next;
  }

  return { screen, show };
});
