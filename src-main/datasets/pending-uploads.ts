import { randomUUID } from 'node:crypto';
import { trimOldest } from '../../src-core/collections/trim-oldest';
import { ConvexNetError } from '../../src-core/errors';
import { MAX_INPUT_BYTES } from '../files/files';

/** Uploads kept at once; a new one beyond this drops the oldest unfinished upload. */
export const MAX_PENDING_UPLOADS = 4;

/**
 * An upload with no new piece for this long is dropped and its memory freed. The renderer sends
 * 3 MB pieces one after the other, each as soon as the last was answered, then the import: a
 * gap of more than a few seconds means the back end was busy (a large table's fingerprint, a
 * parse between its slices), and five minutes is far past any of those. What it stops is an
 * abandoned upload (the window closed or reloaded halfway, a client that gave up) holding up to
 * 256 MB, four of them at once, until the app quits.
 */
export const UPLOAD_IDLE_MS = 5 * 60_000;

const TOO_LARGE = `The file is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB, the most that can be opened.`;

/** Ids of dropped uploads remembered to say why a late piece is refused (a few bytes each). */
const REMEMBERED_DROPS = 64;

/** Schedules `callback` after `ms` and returns its cancel; the default is an unref'd setTimeout. */
export type ScheduleTimer = (callback: () => void, ms: number) => () => void;

export interface PendingUploadsOptions {
  /** Milliseconds since some fixed point (default Date.now). */
  readonly now?: () => number;
  readonly schedule?: ScheduleTimer;
  readonly idleMs?: number;
}

interface PendingUpload {
  readonly chunks: Buffer[];
  bytes: number;
  lastPieceAt: number;
}

type DropReason = 'expired' | 'replaced' | 'too-large';

/**
 * Uploaded pieces of data files, gathered per upload id until the import takes them: bounded
 * in size (MAX_INPUT_BYTES), in number (MAX_PENDING_UPLOADS) and in time (UPLOAD_IDLE_MS without
 * a piece). A piece or an import for an upload that was dropped, or never was, is refused with
 * what happened and that the file must be sent again.
 */
export class PendingUploads {
  private readonly uploads = new Map<string, PendingUpload>();
  private readonly dropped = new Map<string, DropReason>();
  private readonly now: () => number;
  private readonly schedule: ScheduleTimer;
  private readonly idleMs: number;
  private cancelTimer: (() => void) | null = null;

  constructor(options: PendingUploadsOptions = {}) {
    this.now = options.now ?? (() => Date.now());
    this.schedule = options.schedule ?? unrefTimer;
    this.idleMs = options.idleMs ?? UPLOAD_IDLE_MS;
  }

  /** Adds a piece to an upload (a new one without an id); the upload's id and its bytes so far. */
  add(uploadId: string | undefined, bytes: Buffer): { uploadId: string; receivedBytes: number } {
    this.dropIdle();
    let id = uploadId;
    let upload: PendingUpload;
    if (id === undefined) {
      id = `upload-${randomUUID()}`;
      upload = { chunks: [], bytes: 0, lastPieceAt: this.now() };
      this.uploads.set(id, upload);
      trimOldest(this.uploads, MAX_PENDING_UPLOADS, (oldest) => this.drop(oldest, 'replaced'));
    } else {
      upload = this.pending(id);
    }
    if (upload.bytes + bytes.length > MAX_INPUT_BYTES) {
      this.drop(id, 'too-large');
      this.arm();
      throw new ConvexNetError('file/too-large', TOO_LARGE);
    }
    upload.chunks.push(bytes);
    upload.bytes += bytes.length;
    upload.lastPieceAt = this.now();
    this.arm();
    return { uploadId: id, receivedBytes: upload.bytes };
  }

  /** The pieces of an upload, for its import; the upload stays until `release`. */
  chunks(uploadId: string): readonly Buffer[] {
    this.dropIdle();
    return this.pending(uploadId).chunks;
  }

  /** Forgets an upload its import took. */
  release(uploadId: string): void {
    this.uploads.delete(uploadId);
    this.arm();
  }

  /** Bytes held by the uploads still pending. */
  heldBytes(): number {
    let total = 0;
    for (const upload of this.uploads.values()) total += upload.bytes;
    return total;
  }

  /** Drops every upload idle for the idle time (the timer does it too, when it fires). */
  dropIdle(): void {
    const now = this.now();
    for (const [id, upload] of this.uploads) if (now - upload.lastPieceAt >= this.idleMs) this.drop(id, 'expired');
  }

  /** Stops the timer (shutting down). */
  dispose(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  private pending(uploadId: string): PendingUpload {
    const upload = this.uploads.get(uploadId);
    if (upload) return upload;
    const again = 'Send the file again from its first piece.';
    const minutes = `${this.idleMs / 60_000} minute${this.idleMs === 60_000 ? '' : 's'}`;
    switch (this.dropped.get(uploadId)) {
      case 'expired':
        throw new ConvexNetError('data/upload-expired', `The upload "${uploadId}" expired: no piece of it arrived for ${minutes}, so what had arrived was dropped. ${again}`);
      case 'too-large':
        throw new ConvexNetError('file/too-large', TOO_LARGE);
      case 'replaced':
        throw new ConvexNetError('data/upload-expired', `The upload "${uploadId}" was dropped unfinished to make room for newer uploads (at most ${MAX_PENDING_UPLOADS} are kept at once). ${again}`);
      default:
        throw new ConvexNetError('data/unknown-upload', `There is no upload "${uploadId}" in progress: it expired (after ${minutes} without a piece), was already imported, or never started. ${again}`);
    }
  }

  private drop(uploadId: string, reason: DropReason): void {
    this.uploads.delete(uploadId);
    this.dropped.set(uploadId, reason);
    trimOldest(this.dropped, REMEMBERED_DROPS);
  }

  /** One timer, for the upload that goes idle first; none while nothing is pending. */
  private arm(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    let first = Infinity;
    for (const upload of this.uploads.values()) first = Math.min(first, upload.lastPieceAt + this.idleMs);
    if (first === Infinity) return;
    // At least a second: an upload the drop missed (a clock that went back) must not spin the timer.
    const delay = Math.max(1000, first - this.now());
    this.cancelTimer = this.schedule(() => {
      this.cancelTimer = null;
      this.dropIdle();
      this.arm();
    }, delay);
  }
}

/** setTimeout that does not keep the process alive (an abandoned upload must not hold the app open). */
function unrefTimer(callback: () => void, ms: number): () => void {
  const timer = setTimeout(callback, ms);
  timer.unref();
  return () => clearTimeout(timer);
}
