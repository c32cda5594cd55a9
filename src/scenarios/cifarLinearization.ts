import { stream } from '../engine/rng.js';
import { initBackend, type BackendInfo } from '../cifar/backend.js';
import { loadCifar, type CifarData } from '../cifar/data.js';
import { AUTHORS_FC, initFc, type FcConfig, type Parameterization } from '../cifar/fc.js';
import type { LabelNoise } from '../cifar/noise.js';
import { FcRunnerFactory, fcEngineFromEnv, type FcEngine } from '../cifar/fcEngine.js';
import { parallelMap } from '../engine/parallel.js';
import type { RealWorldSeedTask } from './cifarSeedTask.js';
import { lockstep, type LockstepResult } from '../cifar/lockstep.js';
import { curveDistance, logCurveDistance, runRealWorldSeed, type FnDistance, type LossCurve, type RealWorldSeedResult, type RunSpec } from '../cifar/realworld.js';

/**
 * The authors' real-world setup (their released notebook; Figures 3 and 5): the FC network 3072 -> width -> erf -> 10 on
 * the first nTrain / nTest CIFAR-10 images, full-batch steps from one initialization per seed, against its linearization
 * at initialization (the empirical NTK: gradient steps with the full kernel, the authors' traced-kernel flow, and the
 * linearized model trained by the same noisy labels or the same SAM steps). The network is trained by src/cifar/realworld.ts
 * (the exact row-space Gram path in float64 by default, or tfjs); every random draw comes from the engine's streams
 * (`${seed}/init`, `${seed}/noise/${run}`). This module turns one seed's runs into the numbers the figures' parts compare.
 */
export interface RealWorldScale {
  nTrain: number;
  nTest: number;
  width: number;
  eta: number;
  steps: number;
  logEvery: number;
}

/**
 * The statement parameters of "the clean / GD run tracks its linearization; a run with label noise or SAM departs from it"
 * (Figures 3 and 5): the direction (+1 as printed, -1 flipped), the thresholds (log-distances: tracks <= track, departs >=
 * depart), and for each kind of part the SESOI and the standard deviation assumed for the power, and the target power.
 */
export type LinearizationStatement = {
  direction: number;
  track: number;
  depart: number;
  sesoiTrack: number;
  sdTrack: number;
  sesoiDepart: number;
  sdDepart: number;
  power: number;
};

/** One noisy run of a comparison: its name in the report and its noise. */
export interface NoiseVariant {
  name: string;
  noise: LabelNoise;
}

export interface RealWorldSetup {
  info: BackendInfo;
  data: CifarData;
}

export const CLEAN = 'clean GD';

export async function realWorldSetup(nTrain: number, nTest: number): Promise<RealWorldSetup> {
  const info = await initBackend();
  return { info, data: loadCifar(nTrain, nTest) };
}

export function fcFor(width: number, parameterization: Parameterization): FcConfig {
  return { ...AUTHORS_FC, width, parameterization };
}

/**
 * Seeds 0..seeds-1 of one parameterization, every run from the seed's initialization. `rateFrom(i)` sets seed i's learning
 * rate so that the exact linearization's fastest direction moves at that rate (the NTK-parameterized variant); `engine`
 * overrides AUDIT_CIFAR_ENGINE (the Gram path by default). On the Gram path the seeds run in worker threads (parallelMap,
 * `threads`, default the cores available; one seed per task, its streams its own): the results do not depend on the number
 * of threads. The tfjs engine keeps to this thread (its backend is initialized here), and so do seeds too small to pay for
 * a worker's start (a few CPU seconds: tsx and the modules load in each worker), unless `threads` is given.
 */
/** n^2 m steps of a seed (its K DH products) from which the seeds go to worker threads: ~1e9 is about a CPU second of steps (the quick tier's 32^2 x 128 x 500 = 6.6e7 stays in this thread; the paper tier's 64^2 x 512 x 10,000 = 2.1e10 goes) */
const PARALLEL_WORK = 1e9;

export async function runSeeds(setup: RealWorldSetup, scale: RealWorldScale, seeds: number, parameterization: Parameterization, runs: RunSpec[], seedName: (i: number) => string, opts: { rateFrom?: (i: number) => number; engine?: FcEngine; threads?: number } = {}): Promise<RealWorldSeedResult[]> {
  const tasks: RealWorldSeedTask[] = [];
  for (let i = 0; i < seeds; i++) {
    const cfg = { nTrain: scale.nTrain, nTest: scale.nTest, fc: fcFor(scale.width, parameterization), eta: scale.eta, steps: scale.steps, logEvery: scale.logEvery, runs, ...(opts.engine ? { engine: opts.engine } : {}) };
    const rate = opts.rateFrom?.(i);
    tasks.push({ cfg: rate === undefined ? cfg : { ...cfg, rate }, seed: seedName(i) });
  }
  const engine = opts.engine ?? fcEngineFromEnv();
  const work = scale.nTrain * scale.nTrain * scale.width * scale.steps;
  if (engine === 'gram' && tasks.length > 1 && (opts.threads !== undefined || work >= PARALLEL_WORK)) return parallelMap<RealWorldSeedTask, RealWorldSeedResult>(tasks, new URL('./cifarSeedTask.ts', import.meta.url), 'runSeedTask', opts.threads ? { threads: opts.threads } : {});
  const out: RealWorldSeedResult[] = [];
  for (const t of tasks) out.push(await runRealWorldSeed(t.cfg, setup.data, t.seed));
  return out;
}

