import { stream } from '../engine/rng.js';
import type { CifarData } from './data.js';
import * as tf from '@tensorflow/tfjs';
import { initFc, mseHalfMean, type FcConfig, type FcSnapshot, type Update } from './fc.js';
import { describeFcEngine, fcEngineFromEnv, FcRunnerFactory, parseFcEngine, type FcEngine } from './fcEngine.js';
import { fillOneHot, noisyLabels, type LabelNoise } from './noise.js';
import { empiricalNtk, hiddenFeatures, LinearizedPredictor, LinearizedSteps, outputsFromFeatures, projectTestKernel, symEig } from './ntk.js';

/**
 * The real-world experiment of Figures 3 and 5, one seed: one initialization shared by every run,
 * full-batch steps on the training images (the authors' batch of 64 drawn without replacement from
 * 64 images is the full batch every step), logged every `logEvery` steps against the clean labels,
 * and the linearized baselines:
 * - `lin`: the authors' baseline, neural-tangents' gradient_descent_mse with the logit-traced
 *   empirical NTK (gradient flow, normalization y.size = n k);
 * - `linSteps`: the exact linearization, gradient descent steps with the full empirical NTK;
 * - for each run with label noise or SAM, `linSame[name]`: the linearized model under the same
 *   update rule, driven by the same noisy labels, step by step (the control that separates "the
 *   algorithm changes the linear model's trajectory" from "the network leaves its linearization").
 */
export interface RunSpec {
  name: string;
  noise: LabelNoise;
  update: Update;
}

export interface RealWorldConfig {
  nTrain: number;
  nTest: number;
  fc: FcConfig;
  eta: number;
  steps: number;
  logEvery: number;
  runs: RunSpec[];
  /**
   * which code trains the network (fcEngine.ts): `gram`, the exact row-space reformulation in
   * float64, or `tfjs`, the TensorFlow.js network in float32 (the reference; the GPU route).
   * Absent: AUDIT_CIFAR_ENGINE, else `gram` (`tfjs` when AUDIT_BACKEND names a GPU backend).
   */
  engine?: FcEngine;
}

export interface LossCurve {
  train: number[];
  test: number[];
}

/** A distance between two models' outputs on the train and the test images (see `outputDistance`). */
export interface FnDistance {
  train: number;
  test: number;
}

type Outputs = { train: ArrayLike<number>; test: ArrayLike<number> };

export interface RealWorldSeedResult {
  seed: string;
  /** the learning rate used (cfg.eta, or the one set from `rate`) */
  eta: number;
  steps: number[];
  runs: Record<string, { snapshots: FcSnapshot[]; diverged?: string }>;
  lin: LossCurve;
  linSteps: LossCurve;
  /** for each run other than clean GD: the linearized model under the same update rule and the same noisy labels */
  linSame: Record<string, LossCurve>;
  /**
   * function space, per run: max over logged steps of ||f_net(t) - f_lin(t)||_2 / ||f_lin(0) - y||_2 on the train and
   * the test outputs (y: the clean one-hot labels), against the exact linearization (`vsLin`) and, for runs other than
   * clean GD, against the linearized model under the same update rule and noisy labels (`vsSame`)
   */
  fnDist: Record<string, { vsLin: FnDistance; vsSame?: FnDistance }>;
  /** eta lambda_max / (n k) for the full kernel (GD on the linearization is stable below 2) */
  linMaxRate: number;
  /** max over logged steps of |traced-flow baseline - full-kernel steps baseline| / L(0), train and test */
  baselineGap: { train: number; test: number };
  /** |network f_0 - float64 f_0 of ntk.ts| max over outputs (the two forward passes agree; ~1e-16 on the Gram engine, float32 rounding on tfjs) */
  f0Gap: number;
  seconds: { network: number; kernel: number };
  /** the engine that trained the network, and one line describing it (with the tfjs backend for tfjs) */
  engine: FcEngine;
  engineDescription: string;
}

function lossCurveAt(pred: (t: number) => { train: Float64Array; test: Float64Array }, steps: number[], Y: Float32Array, Ytest: Float32Array): LossCurve & { outputs: Outputs[] } {
  const train: number[] = [];
  const test: number[] = [];
  const outputs: Outputs[] = [];
  for (const t of steps) {
    const p = pred(t);
    outputs.push(p);
    train.push(mseHalfMean(p.train, Y));
    test.push(mseHalfMean(p.test, Ytest));
  }
  return { train, test, outputs };
}

function l2(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += ((a[i] as number) - (b[i] as number)) ** 2;
  return Math.sqrt(s);
}

