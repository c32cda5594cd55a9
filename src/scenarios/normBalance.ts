import { deltaWAaai, deltaWLong } from '../theory/deltaW.js';
import { absDot, dot, type StepRecord, type Trajectory } from './smallNetworkTrajectory.js';

/**
 * The per-neuron norm balance of label-noise SGD: the neuron-norm identity of "Insights from Theorem 2 / 3.2" and
 * Eq. (41) (long version), and the steps (35)-(40) of its derivation, evaluated on a recorded trajectory for every neuron.
 */

/** A form of Delta W_i(j): (r, x^T w_i(j), a_i(j), ||x||^2) -> Delta W_i(j) (src/theory/deltaW.ts). */
export type DeltaWForm = (r: number, xw: number, ai: number, xNorm2: number) => number;

/**
 * Delta W_i(j) as printed in the long version ('long', bracketed: -r^2 ((x^T w)^2 - a^2 ||x||^2)) or in the AAAI text
 * ('aaai': -r^2 (x^T w)^2 - a^2 ||x||^2), with its a_i^2 ||x||^2 term multiplied by aTermFactor (1: as printed).
 */
export function deltaWForm(form: 'long' | 'aaai', aTermFactor: number): DeltaWForm {
  if (!(aTermFactor >= 0)) throw new RangeError(`deltaWForm: aTermFactor must be >= 0, got ${aTermFactor}`);
  const base = form === 'long' ? deltaWLong : deltaWAaai;
  const s = Math.sqrt(aTermFactor);
  // the a-term is quadratic in a_i: scaling a_i by sqrt(k) scales it by k and leaves the other term alone
  return (r, xw, ai, xN2) => base(r, xw, ai * s, xN2);
}

/** |lhs - rhs| / scale, 0 when the sides agree exactly. */
function gapOver(lhs: number, rhs: number, scale: number): number {
  const diff = Math.abs(lhs - rhs);
  return diff === 0 ? 0 : diff / scale;
}

export interface NormGap {
  /** the worst neuron's gap |LHS - RHS| / S */
  gap: number;
  neuron: number;
  /** ||w_i(T)||^2 and ||w_i(0)||^2 + eta^2 sum_j Delta W_i(j) - a_i(0)^2 + a_i(T)^2 */
  lhs: number;
  rhs: number;
  /** eta^2 sum_j Delta W_i(j) of that neuron */
  sumTerm: number;
  T: number;
}

function norm2(w: Float64Array): number {
  return dot(w, w);
}

/**
 * ||w_i(T)||^2 = ||w_i(0)||^2 + eta^2 sum_{j<T} Delta W_i(j) - a_i(0)^2 + a_i(T)^2 for every neuron i, with Delta W the given form.
 * Gap = |LHS - RHS| / S, S = max_j (||w_i(j)||^2 + a_i(j)^2) + eta^2 sum_j (r_j^2 (sum_k |x_k w_ik|)^2 + (1 + r_j^2) a_i(j)^2 ||x||^2):
 * the size of every term that enters (float64 rounding of the trajectory and of the sum is ~T 2^-52 S).
 */
export function normIdentityGap(tr: Trajectory, dW: DeltaWForm): NormGap {
  const T = tr.steps.length;
  const eta2 = tr.eta * tr.eta;
  let worst: NormGap = { gap: 0, neuron: 0, lhs: 0, rhs: 0, sumTerm: 0, T };
  if (T === 0) return worst;
  const first = tr.steps[0]!;
  const last = tr.steps[T - 1]!;
  for (let i = 0; i < tr.m; i++) {
    let sum = 0;
    let S = 0;
    let mag = 0;
    for (const s of tr.steps) {
      const w = s.W[i] as Float64Array;
      const ai = s.a[i] as number;
      const xN2 = norm2(s.x);
      sum += dW(s.r, dot(s.x, w), ai, xN2);
      const xa = absDot(s.x, w);
      mag += s.r * s.r * xa * xa + (1 + s.r * s.r) * ai * ai * xN2;
      S = Math.max(S, norm2(w) + ai * ai);
    }
    S = Math.max(S, norm2(last.Wn[i]!) + last.an[i]! * last.an[i]!) + eta2 * mag;
    const a0 = first.a[i]!;
    const aT = last.an[i]!;
    const lhs = norm2(last.Wn[i]!);
    const rhs = norm2(first.W[i]!) + eta2 * sum - a0 * a0 + aT * aT;
    const gap = gapOver(lhs, rhs, S);
    if (gap > worst.gap || i === 0) worst = { gap, neuron: i, lhs, rhs, sumTerm: eta2 * sum, T };
  }
  return worst;
}

export interface StepsGap {
  /** worst gap over Eqs. (35)-(39), (40) read as (a_i(j) - a_i(j+1))^2, and the middle line of (41), all neurons */
  gap: number;
  which: string;
  neuron: number;
  lhs: number;
  rhs: number;
  /** Eq. (40) as printed, sum (a_i(j) - a_i(j))^2 + a_i(0)^2 - a_i(T)^2, against the left side of (39): worst gap over neurons */
  eq40PrintedGap: number;
}

