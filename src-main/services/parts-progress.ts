import type { JobProgress } from '../../src-core/contract/operations';

/**
 * The progress of a job run as parts on several workers (job-parts.ts, and the command line's
 * cli-workers.ts): the fraction is the mean over the parts' own fractions (by slot); the events
 * shown follow one part at a time, so live charts and progress lines show one solve and not
 * several interleaved. The first part to report is followed; when it ends, the part started last
 * is followed next: of the running parts it has run the shortest, so the least of its curve is
 * missing from the chart.
 */
export class PartsProgress {
  private fractions: number[];
  private lead: string | null = null;
  /** The running parts, in the order they started. */
  private readonly running: string[] = [];
  /** A part has been followed already (the first one is whichever reports first). */
  private followed = false;

  constructor(slots: number) {
    this.fractions = new Array<number>(slots).fill(0);
  }

  /** Sets the number of slots once the parts are known (the fractions so far are kept). */
  setSlots(count: number): void {
    this.fractions = Array.from({ length: count }, (_, i) => this.fractions[i] ?? 0);
  }

  started(id: string): void {
    this.running.push(id);
  }

  /** Part `id` ended; `done`: its slot is complete (a failed part's is not). */
  ended(id: string, slot: number, done: boolean): void {
    const at = this.running.indexOf(id);
    if (at >= 0) this.running.splice(at, 1);
    if (this.lead === id) this.lead = null;
    if (done) this.fractions[slot] = 1;
  }

  /** Part `id`'s event as the job's (its fraction the mean over the slots), or null when another part is followed. */
  report(id: string, slot: number, progress: JobProgress): JobProgress | null {
    this.fractions[slot] = Math.min(1, Math.max(0, progress.fraction));
    if (this.lead === null && (!this.followed || id === this.running[this.running.length - 1])) {
      this.lead = id;
      this.followed = true;
    }
    if (this.lead !== id) return null;
    return { ...progress, fraction: this.fractions.reduce((s, f) => s + f, 0) / this.fractions.length };
  }
}
