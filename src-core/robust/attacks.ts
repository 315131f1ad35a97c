import { Prng } from '../random/prng';
import { attackObjective, predictedClassAt, type AttackModel } from './attack-model';
import { projectToUnitBall, type ThreatModel } from './threat-model';

export interface AttackResult {
  /** The worst input found (x + delta, delta in the threat set). */
  readonly point: Float64Array;
  /** The attack objective there (see attackObjective). */
  readonly objective: number;
  /** Classification: some visited point was misclassified. Regression: false. */
  readonly fooled: boolean;
}

export interface PgdOptions {
  /** Steps per start (default 50). */
  readonly steps?: number;
  /** Step length as a fraction of the radius (default 2.5 / steps: the common 2.5 eps / T). */
  readonly stepFraction?: number;
  /** Starts: the first at the clean point, the others random in the threat set, every other one on its boundary (default 10). */
  readonly restarts?: number;
  /** Stop as soon as a point is misclassified (default true; false searches for the largest objective). */
  readonly stopWhenFooled?: boolean;
  readonly seed?: number;
}

export const defaultPgd = { steps: 50, restarts: 10 } as const;

/**
 * Attacks work in eta-space, delta = r .* eta with eta in the unit ball of the norm (see
 * threat-model.ts), so per-feature radii and pinned features need no special projection:
 * grad_eta J = r .* grad_x J, pinned coordinates get zero gradient and stay 0.
 */
class EtaSearch {
  readonly d: number;
  readonly x: Float64Array;
  readonly point: Float64Array;
  readonly grad: Float64Array;
  readonly scratch: Float64Array;
  best: { point: Float64Array; objective: number; fooled: boolean };

  constructor(
    readonly model: AttackModel,
    readonly threat: ThreatModel,
    x: ArrayLike<number>,
    readonly label: number,
  ) {
    this.d = threat.radii.length;
    this.x = Float64Array.from(x);
    this.point = new Float64Array(this.d);
    this.grad = new Float64Array(this.d);
    this.scratch = new Float64Array(this.d);
    this.best = { point: Float64Array.from(x), objective: -Infinity, fooled: false };
  }

  /** Evaluates J and grad_eta J at eta (keeps the best point); returns J. */
  visit(eta: Float64Array): number {
    const r = this.threat.radii;
    for (let t = 0; t < this.d; t++) this.point[t] = this.x[t]! + r[t]! * eta[t]!;
    const J = attackObjective(this.model, this.point, this.label, this.grad, this.scratch);
    for (let t = 0; t < this.d; t++) this.grad[t] = r[t]! * this.grad[t]!;
    const fooled = this.model.task !== 'regression' && predictedClassAt(this.model, this.point) !== this.label;
    if ((fooled && !this.best.fooled) || (fooled === this.best.fooled && J > this.best.objective)) {
      this.best = { point: Float64Array.from(this.point), objective: J, fooled };
    }
    return J;
  }

  /** eta += step * (sign(grad) for l_inf, grad / ||grad|| for l_2), then projection. */
  ascend(eta: Float64Array, step: number): void {
    if (this.threat.norm === 'linf') {
      for (let t = 0; t < this.d; t++) eta[t] = eta[t]! + step * Math.sign(this.grad[t]!);
    } else {
      let s = 0;
      for (let t = 0; t < this.d; t++) s += this.grad[t]! * this.grad[t]!;
      const norm = Math.sqrt(s);
      if (norm > 0) for (let t = 0; t < this.d; t++) eta[t] = eta[t]! + (step * this.grad[t]!) / norm;
    }
    projectToUnitBall(this.threat, eta);
  }
}

/** Fast gradient sign method: one full-radius step from the clean point (paper-spec 6.7). */
export function fgsmAttack(model: AttackModel, threat: ThreatModel, x: ArrayLike<number>, label: number): AttackResult {
  const search = new EtaSearch(model, threat, x, label);
  const eta = new Float64Array(search.d);
  search.visit(eta);
  search.ascend(eta, threat.norm === 'linf' ? 1 : 1);
  search.visit(eta);
  return search.best;
}

/**
 * Projected gradient ascent on the attack objective with random starts (Madry et al.): the
 * best point over all starts and steps. The first start is the clean point, so a clean mistake
 * always counts as a successful attack. A step that lowers the objective is rejected and the
 * step length halved (APGD-style control), so each start climbs to a local maximum instead of
 * oscillating around a kink of the piecewise-linear network.
 */
