/**
 * The active neurons of a whole model: one-vs-rest models are one network per class, and their
 * hidden layers together are the model's (what the results, the comparison and the run report
 * count).
 */
export function modelNeuronCount(heads: readonly { readonly neuronCount: number }[]): number {
  return heads.reduce((sum, head) => sum + head.neuronCount, 0);
}
