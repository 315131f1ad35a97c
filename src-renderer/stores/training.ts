import { defineStore } from 'pinia';
import { ref, shallowRef, toRaw, watch } from 'vue';
import type { SettingValue } from '../../src-core/settings/setting-spec';
import type { TrainOptions } from '../../src-core/training/train-types';
import { useApiClient } from '../api/api-client-injection';
import { solverLabel } from '../format/option-labels';
import { useDatasetsStore } from './datasets';
import { useJobsStore } from './jobs';
import { useToastsStore } from './toasts';

export type EditableTrainOptions = { -readonly [K in keyof TrainOptions]: TrainOptions[K] };

export const DEFAULT_TEST_FRACTION = 0.25;

/** The Train screen's form: the back end's defaults for the current dataset, as edited. */
export const useTrainingStore = defineStore('training', () => {
  const api = useApiClient();
  const toasts = useToastsStore();
  const datasets = useDatasetsStore();
  const jobs = useJobsStore();

  const defaults = shallowRef<TrainOptions | null>(null);
  const options = ref<EditableTrainOptions | null>(null);
  const testFraction = ref(DEFAULT_TEST_FRACTION);
  const defaultsLoading = ref(false);
  const starting = ref(false);

  async function loadDefaults(datasetId: string): Promise<void> {
    defaultsLoading.value = true;
    try {
      const loaded = await api.trainingDefaults({ datasetId });
      defaults.value = loaded;
      options.value = { ...loaded };
      testFraction.value = DEFAULT_TEST_FRACTION;
    } catch (error) {
      toasts.showError('Could not read the default settings', error);
    } finally {
      defaultsLoading.value = false;
    }
  }

  function resetToDefaults(): void {
    if (defaults.value) options.value = { ...defaults.value };
    testFraction.value = DEFAULT_TEST_FRACTION;
  }

  /** Each solver has its own settings: switching drops the previous solver's edits. */
  function setSolver(solver: TrainOptions['solver']): void {
    if (!options.value) return;
    const { solverSettings: _dropped, ...rest } = options.value;
    options.value = { ...rest, solver, ...(solver === defaults.value?.solver && defaults.value.solverSettings ? { solverSettings: defaults.value.solverSettings } : {}) };
  }

  function setSolverSetting(key: string, value: SettingValue): void {
    if (!options.value) return;
    options.value = { ...options.value, solverSettings: { ...options.value.solverSettings, [key]: value } };
  }

  /** Starts a job on the current dataset; the job id, or null when it could not start. */
  async function start(): Promise<string | null> {
    const dataset = datasets.current;
    if (!dataset || !options.value) return null;
    starting.value = true;
    try {
      const request = {
        datasetId: dataset.datasetId,
        // Plain data: Electron's IPC cannot clone reactive proxies.
        options: structuredClone(toRaw(options.value)),
        testFraction: testFraction.value,
        label: `${dataset.name} · ${solverLabel(options.value.solver)}`,
      };
      const { jobId } = await api.startJob(request);
      await jobs.track(jobId);
      return jobId;
    } catch (error) {
      toasts.showError('Could not start training', error);
      return null;
    } finally {
      starting.value = false;
    }
  }

  watch(
    () => datasets.current?.datasetId,
    (datasetId) => {
      if (datasetId) void loadDefaults(datasetId);
      else options.value = null;
    },
    { immediate: true },
  );

  return { defaults, options, testFraction, defaultsLoading, starting, loadDefaults, resetToDefaults, setSolver, setSolverSetting, start };
});
