/** Small statistics and timing helpers of the benchmark suite. */
import type { HistoryPoint, SolveContext } from '../src-core/solvers/solver-types';

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : 0.5 * (sorted[mid - 1]! + sorted[mid]!);
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

/** Least-squares slope of log(y) against log(x): the exponent of a power law y ~ x^slope. */
export function logLogSlope(points: readonly { x: number; y: number }[]): number {
  const usable = points.filter((p) => p.x > 0 && p.y > 0 && Number.isFinite(p.x) && Number.isFinite(p.y));
  if (usable.length < 2) return Number.NaN;
  const lx = usable.map((p) => Math.log(p.x));
  const ly = usable.map((p) => Math.log(p.y));
  const mx = mean(lx);
  const my = mean(ly);
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < lx.length; i++) {
    sxy += (lx[i]! - mx) * (ly[i]! - my);
    sxx += (lx[i]! - mx) ** 2;
  }
  return sxx > 0 ? sxy / sxx : Number.NaN;
}

export function cpuMsNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * A SolveContext that timestamps every iteration. runAdmmLoop calls isCancelled() once after
 * every iteration (after the check, on check iterations), so the differences of consecutive
 * stamps are the durations of single iterations; those that contain no check are pure step
 * costs. Also records a wall-clock stamp at every progress event (every check) for the time
 * axis of solvers whose history times are measured from different origins.
 */
/**
 * The clock of the measured times: wall time (performance.now), or with BENCH_CLOCK=cpu
 * (`npm run bench -- --clock cpu`) this process's CPU time, so that a machine shared with other
 * work still gives the one-core times the targets mean (V8's helper threads count too: CPU time
 * is then slightly pessimistic).
 */
export function benchNow(): number {
  return process.env['BENCH_CLOCK'] === 'cpu' ? cpuMsNow() : performance.now();
}

/** Runs `work`: its value, its time in the run's clock (benchNow) and the process CPU time it took. */
export function measured<T>(work: () => T): { value: T; ms: number; cpuMs: number } {
  const cpu0 = cpuMsNow();
  const t0 = benchNow();
  const value = work();
  const ms = benchNow() - t0;
  return { value, ms, cpuMs: cpuMsNow() - cpu0 };
}

export function benchClockName(): 'wall' | 'cpu' {
  return process.env['BENCH_CLOCK'] === 'cpu' ? 'cpu' : 'wall';
}

export class IterationClock {
  readonly wall: number[] = [];
  readonly cpu: number[] = [];
  readonly progress: { atMs: number; objective: number; relativeGap?: number; trainAccuracy?: number; iteration: number }[] = [];
  private origin = benchNow();

  /** Sets the origin of progress times (call right before the solver). */
  start(): void {
    this.origin = benchNow();
    this.wall.length = 0;
    this.cpu.length = 0;
    this.progress.length = 0;
  }

  context(): SolveContext {
    return {
      now: () => benchNow(),
      isCancelled: () => {
        this.wall.push(benchNow());
        this.cpu.push(cpuMsNow());
        return false;
      },
      onProgress: (e) => {
        this.progress.push({
          atMs: benchNow() - this.origin,
          objective: e.objective,
          iteration: e.iteration,
          ...(e.relativeGap === undefined ? {} : { relativeGap: e.relativeGap }),
          ...(e.trainAccuracy === undefined ? {} : { trainAccuracy: e.trainAccuracy }),
        });
      },
    };
  }

  /**
   * Durations (wall and CPU, ms) of the iterations that ran no check, given checkEvery and the
   * iteration count. Stamp i (0-based) ends iteration i + 1; iteration 1 has no start stamp.
   */
  stepDurations(checkEvery: number): { wallMs: number[]; cpuMs: number[] } {
    const wallMs: number[] = [];
    const cpuMs: number[] = [];
    // The last stamp is dropped: that iteration may have ended the solve (check, rho change).
    for (let i = 1; i < this.wall.length - 1; i++) {
      const iteration = i + 1;
      // A check runs at the end of iterations that are multiples of checkEvery; the iteration
      // right after a check is clean (its start stamp comes after the check).
      if (iteration % checkEvery === 0) continue;
      wallMs.push(this.wall[i]! - this.wall[i - 1]!);
      cpuMs.push(this.cpu[i]! - this.cpu[i - 1]!);
    }
    return { wallMs, cpuMs };
  }
}

/** Keeps at most `max` points of a trace, always the first and the last. */
export function downsample<T>(points: readonly T[], max: number): T[] {
  if (points.length <= max) return [...points];
  const out: T[] = [];
  for (let i = 0; i < max; i++) out.push(points[Math.round((i * (points.length - 1)) / (max - 1))]!);
  return out;
}

export function round(value: number, digits = 4): number {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Significant-digit rounding for JSON/markdown output (keeps tiny gaps readable). */
export function sig(value: number, digits = 4): number {
  if (!Number.isFinite(value) || value === 0) return value;
  return Number(value.toPrecision(digits));
}

/** When a solve first certified a relative gap at or below `threshold` (one record per threshold). */
export interface GapTime {
  threshold: number;
  reached: boolean;
  /** Iteration (ADMM: of the check; interior-point: Newton step) that first certified it. */
  iteration: number | null;
  /** From the start of training (startMs = pattern sampling + setup, before the solve's clock). */
  timeMs: number | null;
  /** From the start of the solve (the history's own clock). */
  solveElapsedMs: number | null;
}

export function firstGapTimes(history: readonly HistoryPoint[], thresholds: readonly number[], startMs: number): GapTime[] {
  return thresholds.map((threshold) => {
    const hit = history.find((h) => h.relativeGap !== undefined && h.relativeGap <= threshold) ?? null;
    return {
      threshold,
      reached: hit !== null,
      iteration: hit?.iteration ?? null,
      timeMs: hit ? startMs + hit.elapsedMs : null,
      solveElapsedMs: hit?.elapsedMs ?? null,
    };
  });
}
