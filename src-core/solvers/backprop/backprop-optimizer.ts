import { ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON, type BackpropOptimizer } from './backprop-settings';

/**
 * First-order update rules on a flat parameter vector theta with (stochastic) gradient g.
 *
 * SGD with heavy-ball momentum (the PyTorch form):  v <- mu v + g,  theta <- theta - lr v.
 * Adam (Kingma & Ba 2015) with beta1 = 0.9, beta2 = 0.999, eps = 1e-8 and bias correction:
 *   m <- b1 m + (1 - b1) g,  s <- b2 s + (1 - b2) g^2,
 *   theta <- theta - lr (m / (1 - b1^t)) / (sqrt(s / (1 - b2^t)) + eps).
 * The weight decay is part of the objective, so it enters through g (coupled L2, not AdamW):
 * both optimizers minimize exactly the objective the convex solvers report.
 * Updates are in place and allocate nothing.
 */
export interface Optimizer {
  /** theta <- update(theta, g). */
  step(theta: Float64Array, grad: Float64Array): void;
  /** Forget all state (moments, step count) for a fresh restart. */
  reset(): void;
}

export function createOptimizer(kind: BackpropOptimizer, size: number, learningRate: number, momentum: number): Optimizer {
  return kind === 'adam' ? adam(size, learningRate) : sgdMomentum(size, learningRate, momentum);
}

function sgdMomentum(size: number, lr: number, mu: number): Optimizer {
  const velocity = new Float64Array(size);
  return {
    step(theta, grad) {
      for (let i = 0; i < size; i++) {
        const v = mu * velocity[i]! + grad[i]!;
        velocity[i] = v;
        theta[i]! -= lr * v;
      }
    },
    reset() {
      velocity.fill(0);
    },
  };
}

function adam(size: number, lr: number): Optimizer {
  const first = new Float64Array(size);
  const second = new Float64Array(size);
  let t = 0;
  return {
    step(theta, grad) {
      t += 1;
      const c1 = 1 / (1 - Math.pow(ADAM_BETA1, t));
      const c2 = 1 / (1 - Math.pow(ADAM_BETA2, t));
      for (let i = 0; i < size; i++) {
        const g = grad[i]!;
        const m1 = ADAM_BETA1 * first[i]! + (1 - ADAM_BETA1) * g;
        const m2 = ADAM_BETA2 * second[i]! + (1 - ADAM_BETA2) * g * g;
        first[i] = m1;
        second[i] = m2;
        theta[i]! -= (lr * (m1 * c1)) / (Math.sqrt(m2 * c2) + ADAM_EPSILON);
      }
    },
    reset() {
      first.fill(0);
      second.fill(0);
      t = 0;
    },
  };
}
