import { makeDataset, type Dataset } from '../../src/engine/data.js';
import { dot, norm, rows, vec } from '../../src/engine/matrix.js';
import { meanSquaredLoss, snapshot, type Snapshot } from '../../src/engine/metrics.js';
import { initNTK, type State } from '../../src/engine/network.js';
import { initOscillation } from '../../src/engine/oscillation.js';
import { Simulation, type Outcome } from '../../src/engine/simulate.js';
import type { Rule } from '../../src/engine/rules/types.js';
import type { ExperimentProgress } from './experimentProgress.js';

/**
 * The synthetic setup of the paper's experiments (AAAI "Experiments: Synthetic and Real-World Setups", Figures 2 and 4;
 * the authors' synthetic, oscillation, periodic and SAM notebooks): x ~ N(0, I_d), y = <theta*, x>, the network
 * y = a^T W x with the NTK initialization of Eq. (5), and one of the engine's update rules.
 * Shared by the experiment.* claims (properties/experiment.*.prop.test.ts).
 */
export interface Setup {
  m: number;
  d: number;
  n: number;
  nTest: number;
  eta: number;
  /** ||theta*|| = thetaScale * m^(-1/4) (A4 asks thetaScale <= 1; the paper does not print the value it used) */
  thetaScale: number;
  /** non-zero coordinates of theta* (default: dense) */
  sparsity?: number;
}

export function thetaStarNormOf(s: Setup): number {
  return s.thetaScale * Math.pow(s.m, -0.25);
}

export function dataOf(s: Setup, seed: string): Dataset {
  const cfg = { n: s.n, d: s.d, nTest: s.nTest, thetaStarNorm: thetaStarNormOf(s) };
  return makeDataset(s.sparsity !== undefined ? { ...cfg, sparsity: s.sparsity } : cfg, seed);
}

/** One logged point of a run: the quantities of Figures 2 and 4 (a, b) and the derived measures the claims decide on. */
export interface TraceRow {
  step: number;
  /** Avg_i ||w_i|| (Figure 2 (b)) */
  meanNorm: number;
  /** Avg_i ||w_i||^2 (Lemma 4's quantity) */
  meanSqNorm: number;
  /** Avg_i <w_i, theta*> as printed in Figure 2 (b) */
  meanAlignment: number;
  /** Avg_i |<w_i, theta*>| / (||w_i|| ||theta*||): the sign-invariant alignment */
  meanAbsCos: number;
  /** Avg_i sign(a_i) <w_i, theta*> / (||w_i|| ||theta*||): alignment oriented by the neuron's output weight */
  meanOrientedCos: number;
  /** fraction of neurons with |cos(w_i, theta*)| >= 0.9 */
  alignedFraction: number;
  meanAbsA: number;
  trainLoss: number;
  testLoss: number;
  thetaError: number;
  /** participation ratio of c_i = |a_i| ||w_i||: (sum c)^2 / (m sum c^2), in [1/m, 1]; m * PR is the effective number of active neurons */
  participation: number;
  /** stable rank ||W||_F^2 / ||W||_2^2 */
  stableRank: number;
}

/** One neuron's path (Figure 2 (c)). */
export interface NeuronPath {
  neuron: number;
  steps: number[];
  norm: number[];
  alignment: number[];
}

/** Every neuron at one step (Figure 2 (bottom)), down-sampled to at most `frameNeurons` neurons. */
export interface Frame {
  step: number;
  neurons: number[];
  norm: number[];
  alignment: number[];
}

export interface Trajectory {
  rows: TraceRow[];
  paths: NeuronPath[];
  frames: Frame[];
  outcome: Outcome;
  first: Snapshot;
  last: Snapshot;
  /** the state at the end (for pruning and the like) */
  state: State;
  data: Dataset;
  seconds: number;
}

