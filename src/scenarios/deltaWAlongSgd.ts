import { maxInputNorm, type Dataset } from '../engine/data.js';
import { norm, rows, vec } from '../engine/matrix.js';
import { initNTK } from '../engine/network.js';
import { Simulation } from '../engine/simulate.js';
import { deltaWLong } from '../theory/deltaW.js';
import type { PaperConfig } from './config.js';
import { datasetOf, premiseStatus } from './lazyPremiseStates.js';

/**
 * Delta W_i(j) along label-noise SGD (Lemma 3 part 2's "Delta W_i(j) <= O(1)" = long Lemma C.3 item 4), measured at
 * every step with that step's own draw (x = x_{xi_j}, eps_j from the engine's Simulation), for every neuron, while the
 * premise of Lemma 3 holds (Definition 1 and C_j checked before every step).
 */

/**
 * The proof's explicit bound (proof of Lemma C.3 with Lemma C.2 (i), Eq. (32)): Delta W <= r^2 a_i^2 ||x||^2 with
 * |a_i| <= m^(-1/4), ||x|| <= C_data and |r| <= 2(||theta(0)|| + m^(1/4)) C_data + sigma; it tends to 4 C_data^4.
 */
export function proofBound(m: number, theta0Norm: number, cData: number, sigma: number): { rBound: number; dwBound: number } {
  const rBound = 2 * (theta0Norm + Math.pow(m, 0.25)) * cData + sigma;
  return { rBound, dwBound: (rBound * rBound * cData * cData) / Math.sqrt(m) };
}

export interface DeltaWRun {
  m: number;
  eta: number;
  /** max over neurons and premise steps of Delta W_i(j), and its step */
  maxDeltaW: number;
  atStep: number;
  /** steps measured inside the premise, and what ended it ('' if it held to maxSteps) */
  premiseSteps: number;
  premiseEnd: string;
  maxAbsR: number;
  maxThetaNorm: number;
  rBound: number;
  dwBound: number;
  diverged?: string;
}

/** One run on the named streams under `seed` (data, init, sampling, noise), at most maxSteps steps. */
export function deltaWRun(c: PaperConfig, maxSteps: number, seed: string): DeltaWRun {
  const data = datasetOf(c, seed);
  const state = initNTK(c.m, c.d, seed);
  const sim = new Simulation(state, data, { kind: 'sgd', eta: c.eta, batch: 1, sigma: c.sigma }, seed);
  const W0 = rows(sim.W0);
  const W = rows(state.W);
  const a = vec(state.a);
  const X = rows(data.X);
  const out: DeltaWRun = { m: c.m, eta: c.eta, maxDeltaW: -Infinity, atStep: 0, premiseSteps: 0, premiseEnd: '', maxAbsR: 0, maxThetaNorm: 0, ...proofBound(c.m, norm(sim.theta), maxInputNorm(data.X), c.sigma) };
  let stopped = false;
  const res = sim.run({
    steps: maxSteps,
    watch: () => (stopped ? 'premise ended' : undefined),
    onDraw: (t, draw) => {
      if (stopped) return;
      const p = premiseStatus(c.m, W, W0, a);
      if (!p.lazy || !p.cj) {
        stopped = true;
        out.premiseEnd = `${!p.lazy ? 'Definition 1' : 'C_j'} at step ${t}`;
        return;
      }
      const j = draw.idx[0] as number;
      const dw = maxDeltaWAt(W, a, sim.theta, X[j] as Float64Array, (data.y[j] as number) + (draw.eps[0] as number));
      out.maxAbsR = Math.max(out.maxAbsR, Math.abs(dw.r));
      out.maxThetaNorm = Math.max(out.maxThetaNorm, norm(sim.theta));
      if (dw.max > out.maxDeltaW) Object.assign(out, { maxDeltaW: dw.max, atStep: t });
      out.premiseSteps = t + 1;
    },
  });
  if (res.outcome.kind === 'diverged') out.diverged = `diverged at step ${res.outcome.step}: ${res.outcome.reason}`;
  return out;
}

/** max_i Delta W_i for one example x with noisy label yEps = y + eps (r = <theta, x> - yEps), and that r. */
export function maxDeltaWAt(W: readonly Float64Array[], a: Float64Array, theta: Float64Array, x: Float64Array, yEps: number): { max: number; r: number } {
  const d = x.length;
  let f = 0;
  let x2 = 0;
  for (let k = 0; k < d; k++) {
    f += (theta[k] as number) * (x[k] as number);
    x2 += (x[k] as number) ** 2;
  }
  const r = f - yEps;
  let max = -Infinity;
  for (let i = 0; i < W.length; i++) {
    const w = W[i] as Float64Array;
    let q = 0;
    for (let k = 0; k < d; k++) q += (w[k] as number) * (x[k] as number);
    max = Math.max(max, deltaWLong(r, q, a[i] as number, x2));
  }
  return { max, r };
}

/** The exact maximum of Delta W over neurons, the n training examples and both signs of eps = +-sigma at a state. */
export function maxDeltaWOverData(W: readonly Float64Array[], a: Float64Array, theta: Float64Array, data: Dataset, sigma: number): number {
  let max = -Infinity;
  rows(data.X).forEach((x, j) => {
    for (const eps of [sigma, -sigma]) max = Math.max(max, maxDeltaWAt(W, a, theta, x, (data.y[j] as number) + eps).max);
  });
  return max;
}

/** A sweep over widths at a fixed d, n, sigma: a fixed eta, or eta = etaTimesM / m (theta's dynamics the same at every width). */
export interface DeltaWSweep {
  label: string;
  /** 'exponent': eta m fixed; 'bound': a fixed eta that crosses the instability of theta's dynamics at eta m of order 1 */
  role: 'exponent' | 'bound';
  d: number;
  n: number;
  sigma: number;
  widths: number[];
  eta?: number;
  etaTimesM?: number;
  runs: number;
  maxSteps: number;
}

export interface DeltaWSweepDomain {
  sweeps: DeltaWSweep[];
  searchRuns: number;
}

/** The sweep's configuration at width m (A4 at its bound: ||theta*|| = m^(-1/4)). */
export function sweepConfig(s: DeltaWSweep, m: number): PaperConfig {
  return { m, d: s.d, n: s.n, sigma: s.sigma, eta: s.eta ?? (s.etaTimesM as number) / m, thetaStarNorm: Math.pow(m, -0.25) };
}

/** Every run of a sweep: run u at width m on the streams `${seed}/${label}/${m}/${u}`. */
export function runSweep(s: DeltaWSweep, seed: string): DeltaWRun[] {
  return s.widths.flatMap((m) => Array.from({ length: s.runs }, (_, u) => deltaWRun(sweepConfig(s, m), s.maxSteps, `${seed}/${s.label}/${m}/${u}`)));
}
