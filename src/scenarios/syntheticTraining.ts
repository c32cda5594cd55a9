import { makeDataset, type Dataset } from '../engine/data.js';
import { rows, vec } from '../engine/matrix.js';
import { snapshot, type Snapshot } from '../engine/metrics.js';
import { populationRow, type PopulationRow } from '../engine/metrics/neuronPopulation.js';
import { initNTK, type State } from '../engine/network.js';
import { initOscillation } from '../engine/oscillation.js';
import type { NoiseSchedule, Rule } from '../engine/rules/types.js';
import { Simulation, type Outcome } from '../engine/simulate.js';
import { CommonMapSimulation } from '../engine/commonMap.js';
import { InputError } from '../errors.js';
import { validatePaperConfig, type PaperConfig } from './config.js';
import { T0 } from './lazyWindow.js';

/**
 * The synthetic setup of Sec. 3.1 trained under one of the paper's rules (AAAI "Experiments: Synthetic and Real-World
 * Setups", Figures 2 and 4; the authors' synthetic, oscillation, periodic and SAM notebooks): x ~ N(0, I_d),
 * y = <theta*, x>, the network y = a^T W x of Eq. (2) from the NTK initialization of Eq. (5), and
 *   'label-noise'  label-noise SGD, batch 1, eps = +-sigma (Eqs. (3)-(4)), optionally switched on and off (schedule);
 *   'plain'        the same SGD with sigma = 0 (same sampled indices);
 *   'sam'          per-sample SAM with radius rho (the AAAI extension's update rule), no label noise;
 *   'oscillation'  GD on W with a_i the three-state chain of Eqs. (6)-(7), a(0) from the chain's start.
 * Every random draw comes from the engine's named streams under one seed (data, init, sampling, noise), so two runs with
 * the same seed and different rules share their data, W(0) and sampled indices.
 */
export interface SyntheticSetup {
  config: PaperConfig;
  /** held-out test set size */
  nTest: number;
  /** non-zero coordinates of theta* (default: dense) */
  sparsity?: number;
  /**
   * 'common-map': the SGD and SAM rules run through src/engine/commonMap.ts (the exact O(d^2)-per-step form: every neuron
   * moves by the same linear map; W and a are materialized at logged steps), equal to the full simulation up to rounding
   * (1e-9 relative, test/engine/commonMap.test.ts), not bit for bit; absent: the engine's full Simulation
   */
  simulator?: 'common-map';
}

export type TrainingRule = { kind: 'label-noise'; schedule?: NoiseSchedule } | { kind: 'plain' } | { kind: 'sam'; rho: number } | { kind: 'oscillation' };

/** The engine rule of a training rule under a configuration (eta and sigma from the PaperConfig). */
export function engineRule(c: PaperConfig, r: TrainingRule): Rule {
  switch (r.kind) {
    case 'label-noise':
      return r.schedule ? { kind: 'sgd', eta: c.eta, batch: 1, sigma: c.sigma, schedule: r.schedule } : { kind: 'sgd', eta: c.eta, batch: 1, sigma: c.sigma };
    case 'plain':
      return { kind: 'sgd', eta: c.eta, batch: 1, sigma: 0 };
    case 'sam':
      return { kind: 'sam', eta: c.eta, rho: r.rho, batch: 1, sigma: 0 };
    case 'oscillation':
      return { kind: 'oscillation', eta: c.eta };
  }
}

export function describeRule(c: PaperConfig, r: TrainingRule): string {
  switch (r.kind) {
    case 'label-noise':
      return `label-noise SGD, batch 1, sigma = ${c.sigma}${r.schedule ? ` on ${r.schedule.on} / off ${r.schedule.off} steps` : ''}`;
    case 'plain':
      return 'plain SGD, batch 1 (sigma = 0)';
    case 'sam':
      return `per-sample SAM, rho = ${r.rho}, no label noise`;
    case 'oscillation':
      return `GD on W with a oscillated by Eqs. (6)-(7), q = eta^0.25 = ${Math.pow(c.eta, 0.25).toPrecision(4)}`;
  }
}

