import type { ModelFile } from '../model/model-file-types';

export interface ModelCertificate {
  /** Plain words: the heads' certificates, or why there is none. */
  readonly text: string;
  /** Summed over heads (one-vs-rest heads are independent programs); null when any head lacks one. */
  readonly objective: number | null;
  readonly lowerBound: number | null;
  readonly relativeGap: number | null;
}

/**
 * The optimality certificate of a model file. One-vs-rest: the sum of the heads' lower bounds
 * bounds the sum of their optima, so the gap is relative to the summed objective.
 */
export function modelCertificate(model: ModelFile): ModelCertificate {
  const texts = model.heads.map((head) => {
    const prefix = head.classIndex === null ? '' : `${model.classNames[head.classIndex] ?? `class ${head.classIndex}`}: `;
    return head.convex ? `${prefix}${head.convex.certificateText}` : `${prefix}no certificate (${model.solver} is not a convex solver)`;
  });
  const objectives = model.heads.map((h) => h.objective);
  const bounds = model.heads.map((h) => h.lowerBound);
  const objective = objectives.every((o) => o !== null) ? objectives.reduce((s, o) => s! + o!, 0)! : null;
  const lowerBound = bounds.every((b) => b !== null) ? bounds.reduce((s, b) => s! + b!, 0)! : null;
  const relativeGap =
    model.heads.length === 1 ? model.heads[0]!.relativeGap : objective !== null && lowerBound !== null ? (objective - lowerBound) / Math.max(Math.abs(objective), Number.MIN_VALUE) : null;
  return { text: texts.join(' '), objective, lowerBound, relativeGap };
}
