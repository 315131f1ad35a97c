/** Markdown rendering of a benchmark report, and the cross-solver summary of the race. */
import type { BenchReport, CaseResult, Metrics } from './types';
import type { GapTime } from './stats';

const MB = 1e6;

function f(v: unknown, digits = 3): string {
  if (v === null || v === undefined) return '—';
  if (typeof v !== 'number') return String(v);
  if (!Number.isFinite(v)) return String(v);
  if (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e7)) return v.toExponential(2);
  if (Math.abs(v) >= 1000) return v.toFixed(0);
  return Number(v.toPrecision(digits)).toString();
}

function table(header: string[], rows: unknown[][]): string {
  const esc = (c: unknown): string => (typeof c === 'string' ? c : f(c)).replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
}

interface TracePoint {
  timeMs: number;
  objective: number;
  trainAccuracy: number | null;
  relativeGap: number | null;
}

export interface RaceSummaryRow {
  loss: string;
  solver: string;
  status: string;
  wallMs: number;
  finalObjective: number;
  finalTrainAccuracy: number | null;
  relativeGap: number | null;
  neurons: number;
  /** Time to an objective within 1% / 0.1% of the best final objective of all solvers on this loss. */
  timeTo1pctMs: number | null;
  timeTo01pctMs: number | null;
  /** Time to a train accuracy within 0.5 points of the best final accuracy of all solvers. */
  timeToAccuracyMs: number | null;
}

/** Per loss: the best final objective / accuracy over the solvers, and when each solver got near it. */
export function raceSummary(cases: CaseResult[]): RaceSummaryRow[] {
  const race = cases.filter((c) => c.kind === 'solver-race' && c.ok);
  const rows: RaceSummaryRow[] = [];
  const losses = [...new Set(race.map((c) => String(c.metrics.loss)))];
  for (const loss of losses) {
    const group = race.filter((c) => c.metrics.loss === loss);
    const traces = group.map((c) => (c.metrics.trace as TracePoint[]) ?? []);
    const finals = traces.map((t) => Math.min(...t.map((p) => p.objective)));
    const best = Math.min(...finals.filter(Number.isFinite));
    const bestAcc = Math.max(...traces.map((t) => Math.max(...t.map((p) => p.trainAccuracy ?? -1))));
    const first = (t: TracePoint[], ok: (p: TracePoint) => boolean): number | null => t.find(ok)?.timeMs ?? null;
    group.forEach((c, i) => {
      const t = traces[i]!;
      const m = c.metrics;
      rows.push({
        loss,
        solver: String(m.solver),
        status: String(m.status),
        wallMs: m.wallMs as number,
        finalObjective: m.objective as number,
        finalTrainAccuracy: (m.finalTrainAccuracy as number | null) ?? null,
        relativeGap: (m.relativeGap as number | null) ?? null,
        neurons: m.neurons as number,
        timeTo1pctMs: first(t, (p) => p.objective <= best + 1e-2 * Math.abs(best)),
        timeTo01pctMs: first(t, (p) => p.objective <= best + 1e-3 * Math.abs(best)),
        timeToAccuracyMs: bestAcc < 0 ? null : first(t, (p) => (p.trainAccuracy ?? -1) >= bestAcc - 0.005),
      });
    });
  }
  return rows;
}

function verdictMark(v: string): string {
  return v === 'pass' ? 'PASS' : v === 'fail' ? '**FAIL**' : v.toUpperCase();
}

/** Table cells: when each threshold's gap was first certified (firstGapTimes), with the step if asked. */
function gapCells(m: Metrics, thresholds: readonly number[], withStep: boolean): string[] {
  const times = (m.gapTimes as GapTime[] | undefined) ?? [];
  return thresholds.map((t) => {
    const g = times.find((x) => x.threshold === t);
    if (!g) return '—';
    if (g.timeMs === null) return 'not reached';
    return withStep ? `${f(g.timeMs)} ms (step ${String(g.iteration)})` : `${f(g.timeMs)} ms`;
  });
}