export interface RunSpec {
  setup: Setup;
  rule: Rule;
  seed: string;
  steps: number;
  /** log a TraceRow every logEvery steps */
  logEvery: number;
  /** steps at which every neuron is recorded (Figure 2 (bottom)) */
  frameSteps?: number[];
  frameNeurons?: number;
  /** neurons whose paths are kept (Figure 2 (c)) */
  trackNeurons?: number;
  /** 'ntk': Eq. (5); 'oscillation': Eq. (5) for W, the chain's start for a (text after Eq. (7)) */
  init?: 'ntk' | 'oscillation';
  /** flip the sign of (w_i, a_i) at initialization for these neurons (the sign symmetry check) */
  flip?: readonly number[];
  /** stop early when a logged row satisfies this (the run is then at a fixed point; reported) */
  stopWhen?: (row: TraceRow) => boolean;
  /** called every step after the step (cheap observers: the a-variation of the periodic run) */
  observe?: (t: number, sim: Simulation) => void;
  progress?: ExperimentProgress;
}

export function initialState(spec: Pick<RunSpec, 'setup' | 'seed' | 'init' | 'flip' | 'rule'>): State {
  const st = initNTK(spec.setup.m, spec.setup.d, spec.seed);
  if (spec.init === 'oscillation') initOscillation(st, spec.rule.eta, spec.seed);
  if (spec.flip) {
    const W = rows(st.W);
    const a = vec(st.a);
    for (const i of spec.flip) {
      const w = W[i] as Float64Array;
      for (let k = 0; k < w.length; k++) w[k] = -(w[k] as number);
      a[i] = -(a[i] as number);
    }
  }
  return st;
}

/** The largest eigenvalue of W^T W (d x d) by power iteration: ||W||_2^2. */
function spectralNorm2(W: Float64Array[], d: number): number {
  const G = new Float64Array(d * d);
  for (const w of W) for (let j = 0; j < d; j++) for (let k = 0; k < d; k++) G[j * d + k] = (G[j * d + k] as number) + (w[j] as number) * (w[k] as number);
  let v = new Float64Array(d).fill(1 / Math.sqrt(d));
  let lambda = 0;
  for (let it = 0; it < 200; it++) {
    const u = new Float64Array(d);
    for (let j = 0; j < d; j++) for (let k = 0; k < d; k++) u[j] = (u[j] as number) + (G[j * d + k] as number) * (v[k] as number);
    const nu = norm(u);
    if (nu === 0) return 0;
    const next = nu;
    for (let j = 0; j < d; j++) u[j] = (u[j] as number) / nu;
    v = u;
    if (Math.abs(next - lambda) <= 1e-12 * next) {
      lambda = next;
      break;
    }
    lambda = next;
  }
  return lambda;
}

export function participationRatio(a: ArrayLike<number>, norms: ArrayLike<number>): number {
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < a.length; i++) {
    const c = Math.abs(a[i] as number) * (norms[i] as number);
    s1 += c;
    s2 += c * c;
  }
  return s2 > 0 ? (s1 * s1) / (a.length * s2) : 0;
}

export function rowOf(sn: Snapshot, state: State, withRank = true): TraceRow {
  const m = sn.norms.length;
  let meanNorm = 0;
  let meanAl = 0;
  let absCos = 0;
  let orient = 0;
  let aligned = 0;
  let absA = 0;
  for (let i = 0; i < m; i++) {
    meanNorm += (sn.norms[i] as number) / m;
    meanAl += (sn.alignment[i] as number) / m;
    const c = sn.cosine[i] as number;
    absCos += Math.abs(c) / m;
    const ai = sn.a[i] as number;
    orient += (ai > 0 ? c : ai < 0 ? -c : 0) / m;
    if (Math.abs(c) >= 0.9) aligned++;
    absA += Math.abs(ai) / m;
  }
  let fro = 0;
  for (let i = 0; i < m; i++) fro += (sn.norms[i] as number) ** 2;
  const meanSqNorm = fro / m;
  const W = rows(state.W);
  const s2 = withRank ? spectralNorm2(W, state.W.columns) : 0;
  return {
    step: sn.step,
    meanNorm,
    meanSqNorm,
    meanAlignment: meanAl,
    meanAbsCos: absCos,
    meanOrientedCos: orient,
    alignedFraction: aligned / m,
    meanAbsA: absA,
    trainLoss: sn.trainLoss,
    testLoss: sn.testLoss,
    thetaError: sn.thetaError,
    participation: participationRatio(sn.a, sn.norms),
    stableRank: s2 > 0 ? fro / s2 : 0,
  };
}

/** Evenly spaced neuron indices (a deterministic down-sample: the report's figures stay small). */
export function spread(m: number, k: number): number[] {
  if (k >= m) return Array.from({ length: m }, (_, i) => i);
  return Array.from({ length: k }, (_, j) => Math.floor((j * m) / k));
}

