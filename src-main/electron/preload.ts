import { contextBridge, ipcRenderer } from 'electron';
import { createContractApi } from './preload-api';

/**
 * Exposes exactly the typed contract as `window.api` (see preload-api.ts) and nothing else. The
 * preload runs sandboxed, so it is bundled as CommonJS and requires only 'electron' at run time.
 */
contextBridge.exposeInMainWorld(
  'api',
  createContractApi(ipcRenderer, (error) => console.error('window.api event listener failed', error)),
);