/**
 * Float32 against float64 over the whole horizon: seed `seed`'s run `spec` (its initialization and noise streams, so the
 * very run of runSeeds) trained in lockstep by the tfjs network (float32) and the Gram path (float64), compared every
 * logEvery steps on the train and test outputs and the per-unit first-layer norms (src/cifar/lockstep.ts).
 */
export async function float32Check(setup: RealWorldSetup, scale: RealWorldScale, parameterization: Parameterization, spec: RunSpec, seed: string): Promise<LockstepResult> {
  const fc = fcFor(scale.width, parameterization);
  const params = initFc(fc, stream(seed, 'init'));
  const f32 = new FcRunnerFactory('tfjs', fc, params, setup.data.train, setup.data.test).make();
  const f64 = new FcRunnerFactory('gram', fc, params, setup.data.train, setup.data.test).make();
  try {
    return await lockstep(f32, f64, { steps: scale.steps, every: scale.logEvery, eta: scale.eta, update: spec.update, noise: spec.noise, labels: setup.data.train.labels, k: fc.k, rng: stream(seed, 'noise', spec.name) });
  } finally {
    f32.dispose();
    f64.dispose();
  }
}

/** Loss-curve distances of a run to a baseline: log scale (max_t |ln((L_a + eps) / (L_b + eps))|, eps = floor L(0)) and linear. */
export interface Distances {
  train: number;
  test: number;
  /** max(train, test) */
  max: number;
  linTrain: number;
  linTest: number;
}

export function distances(r: RealWorldSeedResult, run: string, base: LossCurve, floor: number): Distances {
  const snaps = r.runs[run]?.snapshots ?? [];
  const tr = snaps.map((s) => s.trainLoss);
  const te = snaps.map((s) => s.testLoss);
  const train = logCurveDistance(tr, base.train, floor * (r.lin.train[0] as number));
  const test = logCurveDistance(te, base.test, floor * (r.lin.test[0] as number));
  return { train, test, max: Math.max(train, test), linTrain: curveDistance(tr, base.train), linTest: curveDistance(te, base.test) };
}

/** 1 - (a norm of the first layer at the last logged step) / (at step 0): positive when it fell. */
export function fall(r: RealWorldSeedResult, run: string, norm: 'normMean' | 'frob' = 'normMean'): number {
  const s = r.runs[run]?.snapshots ?? [];
  const a = s[0];
  const b = s[s.length - 1];
  return a && b ? 1 - b[norm] / a[norm] : 0;
}

/** Everything the figures compare for one run of one seed. */
export interface RunComparison {
  run: string;
  /** vs the exact linearization (full NTK, GD steps) */
  vsLin: Distances;
  /** vs the authors' baseline (traced NTK, gradient flow) */
  vsTraced: Distances;
  /** vs the linearized model under the same update rule and noisy labels (absent for clean GD) */
  vsSame?: Distances;
  /** function space: outputs vs the exact linearization, and vs the same-rule linearized model */
  fnLin: FnDistance;
  fnSame?: FnDistance;
  /** mean per-neuron norm and ||W1||_F falls */
  normFall: number;
  frobFall: number;
}

export function compareRun(r: RealWorldSeedResult, run: string, floor: number): RunComparison {
  const same = r.linSame[run];
  const fn = r.fnDist[run] ?? { vsLin: { train: Number.NaN, test: Number.NaN } };
  return {
    run,
    vsLin: distances(r, run, r.linSteps, floor),
    vsTraced: distances(r, run, r.lin, floor),
    ...(same ? { vsSame: distances(r, run, same, floor) } : {}),
    fnLin: fn.vsLin,
    ...(fn.vsSame ? { fnSame: fn.vsSame } : {}),
    normFall: fall(r, run),
    frobFall: fall(r, run, 'frob'),
  };
}

/** The runs that diverged ("seed run: diverged at step t"). */
export function divergedRuns(results: readonly RealWorldSeedResult[]): string[] {
  return results.flatMap((r) => Object.entries(r.runs).flatMap(([name, run]) => (run.diverged ? [`${r.seed} ${name}: ${run.diverged}`] : [])));
}

/** One table row per (seed, run): the distances, the final losses and accuracy, the norm falls. */
export function comparisonRow(label: string, r: RealWorldSeedResult, c: RunComparison): Record<string, number | string> {
  const last = r.runs[c.run]?.snapshots.at(-1);
  const num = (x: number | undefined): number | string => (x !== undefined && Number.isFinite(x) ? x : '-');
  return {
    config: label,
    seed: r.seed,
    run: c.run,
    'log-dist train (exact lin.)': c.vsLin.train,
    'log-dist test (exact lin.)': c.vsLin.test,
    'lin-dist train (exact lin.)': c.vsLin.linTrain,
    'lin-dist test (exact lin.)': c.vsLin.linTest,
    "log-dist max (authors' traced baseline)": c.vsTraced.max,
    'log-dist max (same-rule lin.)': num(c.vsSame?.max),
    'outputs dist train (exact lin.)': num(c.fnLin.train),
    'outputs dist test (exact lin.)': num(c.fnLin.test),
    'outputs dist train (same-rule lin.)': num(c.fnSame?.train),
    'outputs dist test (same-rule lin.)': num(c.fnSame?.test),
    'final train loss': num(last?.trainLoss),
    'final test loss': num(last?.testLoss),
    'final test acc': num(last?.testAcc),
    'mean neuron norm fall': c.normFall,
    '||W||_F fall': c.frobFall,
  };
}
