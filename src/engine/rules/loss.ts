import type { Dataset } from '../data.js';
import { dot, rows, vec } from '../matrix.js';
import { theta, type State } from '../network.js';
import type { Draw, Rule } from './types.js';

/** Eq. (1): (1/B) sum_b 1/2 (f(theta; x_b) - y_b - eps_b)^2 over a draw's batch. */
export function batchLoss(s: State, data: Dataset, draw: Pick<Draw, 'idx' | 'eps'>): number {
  const th = theta(s);
  const X = rows(data.X);
  let L = 0;
  for (let b = 0; b < draw.idx.length; b++) {
    const j = draw.idx[b] as number;
    const r = dot(th, X[j] as Float64Array) - (data.y[j] as number) - (draw.eps[b] as number);
    L += 0.5 * r * r;
  }
  return L / draw.idx.length;
}

/**
 * The loss whose gradient the rule's step follows, as a function of (W, a): the batch loss for SGD and GD,
 * and for the oscillation process the full loss L_D in W only (a is moved by the chain, not by a gradient).
 * For SAM the step follows the batch loss's gradient at the perturbed point (checked separately).
 */
export function stepLoss(rule: Rule, data: Dataset, draw: Draw): (s: State) => number {
  if (rule.kind === 'oscillation') {
    const n = data.y.length;
    const full = { idx: Int32Array.from({ length: n }, (_, j) => j), eps: new Float64Array(n) };
    return (s) => batchLoss(s, data, full);
  }
  return (s) => batchLoss(s, data, draw);
}

/** Central finite difference of `f` in one parameter: W[i][k] when k >= 0, a[i] when k = -1. */
export function finiteDifference(f: (s: State) => number, s: State, i: number, k: number, h: number): number {
  const cell = k >= 0 ? (rows(s.W)[i] as Float64Array) : vec(s.a);
  const at = k >= 0 ? k : i;
  const v = cell[at] as number;
  cell[at] = v + h;
  const up = f(s);
  cell[at] = v - h;
  const down = f(s);
  cell[at] = v;
  return (up - down) / (2 * h);
}
