import { describe, expect, it } from 'vitest';
import { MAX_TRAINING_WORKERS, trainingWorkerCount } from '../../../src-main/services/worker-count';
import { recordingLogger } from './service-helpers';

describe('trainingWorkerCount', () => {
  it('runs one worker per core but one, at least one', () => {
    const logger = recordingLogger();
    expect([1, 2, 8].map((cores) => trainingWorkerCount({}, cores, logger))).toEqual([1, 1, 7]);
    expect(trainingWorkerCount({ CONVEXNET_WORKERS: ' ' }, 4, logger)).toBe(3);
    expect(logger.lines).toEqual([]);
  });

  it('keeps no core free for the command line, which has no window', () => {
    const logger = recordingLogger();
    expect(trainingWorkerCount({}, 4, logger, false)).toBe(4);
    expect(trainingWorkerCount({ CONVEXNET_WORKERS: 'x' }, 4, logger, false)).toBe(4);
    expect(logger.lines).toEqual(['warn CONVEXNET_WORKERS must be a whole number from 1 to 64, got "x"; using 4 training workers (one per core).']);
  });

  it('takes CONVEXNET_WORKERS when it is a whole number in range', () => {
    const logger = recordingLogger();
    expect(trainingWorkerCount({ CONVEXNET_WORKERS: '2' }, 2, logger)).toBe(2);
    expect(trainingWorkerCount({ CONVEXNET_WORKERS: String(MAX_TRAINING_WORKERS) }, 2, logger)).toBe(MAX_TRAINING_WORKERS);
    expect(logger.lines).toEqual([]);
  });

  it.each(['0', '-1', '2.5', 'many', '65'])('logs CONVEXNET_WORKERS=%s and uses the default instead', (value) => {
    const logger = recordingLogger();
    expect(trainingWorkerCount({ CONVEXNET_WORKERS: value }, 4, logger)).toBe(3);
    expect(logger.lines).toEqual([`warn CONVEXNET_WORKERS must be a whole number from 1 to 64, got "${value}"; using 3 training workers (one per core but one).`]);
  });
});
