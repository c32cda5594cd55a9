import { copyDraw, Drawer } from '../engine/rules/draw.js';
import { finiteDifference, stepLoss } from '../engine/rules/loss.js';
import { referenceStep } from '../engine/rules/reference.js';
import { rows, vec } from '../engine/matrix.js';
import { absDot, dot, materialize, type SmallCase, type StepRecord, type Trajectory } from './smallNetworkTrajectory.js';

/**
 * The exact identities of one label-noise SGD step of the two-layer network (long version Eqs. (13)-(16), (33)-(34)),
 * each as a gap |LHS - RHS| over the scale of the terms, so that float64 rounding stays far below a stated tolerance.
 */

/**
 * Eqs. (1), (13)-(16): the printed step against `stepScale` times -eta times the central finite-difference gradient of
 * the batch loss (h = 1e-5 (1 + |p|)), in every coordinate of W and a. Returns each coordinate's (p - p')/eta and
 * gradient, so that any stepScale is judged on the same simulation.
 */
export interface StepVsGradient {
  /** (p - p')/eta of the literal ml-matrix step, per coordinate */
  stepOverEta: Float64Array;
  /** dL/dp by central differences */
  gradient: Float64Array;
  /** coordinate names, 'W[i][k]' or 'a[i]' */
  names: string[];
}

export function stepVsGradient(c: SmallCase): StepVsGradient {
  const { state, data, rule } = materialize(c);
  const draw = copyDraw(new Drawer(rule, data, c.m, c.seed).next(0));
  const next = referenceStep(state, data, rule, draw);
  const L = stepLoss(rule, data, draw);
  const size = c.m * (c.d + 1);
  const out: StepVsGradient = { stepOverEta: new Float64Array(size), gradient: new Float64Array(size), names: [] };
  const W = rows(state.W);
  const Wn = rows(next.W);
  const a = vec(state.a);
  const an = vec(next.a);
  let q = 0;
  const put = (i: number, k: number, before: number, after: number, name: string): void => {
    out.stepOverEta[q] = (before - after) / rule.eta;
    out.gradient[q] = finiteDifference(L, state, i, k, 1e-5 * (1 + Math.abs(before)));
    out.names.push(name);
    q++;
  };
  for (let i = 0; i < c.m; i++) {
    for (let k = 0; k < c.d; k++) put(i, k, (W[i] as Float64Array)[k] as number, (Wn[i] as Float64Array)[k] as number, `W[${i}][${k}]`);
    put(i, -1, a[i] as number, an[i] as number, `a[${i}]`);
  }
  return out;
}

/** max over coordinates of |(p - p')/eta - stepScale dL/dp| / (1 + |stepScale dL/dp|), and where. */
export function stepGradientGap(s: StepVsGradient, stepScale: number): { gap: number; at: string } {
  let gap = 0;
  let at = '-';
  for (let q = 0; q < s.names.length; q++) {
    const g = stepScale * (s.gradient[q] as number);
    const e = Math.abs((s.stepOverEta[q] as number) - g) / (1 + Math.abs(g));
    if (e > gap) {
      gap = e;
      at = s.names[q] as string;
    }
  }
  return { gap, at };
}

/** One step's theta increment against a form of Eq. (3): gap, the worst coordinate, both sides there. */
export interface ThetaStepGap {
  gap: number;
  k: number;
  lhs: number;
  rhs: number;
}

/**
 * theta(t+1) - theta(t) (theta = a^T W of the states) against Eq. (3) read with theta = a^T W:
 *   printed:   -eta r x
 *   corrected: -eta r (||a||^2 I + W^T W) x + secondOrder eta^2 r^2 f x   (exact for secondOrder = 1)
 * gap = max_k |LHS_k - RHS_k| / (max_k max(|LHS_k|, |RHS_k|) + floor C), C the magnitude of the sums forming both sides.
 */
