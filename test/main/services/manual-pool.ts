import type { ContractError } from '../../../src-core/contract/envelope';
import type { JobPartsPool } from '../../../src-main/services/job-parts';
import type { PoolStats, PoolTask } from '../../../src-main/services/worker-pool';
import type { DoneReply, PartDoneReply, RunJobMessage } from '../../../src-main/workers/train-protocol';

/** A pool the test drives by hand: `pump` starts queued tasks on free workers, as WorkerPool does. */
export class ManualPool implements JobPartsPool {
  readonly queue: PoolTask[] = [];
  readonly running = new Map<string, { task: PoolTask; message: RunJobMessage }>();
  readonly terminated: string[] = [];
  constructor(private readonly size: number) {}

  private firstQueued = 0;
  private preparing = 0;

  /** As WorkerPool.submit: `first` goes ahead of the others, after the earlier `first` ones. */
  submit(task: PoolTask, first = false): void {
    if (first) this.queue.splice(this.firstQueued++, 0, task);
    else this.queue.push(task);
  }
  removeQueued(id: string): boolean {
    const index = this.queue.findIndex((t) => t.id === id);
    if (index < 0) return false;
    if (index < this.firstQueued) this.firstQueued--;
    this.queue.splice(index, 1);
    return true;
  }
  terminate(id: string): boolean {
    if (!this.running.has(id)) return false;
    this.terminated.push(id);
    return true;
  }
  stats(): PoolStats {
    return { size: this.size, workers: this.running.size, busy: this.running.size, queued: this.queue.length };
  }
  /** Starts what fits (a task holds its worker while its message is prepared), then lets the parts' deferred scheduling run. */
  async pump(): Promise<void> {
    for (let round = 0; round < 3; round++) {
      while (this.running.size + this.preparing < this.size && this.queue.length > 0) {
        if (this.firstQueued > 0) this.firstQueued--;
        const task = this.queue.shift()!;
        this.preparing++;
        const message = await task.prepare();
        this.preparing--;
        this.running.set(task.id, { task, message });
        task.onStart();
      }
      for (let tick = 0; tick < 10; tick++) await Promise.resolve();
    }
  }
  ids(): string[] {
    return [...this.running.keys()];
  }
  partDone(id: string, part: PartDoneReply['part']): void {
    const { task } = this.running.get(id)!;
    this.running.delete(id);
    task.onDone({ type: 'part-done', jobId: id, part });
  }
  done(id: string, reply: DoneReply): void {
    const { task } = this.running.get(id)!;
    this.running.delete(id);
    task.onDone(reply);
  }
  fail(id: string, error: ContractError): void {
    const { task } = this.running.get(id)!;
    this.running.delete(id);
    task.onFailed(error);
  }
}

