import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProgressThrottle } from '../../../src-main/services/progress-throttle';

describe('ProgressThrottle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('delivers at most one value per interval and the latest one at the end of it', () => {
    const seen: [number, number][] = [];
    const throttle = new ProgressThrottle<number>(100, (v) => seen.push([Date.now(), v]), () => Date.now());
    const t0 = Date.now();
    throttle.push(1); // immediately
    vi.advanceTimersByTime(10);
    throttle.push(2);
    vi.advanceTimersByTime(30);
    throttle.push(3); // replaces 2
    vi.advanceTimersByTime(100);
    throttle.push(4);
    vi.advanceTimersByTime(500);
    expect(seen.map(([, v]) => v)).toEqual([1, 3, 4]);
    expect(seen.map(([t]) => t - t0)).toEqual([0, 100, 200]);
  });

  it('drops a held value when stopped', () => {
    const seen: number[] = [];
    const throttle = new ProgressThrottle<number>(100, (v) => seen.push(v), () => Date.now());
    throttle.push(1);
    throttle.push(2);
    throttle.stop();
    vi.advanceTimersByTime(1000);
    expect(seen).toEqual([1]);
  });

  it('never drops a value it must deliver: those go first, one per interval, then the latest other one', () => {
    const seen: [number, number][] = [];
    const marked = (v: number): boolean => v >= 100;
    const throttle = new ProgressThrottle<number>(100, (v) => seen.push([Date.now(), v]), () => Date.now(), marked);
    const t0 = Date.now();
    throttle.push(1); // immediately
    vi.advanceTimersByTime(10);
    throttle.push(2);
    throttle.push(101); // replaces nothing, drops the older 2
    throttle.push(3);
    throttle.push(102);
    throttle.push(4);
    vi.advanceTimersByTime(1000);
    expect(seen.map(([, v]) => v)).toEqual([1, 101, 102, 4]);
    expect(seen.map(([t]) => t - t0)).toEqual([0, 100, 200, 300]);
    throttle.push(103); // the interval is over: at once
    expect(seen.at(-1)).toEqual([Date.now(), 103]);
  });

  it('delivers held values it must deliver at once when stopped, and drops the others', () => {
    const seen: number[] = [];
    const throttle = new ProgressThrottle<number>(100, (v) => seen.push(v), () => Date.now(), (v) => v >= 100);
    throttle.push(1);
    throttle.push(101);
    throttle.push(102);
    throttle.push(2);
    throttle.stop();
    expect(seen).toEqual([1, 101, 102]);
    vi.advanceTimersByTime(1000);
    expect(seen).toEqual([1, 101, 102]);
  });
});
