/**
 * Child-process entry of one benchmark case:
 *
 *   node --import tsx bench/case.ts '<ChildInput JSON>'
 *
 * Runs the case, then writes a CaseOutput (metrics, peak RSS of THIS process, CPU and wall time)
 * to input.outFile. One process per case, so process.resourceUsage().maxRSS is the case's own
 * peak memory. Everything runs on the main thread: the measured work uses one core.
 */
import { writeFileSync } from 'node:fs';
import { runCase } from './cases/index';
import { cpuMsNow } from './stats';
import type { CaseOutput, ChildInput } from './types';

async function main(): Promise<void> {
  const raw = process.argv[2];
  if (!raw) throw new Error('usage: node --import tsx bench/case.ts <case JSON>');
  const input = JSON.parse(raw) as ChildInput;
  const baselineRssBytes = process.resourceUsage().maxRSS * 1024;
  const cpu0 = cpuMsNow();
  const t0 = performance.now();
  let output: CaseOutput;
  try {
    const metrics = await runCase(input);
    output = { ok: true, metrics, maxRssBytes: 0, baselineRssBytes, cpuMs: 0, caseWallMs: 0 };
  } catch (error: unknown) {
    const message = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
    output = { ok: false, error: message, metrics: {}, maxRssBytes: 0, baselineRssBytes, cpuMs: 0, caseWallMs: 0 };
  }
  output.caseWallMs = performance.now() - t0;
  output.cpuMs = cpuMsNow() - cpu0;
  output.maxRssBytes = process.resourceUsage().maxRSS * 1024;
  writeFileSync(input.outFile, JSON.stringify(output, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? null : value)));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
