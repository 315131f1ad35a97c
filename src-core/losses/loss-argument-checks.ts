import { ConvexNetError } from '../errors';

/** Every array of a loss call has the prediction's length n (messages name the loss and method). */
export function checkLossSizes(loss: string, what: string, n: number, y: Float64Array, out?: Float64Array, weights?: Float64Array): void {
  if (y.length !== n || (out !== undefined && out.length !== n) || (weights !== undefined && weights.length !== n)) {
    throw new ConvexNetError(
      'solver/length-mismatch',
      `${loss}.${what}: expected y, out and weights of length ${n}, got y ${y.length}` +
        `${out === undefined ? '' : `, out ${out.length}`}${weights === undefined ? '' : `, weights ${weights.length}`}.`,
    );
  }
}

/** The prox penalty must be a finite number > 0. */
export function checkProxRho(loss: string, rho: number): void {
  if (!(rho > 0) || !Number.isFinite(rho)) {
    throw new ConvexNetError('solver/invalid-rho', `${loss}.prox: rho must be a finite number > 0, got ${rho}.`);
  }
}