export function describeSetup(s: SyntheticSetup): string {
  const c = s.config;
  return `m=${c.m}, d=${c.d}, n=${c.n}, eta=${c.eta}, ||theta*||=${c.thetaStarNorm.toPrecision(4)}${s.sparsity !== undefined ? ` (${s.sparsity}-sparse)` : ''}${s.simulator ? ` (${s.simulator} simulator)` : ''}`;
}

export function syntheticData(s: SyntheticSetup, seed: string): Dataset {
  const c = validatePaperConfig(s.config);
  const dc = { n: c.n, d: c.d, nTest: s.nTest, thetaStarNorm: c.thetaStarNorm };
  return makeDataset(s.sparsity !== undefined ? { ...dc, sparsity: s.sparsity } : dc, seed);
}

/**
 * The initial state: Eq. (5); for the oscillation rule a(0) is the chain's start (text after Eq. (7)). `flip` negates
 * (w_i, a_i) of the listed neurons (the sign symmetry of signFlipGap).
 */
export function initialState(s: SyntheticSetup, r: TrainingRule, seed: string, flip: readonly number[] = []): State {
  const st = initNTK(s.config.m, s.config.d, seed);
  if (r.kind === 'oscillation') initOscillation(st, s.config.eta, seed);
  const W = rows(st.W);
  const a = vec(st.a);
  for (const i of flip) {
    const w = W[i] as Float64Array;
    for (let k = 0; k < w.length; k++) w[k] = -(w[k] as number);
    a[i] = -(a[i] as number);
  }
  return st;
}

/** One neuron's path (Figure 2 (c)). */
export interface NeuronPath {
  neuron: number;
  steps: number[];
  norm: number[];
  alignment: number[];
}

/** Every neuron (down-sampled) at one step (Figure 2 (bottom)). */
export interface Frame {
  step: number;
  neurons: number[];
  norm: number[];
  alignment: number[];
}

export interface Trajectory {
  rows: PopulationRow[];
  paths: NeuronPath[];
  frames: Frame[];
  outcome: Outcome;
  first: Snapshot;
  last: Snapshot;
  /** the state at the end (pruning and the like) */
  state: State;
  data: Dataset;
}