/** Runs one trajectory of the synthetic setup, logging the quantities of Figures 2 and 4. */
export function runTrajectory(spec: RunSpec): Trajectory {
  const t0 = performance.now();
  const data = dataOf(spec.setup, spec.seed);
  const state = initialState(spec);
  const sim = new Simulation(state, data, spec.rule, spec.seed);
  const m = spec.setup.m;
  const track = spread(m, spec.trackNeurons ?? 0);
  const frameSet = new Set(spec.frameSteps ?? []);
  const frameIdx = spread(m, spec.frameNeurons ?? 200);
  const paths: NeuronPath[] = track.map((i) => ({ neuron: i, steps: [], norm: [], alignment: [] }));
  const frames: Frame[] = [];
  const rowsOut: TraceRow[] = [];
  let last = snapshot(0, state, sim.W0, sim.theta, data);
  const first = last;
  const record = (t: number): TraceRow => {
    const sn = t === 0 ? first : snapshot(t, state, sim.W0, sim.theta, data);
    last = sn;
    const row = rowOf(sn, state);
    rowsOut.push(row);
    for (const p of paths) {
      p.steps.push(t);
      p.norm.push(sn.norms[p.neuron] as number);
      p.alignment.push(sn.alignment[p.neuron] as number);
    }
    if (frameSet.has(t)) frames.push({ step: t, neurons: frameIdx, norm: frameIdx.map((i) => sn.norms[i] as number), alignment: frameIdx.map((i) => sn.alignment[i] as number) });
    return row;
  };
  record(0);
  let done = 0;
  const res = sim.run({
    steps: spec.steps,
    watchEvery: 1,
    watch: (t, s) => {
      spec.observe?.(t, s);
      if (t % spec.logEvery === 0 || frameSet.has(t)) {
        const row = record(t);
        if (spec.stopWhen?.(row) && t < spec.steps) return `fixed point at step ${t}`;
      }
      return undefined;
    },
    progress: (t) => {
      spec.progress?.tick(t - done);
      done = t;
    },
  });
  spec.progress?.tick(spec.steps - done);
  return { rows: rowsOut, paths, frames, outcome: res.outcome, first, last, state, data, seconds: (performance.now() - t0) / 1000 };
}

/** A stopped run's last row stands for every later logged step (it stopped at a fixed point). */
export function rowAt(tr: Trajectory, step: number): TraceRow {
  let best = tr.rows[0] as TraceRow;
  for (const r of tr.rows) if (r.step <= step) best = r;
  return best;
}

/**
 * GD on W with a frozen at its start (the contrast of the oscillation experiment): w_i <- w_i - eta a_i grad L_D(theta),
 * theta = sum_i a_i w_i. With a fixed this is linear regression in W; the first-layer norms only move by what fitting needs.
 */
export function runFrozenA(setup: Setup, eta: number, seed: string, steps: number, logEvery: number, progress?: ExperimentProgress): { steps: number[]; meanNorm: number[]; trainLoss: number[] } {
  const data = dataOf(setup, seed);
  const st = initialState({ setup, seed, init: 'oscillation', rule: { kind: 'oscillation', eta } });
  const W = rows(st.W);
  const a = vec(st.a);
  const d = setup.d;
  const X = rows(data.X);
  const n = X.length;
  // Sigma_hat = X^T X / n, b = X^T y / n: grad L_D = Sigma_hat theta - b
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
  for (let i = 0; i < W.length; i++) for (let k = 0; k < d; k++) th[k] = (th[k] as number) + (a[i] as number) * ((W[i] as Float64Array)[k] as number);
  let a2 = 0;
  for (let i = 0; i < a.length; i++) a2 += (a[i] as number) ** 2;
  const g = new Float64Array(d);
  const out = { steps: [] as number[], meanNorm: [] as number[], trainLoss: [] as number[] };
  const log = (t: number) => {
    let s = 0;
    for (const w of W) s += norm(w) / W.length;
    out.steps.push(t);
    out.meanNorm.push(s);
    out.trainLoss.push(meanSquaredLoss(th, data.X, data.y));
  };
  log(0);
  let done = 0;
  for (let t = 1; t <= steps; t++) {
    for (let p = 0; p < d; p++) {
      let v = -(b[p] as number);
      for (let q = 0; q < d; q++) v += (S[p * d + q] as number) * (th[q] as number);
      g[p] = v;
    }
    for (let i = 0; i < W.length; i++) {
      const c = eta * (a[i] as number);
      if (c === 0) continue;
      const w = W[i] as Float64Array;
      for (let k = 0; k < d; k++) w[k] = (w[k] as number) - c * (g[k] as number);
    }
    for (let k = 0; k < d; k++) th[k] = (th[k] as number) - eta * a2 * (g[k] as number);
    if (t % logEvery === 0) log(t);
    if (progress && t % 10000 === 0) {
      progress.tick(t - done);
      done = t;
    }
  }
  progress?.tick(steps - done);
  return out;
}