/**
 * Function-space distance of two output trajectories logged at the same steps: max_t ||a(t) - b(t)||_2 / ||b(0) - y||_2,
 * on the train and on the test outputs (relative to the reference model's initial residual against the clean labels y).
 */
export function outputDistance(a: readonly Outputs[], b: readonly Outputs[], Y: ArrayLike<number>, Ytest: ArrayLike<number>): FnDistance {
  const n = Math.min(a.length, b.length);
  const b0 = b[0] as Outputs;
  const r0 = l2(b0.train, Y);
  const r0t = l2(b0.test, Ytest);
  let train = 0;
  let test = 0;
  for (let i = 0; i < n; i++) {
    train = Math.max(train, l2((a[i] as Outputs).train, (b[i] as Outputs).train));
    test = Math.max(test, l2((a[i] as Outputs).test, (b[i] as Outputs).test));
  }
  return { train: train / r0, test: test / r0t };
}

export function logSteps(steps: number, every: number): number[] {
  const out: number[] = [];
  for (let s = 0; s <= steps; s += every) out.push(s);
  if (out[out.length - 1] !== steps) out.push(steps);
  return out;
}

/**
 * Runs every spec from the same initialization (stream `${seed}/init`); run r's noise comes from
 * stream `${seed}/noise/${name}` (the linearized control redraws the same sequence). The kernels
 * come first: with `rate` set, the learning rate is chosen so that the exact linearization's
 * fastest direction moves at that rate, eta = rate * n k / lambda_max(Theta) (the NTK-parameterized
 * variant, whose kernel has another scale). `onLog` is called at every logged step (progress).
 */