export function renderMarkdown(report: BenchReport): string {
  const { machine } = report;
  const out: string[] = [];
  out.push(`# ConvexNet Studio benchmark (${report.mode})`, '');
  out.push(`Started ${machine.startedAt}, finished ${machine.finishedAt ?? '?'}; \`${report.argv.join(' ') || '(no options)'}\`.`, '');
  out.push(
    table(
      ['machine', ''],
      [
        ['CPU', `${machine.cpuModel} (${machine.logicalCores} logical cores; ${machine.cpuFlagsOfNote.join(', ')})`],
        ['memory', `${machine.totalMemoryGiB} GiB`],
        ['Node / V8', `${machine.node} / ${machine.v8}`],
        ['OS', `${machine.platform}, kernel ${machine.kernel}`],
        ['commit', `${machine.gitCommit ?? 'unknown'}${machine.gitCommitEnd && machine.gitCommitEnd !== machine.gitCommit ? ` at the start, ${machine.gitCommitEnd} at the end (someone committed during the run)` : ''}`],
        ['source fingerprint (src-core + bench/cases)', `${machine.sourceFingerprintStart} at the start, ${machine.sourceFingerprintEnd ?? '?'} at the end${new Set(report.cases.map((c) => c.sourceFingerprint)).size > 1 ? ' — CHANGED DURING THE RUN: see the per-case fingerprints below' : ''}`],
        ['load average (1, 5, 15 min)', `start ${machine.loadAverageStart.join(', ')}; end ${machine.loadAverageEnd?.join(', ') ?? '?'}`],
        ['clock of the measured times', process.env['BENCH_CLOCK'] === 'cpu' ? 'CPU time of each case process (--clock cpu): one-core times on a shared machine' : 'wall time'],
        ['NumPy baseline', report.python.available ? `${JSON.stringify(report.python.info)}` : `not available: ${report.python.reason ?? ''}`],
      ],
    ),
    '',
    'All measured work runs on one thread (JavaScript main thread; NumPy with OPENBLAS_NUM_THREADS=1). The machine is shared: ' +
      'each case records the load average at its start and end, and CPU time beside wall time.',
    '',
  );

  out.push('## Targets', '');
  out.push(table(['target', 'measured', 'goal', 'verdict', 'detail'], report.targets.map((t) => [t.title, t.measured === null ? '—' : `${t.measured}${t.unit ? ` ${t.unit}` : ''}`, t.target, verdictMark(t.verdict), t.detail])), '');

  const grid = report.cases.filter((c) => c.kind === 'admm-iteration' && c.ok);
  if (grid.length) {
    out.push('## Setup and time per ADMM iteration (grid, one dimension varied at a time)', '');
    out.push('d = features + 1 (bias column). ms/iteration is the median over the timed iterations without a check; setup is solveAdmm\'s setupMs (operators, F^T y, structured factorization).', '');
    const sorted = [...grid].sort((a, b) => num(a.metrics, 'n') - num(b.metrics, 'n') || num(a.metrics, 'd') - num(b.metrics, 'd') || num(a.metrics, 'P') - num(b.metrics, 'P'));
    out.push(
      table(
        ['case', 'n', 'd', 'P', 'path', 'factored / min(n,dP)', 'setup ms', 'ms/iter', 'CPU ms/iter', 'GFLOP/s (model)', 'iters timed', 'max RSS MB', 'load'],
        sorted.map((c) => {
          const m = c.metrics;
          return [c.name, m.n, m.d, m.P, m.linearSystemPath, `${String(m.largestFactoredDimension)} / ${String(m.minNdP)}`, m.setupMs, m.msPerIteration, m.cpuMsPerIteration, m.gflopsPerIteration, m.timedIterations, c.maxRssBytes / MB, `${c.loadStart}→${c.loadEnd} (CPU share ${f(c.cpuShare, 2)})`];
        }),
      ),
      '',
    );
  }

  const solves = report.cases.filter((c) => c.kind === 'admm-solve' && c.ok);
  if (solves.length) {
    out.push('## Solves to a certified gap (time to relative gap, from the history)', '');
    out.push(
      'Times count from the start of training: pattern sampling + setup + iterations (+ checks every 10 iterations) until the first check whose certified relative gap ' +
        '(network objective vs dual lower bound) was at or below the threshold. The solver itself stops only when, in addition, the network matches the convex model ' +
        '(cone consistency), so a run can pass a threshold and go on. First solve in a fresh process (JIT cold).',
      '',
    );
    const thresholds = [1e-2, 1e-3, 1e-4];
    out.push(
      table(
        ['case', 'n', 'd', 'P', 'path', 'status', 'iters', 'final gap', ...thresholds.map((t) => `t(gap ≤ ${t})`), 'total ms (cold)', 'warm ms', 'ms/iter', 'factorizations / time', 'max RSS MB', 'load'],
        solves.map((c) => {
          const m = c.metrics;
          return [
            c.name, m.n, m.d, m.P, m.linearSystemPath, m.status, m.iterations, m.relativeGap,
            ...gapCells(m, thresholds, false),
            m.coldTotalMs, m.warmMedianTotalMs, m.medianStepMs, `${String(m.factorizations)} / ${f(m.factorMs)} ms`, c.maxRssBytes / MB, `${c.loadStart}→${c.loadEnd} (CPU share ${f(c.cpuShare, 2)})`,
          ];
        }),
      ),
      '',
    );
    const withNumpy = solves.filter((c) => c.metrics.numpy);
    if (withNumpy.length) {
      out.push('## TypeScript vs dense NumPy/OpenBLAS Algorithm 3.1', '');
      out.push(
        'NumPy forms A = I + F^T F/rho + G^T G as a dense 2dP x 2dP matrix and Cholesky-factors it (LAPACK); TypeScript factors the decoupled dP system or the n x n Woodbury system. ' +
          '"fixed work" = setup + the TypeScript iteration count x time per iteration (TypeScript: measured setup + solve incl. checks). Ratios are TypeScript / NumPy (< 1: TypeScript faster).',
        '',
      );
      out.push(
        table(
          ['case', 'n', '2dP', 'TS setup ms', 'NP setup ms', 'TS ms/iter', 'NP ms/iter', 'iters', 'TS fixed work ms', 'NP fixed work ms', 'ratio', 'NP to TS objective', 'NP max RSS MB'],
          withNumpy.map((c) => {
            const np = c.metrics.numpy as Metrics;
            if (np.skipped || np.error) return [c.name, c.metrics.n, 2 * num(c.metrics, 'dP'), String(np.reason ?? np.error), '', '', '', '', '', '', '', '', ''];
            const fw = np.fixedWork as Metrics;
            const meas = np.measured as Metrics;
            const raw = np.numpy as Metrics;
            return [
              c.name, c.metrics.n, raw.systemOrder, (np.setupMs as Metrics).typescript, (np.setupMs as Metrics).numpy, (np.stepMs as Metrics).typescript, (np.stepMs as Metrics).numpy,
              fw.iterations, fw.typescriptWarmMs ?? fw.typescriptColdMs, fw.numpyMs, fw.ratio,
              meas.numpyReached ? `${f(meas.numpyTimeToTargetMs)} ms / ${String(meas.numpyIterationsToTarget)} it` : 'not reached', num(raw, 'maxRssBytes') / MB,
            ];
          }),
        ),
        '',
      );
    }
  }

  const ipm = report.cases.filter((c) => c.kind === 'ipm-solve' && c.ok);
  if (ipm.length) {
    out.push('## Interior-point solves (same problems as the ADMM target cases)', '');
    out.push(
      'solveIpm on the problem its ADMM twin solves (same builder and seed). Every Newton step is certified with the same dual certificate as ADMM; times count from the start ' +
        'of training: pattern sampling + setup + Newton steps until the first step whose certified relative gap was at or below the threshold. A step (median, wall and CPU) ' +
        'includes its factorization, the predictor and corrector solves and the certification. First solve in a fresh process (JIT cold).',
      '',
    );
    const thresholds = [1e-2, 1e-3, 1e-4];
    out.push(
      table(
        ['case', 'n', 'd', 'P', 'path', 'status', 'Newton steps', 'final gap', ...thresholds.map((t) => `t(gap ≤ ${t})`), 'total ms (cold)', 'setup ms', 'steps ms', 'ms/step', 'CPU ms/step', 'neurons', 'max RSS MB', 'load'],
        ipm.map((c) => {
          const m = c.metrics;
          return [
            c.name, m.n, m.d, m.P, m.linearSystemPath, m.status, m.iterations, m.relativeGap,
            ...gapCells(m, thresholds, true),
            m.coldTotalMs, m.setupMs, m.solveMs, m.medianStepMs, m.cpuStepMs, m.neurons, c.maxRssBytes / MB, `${c.loadStart}→${c.loadEnd} (CPU share ${f(c.cpuShare, 2)})`,
          ];
        }),
      ),
      '',
    );
  }

  const race = raceSummary(report.cases);
  if (race.length) {
    out.push('## Solver race on binary data (time to accuracy, trainModel)', '');
    out.push('Objective = training objective of the delivered network (loss + weight decay, sum over samples); times since trainModel was called (setup included). "best" = best over the solvers for that loss.', '');
    out.push(
      table(
        ['loss', 'solver', 'status', 'wall ms', 'final objective', 'train acc', 'gap', 'neurons', 't(obj ≤ best+1%)', 't(obj ≤ best+0.1%)', 't(acc ≥ best−0.5pt)'],
        race.map((r) => [r.loss, r.solver, r.status, r.wallMs, r.finalObjective, r.finalTrainAccuracy, r.relativeGap, r.neurons, r.timeTo1pctMs, r.timeTo01pctMs, r.timeToAccuracyMs]),
      ),
      '',
    );
  }

  const sources = report.cases.filter((c) => c.kind === 'pattern-source' && c.ok);
  if (sources.length) {
    out.push('## Pattern source: random against back-propagation (mixed data, Balanced preset)', '');
    out.push('trainModel on the prepared training rows; ms from the call (the back-propagation network that gives the patterns included). Objective = training objective (loss + weight decay, sum over rows).', '');
    out.push(
      table(
        ['case', 'run', 'solver', 'status', 'patterns', 'objective', 'gap', 'train acc', 'test acc', 'ms'],
        sources.flatMap((c) => ((c.metrics.runs as Metrics[] | undefined) ?? []).map((r) => [c.name, r.run, r.solver, r.status, r.patterns ?? '', r.objective, r.relativeGap ?? '', r.trainAccuracy, r.testAccuracy, r.ms])),
      ),
      '',
    );
  }

  const mainThread = report.cases.filter((c) => c.kind === 'main-thread' && c.ok);
  if (mainThread.length) {
    out.push('## Main thread while the Train screen asks (bench/cases/main-thread.ts)', '');
    out.push('Longest main-thread task (a 2 ms ticker\'s longest gap; on a loaded machine it includes waits for a core), its busy time and the wall time of each operation, through the services. A built-in dataset is generated in the data worker; the last two operations open a generated CSV of as many rows and inspect it.', '');
    out.push(
      table(
        ['case', 'operation', 'longest task ms', 'busy ms', 'wall ms'],
        mainThread.flatMap((c) => ((c.metrics.operations as Metrics[] | undefined) ?? []).map((o) => [c.name, o.operation, o.longestTaskMs, o.busyMs, o.wallMs])),
      ),
      '',
    );
  }

  const kernels = report.cases.find((c) => c.kind === 'kernels' && c.ok);
  if (kernels) {
    out.push('## Kernels (bench/kernels.ts)', '');
    const recs = (kernels.metrics.records as Record<string, unknown>[]) ?? [];
    out.push(
      table(
        ['record', 'n', 'd', 'm / P', 'seconds', 'GFLOP/s', 'CPU GFLOP/s', 'extra'],
        recs.map((r) => [
          r.name, r.n, r.d, r.m, r.seconds, r.gflops, r.cpuGflops,
          r.name === 'factorBlockSystem' ? `path ${String(r.path)}, factored ${String(r.largestFactoredDimension)} / min ${String(r.minNdP)}, gram ${f(r.gramSeconds)} s, form ${f(r.formSeconds)} s, cholesky ${f(r.choleskySeconds)} s, solve ${f(r.solveSeconds)} s` : '',
        ]),
      ),
      '',
    );
  }

  out.push('## All cases', '');
  out.push(
    table(
      ['case', 'kind', 'ok', 'started', 'process wall s', 'case CPU s', 'CPU share', 'max RSS MB', 'RSS before case MB', 'load start→end', 'source', 'error'],
      report.cases.map((c) => [c.name, c.kind, c.ok ? 'yes' : 'NO', c.startedAt.slice(11, 19), c.processWallMs / 1000, c.cpuMs / 1000, c.cpuShare, c.maxRssBytes / MB, c.baselineRssBytes / MB, `${c.loadStart}→${c.loadEnd}`, c.sourceFingerprint, c.error ? c.error.split('\n')[0] : '']),
    ),
    '',
  );
  return out.join('\n');
}

function num(m: Metrics, key: string): number {
  const v = m[key];
  return typeof v === 'number' ? v : Number.NaN;
}
