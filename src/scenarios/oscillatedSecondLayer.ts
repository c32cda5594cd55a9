import { rows, vec } from '../engine/matrix.js';
import { meanSquaredLoss } from '../engine/metrics.js';
import { initialState, runTraining, syntheticData, tailMean, type SyntheticSetup, type Trajectory } from './syntheticTraining.js';

/**
 * The authors' oscillation notebook on the synthetic setup of Sec. 3.1: GD on W with the second layer oscillated by the
 * three-state chain of Eqs. (6)-(7) (AAAI; long version Eqs. (5)-(6)), against the contrast of GD on W with a frozen at
 * the same chain start (same data, W(0) and a(0)).
 *
 * With a frozen the contrast has an exact reformulation: w_i(t+1) = w_i(t) - eta a_i g(t), g = grad_theta L_D(theta) =
 * Sigma_hat theta - b (Sigma_hat = X^T X / n, b = X^T y / n), so w_i(t) = w_i(0) - a_i G(t) with G(t) = eta sum_{s<t} g(s),
 * and theta(t+1) = theta(t) - eta ||a||^2 g(t). A step costs O(d^2) whatever m is; the neurons are only formed at logged steps.
 */
export interface FrozenRun {
  steps: number[];
  meanNorm: number[];
  trainLoss: number[];
}

export function frozenSecondLayer(setup: SyntheticSetup, seed: string, steps: number, logEvery: number, progress?: (steps: number) => void): FrozenRun {
  const data = syntheticData(setup, seed);
  const st = initialState(setup, { kind: 'oscillation' }, seed);
  const W0 = rows(st.W);
  const a = vec(st.a);
  const { d, eta } = setup.config;
  const X = rows(data.X);
  const n = X.length;
  const S = new Float64Array(d * d);
  const b = new Float64Array(d);
  for (let j = 0; j < n; j++) {
    const x = X[j] as Float64Array;
    for (let p = 0; p < d; p++) {
      b[p] = (b[p] as number) + ((x[p] as number) * (data.y[j] as number)) / n;
      for (let q = 0; q < d; q++) S[p * d + q] = (S[p * d + q] as number) + ((x[p] as number) * (x[q] as number)) / n;
    }
  }
  const th = new Float64Array(d);
  let a2 = 0;
  for (let i = 0; i < W0.length; i++) {
    const ai = a[i] as number;
    a2 += ai * ai;
    for (let k = 0; k < d; k++) th[k] = (th[k] as number) + ai * ((W0[i] as Float64Array)[k] as number);
  }
  const G = new Float64Array(d);
  const g = new Float64Array(d);
  const out: FrozenRun = { steps: [], meanNorm: [], trainLoss: [] };
  const log = (t: number) => {
    let s = 0;
    for (let i = 0; i < W0.length; i++) {
      const w = W0[i] as Float64Array;
      let r = 0;
      for (let k = 0; k < d; k++) r += ((w[k] as number) - (a[i] as number) * (G[k] as number)) ** 2;
      s += Math.sqrt(r) / W0.length;
    }
    out.steps.push(t);
    out.meanNorm.push(s);
    out.trainLoss.push(meanSquaredLoss(th, data.X, data.y));
  };
  log(0);
  for (let t = 1; t <= steps; t++) {
    for (let p = 0; p < d; p++) {
      let v = -(b[p] as number);
      for (let q = 0; q < d; q++) v += (S[p * d + q] as number) * (th[q] as number);
      g[p] = v;
    }
    for (let k = 0; k < d; k++) {
      G[k] = (G[k] as number) + eta * (g[k] as number);
      th[k] = (th[k] as number) - eta * a2 * (g[k] as number);
    }
    if (t % logEvery === 0) log(t);
    if (t % 10_000 === 0) progress?.(10_000);
  }
  progress?.(steps % 10_000);
  return out;
}

/** One seed of the notebook: the oscillation run and its frozen-a contrast, with the mean norm's end/start ratio of each. */
export interface OscillationContrast {
  osc: Trajectory;
  frozen: FrozenRun;
  /** Avg||w_i|| over the final window / at t = 0 */
  oscRatio: number;
  frozenRatio: number;
  /** Avg||w_i||^2 over the final window (Lemma 4's quantity) */
  meanSqNormEnd: number;
}

export function oscillationContrast(setup: SyntheticSetup, seed: string, steps: number, logEvery: number, tailFraction: number, trackNeurons: number, progress?: (steps: number) => void): OscillationContrast {
  const osc = runTraining({ setup, rule: { kind: 'oscillation' }, seed, steps, logEvery, trackNeurons, ...(progress ? { progress } : {}) });
  const frozen = frozenSecondLayer(setup, seed, steps, logEvery, progress);
  const from = steps * (1 - tailFraction);
  const tail = frozen.meanNorm.filter((_, j) => (frozen.steps[j] as number) >= from);
  return {
    osc,
    frozen,
    oscRatio: tailMean(osc, from, 'meanNorm') / osc.rows[0]!.meanNorm,
    frozenRatio: tail.reduce((s, x) => s + x, 0) / tail.length / (frozen.meanNorm[0] as number),
    meanSqNormEnd: tailMean(osc, from, 'meanSqNorm'),
  };
}
