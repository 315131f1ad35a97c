import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobSummary } from '../../../src-core/contract/operations';
import { ensureElectronBuild } from '../electron/built-app';
import { scpOptions } from '../services/service-helpers';
import { http } from './web-helpers';

/**
 * `npm run web` as a user runs it, from the electron-vite build (the shell's smoke test shares
 * this build): out/main/web.js starts, prints its URL, serves the built renderer and trains on
 * the bundled worker (out/main/train-worker.js), under plain Node.
 */
let child: ChildProcess;
let url: URL;
let token: string;

beforeAll(async () => {
  const buildDir = await ensureElectronBuild();
  child = spawn(process.execPath, [join(buildDir, 'main', 'web.js'), '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const printed = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`web mode printed no URL in time:\n${out}\n${err}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /ConvexNet Studio web mode: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)\n/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`web mode exited (${code}):\n${out}\n${err}`)));
  });
  url = new URL(printed);
  token = url.searchParams.get('token')!;
}, 240_000);

afterAll(async () => {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
});

describe('web mode from the build', () => {
  it('serves the built renderer to token holders only', async () => {
    const port = Number(url.port);
    expect((await http(port, '/')).status).toBe(403);
    const page = await http(port, `/?token=${token}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/<script type="module"[^>]*src="[^"]*assets\/[^"]+\.js"/);
    const script = /src="\.?(\/?assets\/[^"]+\.js)"/.exec(page.body)![1]!;
    const asset = await http(port, script.startsWith('/') ? script : `/${script}`, { headers: { cookie: String(page.headers['set-cookie']).split(';')[0]! } });
    expect(asset.status).toBe(200);
  });

  it('trains on the bundled worker', async () => {
    const port = Number(url.port);
    const headers = { 'x-convexnet-token': token, 'content-type': 'application/json' };
    const call = async (operation: string, payload?: unknown): Promise<unknown> => {
      const reply = await http(port, `/api/${operation}`, { method: 'POST', headers, ...(payload === undefined ? {} : { body: JSON.stringify(payload) }) });
      const envelope = reply.json as { ok: boolean; value?: unknown; error?: unknown };
      if (!envelope.ok) throw new Error(`${operation}: ${JSON.stringify(envelope.error)}`);
      return envelope.value;
    };
    expect(await call('app.info')).toMatchObject({ transport: 'web', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    const { datasetId } = (await call('datasets.loadBuiltIn', { id: 'two-moons', rows: 80 })) as { datasetId: string };
    const { jobId } = (await call('jobs.start', { datasetId, options: scpOptions('binary'), testFraction: 0.25 })) as { jobId: string };
    let job: JobSummary | undefined;
    for (let tries = 0; tries < 300; tries++) {
      job = ((await call('jobs.list')) as JobSummary[]).find((j) => j.jobId === jobId);
      if (job && (job.state === 'finished' || job.state === 'failed')) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(job).toMatchObject({ state: 'finished', status: 'solved' });
    expect(await call('jobs.result', { jobId })).toMatchObject({ testCount: 20, trainCount: 60 });
  });
});
