import { describe, expect, it } from 'vitest';
import { ConvexNetError } from '../../../src-core/errors';
import { MAX_PENDING_UPLOADS, PendingUploads, UPLOAD_IDLE_MS } from '../../../src-main/datasets/pending-uploads';

/** A clock the test moves, and timers that fire when it passes them: no test sleeps. */
function manualTime(): { now: () => number; schedule: (callback: () => void, ms: number) => () => void; advance: (ms: number, fire?: boolean) => void; liveTimers: () => number } {
  let time = 1_000_000;
  const timers: { at: number; callback: () => void; live: boolean }[] = [];
  return {
    now: () => time,
    schedule: (callback, ms) => {
      const timer = { at: time + ms, callback, live: true };
      timers.push(timer);
      return () => void (timer.live = false);
    },
    advance: (ms, fire = true) => {
      time += ms;
      if (!fire) return;
      for (const timer of timers) {
        if (!timer.live || timer.at > time) continue;
        timer.live = false;
        timer.callback();
      }
    },
    liveTimers: () => timers.filter((t) => t.live).length,
  };
}

const piece = (size: number): Buffer => Buffer.alloc(size, 7);

function refusal(action: () => unknown): ConvexNetError {
  try {
    action();
  } catch (error) {
    if (error instanceof ConvexNetError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('PendingUploads: idle expiry', () => {
  it('drops an upload with no new piece for the idle time and frees its memory, without another request', () => {
    const time = manualTime();
    const uploads = new PendingUploads({ now: time.now, schedule: time.schedule });
    const { uploadId } = uploads.add(undefined, piece(1000));
    time.advance(UPLOAD_IDLE_MS - 1);
    uploads.add(uploadId, piece(500));
    // Idle time counts from the last piece, not the first.
    time.advance(UPLOAD_IDLE_MS - 1);
    expect(uploads.heldBytes()).toBe(1500);
    time.advance(1);
    expect(uploads.heldBytes()).toBe(0);
    expect(time.liveTimers()).toBe(0);
    const late = refusal(() => uploads.add(uploadId, piece(10)));
    expect(late.code).toBe('data/upload-expired');
    expect(late.message).toBe(`The upload "${uploadId}" expired: no piece of it arrived for 5 minutes, so what had arrived was dropped. Send the file again from its first piece.`);
    // The finish (the import taking the pieces) is refused the same way.
    expect(refusal(() => uploads.chunks(uploadId)).message).toBe(late.message);
  });

  it('drops an idle upload when the next request comes, even if its timer has not fired', () => {
    const time = manualTime();
    const uploads = new PendingUploads({ now: time.now, schedule: time.schedule });
    const { uploadId } = uploads.add(undefined, piece(100));
    time.advance(UPLOAD_IDLE_MS, false);
    expect(refusal(() => uploads.chunks(uploadId)).code).toBe('data/upload-expired');
    expect(uploads.heldBytes()).toBe(0);
  });

  it('keeps an upload that keeps receiving pieces, however long it takes in all', () => {
    const time = manualTime();
    const uploads = new PendingUploads({ now: time.now, schedule: time.schedule });
    const { uploadId } = uploads.add(undefined, piece(100));
    for (let k = 0; k < 10; k++) {
      time.advance(UPLOAD_IDLE_MS - 1000);
      uploads.add(uploadId, piece(100));
    }
    expect(uploads.chunks(uploadId)).toHaveLength(11);
    uploads.release(uploadId);
    expect(time.liveTimers()).toBe(0);
  });
});

describe('PendingUploads: refusals name what happened', () => {
  it('says an upload was dropped for newer ones, and what an unknown id may mean', () => {
    const uploads = new PendingUploads({ schedule: () => () => {} });
    const first = uploads.add(undefined, piece(10)).uploadId;
    for (let k = 0; k < MAX_PENDING_UPLOADS; k++) uploads.add(undefined, piece(10));
    expect(refusal(() => uploads.add(first, piece(10))).message).toBe(
      `The upload "${first}" was dropped unfinished to make room for newer uploads (at most ${MAX_PENDING_UPLOADS} are kept at once). Send the file again from its first piece.`,
    );
    const unknown = refusal(() => uploads.chunks('upload-x'));
    expect(unknown.code).toBe('data/unknown-upload');
    expect(unknown.message).toBe('There is no upload "upload-x" in progress: it expired (after 5 minutes without a piece), was already imported, or never started. Send the file again from its first piece.');
  });
});
