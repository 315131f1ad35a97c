/**
 * Benchmark suite of ConvexNet Studio (`npm run bench`): speed and memory, never unit tests.
 *
 *   npm run bench                      # everything (15-30 minutes on 2 shared cores)
 *   npm run bench -- --quick           # small sizes, a smoke check (about 2 minutes)
 *   npm run bench -- --only target-600 # one case, or a group: kernels, grid, gap, numpy, target, race
 *   npm run bench -- --only grid-n-100000,grid-center --quick   # --only picks from the chosen plan
 *   npm run bench -- --list            # the cases of the plan, nothing run
 *   npm run bench -- --no-numpy        # skip the NumPy baseline (records marked skipped)
 *
 * Every case runs in its own child process (`node --import tsx bench/case.ts <json>`), one after
 * the other, so its peak memory (maxRSS) is its own and the cases do not compete for the cores.
 * Results: bench/results/<timestamp>.json and .md, copied to bench/results/latest.json|md.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gitCommit, loadAverage, machineFacts, sourceFingerprint } from './machine';
import { fullPlan, quickPlan } from './plan';
import { detectPython } from './python';
import { renderMarkdown } from './report';
import { evaluateTargets } from './targets';
import type { BenchReport, CaseOutput, CaseResult, CaseSpec, ChildInput, PythonAvailability } from './types';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..');
const caseScript = join(here, 'case.ts');

interface Options {
  quick: boolean;
  only: string[];
  list: boolean;
  numpy: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { quick: false, only: [], list: false, numpy: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--quick') options.quick = true;
    else if (a === '--list') options.list = true;
    else if (a === '--no-numpy') options.numpy = false;
    else if (a === '--clock' || a.startsWith('--clock=')) {
      const value = a === '--clock' ? argv[++i] : a.slice('--clock='.length);
      if (value !== 'cpu' && value !== 'wall') throw new Error('--clock takes cpu or wall');
      // Read by every case process and the NumPy baseline (they inherit the environment).
      process.env['BENCH_CLOCK'] = value;
    }
    else if (a === '--only' || a.startsWith('--only=')) {
      const value = a === '--only' ? argv[++i] : a.slice('--only='.length);
      if (!value) throw new Error('--only needs a case or group name');
      options.only.push(...value.split(',').map((s) => s.trim()).filter(Boolean));
    } else if (a === '--help' || a === '-h') {
      console.log('usage: npm run bench -- [--quick] [--only name[,name...]] [--list] [--no-numpy] [--clock cpu|wall]');
      process.exit(0);
    } else {
      throw new Error(`unknown option ${a} (try --help)`);
    }
  }
  return options;
}

function selectCases(options: Options): CaseSpec[] {
  const plan = options.quick ? quickPlan() : fullPlan();
  if (options.only.length === 0) return plan.filter((c) => !c.optIn);
  const picked = plan.filter((c) => options.only.some((o) => c.name === o || c.group === o || c.kind === o || (o.endsWith('*') && c.name.startsWith(o.slice(0, -1)))));
  if (picked.length === 0) {
    throw new Error(`--only ${options.only.join(',')} matches no case of the ${options.quick ? 'quick' : 'full'} plan; cases: ${plan.map((c) => c.name).join(', ')}`);
  }
  return picked;
}

function timestamp(): string {
  return new Date().toISOString().replace(/[:]/g, '-').replace(/\.\d+Z$/, 'Z');
}

/** Runs one case in a child process; kills it (by its pid, nothing else) after spec.timeoutMs. */
function runChild(spec: CaseSpec, python: PythonAvailability, workDir: string): Promise<CaseResult> {
  const outFile = join(workDir, `${spec.name}.json`);
  const input: ChildInput = { ...spec, outFile, python };
  const loadStart = loadAverage()[0]!;
  const fingerprint = sourceFingerprint(repoRoot);
  const startedAt = new Date().toISOString();
  const t0 = performance.now();
  return new Promise((resolve) => {
    // detached: the child leads its own process group, so a timeout ends it and the python
    // baseline it may have started (kill of -pid: that group only), nothing else.
    const child = spawn(process.execPath, ['--import', 'tsx', caseScript, JSON.stringify(input)], {
      cwd: repoRoot,
      stdio: ['ignore', 'inherit', 'inherit'],
      detached: true,
    });
    const killGroup = (): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const onInterrupt = (): void => {
      killGroup();
      process.exit(130);
    };
    process.once('SIGINT', onInterrupt);
    let timedOut = false;
    let done = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, spec.timeoutMs);
    const finish = (code: number | null, signal: string | null, spawnError?: Error): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      process.removeListener('SIGINT', onInterrupt);
      const processWallMs = performance.now() - t0;
      const base = { name: spec.name, group: spec.group, kind: spec.kind, description: spec.description, params: spec.params, processWallMs, loadStart, loadEnd: loadAverage()[0]!, sourceFingerprint: fingerprint, startedAt };
      let output: CaseOutput;
      try {
        output = JSON.parse(readFileSync(outFile, 'utf8')) as CaseOutput;
      } catch {
        const why = spawnError
          ? `could not start the child: ${spawnError.message}`
          : timedOut
            ? `timed out after ${spec.timeoutMs / 1000} s (killed)`
            : `child exited with ${code ?? signal} without a result`;
        output = { ok: false, error: why, metrics: {}, maxRssBytes: 0, baselineRssBytes: 0, cpuMs: 0, caseWallMs: processWallMs };
      }
      resolve({ ...base, ...output, cpuShare: output.caseWallMs > 0 ? output.cpuMs / output.caseWallMs : 0 });
    };
    child.on('error', (e) => finish(null, null, e));
    child.on('exit', (code, signal) => finish(code, signal));
  });
}

