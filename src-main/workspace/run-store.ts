import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunListing, RunRecordSummary, StoredRun, WorkspaceInfo, WorkspaceProblem } from '../../src-core/contract/run-history';
import { ConvexNetError, isConvexNetError, messageOf } from '../../src-core/errors';
import { isTempFileName } from '../files/temporary-file';
import { durableWrite } from './durable-write';
import { checkUsableWorkspaceFolder } from './usable-folder';
import { parseRun, RUN_FILE_PATTERN, runFileName, serializeRun } from './run-file';
import type { RunRecordInput } from './run-record';
import { buildStoredRun, matchesSearch } from './run-record';

/** Largest run file read (a run with a very long history is a few tens of MB). */
export const MAX_RUN_FILE_BYTES = 512 * 1024 * 1024;

const RUN_ID_PATTERN = /^run-[A-Za-z0-9-]{1,95}$/;

type CachedEntry = { readonly mtimeMs: number; readonly size: number } & ({ readonly summary: RunRecordSummary } | { readonly problem: string });

/**
 * The run history: one JSON file per finished run in the workspace folder. Every write is
 * durable and atomic (durableWrite), so an interrupted save leaves the previous file intact.
 * Listing reads each file once and caches its summary by modification time and size; a damaged
 * or foreign file is reported in `problems` and skipped, never fatal. Writes are serialized.
 */
export class RunStore {
  private readonly cache = new Map<string, CachedEntry>();
  private writes: Promise<unknown> = Promise.resolve();

  constructor(private folderPath: string) {}

  /** The workspace folder (absolute when given so). */
  get folder(): string {
    return this.folderPath;
  }

  /**
   * Uses another workspace folder from now on (the user chose one); saves already started finish
   * in the old folder first. The runs are not moved: each folder keeps its own history.
   */
  switchTo(folder: string): Promise<WorkspaceInfo> {
    return this.serialized(async () => {
      // Refused with the cause (missing, a file, not writable) before anything is switched.
      await checkUsableWorkspaceFolder(folder);
      this.folderPath = folder;
      this.cache.clear();
      return this.info();
    });
  }

  /** Saves a finished run under a new id and returns its summary. */
  save(input: Omit<RunRecordInput, 'runId' | 'savedAt'> & { readonly savedAt?: number }): Promise<RunRecordSummary> {
    const savedAt = input.savedAt ?? Date.now();
    const run = buildStoredRun({ ...input, runId: newRunId(savedAt), savedAt });
    return this.serialized(async () => {
      await this.write(run);
      return run.summary;
    });
  }

  async list(search?: string): Promise<RunListing> {
    const { summaries, problems } = await this.scan();
    const runs = summaries.filter((s) => matchesSearch(s, search)).sort((a, b) => b.savedAt - a.savedAt || b.runId.localeCompare(a.runId));
    return { runs, problems };
  }

  async get(runId: string): Promise<StoredRun> {
    const path = this.pathOf(runId);
    let text: string;
    try {
      const info = await stat(path);
      if (!info.isFile()) throw new ConvexNetError('workspace/corrupt-run', `Run "${runId}" cannot be opened: its file is not a regular file (a pipe, device or socket).`);
      if (info.size > MAX_RUN_FILE_BYTES) throw new ConvexNetError('workspace/too-large', `Run "${runId}" is ${(info.size / 1e6).toFixed(0)} MB, more than can be opened.`);
      text = await readFile(path, 'utf8');
    } catch (error) {
      if (isConvexNetError(error)) throw error;
      if ((error as { code?: string }).code === 'ENOENT') throw unknownRun(runId);
      throw new ConvexNetError('workspace/io', `Cannot read run "${runId}": ${messageOf(error)}.`);
    }
    try {
      return parseRun(runId, text);
    } catch (error) {
      // parseRun's code says what is wrong (a newer version's file, a foreign one, a damaged one); it is kept.
      const message = `Run "${runId}" cannot be opened: ${messageOf(error)}.`;
      if (isConvexNetError(error)) throw new ConvexNetError(error.code, message, error.details);
      throw new ConvexNetError('workspace/corrupt-run', message);
    }
  }

