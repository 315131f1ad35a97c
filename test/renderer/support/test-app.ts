import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { createApp } from 'vue';
import { apiClientKey } from '../../../src-renderer/api/api-client-injection';
import { createApiClient, type ApiClient } from '../../../src-renderer/api/client';
import type { Transport } from '../../../src-renderer/api/transport';

export interface TestApp {
  readonly pinia: Pinia;
  readonly client: ApiClient;
  /** What `mount(..., { global })` needs for components that use the stores. */
  readonly global: { plugins: [Pinia]; provide: Record<symbol, ApiClient> };
}

/**
 * A fresh Pinia bound to an app that provides an ApiClient over `transport`, so stores can be
 * used directly (setActivePinia) or from mounted components (pass `global`).
 */
export function createTestApp(transport: Transport): TestApp {
  const client = createApiClient(transport);
  const pinia = createPinia();
  const app = createApp({});
  app.provide(apiClientKey, client);
  app.use(pinia);
  setActivePinia(pinia);
  return { pinia, client, global: { plugins: [pinia], provide: { [apiClientKey as symbol]: client } } };
}

/** Lets pending promise callbacks (fake replies, store updates) run. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}
