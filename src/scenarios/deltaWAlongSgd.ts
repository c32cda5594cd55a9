import { maxInputNorm, type Dataset } from '../engine/data.js';
import { norm, rows, vec } from '../engine/matrix.js';
import { initNTK } from '../engine/network.js';
import { Simulation } from '../engine/simulate.js';
import { deltaWLong } from '../theory/deltaW.js';
import type { PaperConfig } from './config.js';
import { datasetOf, premiseStatus } from './lazyPremiseStates.js';
import { lazyRadius } from '../theory/constants.js';

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

/**
 * One run on the named streams under `seed` (data, init, sampling, noise), at most maxSteps steps. `prune` (default) skips
 * the two O(m d) passes of a step where bounds show they cannot change the outcome, exactly:
 *   Delta W_i = -r^2((x^T w_i)^2 - a_i^2 ||x||^2) <= r^2 max_i a_i^2 ||x||^2, so a step whose bound is below the running
 *   maximum cannot raise it (the maximum and its step are updated only on a strict rise);
 *   a step moves w_i by eta |r| |a_i| ||x|| (Eq. (15)), so max_i ||w_i - w_i(0)|| is at most the last exact drift plus the
 *   sum of eta |r| max_i |a_i| ||x|| since (triangle inequality); while that bound is below the lazy radius, Definition 1
 *   holds without the pass. C_j (max_i |a_i|) is an O(m) pass and is evaluated every step.
 * Both bounds carry a relative slack of 1e-9 over rounding; the run equals the unpruned one exactly (test/scenarios).
 */
export function deltaWRun(c: PaperConfig, maxSteps: number, seed: string, opts: { prune?: boolean } = {}): DeltaWRun {
  const prune = opts.prune ?? true;
  const data = datasetOf(c, seed);
  const state = initNTK(c.m, c.d, seed);
  const sim = new Simulation(state, data, { kind: 'sgd', eta: c.eta, batch: 1, sigma: c.sigma }, seed);
  const W0 = rows(sim.W0);
  const W = rows(state.W);
  const a = vec(state.a);
  const X = rows(data.X);
  const out: DeltaWRun = { m: c.m, eta: c.eta, maxDeltaW: -Infinity, atStep: 0, premiseSteps: 0, premiseEnd: '', maxAbsR: 0, maxThetaNorm: 0, ...proofBound(c.m, norm(sim.theta), maxInputNorm(data.X), c.sigma) };
  const radius = lazyRadius(c.m);
  const aBound = Math.pow(c.m, -0.25);
  const SLACK = 1 + 1e-9;
  let driftBound = 0; // W = W(0) at t = 0
  let stopped = false;
  const res = sim.run({
    steps: maxSteps,
    watch: () => (stopped ? 'premise ended' : undefined),
    onDraw: (t, draw) => {
      if (stopped) return;
      let maxA = 0;
      for (let i = 0; i < a.length; i++) maxA = Math.max(maxA, Math.abs(a[i] as number));
      let lazy = true;
      if (!prune || driftBound * SLACK >= radius) {
        const p = premiseStatus(c.m, W, W0, a);
        lazy = p.lazy;
        driftBound = p.maxDrift;
      }
      const cj = maxA <= aBound;
      if (!lazy || !cj) {
        stopped = true;
        out.premiseEnd = `${!lazy ? 'Definition 1' : 'C_j'} at step ${t}`;
        return;
      }
      const j = draw.idx[0] as number;
      const x = X[j] as Float64Array;
      const yEps = (data.y[j] as number) + (draw.eps[0] as number);
      const { r, x2 } = residualAt(sim.theta, x, yEps);
      driftBound = (driftBound + c.eta * Math.abs(r) * maxA * Math.sqrt(x2)) * SLACK;
      out.maxAbsR = Math.max(out.maxAbsR, Math.abs(r));
      out.maxThetaNorm = Math.max(out.maxThetaNorm, norm(sim.theta));
      if (!prune || !(r * r * maxA * maxA * x2 * SLACK <= out.maxDeltaW)) {
        const dw = maxDeltaWAt(W, a, sim.theta, x, yEps);
        if (dw.max > out.maxDeltaW) Object.assign(out, { maxDeltaW: dw.max, atStep: t });
      }
      out.premiseSteps = t + 1;
    },
  });
  if (res.outcome.kind === 'diverged') out.diverged = `diverged at step ${res.outcome.step}: ${res.outcome.reason}`;
  return out;
}

/** r = <theta, x> - yEps and ||x||^2, in maxDeltaWAt's order of operations (the same bits). */
function residualAt(theta: Float64Array, x: Float64Array, yEps: number): { r: number; x2: number } {
  let f = 0;
  let x2 = 0;
  for (let k = 0; k < x.length; k++) {
    f += (theta[k] as number) * (x[k] as number);
    x2 += (x[k] as number) ** 2;
  }
  return { r: f - yEps, x2 };
}

/** max_i Delta W_i for one example x with noisy label yEps = y + eps (r = <theta, x> - yEps), and that r. */
export function maxDeltaWAt(W: readonly Float64Array[], a: Float64Array, theta: Float64Array, x: Float64Array, yEps: number): { max: number; r: number } {
  const d = x.length;
  const { r, x2 } = residualAt(theta, x, yEps);
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
