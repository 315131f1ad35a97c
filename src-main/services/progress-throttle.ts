/**
 * Passes values on at most once per interval, keeping the latest: a value arriving too soon is
 * held and delivered when the interval is over (unless a newer one replaces it first). So the
 * renderer sees at most one progress event per job every 100 ms and never a stale last one.
 */
export class ProgressThrottle<T> {
  private last = -Infinity;
  private pending: { value: T } | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly intervalMs: number,
    private readonly deliver: (value: T) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  push(value: T): void {
    const wait = this.last + this.intervalMs - this.now();
    if (wait <= 0 && this.timer === null) {
      this.emit(value);
      return;
    }
    this.pending = { value };
    this.timer ??= setTimeout(() => this.flushPending(), Math.max(0, wait));
  }

  /** Drops a held value (the job ended; its final state travels in job.updated). */
  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
  }

  private flushPending(): void {
    this.timer = null;
    const pending = this.pending;
    this.pending = null;
    if (!pending) return;
    // Timers may fire a little early; never deliver before the interval is over.
    const wait = this.last + this.intervalMs - this.now();
    if (wait > 0) {
      this.pending = pending;
      this.timer = setTimeout(() => this.flushPending(), wait);
      return;
    }
    this.emit(pending.value);
  }

  private emit(value: T): void {
    this.last = this.now();
    this.deliver(value);
  }
}
