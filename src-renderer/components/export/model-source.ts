import type { ModelSource } from '../../../src-core/contract/export-types';

/** A model source as one string (for a <select>): job:<id>, run:<id> or imported:<id>. */
export type SourceKey = `job:${string}` | `run:${string}` | `imported:${string}`;

export function sourceKey(source: ModelSource): SourceKey {
  if ('jobId' in source) return `job:${source.jobId}`;
  if ('runId' in source) return `run:${source.runId}`;
  return `imported:${source.importedModelId}`;
}

export function sourceOfKey(key: string): ModelSource | null {
  const colon = key.indexOf(':');
  const kind = key.slice(0, colon);
  const id = key.slice(colon + 1);
  if (colon < 0 || id.length === 0) return null;
  if (kind === 'job') return { jobId: id };
  if (kind === 'run') return { runId: id };
  if (kind === 'imported') return { importedModelId: id };
  return null;
}
