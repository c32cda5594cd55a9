import { initBackend, type BackendInfo } from '../../src/cifar/backend.js';
import { loadCifar, type CifarData } from '../../src/cifar/data.js';
import { AUTHORS_FC, type FcConfig } from '../../src/cifar/fc.js';
import { curveDistance, logCurveDistance, runRealWorldSeed, type RealWorldSeedResult, type RunSpec } from '../../src/cifar/realworld.js';
import type { CurvePoint } from './cifarFigures.js';

/** The shared part of the Figure 3 / Figure 5 properties: data, backend, one configuration over seeds. */
export interface RealWorldSetup {
  info: BackendInfo;
  data: CifarData;
}

export async function realWorldSetup(nTrain: number, nTest: number): Promise<RealWorldSetup> {
  const info = await initBackend();
  const data = loadCifar(nTrain, nTest);
  return { info, data };
}

export function fcFor(width: number, parameterization: FcConfig['parameterization']): FcConfig {
  return { ...AUTHORS_FC, width, parameterization };
}

export const CLEAN = 'clean GD';

/** Distances of one run to a baseline curve, on train and test, log-scale (decisions) and linear (evidence). */
export interface Distances {
  train: number;
  test: number;
  /** max(train, test) */
  max: number;
  linTrain: number;
  linTest: number;
}

export function distances(r: RealWorldSeedResult, run: string, base: { train: number[]; test: number[] }, floor: number): Distances {
  const snaps = r.runs[run]?.snapshots ?? [];
  const tr = snaps.map((s) => s.trainLoss);
  const te = snaps.map((s) => s.testLoss);
  const epsTr = floor * (r.lin.train[0] as number);
  const epsTe = floor * (r.lin.test[0] as number);
  const train = logCurveDistance(tr, base.train, epsTr);
  const test = logCurveDistance(te, base.test, epsTe);
  return { train, test, max: Math.max(train, test), linTrain: curveDistance(tr, base.train), linTest: curveDistance(te, base.test) };
}

/** 1 - mean per-neuron norm at the last logged step / at step 0 (positive: the norms fell). */
export function normFall(r: RealWorldSeedResult, run: string): number {
  const s = r.runs[run]?.snapshots ?? [];
  const a = s[0];
  const b = s[s.length - 1];
  return a && b ? 1 - b.normMean / a.normMean : 0;
}

export function frobFall(r: RealWorldSeedResult, run: string): number {
  const s = r.runs[run]?.snapshots ?? [];
  const a = s[0];
  const b = s[s.length - 1];
  return a && b ? 1 - b.frob / a.frob : 0;
}

/** Runs one configuration (a parameterization) over the seeds; `rateFrom` gives the NTK variant's linearized rate per seed. */
export async function runSeeds(
  setup: RealWorldSetup,
  d: { nTrain: number; nTest: number; width: number; eta: number; steps: number; logEvery: number; seeds: number },
  parameterization: FcConfig['parameterization'],
  runs: RunSpec[],
  seedName: (i: number) => string,
  rateFrom?: (i: number) => number,
): Promise<RealWorldSeedResult[]> {
  const out: RealWorldSeedResult[] = [];
  for (let i = 0; i < d.seeds; i++) {
    const cfg = { nTrain: d.nTrain, nTest: d.nTest, fc: fcFor(d.width, parameterization), eta: d.eta, steps: d.steps, logEvery: d.logEvery, runs };
    const rate = rateFrom?.(i);
    out.push(await runRealWorldSeed(rate === undefined ? cfg : { ...cfg, rate }, setup.data, seedName(i)));
  }
  return out;
}

/** Curve points of every run and baseline of one seed result, for the loss figures. */
export function lossPoints(r: RealWorldSeedResult, seedLabel: string, prefix: string, maxPoints: number, withTraced = true): CurvePoint[] {
  const pts: CurvePoint[] = [];
  const keep = thin(r.steps.length, maxPoints);
  const add = (run: string, tr: number[], te: number[]): void => {
    r.steps.forEach((step, i) => {
      if (!keep(i)) return;
      if (i < tr.length) pts.push({ step, value: tr[i] as number, run: `${prefix}${run}`, panel: 'train loss', seed: seedLabel });
      if (i < te.length) pts.push({ step, value: te[i] as number, run: `${prefix}${run}`, panel: 'test loss', seed: seedLabel });
    });
  };
  for (const [name, run] of Object.entries(r.runs))
    add(
      name,
      run.snapshots.map((s) => s.trainLoss),
      run.snapshots.map((s) => s.testLoss),
    );
  add('linearized (exact: full NTK, GD steps)', r.linSteps.train, r.linSteps.test);
  if (withTraced) add("linearized (authors' baseline: traced NTK, flow)", r.lin.train, r.lin.test);
  for (const [name, c] of Object.entries(r.linSame)) add(`linearized, trained like: ${name}`, c.train, c.test);
  return pts;
}

/** Curve points of the first-layer norms (mean per-neuron norm, and mean +- std as separate lines), relative to step 0. */
export function normPoints(r: RealWorldSeedResult, seedLabel: string, prefix: string, maxPoints: number): CurvePoint[] {
  const pts: CurvePoint[] = [];
  const keep = thin(r.steps.length, maxPoints);
  for (const [name, run] of Object.entries(r.runs)) {
    const s0 = run.snapshots[0];
    if (!s0) continue;
    for (const [i, s] of run.snapshots.entries()) {
      if (!keep(i)) continue;
      pts.push({ step: s.step, value: s.normMean / s0.normMean, run: `${prefix}${name}`, panel: 'mean per-neuron norm / its initial value', seed: seedLabel });
      pts.push({ step: s.step, value: s.normStd / s0.normStd, run: `${prefix}${name}`, panel: 'std of per-neuron norms / its initial value', seed: seedLabel });
      pts.push({ step: s.step, value: s.frob / s0.frob, run: `${prefix}${name}`, panel: '||W||_F / its initial value', seed: seedLabel });
    }
  }
  return pts;
}

/** Keeps about `max` of `n` evenly spaced indices, always the first and the last. */
export function thin(n: number, max: number): (i: number) => boolean {
  if (n <= max) return () => true;
  const stride = Math.ceil((n - 1) / (max - 1));
  return (i) => i % stride === 0 || i === n - 1;
}

export function divergedRuns(results: RealWorldSeedResult[]): string[] {
  const out: string[] = [];
  for (const r of results) for (const [name, run] of Object.entries(r.runs)) if (run.diverged) out.push(`${r.seed} ${name}: ${run.diverged}`);
  return out;
}
