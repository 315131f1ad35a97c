import type { SolveContext } from '../../src-core/solvers/solver-types';
import { planHeads, trainPlannedHeads } from '../../src-core/training/train-model';
import { solveHeadPath } from '../../src-core/training/head-paths';
import { runFoldPart, sweepBetas } from './run-fold-part';
import type { JobPart, PartDoneReply, RunJobMessage } from './train-protocol';

/**
 * One part of a job split over several workers (JobPart): a fold of its cross-validation, the
 * plan of a one-vs-rest model, one head of it, or one head's path over a sweep's betas. Each computes exactly what the whole job would
 * compute for that piece on one worker, so the combined result is the same.
 */
export function runJobPart(message: RunJobMessage, part: JobPart, context: SolveContext): PartDoneReply {
  const reply = (result: PartDoneReply['part']): PartDoneReply => ({ type: 'part-done', jobId: message.jobId, part: result });
  switch (part.kind) {
    case 'fold':
      return runFoldPart(message, part.fold, context);
    case 'plan':
      return reply({ kind: 'plan', plan: planHeads(message.train, message.options, context) });
    case 'head-path':
      // Its fraction is of its own path (the job combines its parts').
      return reply({ kind: 'head-path', head: part.head, path: solveHeadPath(message.train, message.options, part.plan, part.head, sweepBetas(message.sweep!), context) });
    case 'head': {
      // The plan's pattern networks ran in another part: this part's fraction is its head's own.
      const { heads } = trainPlannedHeads(message.train, message.options, { ...part.plan, phaseShare: 0 }, [part.head], context);
      return reply({ kind: 'head', head: part.head, trained: heads[0]! });
    }
  }
}
