import { onScopeDispose } from 'vue';
import { parseAppErrorEvent } from '../../src-core/contract/app-error-event';
import type { ContractEvents, MenuCommandEvent } from '../../src-core/contract/operations';
import type { WorkspaceInfo } from '../../src-core/contract/run-history';
import { useApiClient } from '../api/api-client-injection';
import { useDatasetsStore } from '../stores/datasets';
import { useNavigationStore } from '../stores/navigation';
import { useRunsStore } from '../stores/runs';
import { useThemeStore } from '../stores/theme';
import { useToastsStore } from '../stores/toasts';

/**
 * Reacts to the desktop app's native menu (Electron only; web mode never sends these events):
 * File > Open dataset shows the Data screen and, once the main process has read the chosen
 * file, makes it the current dataset; View > Toggle dark mode switches the theme; File >
 * Export model shows the Export screen; File > Export Model as ONNX / Export HTML Report show it
 * and download that file of the current run. Failures to open a file arrive as 'app.error' toasts;
 * a workbook whose sheet failed also gets the Data screen's sheet picker (the datasets store
 * keeps the sheets), as an uploaded one does.
 */
export function useDesktopMenu(): void {
  const api = useApiClient();
  const datasets = useDatasetsStore();
  const navigation = useNavigationStore();
  const theme = useThemeStore();
  const toasts = useToastsStore();
  const runs = useRunsStore();
  const stop = api.onEvent((name, payload) => {
    if (name === 'menu.command') {
      const { command } = payload as MenuCommandEvent;
      if (command === 'open-dataset') navigation.show('data');
      else if (command === 'export-model') navigation.show('export');
      else if (command === 'export-onnx' || command === 'export-report') {
        runs.requestExport(command === 'export-onnx' ? 'onnx' : 'html');
        navigation.show('export');
      }
      else if (command === 'toggle-theme') theme.toggle();
    } else if (name === 'dataset.opened') {
      // The file's id stays with the datasets store (currentSource), not in the summary.
      const { openedFile: _openedFile, ...summary } = payload as ContractEvents['dataset.opened'];
      datasets.current = summary;
      navigation.show('data');
      toasts.show('info', 'Dataset opened', `${summary.name}: ${summary.rowCount} rows; suggested target "${summary.targetName}" (change it on the Data screen).`);
    } else if (name === 'app.error') {
      // Checked as a reply is: an event without a code and a message is not shown.
      const error = parseAppErrorEvent(payload);
      if (!error) return;
      toasts.show('error', error.code.startsWith('workspace/') ? 'Could not use the workspace folder' : 'Could not open the dataset', error.message, error.code);
      // Its sheets to choose from are on the Data screen (the user may have gone elsewhere meanwhile).
      if (error.openedFile && error.details?.kind === 'workbook-sheets') navigation.show('data');
    } else if (name === 'workspace.changed') {
      toasts.show('info', 'Workspace folder changed', `Runs are now saved in ${(payload as WorkspaceInfo).folder}.`);
    }
  });
  onScopeDispose(stop);
}