function summaryLine(r: CaseResult): string {
  const m = r.metrics;
  const bits: string[] = [];
  if (!r.ok) bits.push(`ERROR ${(r.error ?? '').split('\n')[0]}`);
  else if (r.kind === 'admm-iteration') bits.push(`${String(m.linearSystemPath)}, setup ${Number(m.setupMs).toFixed(0)} ms, ${Number(m.msPerIteration).toFixed(1)} ms/iter`);
  else if (r.kind === 'admm-solve') bits.push(`${String(m.status)} gap ${Number(m.relativeGap).toExponential(1)} in ${Number(m.coldTotalMs).toFixed(0)} ms, ${String(m.iterations)} iters`);
  else if (r.kind === 'ipm-solve') bits.push(`${String(m.status)} gap ${Number(m.relativeGap).toExponential(1)} in ${Number(m.coldTotalMs).toFixed(0)} ms, ${String(m.iterations)} Newton steps (median ${Number(m.medianStepMs).toFixed(0)} ms), ${String(m.linearSystemPath)} path`);
  else if (r.kind === 'solver-race') bits.push(`${String(m.status)}, objective ${Number(m.objective).toPrecision(6)}, acc ${String(m.finalTrainAccuracy)}`);
  else if (r.kind === 'kernels') bits.push(`${((m.records as unknown[]) ?? []).length} records`);
  return `${(r.processWallMs / 1000).toFixed(1)} s, max RSS ${(r.maxRssBytes / 1e6).toFixed(0)} MB, load ${r.loadStart}→${r.loadEnd}, CPU share ${r.cpuShare.toFixed(2)}; ${bits.join(' ')}`;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const options = parseArgs(argv);
  const cases = selectCases(options);
  if (options.list) {
    for (const c of cases) console.log(`${c.name.padEnd(22)} ${c.group.padEnd(8)} ${c.description}`);
    return;
  }
  const machine = machineFacts(repoRoot);
  console.log(`ConvexNet bench (${options.quick ? 'quick' : 'full'}${options.only.length ? `, only ${options.only.join(',')}` : ''}): ${cases.length} case(s)`);
  console.log(`${machine.cpuModel}, ${machine.logicalCores} cores, Node ${machine.node}, load ${machine.loadAverageStart.join(' ')}`);
  if (machine.loadAverageStart[0]! > machine.logicalCores - 0.5) {
    console.log(`warning: the machine is busy (load ${machine.loadAverageStart[0]} on ${machine.logicalCores} cores): wall times will be inflated; CPU times are recorded too.`);
  }

  const needsPython = options.numpy && cases.some((c) => c.kind === 'admm-solve' && c.params.numpy);
  const python: PythonAvailability = !options.numpy
    ? { available: false, reason: 'disabled with --no-numpy' }
    : needsPython
      ? detectPython()
      : { available: false, reason: 'no NumPy comparison in the selected cases' };
  if (needsPython) console.log(python.available ? `NumPy baseline: ${JSON.stringify(python.config.info)}` : `NumPy baseline skipped: ${python.reason}`);

  const workDir = mkdtempSync(join(tmpdir(), 'convexnet-bench-run-'));
  const results: CaseResult[] = [];
  try {
    for (let i = 0; i < cases.length; i++) {
      const spec = cases[i]!;
      process.stdout.write(`[${i + 1}/${cases.length}] ${spec.name}: ${spec.description}\n`);
      const r = await runChild(spec, python, workDir);
      results.push(r);
      console.log(`    ${summaryLine(r)}`);
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }

  machine.loadAverageEnd = loadAverage();
  machine.gitCommitEnd = gitCommit(repoRoot);
  machine.sourceFingerprintEnd = sourceFingerprint(repoRoot);
  if (new Set(results.map((r) => r.sourceFingerprint)).size > 1 || machine.sourceFingerprintEnd !== machine.sourceFingerprintStart) {
    console.log('warning: src-core (or bench/cases) changed during the run: the cases did not all measure the same code (see sourceFingerprint per case).');
  }
  machine.finishedAt = new Date().toISOString();
  const report: BenchReport = {
    mode: options.only.length ? 'only' : options.quick ? 'quick' : 'full',
    argv,
    machine,
    python: python.available ? { available: true, info: python.config.info } : { available: false, reason: python.reason },
    targets: evaluateTargets(results, machine.logicalCores),
    cases: results,
  };
  const dir = join(here, 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = timestamp();
  const json = JSON.stringify(report, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2);
  const md = renderMarkdown(report);
  const jsonPath = join(dir, `${stamp}.json`);
  const mdPath = join(dir, `${stamp}.md`);
  writeFileSync(jsonPath, json);
  writeFileSync(mdPath, md);
  copyFileSync(jsonPath, join(dir, 'latest.json'));
  copyFileSync(mdPath, join(dir, 'latest.md'));

  console.log('\nTargets:');
  for (const t of report.targets) {
    const value = t.measured === null ? '—' : `${t.measured}${t.unit ? ` ${t.unit}` : ''}`;
    console.log(`  ${t.verdict.toUpperCase().padEnd(8)} ${t.id}: ${value} (target ${t.target})`);
  }
  console.log(`\nWrote ${relative(repoRoot, jsonPath)} and ${relative(repoRoot, mdPath)} (also latest.json / latest.md).`);
  if (results.some((r) => !r.ok)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