export function thetaStepGap(s: StepRecord, eta: number, form: 'printed' | 'corrected', secondOrder: number, floor: number): ThetaStepGap {
  const d = s.x.length;
  const m = s.a.length;
  const { r, f, x } = s;
  const aa = dot(s.a, s.a);
  const wx = s.W.map((w) => dot(w, x));
  const wxAbs = s.W.map((w) => absDot(w, x));
  const lhs = new Float64Array(d);
  const rhs = new Float64Array(d);
  let big = 0;
  let C = 0;
  for (let k = 0; k < d; k++) {
    lhs[k] = (s.thn[k] as number) - (s.th[k] as number);
    let cl = 0;
    for (let i = 0; i < m; i++) cl += Math.abs((s.a[i] as number) * (s.W[i] as Float64Array)[k]!) + Math.abs((s.an[i] as number) * (s.Wn[i] as Float64Array)[k]!);
    const xk = x[k] as number;
    let cr: number;
    if (form === 'printed') {
      rhs[k] = -eta * r * xk;
      cr = Math.abs(rhs[k] as number);
    } else {
      let wtwx = 0;
      let wtwxAbs = 0;
      for (let i = 0; i < m; i++) {
        const wik = (s.W[i] as Float64Array)[k] as number;
        wtwx += wik * (wx[i] as number);
        wtwxAbs += Math.abs(wik) * (wxAbs[i] as number);
      }
      rhs[k] = -eta * r * (aa * xk + wtwx) + secondOrder * eta * eta * r * r * f * xk;
      cr = eta * Math.abs(r) * (aa * Math.abs(xk) + wtwxAbs) + Math.abs(secondOrder) * eta * eta * r * r * absDot(s.th, x) * Math.abs(xk);
    }
    big = Math.max(big, Math.abs(lhs[k] as number), Math.abs(rhs[k] as number));
    C = Math.max(C, cl + cr);
  }
  const scale = big + floor * C;
  let out: ThetaStepGap = { gap: 0, k: 0, lhs: lhs[0] as number, rhs: rhs[0] as number };
  for (let k = 0; k < d; k++) {
    const diff = Math.abs((lhs[k] as number) - (rhs[k] as number));
    const g = diff === 0 ? 0 : diff / scale;
    if (g > out.gap) out = { gap: g, k, lhs: lhs[k] as number, rhs: rhs[k] as number };
  }
  return out;
}

/** The worst (step, neuron) of an identity along a trajectory. */
export interface WorstStep {
  gap: number;
  /** the step (-1 when no step was kept) */
  t: number;
  neuron: number;
  lhs: number;
  rhs: number;
  r: number;
  xw: number;
}

/**
 * "Insights from Theorem 2": eta^etaPower r^2 (x^T w_i(j))^2 against (a_i(j+1) - a_i(j))^2 at every step and neuron
 * (printed etaPower = 0; exact, from Eq. (16)/(36), for etaPower = 2). gap = |LHS - RHS| / (max(LHS, RHS) +
 * floor (|a_i(j)| + |a_i(j+1)| + eta |r| sum_k |x_k w_ik|) (sqrt LHS + sqrt RHS)).
 */
export function aIncrementGap(tr: Trajectory, etaPower: number, floor: number): WorstStep {
  let worst: WorstStep = { gap: 0, t: -1, neuron: 0, lhs: 0, rhs: 0, r: 0, xw: 0 };
  const etaP = Math.pow(tr.eta, etaPower);
  tr.steps.forEach((s, t) => {
    for (let i = 0; i < tr.m; i++) {
      const w = s.W[i] as Float64Array;
      const xw = dot(s.x, w);
      const lhs = etaP * s.r * s.r * xw * xw;
      const da = (s.an[i] as number) - (s.a[i] as number);
      const rhs = da * da;
      const round = floor * (Math.abs(s.a[i] as number) + Math.abs(s.an[i] as number) + tr.eta * Math.abs(s.r) * absDot(s.x, w)) * (Math.sqrt(lhs) + Math.sqrt(rhs));
      const diff = Math.abs(lhs - rhs);
      const gap = diff === 0 ? 0 : diff / (Math.max(lhs, rhs) + round);
      if (gap > worst.gap || worst.t < 0) worst = { gap, t, neuron: i, lhs, rhs, r: s.r, xw };
    }
  });
  return worst;
}