export function pgdAttack(model: AttackModel, threat: ThreatModel, x: ArrayLike<number>, label: number, options: PgdOptions = {}): AttackResult {
  const steps = options.steps ?? defaultPgd.steps;
  const restarts = options.restarts ?? defaultPgd.restarts;
  const step = options.stepFraction ?? 2.5 / steps;
  const stopWhenFooled = options.stopWhenFooled ?? true;
  const prng = new Prng(options.seed ?? 0x5eed);
  const search = new EtaSearch(model, threat, x, label);
  const eta = new Float64Array(search.d);
  const trial = new Float64Array(search.d);
  const gradAtEta = new Float64Array(search.d);
  const direction = new Float64Array(search.d);
  for (let start = 0; start < restarts; start++) {
    if (start === 0) eta.fill(0);
    else randomInUnitBall(threat, prng, eta, start % 2 === 0);
    let value = search.visit(eta);
    gradAtEta.set(search.grad);
    let length = step;
    for (let s = 0; s < steps; s++) {
      if (stopWhenFooled && search.best.fooled) return search.best;
      trial.set(eta);
      search.grad.set(gradAtEta);
      search.ascend(trial, length);
      const next = search.visit(trial);
      if (next >= value) {
        eta.set(trial);
        value = next;
        gradAtEta.set(search.grad);
        continue;
      }
      // Overshot a ridge (the network is piecewise linear): try the steepest ascent direction of
      // the two pieces, the min-norm convex combination of both gradients, which runs along the
      // ridge; if that fails too, stay and halve the step (as in APGD's step-size control).
      ridgeDirection(threat, eta, gradAtEta, search.grad, direction);
      trial.set(eta);
      if (moveAlong(threat, trial, direction, length)) {
        const along = search.visit(trial);
        if (along >= value) {
          eta.set(trial);
          value = along;
          gradAtEta.set(search.grad);
          continue;
        }
      }
      length /= 2;
    }
    if (stopWhenFooled && search.best.fooled) break;
  }
  return search.best;
}

/**
 * Uniform in the box (l_inf) or in the ball (l_2) over the perturbable coordinates; with
 * `onBoundary` a random vertex of the box or a random point of the sphere (the maxima of a
 * piecewise-linear network are often there).
 */
function randomInUnitBall(threat: ThreatModel, prng: Prng, eta: Float64Array, onBoundary: boolean): void {
  const r = threat.radii;
  if (threat.norm === 'linf') {
    for (let t = 0; t < eta.length; t++) {
      const u = 2 * prng.nextFloat() - 1;
      eta[t] = r[t]! > 0 ? (onBoundary ? Math.sign(u) || 1 : u) : 0;
    }
    return;
  }
  let s = 0;
  let free = 0;
  for (let t = 0; t < eta.length; t++) {
    eta[t] = r[t]! > 0 ? prng.nextGaussian() : 0;
    s += eta[t]! * eta[t]!;
    if (r[t]! > 0) free++;
  }
  const radius = onBoundary ? 1 : Math.pow(prng.nextFloat(), 1 / Math.max(1, free));
  const scale = s > 0 ? radius / Math.sqrt(s) : 0;
  for (let t = 0; t < eta.length; t++) eta[t] = eta[t]! * scale;
}

/**
 * out = the point of smallest norm on the segment [a, b] (ascent direction along a ridge), after
 * dropping from both gradients the components that push out of an active box face (l_inf), so the
 * direction can also run along the boundary.
 */
function ridgeDirection(threat: ThreatModel, eta: Float64Array, gradA: Float64Array, gradB: Float64Array, out: Float64Array): void {
  const a = Float64Array.from(gradA);
  const b = Float64Array.from(gradB);
  if (threat.norm === 'linf') {
    for (let t = 0; t < eta.length; t++) {
      if ((eta[t]! >= 1 && a[t]! > 0) || (eta[t]! <= -1 && a[t]! < 0)) a[t] = 0;
      if ((eta[t]! >= 1 && b[t]! > 0) || (eta[t]! <= -1 && b[t]! < 0)) b[t] = 0;
    }
  }
  let num = 0;
  let den = 0;
  for (let t = 0; t < a.length; t++) {
    const diff = b[t]! - a[t]!;
    num += b[t]! * diff;
    den += diff * diff;
  }
  const theta = den > 0 ? Math.min(1, Math.max(0, num / den)) : 0;
  for (let t = 0; t < a.length; t++) out[t] = theta * a[t]! + (1 - theta) * b[t]!;
}

/** eta += length * direction scaled to unit size in the threat norm, then projected; false for a zero direction. */
function moveAlong(threat: ThreatModel, eta: Float64Array, direction: Float64Array, length: number): boolean {
  let size = 0;
  if (threat.norm === 'linf') for (let t = 0; t < eta.length; t++) size = Math.max(size, Math.abs(direction[t]!));
  else size = Math.sqrt(direction.reduce((s, v) => s + v * v, 0));
  if (!(size > 0)) return false;
  for (let t = 0; t < eta.length; t++) eta[t] = eta[t]! + (length * direction[t]!) / size;
  projectToUnitBall(threat, eta);
  return true;
}
