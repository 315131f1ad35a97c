/**
 * Passes values on at most once per interval, keeping the latest: a value arriving too soon is
 * held and delivered when the interval is over (unless a newer one replaces it first). So the
 * renderer sees at most one progress event per job every 100 ms and never a stale last one.
 *
 * A value for which `mustDeliver` holds (a history point that marks an event, e.g. a working-set
 * restart the charts draw a line at) is never replaced: such values queue up and go out first,
 * one per interval, and the latest ordinary value follows them; at stop() they go at once.
 */
export class ProgressThrottle<T> {
  private last = -Infinity;
  private pending: { value: T } | null = null;
  private readonly marked: T[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly intervalMs: number,
    private readonly deliver: (value: T) => void,
    private readonly now: () => number = () => performance.now(),
    private readonly mustDeliver: (value: T) => boolean = () => false,
  ) {}

  push(value: T): void {
    const wait = this.last + this.intervalMs - this.now();
    if (wait <= 0 && this.timer === null) {
      this.emit(value);
      return;
    }
    if (this.mustDeliver(value)) {
      this.marked.push(value);
      // What was held is older than this value: the charts keep points in order.
      this.pending = null;
    } else {
      this.pending = { value };
    }
    this.timer ??= setTimeout(() => this.flushPending(), Math.max(0, wait));
  }

  /**
   * The job ended: drops a held ordinary value (its final state travels in job.updated) and
   * delivers held marked ones at once, in order (they are what the charts draw lines at).
   */
  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
    for (const value of this.marked.splice(0)) this.emit(value);
  }

  private flushPending(): void {
    this.timer = null;
    // Timers may fire a little early; never deliver before the interval is over.
    const wait = this.last + this.intervalMs - this.now();
    if (wait > 0) {
      if (this.marked.length > 0 || this.pending) this.timer = setTimeout(() => this.flushPending(), wait);
      return;
    }
    const marked = this.marked.shift();
    if (marked !== undefined) {
      this.emit(marked);
    } else if (this.pending) {
      const { value } = this.pending;
      this.pending = null;
      this.emit(value);
    }
    if (this.marked.length > 0 || this.pending) this.timer = setTimeout(() => this.flushPending(), this.intervalMs);
  }

  private emit(value: T): void {
    this.last = this.now();
    this.deliver(value);
  }
}
