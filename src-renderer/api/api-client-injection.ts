import type { InjectionKey } from 'vue';
import { inject } from 'vue';
import type { ApiClient } from './client';

/** The app provides one ApiClient; stores (and tests, with a fake transport) get it here. */
export const apiClientKey: InjectionKey<ApiClient> = Symbol('convexnet-api-client');

export function useApiClient(): ApiClient {
  const client = inject(apiClientKey, null);
  if (!client) throw new Error('No ApiClient provided: call app.provide(apiClientKey, createApiClient(...)) before using the stores.');
  return client;
}
