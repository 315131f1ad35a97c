import { describe, expect, it } from 'vitest';
import { operationNames } from '../../../src-core/contract/operations';
import { ApiError } from '../../../src-renderer/api/api-error';
import { clientOperationNames, createApiClient, operationClients } from '../../../src-renderer/api/client';
import type { Transport } from '../../../src-renderer/api/transport';
import { createFakeTransport, errorEnvelope, okEnvelope } from '../support/fake-transport';
import { binaryDefaults, jobSummary } from '../support/fixtures';

describe('API client', () => {
  it('has exactly one wrapper per contract operation', () => {
    expect([...clientOperationNames].sort()).toEqual([...operationNames].sort());
    expect(new Set(clientOperationNames).size).toBe(clientOperationNames.length);
  });

  it('each typed method calls its own operation with the request as given', async () => {
    const fake = createFakeTransport();
    const client = createApiClient(fake.transport);
    const request = { jobId: 'job-9' };
    for (const [method, entry] of Object.entries(operationClients)) {
      const call = client[method as keyof typeof operationClients] as (request: unknown) => Promise<unknown>;
      await call(request).catch(() => undefined);
      expect(fake.calls.at(-1)).toEqual({ operation: entry.operation, payload: request });
    }
  });

  it('unwraps a success envelope into its value', async () => {
    const fake = createFakeTransport({ 'training.defaults': () => okEnvelope(binaryDefaults) });
    const client = createApiClient(fake.transport);
    await expect(client.trainingDefaults({ datasetId: 'ds-1' })).resolves.toEqual(binaryDefaults);
    expect(fake.callsOf('training.defaults')).toEqual([{ datasetId: 'ds-1' }]);
  });

  it('turns a failure envelope into an ApiError with the code, message and operation', async () => {
    const fake = createFakeTransport({ 'jobs.result': () => errorEnvelope('jobs/not-finished', 'Job "job-1" is still running.') });
    const client = createApiClient(fake.transport);
    const error = await client.jobResult({ jobId: 'job-1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'jobs/not-finished', message: 'Job "job-1" is still running.', operation: 'jobs.result' });
  });

  it("gives the ApiError the reply's details when they are valid, and drops invalid ones but keeps the message", async () => {
    const details = { kind: 'workbook-sheets', sheet: 'Notes', sheets: ['Notes', 'Data'] } as const;
    const reply = (extra: unknown) => ({ ok: false as const, error: { code: 'data/too-few-columns', message: 'book.xlsx, sheet "Notes", has 1 column(s).', details: extra } });
    const withDetails = createFakeTransport({ 'datasets.import': () => reply(details) as never });
    const error = await createApiClient(withDetails.transport).importDataset({ uploadId: 'u', fileName: 'book.xlsx', importId: 'i' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'data/too-few-columns', details });

    const invalid = createFakeTransport({ 'datasets.import': () => reply({ kind: 'workbook-sheets', sheet: 'Notes', sheets: 'Notes, Data' }) as never });
    const dropped = await createApiClient(invalid.transport).importDataset({ uploadId: 'u', fileName: 'book.xlsx', importId: 'i' }).catch((e: unknown) => e);
    expect(dropped).toMatchObject({ code: 'data/too-few-columns', message: 'book.xlsx, sheet "Notes", has 1 column(s).', details: null });
  });

  it('reports an unreachable back end and an unreadable reply as ApiErrors', async () => {
    const throwing: Transport = { ...createFakeTransport().transport, invoke: () => Promise.reject(new TypeError('Failed to fetch')) };
    const unreachable = await createApiClient(throwing).listJobs().catch((e: unknown) => e);
    expect(unreachable).toMatchObject({ code: 'transport/unreachable', operation: 'jobs.list' });
    expect((unreachable as Error).message).toContain('Failed to fetch');

    const garbled: Transport = { ...createFakeTransport().transport, invoke: () => Promise.resolve({ status: 'fine' } as never) };
    await expect(createApiClient(garbled).appInfo()).rejects.toMatchObject({ code: 'transport/malformed-reply' });
  });

  it('passes contract events to listeners and drops unknown names', () => {
    const fake = createFakeTransport();
    const client = createApiClient(fake.transport);
    const seen: string[] = [];
    const stop = client.onEvent((name) => seen.push(name));
    fake.emit('job.updated', jobSummary());
    fake.emit('not.an.event' as 'job.updated', jobSummary());
    stop();
    fake.emit('job.updated', jobSummary());
    expect(seen).toEqual(['job.updated']);
  });
});
