import { counted } from '../../src-core/text/counted';
import type { ServiceLogger } from './logger';

/** Most training workers CONVEXNET_WORKERS may ask for. */
export const MAX_TRAINING_WORKERS = 64;

/**
 * How many training workers to run: CONVEXNET_WORKERS when it is a whole number from 1 to
 * MAX_TRAINING_WORKERS, else one per core, but one with `keepOneFree` (the app keeps a core for
 * its own thread and the window; the command line has no window), at least 1. A value it cannot use is logged with what was
 * used instead.
 */
export function trainingWorkerCount(env: Readonly<Record<string, string | undefined>>, cores: number, logger: Pick<ServiceLogger, 'warn'>, keepOneFree = true): number {
  const fallback = Math.max(1, cores - (keepOneFree ? 1 : 0));
  const given = env['CONVEXNET_WORKERS'];
  if (given === undefined || given.trim() === '') return fallback;
  const count = Number(given.trim());
  if (Number.isInteger(count) && count >= 1 && count <= MAX_TRAINING_WORKERS) return count;
  logger.warn(`CONVEXNET_WORKERS must be a whole number from 1 to ${MAX_TRAINING_WORKERS}, got "${given}"; using ${counted(fallback, 'training worker')} (one per core${keepOneFree ? ' but one' : ''}).`);
  return fallback;
}
