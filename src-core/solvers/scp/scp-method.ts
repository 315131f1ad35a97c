import type { Loss } from '../../losses';

/**
 * Why the SCP method asked for cannot solve the program of `loss`, or null when it can ('auto'
 * always can). FISTA needs a gradient (a smooth loss); the interior-point method solves the hinge
 * program only, which is a linear program. Shared by the solver and the options check that runs
 * before a job is queued, so the two never disagree.
 */
export function scpMethodProblem(requested: string, loss: Pick<Loss, 'name' | 'smooth'>): string | null {
  if (requested === 'fista' && !loss.smooth) {
    return `Method "fista" needs a smooth loss; the ${loss.name} loss is not smooth. Use "auto", "ipm" or "admm".`;
  }
  if (requested === 'ipm' && loss.name !== 'hinge') {
    return `Method "ipm" solves the hinge-loss program only, got the ${loss.name} loss. Use "auto", "fista" or "admm".`;
  }
  return null;
}
