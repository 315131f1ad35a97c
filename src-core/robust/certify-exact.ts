import { attackObjective, type AttackModel } from './attack-model';
import { worstCaseShift, type ThreatModel } from './threat-model';

/** Most linear systems an exact search may solve per point before it gives up (returns null). */
export const EXACT_VERTEX_LIMIT = 40000;

/**
 * Exact worst case of the attack objective for a single-head model (binary or regression) under
 * an l_inf (box) threat. On the box the network is piecewise linear, linear on every cell cut out
 * by the hyperplanes u_j^T (x + delta) = 0 of the neurons whose sign can change; the objective
 * (a margin, or a convex function of it) is convex on every cell, so its maximum is attained at a
 * vertex of some cell: a point where `p` (= number of perturbable coordinates) of those
 * hyperplanes and box faces meet. All such points are enumerated.
 * Returns null when it would take more than `limit` systems, for l_2 threats and for one-vs-rest
 * models.
 */
export function exactWorstCase(model: AttackModel, threat: ThreatModel, x: ArrayLike<number>, label: number, limit = EXACT_VERTEX_LIMIT): { objective: number; point: Float64Array } | null {
  if (threat.norm !== 'linf' || model.task === 'multiclass') return null;
  const net = model.heads[0]!;
  const d = threat.radii.length;
  const free: number[] = [];
  threat.radii.forEach((r, t) => {
    if (r > 0) free.push(t);
  });
  const p = free.length;
  const grad = new Float64Array(d);
  const scratch = new Float64Array(d);
  const evaluate = (delta: Float64Array): number => {
    const point = Float64Array.from(x, (v, t) => v + delta[t]!);
    return attackObjective(model, point, label, grad, scratch);
  };
  if (p === 0) return { objective: evaluate(new Float64Array(d)), point: Float64Array.from(x) };
  // Constraint rows a^T delta_free = b: ambiguous neurons, then the 2p box faces.
  const rows: { a: Float64Array; b: number }[] = [];
  for (let j = 0; j < net.output.length; j++) {
    let c = 0;
    for (let t = 0; t < d; t++) c += net.hidden.data[j * d + t]! * x[t]!;
    if (Math.abs(c) > worstCaseShift(threat, net.hidden.data, j * d)) continue;
    rows.push({ a: Float64Array.from(free, (t) => net.hidden.data[j * d + t]!), b: -c });
  }
  free.forEach((t, q) => {
    for (const s of [-1, 1]) {
      const a = new Float64Array(p);
      a[q] = 1;
      rows.push({ a, b: s * threat.radii[t]! });
    }
  });
  if (binomial(rows.length, p) > limit) return null;
  let best = { objective: -Infinity, point: Float64Array.from(x) };
  const chosen: number[] = [];
  const delta = new Float64Array(d);
  const visit = (): void => {
    const solution = solveSquare(chosen.map((i) => rows[i]!.a), chosen.map((i) => rows[i]!.b));
    if (!solution) return;
    for (let q = 0; q < p; q++) if (Math.abs(solution[q]!) > threat.radii[free[q]!]! * (1 + 1e-12)) return;
    delta.fill(0);
    free.forEach((t, q) => {
      delta[t] = Math.max(-threat.radii[t]!, Math.min(threat.radii[t]!, solution[q]!));
    });
    const objective = evaluate(delta);
    if (objective > best.objective) best = { objective, point: Float64Array.from(x, (v, t) => v + delta[t]!) };
  };
  const choose = (from: number): void => {
    if (chosen.length === p) {
      visit();
      return;
    }
    for (let i = from; i <= rows.length - (p - chosen.length); i++) {
      chosen.push(i);
      choose(i + 1);
      chosen.pop();
    }
  };
  choose(0);
  return best;
}

/** Exact robustness of a binary prediction under an l_inf threat, or null when exact search is too costly. */
export function certifyExactly(model: AttackModel, threat: ThreatModel, x: ArrayLike<number>, label: number, limit = EXACT_VERTEX_LIMIT): boolean | null {
  if (model.task !== 'binary') return null;
  const worst = exactWorstCase(model, threat, x, label, limit);
  if (worst === null) return null;
  // attack objective -ytil f: label 1 needs f > 0 everywhere (J < 0); label 0 needs f <= 0 (J <= 0).
  return label === 1 ? worst.objective < 0 : worst.objective <= 0;
}

function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

/** Gaussian elimination with partial pivoting; null when (numerically) singular. */
function solveSquare(a: Float64Array[], b: number[]): Float64Array | null {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    if (Math.abs(m[pivot]![c]!) < 1e-12) return null;
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k] = m[r]![k]! - f * m[c]![k]!;
    }
  }
  const out = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r]![n]!;
    for (let k = r + 1; k < n; k++) s -= m[r]![k]! * out[k]!;
    out[r] = s / m[r]![r]!;
  }
  return out;
}

