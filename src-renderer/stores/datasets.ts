import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { BuiltInDatasetInfo, DatasetSummary, LoadBuiltInRequest } from '../../src-core/contract/operations';
import { useApiClient } from '../api/api-client-injection';
import { useToastsStore } from './toasts';

export const useDatasetsStore = defineStore('datasets', () => {
  const api = useApiClient();
  const toasts = useToastsStore();

  const builtIns = shallowRef<readonly BuiltInDatasetInfo[]>([]);
  const listLoading = ref(false);
  /** The dataset the Train screen trains on. */
  const current = shallowRef<DatasetSummary | null>(null);
  /** Built-in id being loaded, for the button's busy state. */
  const loadingId = ref<string | null>(null);

  async function fetchBuiltIns(): Promise<void> {
    listLoading.value = true;
    try {
      builtIns.value = await api.listBuiltInDatasets();
    } catch (error) {
      toasts.showError('Could not list the built-in datasets', error);
    } finally {
      listLoading.value = false;
    }
  }

  async function loadBuiltIn(request: LoadBuiltInRequest): Promise<DatasetSummary | null> {
    loadingId.value = request.id;
    try {
      const summary = await api.loadBuiltInDataset(request);
      current.value = summary;
      return summary;
    } catch (error) {
      toasts.showError('Could not load the dataset', error);
      return null;
    } finally {
      loadingId.value = null;
    }
  }

  return { builtIns, listLoading, current, loadingId, fetchBuiltIns, loadBuiltIn };
});
