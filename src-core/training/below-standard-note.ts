import { counted } from '../text/counted';

/** The fields of an epsilon sweep's point the note reads (EpsilonPathPoint and the contract's SweepPointSummary). */
export interface AttackedPoint {
  readonly epsilon?: number;
  readonly pgdScore?: number | null;
  readonly standardPgdScore?: number | null;
  readonly neuronCount: number;
}

/**
 * Says, in plain words, when an epsilon sweep's adversarially trained models score BELOW the
 * standard (epsilon 0) model under the same PGD attack, and why; null when none does.
 *
 * A reader expects adversarial training to be at least as robust as the standard model, so a
 * table showing the opposite looks like a bug. It is not one for the convex robust program
 * (paper-spec 6.2): the program only admits networks whose every neuron stays on or off within
 * epsilon of every training row, so as epsilon grows most sampled patterns can carry no neuron
 * and the model tends to a near-linear one; its certified optimum is the best of THOSE networks,
 * while the standard model is held to no such rule. Measured on two moons (150 training rows,
 * Balanced, 32 patterns, l_inf raw epsilon 0.033): the robust solve is certified (gap 0.07%), its
 * objective 27.7 equals its network's true worst-case training objective, yet the standard
 * network's is at most 4.7 at that radius (test/core/training/epsilon-path-below-standard.test.ts);
 * PGD and the certificate agree on both models (robust 88%, standard 100%). Beta does not change it
 * (0.015 to 0.00015: 88-86%); 128 patterns instead of 32 give 98-100%, so the note names patterns,
 * not beta. Back-propagation's PGD training has no such rule, so its note says only what is seen.
 */
/**
 * `patternsSetting` says where the number of patterns is set ('Advanced settings' on the Train
 * screen, '--patterns' on the command line).
 */
export function belowStandardNote(points: readonly AttackedPoint[], formatScore: (score: number) => string, convexProgram: boolean, patternsSetting: string): string | null {
  const standard = points.find((p) => (p.epsilon ?? 0) === 0);
  const below = points.filter((p) => (p.epsilon ?? 0) > 0 && typeof p.pgdScore === 'number' && typeof p.standardPgdScore === 'number' && p.pgdScore < p.standardPgdScore);
  const first = below[0];
  if (!first) return null;
  const radii = points.filter((p) => (p.epsilon ?? 0) > 0).length;
  const where = below.length === 1 ? 'At one radius' : `At ${below.length} of ${radii} radii`;
  const neurons = standard ? `, with ${counted(first.neuronCount, 'neuron')} against ${standard.neuronCount}` : '';
  const seen = `${where} the adversarially trained model scores below the standard model under the same attack (epsilon ${Number(first.epsilon!.toPrecision(3))}: ${formatScore(first.pgdScore!)} against ${formatScore(first.standardPgdScore!)}${neurons}).`;
  if (!convexProgram) return `${seen} PGD training by back-propagation reaches a local optimum of its own and need not beat the standard model on its own attack.`;
  return `${seen} This is expected of the convex robust program even when its solve is certified: it only admits networks whose every neuron stays on or off within epsilon of every training row, so as epsilon grows most sampled patterns can carry no neuron and the model tends to a near-linear one (see the neuron counts), while the standard model is held to no such rule. Its certificate is relative to those networks. More patterns (${patternsSetting}) give it more neurons to keep and can close the gap.`;
}
