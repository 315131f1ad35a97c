import { describe, expect, it } from 'vitest';
import { announceRun, createProgressPrinter, formatProgress } from '../../../src-main/cli/progress-printer';
import { iterationUnit } from '../../../src-core/training/solver-support';

const event = { iteration: 12, elapsedMs: 2500, objective: 1.2345678, relativeGap: 0.0123, fraction: 0.12 };

describe('progress lines', () => {
  it('name the solver\'s iterations: Newton steps for the interior-point solver', () => {
    expect(formatProgress(event)).toMatch(/^\[2\.5 s\] iteration 12 \(12% of the budget\), objective 1\.23457, gap 1\.2%/);
    expect(formatProgress(event, iterationUnit('ipm', false))).toMatch(/^\[2\.5 s\] Newton step 12 /);
    // An adversarial ADMM run whose robust program the interior-point method solves says so in its events.
    expect(formatProgress({ ...event, newtonStep: true })).toMatch(/^\[2\.5 s\] Newton step 12 /);
    expect(iterationUnit('admm', false)).toBe('iteration');
    expect(iterationUnit('ipm')).toBe('Newton steps');
    expect(iterationUnit('admm', true, true)).toBe('Newton steps'); // a run that said so
    // The back-propagation networks that give a run's patterns count epochs, and say what they are.
    expect(formatProgress({ ...event, phase: 'patterns' }, iterationUnit('ipm', false), true)).toMatch(/^\[2\.5 s\] patterns by back-propagation, epoch 12 \(12% of the run\), objective 1\.23457/);
    // A run with pattern networks first: its fractions are of the whole run, the solve's too.
    expect(formatProgress({ ...event, newtonStep: true }, 'Newton step', true)).toMatch(/^\[2\.5 s\] Newton step 12 \(12% of the run\)/);
  });

  it('say where a sweep or cross-validation is, and that the share is of the whole run', () => {
    const staged = { ...event, fraction: 0.65, stages: [{ name: 'fold', index: 0, count: 5 }, { name: 'beta', index: 2, count: 8 }] as const };
    expect(formatProgress(staged, 'Newton step')).toMatch(/^\[2\.5 s\] fold 1\/5, beta 3\/8, Newton step 12 \(65% of the run\), objective/);
    expect(formatProgress({ ...staged, head: 1, headCount: 3 })).toMatch(/^\[2\.5 s\] fold 1\/5, beta 3\/8, class 2\/3, iteration 12 /);
  });

  it('throttles to one line per interval', () => {
    let t = 0;
    const lines: string[] = [];
    const print = createProgressPrinter((l) => lines.push(l), () => t, { intervalMs: 500, unit: 'Newton step' });
    for (let k = 0; k < 10; k++) {
      t += 200;
      print({ ...event, iteration: k });
    }
    expect(lines.every((l) => l.includes('Newton step'))).toBe(true);
    expect(lines).toHaveLength(3); // at 600, 1200, 1800 ms
  });

  it('counts the time since the command started, not each phase\'s own elapsed time', () => {
    let t = 3300;
    const lines: string[] = [];
    const print = createProgressPrinter((l) => lines.push(l), () => t, { startedAt: 0, wholeRun: true });
    t += 600;
    print({ ...event, phase: 'patterns', elapsedMs: 500 });
    t += 600;
    // The solve after the pattern phase restarts its own clock; the line does not.
    print({ ...event, elapsedMs: 300 });
    expect(lines.map((l) => l.slice(0, 7))).toEqual(['[3.9 s]', '[4.5 s]']);
  });
});

describe('announceRun', () => {
  it('writes the heading at once, before any progress, so a short run shows it too', () => {
    let t = 1000;
    const written: string[] = [];
    const print = announceRun({ stderr: (l) => written.push(l), now: () => t, startedAt: 0 }, 'Training a binary classifier with ipm.\nSolver chosen for this data: small.', { unit: 'Newton step' });
    expect(written).toEqual(['Training a binary classifier with ipm.\nSolver chosen for this data: small.\n']);
    t += 100;
    print(event); // a run shorter than one interval: no progress line
    expect(written).toHaveLength(1);
    t += 500;
    print(event);
    expect(written[1]).toMatch(/^\[1\.6 s\] Newton step 12 /);
  });
});