  rename(runId: string, name: string): Promise<RunRecordSummary> {
    // Control characters and bidirectional overrides are dropped: they were kept and shown as-is
    // in History (a NUL, or U+202E turning the rest of the name around; workspace audit).
    const trimmed = name.replace(/[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu, '').trim();
    if (trimmed.length === 0) return Promise.reject(new ConvexNetError('workspace/invalid-name', 'A run name cannot be empty.'));
    return this.serialized(async () => {
      const run = await this.get(runId);
      const renamed: StoredRun = { ...run, summary: { ...run.summary, name: trimmed } };
      await this.write(renamed);
      return renamed.summary;
    });
  }

  delete(runId: string): Promise<{ deleted: boolean }> {
    return this.serialized(async () => {
      const path = this.pathOf(runId);
      try {
        await stat(path);
      } catch {
        return { deleted: false };
      }
      await rm(path, { force: true });
      this.cache.delete(runFileName(runId));
      return { deleted: true };
    });
  }

  async info(): Promise<WorkspaceInfo> {
    const { summaries, problems } = await this.scan();
    return { folder: this.folder, runCount: summaries.length, problems };
  }

  private async write(run: StoredRun): Promise<void> {
    try {
      await mkdir(this.folder, { recursive: true });
      await durableWrite(this.pathOf(run.summary.runId), serializeRun(run));
    } catch (error) {
      throw new ConvexNetError('workspace/write-failed', `Cannot save run "${run.summary.name}" in the workspace folder ${this.folder}: ${messageOf(error)}.`);
    }
    this.cache.delete(runFileName(run.summary.runId));
  }

  /** Every run file's summary (cached by mtime and size) and every problem found. */
  private async scan(): Promise<{ summaries: RunRecordSummary[]; problems: WorkspaceProblem[] }> {
    let names: string[];
    try {
      names = await readdir(this.folder);
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return { summaries: [], problems: [] };
      throw new ConvexNetError('workspace/io', `Cannot list the workspace folder ${this.folder}: ${messageOf(error)}.`);
    }
    const summaries: RunRecordSummary[] = [];
    const problems: WorkspaceProblem[] = [];
    const present = new Set(names);
    for (const cached of this.cache.keys()) if (!present.has(cached)) this.cache.delete(cached);
    for (const file of names.sort()) {
      // Left by a save that was interrupted (crash, power cut): the previous file is intact.
      // Other hidden files (.DS_Store, editor swap files) are not the user's runs either.
      if (isTempFileName(file)) {
        const removed = await this.removeIfStale(file);
        if (removed) problems.push({ file, reason: removed });
        continue;
      }
      if (file.startsWith('.')) continue;
      const entry = await this.readEntry(file);
      if (entry === null) continue;
      if ('summary' in entry) summaries.push(entry.summary);
      else problems.push({ file, reason: entry.problem });
    }
    return { summaries, problems };
  }

  /**
   * A save's temporary file older than STALE_TEMP_MS was left by a save that never finished (a
   * crash or power cut: the run file before it is intact, a new run was not saved). They piled up
   * unseen, one per interrupted save (workspace audit): removed, and said once. A younger one may
   * be another app's save in progress, and is left alone.
   */
  private async removeIfStale(file: string): Promise<string | null> {
    const path = join(this.folder, file);
    const info = await stat(path).catch(() => null);
    if (!info || !info.isFile() || Date.now() - info.mtimeMs < STALE_TEMP_MS) return null;
    await rm(path, { force: true }).catch(() => undefined);
    return `left by a save that was interrupted ${new Date(info.mtimeMs).toISOString().slice(0, 16).replace('T', ' ')} UTC (that save was lost; earlier runs are intact); removed`;
  }

  private async readEntry(file: string): Promise<CachedEntry | null> {
    const path = join(this.folder, file);
    let info;
    try {
      info = await stat(path);
    } catch {
      // Deleted while listing, or a link to nothing (said, not dropped without a word).
      const link = await lstat(path).catch(() => null);
      return link?.isSymbolicLink() ? { mtimeMs: link.mtimeMs, size: 0, problem: 'a link to a file that does not exist; skipped' } : null;
    }
    if (info.isDirectory()) return { mtimeMs: info.mtimeMs, size: 0, problem: 'a folder, not a run file; skipped' };
    // Never read: a named pipe blocks a file-system thread until a writer comes (the history and
    // then the whole server hung), and a device such as /dev/zero never ends.
    if (!info.isFile()) return { mtimeMs: info.mtimeMs, size: 0, problem: 'not a regular file (a pipe, device or socket); skipped' };
    const cached = this.cache.get(file);
    if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached;
    let entry: CachedEntry;
    if (!RUN_FILE_PATTERN.test(file)) entry = { mtimeMs: info.mtimeMs, size: info.size, problem: 'not a ConvexNet run file (runs are named run-….json); skipped' };
    else if (info.size > MAX_RUN_FILE_BYTES) entry = { mtimeMs: info.mtimeMs, size: info.size, problem: `too large (${(info.size / 1e6).toFixed(0)} MB); skipped` };
    else {
      try {
        const run = parseRun(file.slice(0, -'.json'.length), await readFile(path, 'utf8'));
        entry = { mtimeMs: info.mtimeMs, size: info.size, summary: run.summary };
      } catch (error) {
        entry = { mtimeMs: info.mtimeMs, size: info.size, problem: `${messageOf(error)}; skipped` };
      }
    }
    this.cache.set(file, entry);
    return entry;
  }

  /** The file of a run id; ids come from the renderer, so anything but our own id shape is refused. */
  private pathOf(runId: string): string {
    if (!RUN_ID_PATTERN.test(runId)) throw unknownRun(runId);
    return join(this.folder, runFileName(runId));
  }

  private serialized<T>(task: () => Promise<T>): Promise<T> {
    const next = this.writes.then(task, task);
    this.writes = next.catch(() => undefined);
    return next;
  }
}

/** Age past which a save's temporary file is taken as left by an interrupted save. */
export const STALE_TEMP_MS = 60 * 60 * 1000;

/** run-<UTC date>-<UTC time>-<random>: sorts by time, unique across restarts. */
export function newRunId(savedAt: number): string {
  const stamp = new Date(savedAt).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `run-${stamp}-${randomBytes(4).toString('hex')}`;
}

function unknownRun(runId: string): ConvexNetError {
  return new ConvexNetError('workspace/unknown-run', `There is no saved run "${runId.slice(0, 100)}" in the workspace; it may have been deleted.`);
}
