import { checkSquare, choleskyFactor, choleskySolve } from './cholesky';
import { checkSolveShape, notFactored, type CholeskyFactor } from './cholesky-factor';

/** The scalar JavaScript factor: cholesky.ts on an owned array. */
export class JsCholeskyFactor implements CholeskyFactor {
  readonly order: number;
  readonly backend = 'javascript';
  private readonly l: Float64Array;
  private factored = false;

  constructor(k: number) {
    this.order = k;
    this.l = new Float64Array(k * k);
  }

  factor(a: Float64Array): void {
    const k = this.order;
    checkSquare('choleskyFactor', a, k);
    this.factored = false;
    this.l.set(a.subarray(0, k * k));
    choleskyFactor(this.l, k);
    this.factored = true;
  }

  factorWith(write: (target: Float64Array) => void): void {
    this.factored = false;
    write(this.l);
    choleskyFactor(this.l, this.order);
    this.factored = true;
  }

  solve(b: Float64Array, offset = 0): void {
    if (!this.factored) throw notFactored();
    checkSolveShape(this.order, b, offset);
    choleskySolve(this.l, this.order, b, offset);
  }

  lower(): Float64Array {
    return Float64Array.from(this.l);
  }
}