// ------------------------------------------------------------------ change points and summaries

/** Centered moving average over `half` points on each side (shrinking at the ends). */
export function smooth(v: readonly number[], half: number): number[] {
  return v.map((_, i) => {
    let s = 0;
    let k = 0;
    for (let j = Math.max(0, i - half); j <= Math.min(v.length - 1, i + half); j++) {
      s += v[j] as number;
      k++;
    }
    return s / k;
  });
}

/** The first logged step where a falling series has done `frac` of its fall from v(0) to its minimum. */
export function fallStep(steps: readonly number[], v: readonly number[], frac: number): number {
  const v0 = v[0] as number;
  const lo = Math.min(...v);
  const target = v0 - frac * (v0 - lo);
  for (let i = 0; i < v.length; i++) if ((v[i] as number) <= target) return steps[i] as number;
  return steps[steps.length - 1] as number;
}

/** The first logged step where a rising series has done `frac` of its rise from v(0) to its maximum. */
export function riseStep(steps: readonly number[], v: readonly number[], frac: number): number {
  const v0 = v[0] as number;
  const hi = Math.max(...v);
  const target = v0 + frac * (hi - v0);
  for (let i = 0; i < v.length; i++) if ((v[i] as number) >= target) return steps[i] as number;
  return steps[steps.length - 1] as number;
}

/** Mean of a series over the rows with step >= from. */
export function tailMean(tr: Trajectory, from: number, key: keyof TraceRow): number {
  const xs = tr.rows.filter((r) => r.step >= from).map((r) => r[key]);
  return xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : (tr.rows[tr.rows.length - 1] as TraceRow)[key];
}

export const fmt = (x: number): string => (x === 0 ? '0' : Math.abs(x) >= 1e4 || Math.abs(x) < 1e-3 ? x.toExponential(3) : Number(x.toPrecision(4)).toString());

/** Thins a list to at most k evenly spaced entries, keeping the first and the last. */
export function thin<T>(xs: readonly T[], k: number): T[] {
  if (xs.length <= k) return [...xs];
  const out: T[] = [];
  for (let j = 0; j < k; j++) out.push(xs[Math.round((j * (xs.length - 1)) / (k - 1))] as T);
  return out;
}

export function describeSetup(s: Setup): string {
  return `m=${s.m}, d=${s.d}, n=${s.n}, eta=${fmt(s.eta)}, ||theta*||=${fmt(thetaStarNormOf(s))}${s.sparsity !== undefined ? ` (${s.sparsity}-sparse)` : ''}`;
}

export { dot, norm };

/**
 * Every number in a claim's evidence and tables must be finite (checkClaim rejects NaN and infinities): a value that is
 * not (a ratio over a zero fall, a run that diverged) is reported as a string saying so.
 */
export function finiteOutcome<T extends { evidence: Record<string, unknown>; tables?: Record<string, Record<string, number | string>[]> }>(o: T): T {
  const fix = (v: number): number | string => (Number.isFinite(v) ? v : `not finite (${v})`);
  for (const [k, v] of Object.entries(o.evidence)) {
    if (typeof v === 'number') o.evidence[k] = fix(v);
    else if (Array.isArray(v) && v.some((x) => typeof x === 'number' && !Number.isFinite(x))) o.evidence[k] = v.map((x) => (typeof x === 'number' ? String(fix(x)) : String(x)));
  }
  for (const rows of Object.values(o.tables ?? {})) for (const r of rows) for (const [k, v] of Object.entries(r)) if (typeof v === 'number') r[k] = fix(v);
  return o;
}