export interface TrainingSpec {
  setup: SyntheticSetup;
  rule: TrainingRule;
  seed: string;
  steps: number;
  /** a PopulationRow every logEvery steps (and at 0) */
  logEvery: number;
  /** steps at which every neuron (down-sampled to frameNeurons) is recorded */
  frameSteps?: readonly number[];
  frameNeurons?: number;
  /** neurons whose paths are kept */
  trackNeurons?: number;
  /** stop at the first logged row that satisfies this (a fixed point: its state stands for every later step) */
  stopWhen?: (row: PopulationRow) => boolean;
  /** called after every step with the simulation (cheap observers) */
  observe?: (t: number, sim: Simulation) => void;
  /** called with the number of steps done since the last call */
  progress?: (steps: number) => void;
  /** called with every logged snapshot (observations for other claims' premises) */
  onLog?: (sn: Snapshot) => void;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Evenly spaced neuron indices (a deterministic down-sample). */
export function spread(m: number, k: number): number[] {
  if (k >= m) return Array.from({ length: m }, (_, i) => i);
  return Array.from({ length: k }, (_, j) => Math.floor((j * m) / k));
}

/** Whether the run goes through the common-map simulator: the setup asks for it; the rule and the spec must allow it. */
function commonMap(spec: TrainingSpec): boolean {
  if (spec.setup.simulator !== 'common-map') return false;
  if (spec.rule.kind === 'oscillation') throw new InputError('setup.simulator', "the common-map simulator runs SGD and SAM, not the oscillation chain");
  if (spec.observe) throw new InputError('setup.simulator', 'the common-map simulator has no per-step state for an observer (observe)');
  return true;
}

/** Trains the synthetic setup under a rule, logging the population rows, paths and frames. A diverging run ends with its outcome. */
export function runTraining(spec: TrainingSpec): Trajectory {
  const data = syntheticData(spec.setup, spec.seed);
  const state = initialState(spec.setup, spec.rule, spec.seed);
  const rule = engineRule(spec.setup.config, spec.rule);
  const sim = commonMap(spec) ? new CommonMapSimulation(state, data, rule, spec.seed) : new Simulation(state, data, rule, spec.seed);
  const m = spec.setup.config.m;
  const frameSet = new Set(spec.frameSteps ?? []);
  const frameIdx = spread(m, spec.frameNeurons ?? 200);
  const paths: NeuronPath[] = spread(m, spec.trackNeurons ?? 0).map((i) => ({ neuron: i, steps: [], norm: [], alignment: [] }));
  const frames: Frame[] = [];
  const out: PopulationRow[] = [];
  const first = snapshot(0, state, sim.W0, sim.theta, data);
  let last = first;
  const record = (t: number): PopulationRow => {
    const sn = t === 0 ? first : snapshot(t, state, sim.W0, sim.theta, data);
    last = sn;
    spec.onLog?.(sn);
    const row = populationRow(sn, state);
    out.push(row);
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
  // the watch runs every step only for an observer; otherwise at every multiple of gcd(logEvery, frame steps) (exact: no logged step is skipped)
  const watchEvery = spec.observe ? 1 : (spec.frameSteps ?? []).reduce((g, s) => gcd(g, s), spec.logEvery);
  const res = sim.run({
    steps: spec.steps,
    watchEvery,
    watch: (t: number, s: Simulation | CommonMapSimulation) => {
      if (s instanceof Simulation) spec.observe?.(t, s);
      if (t % spec.logEvery !== 0 && !frameSet.has(t)) return undefined;
      const row = record(t);
      return spec.stopWhen?.(row) && t < spec.steps ? `fixed point at step ${t}` : undefined;
    },
    progress: (t) => {
      spec.progress?.(t - done);
      done = t;
    },
  });
  spec.progress?.(spec.steps - done);
  return { rows: out, paths, frames, outcome: res.outcome, first, last, state, data };
}

/** Mean of a logged series over the rows with step >= from (the last row when none: a run stopped at a fixed point). */
export function tailMean(tr: Trajectory, from: number, key: Exclude<keyof PopulationRow, 'step'>): number {
  const xs = tr.rows.filter((r) => r.step >= from).map((r) => r[key]);
  return xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : (tr.rows[tr.rows.length - 1] as PopulationRow)[key];
}

export function outcomeText(o: Outcome): string {
  return o.kind === 'completed' ? 'completed' : o.kind === 'stopped' ? `stopped at step ${o.step} (${o.reason})` : `diverged at step ${o.step} (${o.reason})`;
}

/** The data of a 'lazy-window' observation (the keys properties/monitors/lazyWindow.ts reads). */
export type LazyWindowData = { m: number; eta: number; etaM: number; t: number; T0: number; maxAbsAScaled: number; maxAScaled: number; driftScaled: number };

/**
 * A logged snapshot of label-noise SGD from the NTK init as a 'lazy-window' observation (properties/monitors/lazyWindow.ts,
 * Lemma C.2's premise), while t <= T0 (src/scenarios/lazyWindow.ts: Lemma C.2's O(log m / (eta^2 m^(1/2))) with its hidden
 * constant read as 1); undefined past T0.
 */
export function lazyWindowObservation(sn: Snapshot, eta: number): LazyWindowData | undefined {
  const m = sn.norms.length;
  const t0 = T0(m, eta);
  if (sn.step > t0) return undefined;
  let maxA = -Infinity;
  let maxAbsA = 0;
  let drift = 0;
  for (let i = 0; i < m; i++) {
    maxA = Math.max(maxA, sn.a[i] as number);
    maxAbsA = Math.max(maxAbsA, Math.abs(sn.a[i] as number));
    drift = Math.max(drift, sn.drift[i] as number);
  }
  const q = Math.pow(m, 0.25);
  return { m, eta, etaM: eta * m, t: sn.step, T0: t0, maxAbsAScaled: maxAbsA * q, maxAScaled: maxA * q, driftScaled: drift * Math.sqrt(m) };
}
