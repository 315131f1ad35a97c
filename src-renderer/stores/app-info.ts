import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import type { AppInfo } from '../../src-core/contract/operations';
import { useApiClient } from '../api/api-client-injection';

/** Name, version and transport of the running back end, for the sidebar footer. */
export const useAppInfoStore = defineStore('app-info', () => {
  const api = useApiClient();
  const info = shallowRef<AppInfo | null>(null);

  async function load(): Promise<void> {
    try {
      info.value = await api.appInfo();
    } catch {
      // Every other call fails the same way and says so in a toast; the footer just stays empty.
      info.value = null;
    }
  }

  return { info, load };
});
