import { defineStore } from 'pinia';
import { onScopeDispose, ref, shallowRef } from 'vue';
import type { ImportedModelInfo, ModelExportFormat } from '../../src-core/contract/export-types';
import type { RunRecordSummary, WorkspaceInfo, WorkspaceProblem } from '../../src-core/contract/run-history';
import { useApiClient } from '../api/api-client-injection';
import { useToastsStore } from './toasts';

/**
 * The saved runs of the workspace (newest first) and the models imported this session: what the
 * Export screen can export or predict with. The list re-reads itself when a run is saved and
 * when the connection to the back end returns.
 */
export const useRunsStore = defineStore('runs', () => {
  const api = useApiClient();
  const toasts = useToastsStore();
  const runs = shallowRef<readonly RunRecordSummary[]>([]);
  const problems = shallowRef<readonly WorkspaceProblem[]>([]);
  /** Where the runs are saved (shown, never sent back as a path). */
  const workspaceFolder = ref<string | null>(null);
  const imported = shallowRef<readonly ImportedModelInfo[]>([]);
  /** An export asked for from the desktop menu (File > Export Model as ONNX…), done by the Export screen. */
  const requestedExport = ref<ModelExportFormat | null>(null);

  function requestExport(format: ModelExportFormat): void {
    requestedExport.value = format;
  }

  async function refresh(): Promise<void> {
    try {
      const [listing, info] = await Promise.all([api.listRuns({}), api.workspaceInfo()]);
      runs.value = listing.runs;
      problems.value = listing.problems;
      workspaceFolder.value = info.folder;
    } catch (error) {
      toasts.showError('Could not read the run history', error);
    }
  }

  function addImported(info: ImportedModelInfo): void {
    imported.value = [info, ...imported.value.filter((m) => m.importedModelId !== info.importedModelId)];
  }

  const stopEvents = api.onEvent((name, payload) => {
    if (name === 'workspace.changed') {
      workspaceFolder.value = (payload as WorkspaceInfo).folder;
      void refresh();
    }
    if (name !== 'run.saved') return;
    const saved = payload as RunRecordSummary;
    runs.value = [saved, ...runs.value.filter((r) => r.runId !== saved.runId)];
  });
  const stopConnection = api.onConnectionChange((connected) => {
    if (connected) void refresh();
  });
  onScopeDispose(() => {
    stopEvents();
    stopConnection();
  });

  return { runs, problems, workspaceFolder, imported, requestedExport, refresh, addImported, requestExport };
});
