/**
 * Convex losses L(yhat, y) = sum_k w_k * l(yhat_k, y_k) in the "sum over samples" convention of
 * paper-spec.md section 1.2 (w_k = 1 unless sample weights are given, e.g. class weights).
 *
 * Label conventions: squared takes real y; bce takes y in {0, 1} and means p = sigmoid(2 yhat);
 * hinge takes y in {-1, +1}. The predicted class is 1[yhat > 0] for both classification losses.
 */
export type LossName = 'squared' | 'bce' | 'hinge';

export type LabelConvention = 'real' | 'zero-one' | 'plus-minus-one';

export interface Loss {
  readonly name: LossName;
  readonly labels: LabelConvention;
  /** True when the loss is differentiable with a Lipschitz gradient (squared, bce). */
  readonly smooth: boolean;
  /** sup of the second derivative per unit weight (squared 1, bce 1, hinge: Infinity). */
  readonly curvatureBound: number;

  /** L(yhat, y). */
  value(yhat: Float64Array, y: Float64Array, weights?: Float64Array): number;
  /** out_k = dL/dyhat_k (a subgradient for hinge: -w_k y_k where y_k yhat_k < 1, else 0). */
  gradient(yhat: Float64Array, y: Float64Array, out: Float64Array, weights?: Float64Array): void;
  /** out_k = d^2 L / dyhat_k^2 (0 for hinge almost everywhere). */
  secondDerivative(yhat: Float64Array, y: Float64Array, out: Float64Array, weights?: Float64Array): void;
  /**
   * -L*(z), the dual objective piece: L*(z) = sup_t z^T t - L(t, y). Returns -Infinity when z is
   * outside the domain of L*. Any z gives the weak-duality bound used by the certificates.
   */
  negConjugate(z: Float64Array, y: Float64Array, weights?: Float64Array): number;
  /**
   * Proximal map, elementwise: out_k = argmin_t w_k l(t, y_k) + (rho / 2) (t - a_k)^2.
   */
  prox(a: Float64Array, y: Float64Array, rho: number, out: Float64Array, weights?: Float64Array): void;
}