export async function runRealWorldSeed(cfg: RealWorldConfig & { rate?: number }, data: CifarData, seed: string, onLog?: (run: string, step: number) => void): Promise<RealWorldSeedResult> {
  const { fc } = cfg;
  const k = fc.k;
  const train = data.train;
  const test = data.test;
  const params = initFc(fc, stream(seed, 'init'));
  const steps = logSteps(cfg.steps, cfg.logEvery);
  const logSet = new Set(steps);
  const N = train.n * k;
  const engine = cfg.engine === undefined ? fcEngineFromEnv() : parseFcEngine(cfg.engine, 'engine');

  // ---- kernels and the exact linearization's eigenbasis (float64)
  const t1 = performance.now();
  const ntkTT = empiricalNtk(fc, params, train.X, train.n, train.X, train.n);
  const ntkDT = empiricalNtk(fc, params, test.X, test.n, train.X, train.n);
  const eigFull = symEig(ntkTT.full, N);
  const lambdaMax = Math.max(...eigFull.lambda);
  const eta = cfg.rate !== undefined ? (cfg.rate * N) / lambdaMax : cfg.eta;
  const BFull = projectTestKernel(ntkDT.full, test.n * k, eigFull.V, N);
  let tKernel = (performance.now() - t1) / 1000;

  // ---- the network runs
  const t0 = performance.now();
  const runs: RealWorldSeedResult['runs'] = {};
  const netOutputs: Record<string, Outputs[]> = {};
  let f0net: ArrayLike<number> | undefined;
  let f0netTest: ArrayLike<number> | undefined;
  const nets = new FcRunnerFactory(engine, fc, params, train, test);
  for (const spec of cfg.runs) {
    const net = nets.make();
    try {
      if (!f0net) {
        const o = await net.outputs();
        f0net = o.train;
        f0netTest = o.test;
      }
      const rng = stream(seed, 'noise', spec.name);
      const T = new Float32Array(train.n * k);
      const snapshots: FcSnapshot[] = [];
      const outs: Outputs[] = [];
      let diverged: string | undefined;
      for (let s = 0; s <= cfg.steps; s++) {
        if (logSet.has(s)) {
          const snap = await net.snapshot(s);
          if (!Number.isFinite(snap.trainLoss) || !Number.isFinite(snap.testLoss) || !Number.isFinite(snap.normMean)) {
            diverged = `diverged at step ${s}`;
            break;
          }
          snapshots.push(snap);
          const o = await net.outputs();
          outs.push({ train: Float64Array.from(o.train), test: Float64Array.from(o.test) });
          onLog?.(spec.name, s);
        }
        if (s === cfg.steps) break;
        if (spec.noise.kind === 'none') net.step(eta, null, spec.update);
        else net.step(eta, fillOneHot(T, noisyLabels(train.labels, spec.noise, rng, k), k), spec.update);
      }
      runs[spec.name] = diverged ? { snapshots, diverged } : { snapshots };
      netOutputs[spec.name] = outs;
    } finally {
      net.dispose();
    }
  }
  const tNet = (performance.now() - t0) / 1000;

  // ---- the linearized baselines (float64)
  const t2 = performance.now();
  const f0 = Float64Array.from(f0net as ArrayLike<number>);
  const f0t = Float64Array.from(f0netTest as ArrayLike<number>);
  const lin = new LinearizedPredictor(ntkTT.traced, train.n, ntkDT.traced, test.n, f0, train.Y, f0t, k, eta, N, 'flow');
  const full = new LinearizedPredictor(ntkTT.full, N, ntkDT.full, test.n * k, f0, train.Y, f0t, 1, eta, N, 'steps', { ...eigFull, B: BFull });
  const linCurve = lossCurveAt((t) => lin.at(t), steps, train.Y, test.Y);
  const linStepsCurve = lossCurveAt((t) => full.at(t), steps, train.Y, test.Y);
  const linSame: Record<string, LossCurve> = {};
  const fnDist: RealWorldSeedResult['fnDist'] = {};
  const dist = (a: readonly Outputs[], b: readonly Outputs[]): FnDistance => outputDistance(a, b, train.Y, test.Y);
  for (const spec of cfg.runs) {
    const own = netOutputs[spec.name] as Outputs[];
    fnDist[spec.name] = { vsLin: dist(own, linStepsCurve.outputs) };
    if (spec.noise.kind === 'none' && spec.update.kind === 'gd') continue;
    const rho = spec.update.kind === 'sam' ? spec.update.rho : 0;
    const ls = new LinearizedSteps(ntkTT.full, ntkDT.full, f0, f0t, train.labels, k, eta, { ...eigFull, B: BFull });
    const rng = stream(seed, 'noise', spec.name);
    const curve: LossCurve = { train: [], test: [] };
    const sameOuts: Outputs[] = [];
    for (let s = 0; s <= cfg.steps; s++) {
      if (logSet.has(s)) {
        const o = ls.outputs();
        sameOuts.push(o);
        curve.train.push(mseHalfMean(o.train, train.Y));
        curve.test.push(mseHalfMean(o.test, test.Y));
      }
      if (s === cfg.steps) break;
      ls.step(noisyLabels(train.labels, spec.noise, rng, k), rho);
    }
    linSame[spec.name] = curve;
    fnDist[spec.name] = { vsLin: dist(own, linStepsCurve.outputs), vsSame: dist(own, sameOuts) };
  }
  const L0 = linCurve.train[0] as number;
  const L0t = linCurve.test[0] as number;
  const gap = (a: number[], b: number[], l0: number): number => Math.max(...a.map((v, i) => Math.abs(v - (b[i] as number)))) / l0;
  let f0Gap = 0;
  {
    // float64 forward from the same parameters, as a check of the network's float32 forward pass
    const f64 = outputsFromFeatures(fc, params, hiddenFeatures(fc, params, train.X, train.n).A, train.n);
    for (let i = 0; i < f0.length; i++) f0Gap = Math.max(f0Gap, Math.abs((f64[i] as number) - (f0[i] as number)));
  }
  tKernel += (performance.now() - t2) / 1000;
  return {
    seed,
    eta,
    steps,
    runs,
    lin: { train: linCurve.train, test: linCurve.test },
    linSteps: { train: linStepsCurve.train, test: linStepsCurve.test },
    linSame,
    fnDist,
    linMaxRate: full.maxRate(),
    baselineGap: { train: gap(linCurve.train, linStepsCurve.train, L0), test: gap(linCurve.test, linStepsCurve.test, L0t) },
    f0Gap,
    seconds: { network: tNet, kernel: tKernel },
    engine,
    engineDescription: engine === 'tfjs' ? describeFcEngine(engine, tf.getBackend()) : describeFcEngine(engine),
  };
}

/** max over logged steps of |a(t) - b(t)| / b(0): the distance between two loss curves, relative to the initial loss. */
export function curveDistance(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  const b0 = b[0] as number;
  let m = 0;
  for (let i = 0; i < n; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)));
  return m / b0;
}

/**
 * The distance between two loss curves as a log-scale plot shows it: max over logged steps of
 * |ln((a(t) + eps) / (b(t) + eps))|, with the floor eps (losses below eps read as zero).
 */
export function logCurveDistance(a: readonly number[], b: readonly number[], eps: number): number {
  const n = Math.min(a.length, b.length);
  let m = 0;
  for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(Math.log(((a[i] as number) + eps) / ((b[i] as number) + eps))));
  return m;
}