/**
 * The derivation of Eq. (41), long version Appendix C.2:
 *  (35) ||w(t+1)||^2 = ||w||^2 - 2 eta a r x^T w + ||eta a r x||^2            (per step)
 *  (36) eta r x^T w = a(t) - a(t+1)                                          (per step)
 *  (37) ||w(t+1)||^2 = ||w||^2 - 2 (a(t) - a(t+1)) a(t) + ||eta a r x||^2      (per step)
 *  (38) ||w(T)||^2 = ||w(0)||^2 - 2 sum (a_j - a_{j+1}) a_j + sum ||eta a_j r_j x_j||^2
 *  (39) 2 sum (a_j - a_{j+1}) a_j = sum (a_j^2 - 2 a_j a_{j+1} + a_{j+1}^2) + a_0^2 - a_T^2
 *  (40) ... = sum (a_j - a_{j+1})^2 + a_0^2 - a_T^2          (the printed (a_i(j) - a_i(j))^2 is measured separately)
 *  (41, middle line) ||w(T)||^2 = ||w(0)||^2 - sum (|a_j - a_{j+1}|^2 - ||w_j - w_{j+1}||^2) - a_0^2 + a_T^2
 * Each gap is |LHS - RHS| over the sum of the magnitudes of the terms on both sides.
 */
export function derivationGaps(tr: Trajectory): StepsGap {
  const T = tr.steps.length;
  const eta = tr.eta;
  const out: StepsGap = { gap: 0, which: '-', neuron: 0, lhs: 0, rhs: 0, eq40PrintedGap: 0 };
  const note = (which: string, i: number, lhs: number, rhs: number, S: number): void => {
    const g = gapOver(lhs, rhs, S);
    if (g > out.gap) Object.assign(out, { gap: g, which, neuron: i, lhs, rhs });
  };
  if (T === 0) return out;
  for (let i = 0; i < tr.m; i++) {
    let sumA = 0; // sum (a_j - a_{j+1}) a_j
    let sumAmag = 0;
    let sumSq = 0; // sum (a_j^2 - 2 a_j a_{j+1} + a_{j+1}^2)
    let sumDiff2 = 0; // sum (a_j - a_{j+1})^2
    let sumSqMag = 0;
    let sumStepW = 0; // sum ||eta a_j r_j x_j||^2
    let sumDw2 = 0; // sum ||w_j - w_{j+1}||^2 (measured)
    let maxW = 0;
    for (const s of tr.steps) {
      const w = s.W[i]!;
      const wn = s.Wn[i]!;
      const a = s.a[i]!;
      const an = s.an[i]!;
      const r = s.r;
      const xw = dot(s.x, w);
      const xwAbs = absDot(s.x, w);
      const xN2 = norm2(s.x);
      const w2 = norm2(w);
      const wn2 = norm2(wn);
      const stepW = eta * eta * a * a * r * r * xN2;
      maxW = Math.max(maxW, w2, wn2);
      // (35)
      note('Eq. (35)', i, wn2, w2 - 2 * eta * a * r * xw + stepW, w2 + wn2 + 2 * eta * Math.abs(a * r) * xwAbs + stepW);
      // (36)
      note('Eq. (36)', i, eta * r * xw, a - an, Math.abs(a) + Math.abs(an) + eta * Math.abs(r) * xwAbs);
      // (37)
      note('Eq. (37)', i, wn2, w2 - 2 * (a - an) * a + stepW, w2 + wn2 + 2 * (Math.abs(a) + Math.abs(an)) * Math.abs(a) + stepW);
      sumA += (a - an) * a;
      sumAmag += (Math.abs(a) + Math.abs(an)) * Math.abs(a);
      sumSq += a * a - 2 * a * an + an * an;
      sumDiff2 += (a - an) * (a - an);
      sumSqMag += (Math.abs(a) + Math.abs(an)) ** 2;
      sumStepW += stepW;
      let dw2 = 0;
      for (let k = 0; k < w.length; k++) dw2 += (w[k]! - wn[k]!) ** 2;
      sumDw2 += dw2;
    }
    const first = tr.steps[0]!;
    const last = tr.steps[T - 1]!;
    const w0 = norm2(first.W[i]!);
    const wT = norm2(last.Wn[i]!);
    const a0 = first.a[i]!;
    const aT = last.an[i]!;
    const ends = a0 * a0 + aT * aT;
    // (38)
    note('Eq. (38)', i, wT, w0 - 2 * sumA + sumStepW, maxW + 2 * sumAmag + sumStepW);
    // (39), (40) read as (a_i(j) - a_i(j+1))^2
    const S39 = 2 * sumAmag + sumSqMag + ends;
    note('Eq. (39)', i, 2 * sumA, sumSq + a0 * a0 - aT * aT, S39);
    note('Eq. (40) read (a_i(j) - a_i(j+1))^2', i, 2 * sumA, sumDiff2 + a0 * a0 - aT * aT, S39);
    // (41), middle line
    note('Eq. (41) middle line', i, wT, w0 - (sumDiff2 - sumDw2) - a0 * a0 + aT * aT, maxW + sumDiff2 + sumDw2 + ends);
    // (40) as printed: sum (a_i(j) - a_i(j))^2 = 0
    const g40 = gapOver(2 * sumA, 0 + a0 * a0 - aT * aT, S39);
    out.eq40PrintedGap = Math.max(out.eq40PrintedGap, g40);
  }
  return out;
}

/**
 * One neuron's step t -> t+1 as plain numbers (the data of a 'sgd-neuron-step' observation, properties/monitors/):
 * eta, the residual r, x^T w_i(t) and sum_k |x_k w_ik(t)|, ||x||^2, a_i before and after, ||w_i||^2 before and after.
 */
export function neuronStepData(s: StepRecord, eta: number, i: number): Record<string, number> {
  const w = s.W[i] as Float64Array;
  const wn = s.Wn[i] as Float64Array;
  return { eta, r: s.r, xw: dot(s.x, w), xwAbs: absDot(s.x, w), xNorm2: dot(s.x, s.x), aBefore: s.a[i] as number, aAfter: s.an[i] as number, wNorm2Before: dot(w, w), wNorm2After: dot(wn, wn) };
}
