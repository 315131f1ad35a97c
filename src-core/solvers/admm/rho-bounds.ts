/**
 * The range rho is kept in, by the default rule (its floor), adaptive rho and warm starts alike.
 * Below 1e-8 the u-system I + G^T G + (1/rho) F^T F loses its identity to rounding: at beta
 * 1e-20 (a default rho ~ 1e-21) its Cholesky failed ("not positive definite") instead of the solve
 * running. rho only changes the speed, never the solution.
 */
export const MIN_RHO = 1e-8;
export const MAX_RHO = 1e8;

/** rho within [MIN_RHO, MAX_RHO]. */
export function clampRho(rho: number): number {
  return Math.min(MAX_RHO, Math.max(MIN_RHO, rho));
}
