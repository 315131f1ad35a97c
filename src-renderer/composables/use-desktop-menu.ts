import { onScopeDispose } from 'vue';
import type { AppErrorEvent, DatasetSummary, MenuCommandEvent } from '../../src-core/contract/operations';
import { useApiClient } from '../api/api-client-injection';
import { useDatasetsStore } from '../stores/datasets';
import { useNavigationStore } from '../stores/navigation';
import { useThemeStore } from '../stores/theme';
import { useToastsStore } from '../stores/toasts';

/**
 * Reacts to the desktop app's native menu (Electron only; web mode never sends these events):
 * File > Open dataset shows the Data screen and, once the main process has read the chosen
 * file, makes it the current dataset; View > Toggle dark mode switches the theme; File >
 * Export model shows the Export screen. Failures to open a file arrive as 'app.error' toasts.
 */
export function useDesktopMenu(): void {
  const api = useApiClient();
  const datasets = useDatasetsStore();
  const navigation = useNavigationStore();
  const theme = useThemeStore();
  const toasts = useToastsStore();
  const stop = api.onEvent((name, payload) => {
    if (name === 'menu.command') {
      const { command } = payload as MenuCommandEvent;
      if (command === 'open-dataset') navigation.show('data');
      else if (command === 'export-model') navigation.show('export');
      else if (command === 'toggle-theme') theme.toggle();
    } else if (name === 'dataset.opened') {
      datasets.current = payload as DatasetSummary;
      navigation.show('data');
      toasts.show('info', 'Dataset opened', `${(payload as DatasetSummary).name}: ${(payload as DatasetSummary).rowCount} rows; the last column is the target.`);
    } else if (name === 'app.error') {
      const error = payload as AppErrorEvent;
      toasts.show('error', 'Could not open the dataset', error.message, error.code);
    }
  });
  onScopeDispose(stop);
}
