import type { Rng } from '../engine/rng.js';
import type { Update } from './fc.js';
import type { FcRunner } from './fcEngine.js';
import { fillOneHot, noisyLabels, type LabelNoise } from './noise.js';

/**
 * Two networks (e.g. the tfjs network and the Gram path) driven through the same full-batch steps
 * from the same parameters, with the same noisy targets each step (one draw from `rng`, given to
 * both), compared every `every` steps on what the figures use: train and test outputs, per-unit
 * first-layer norms. Distances are relative to the scale of the quantity (`b` is the reference):
 *   outputs: max |f_a - f_b| / max |f_b|        norms: max_j |n_a,j - n_b,j| / n_b,j
 * and beside them how far `b` moved from step 0 on the same scale (an error is small only
 * against the movement the figures show).
 */
export interface LockstepDistances {
  trainOut: number;
  testOut: number;
  norms: number;
}

export interface LockstepResult {
  /** the largest distance over the checked steps, and where */
  max: LockstepDistances;
  maxAt: { trainOut: number; testOut: number; norms: number };
  /** at the last step */
  final: LockstepDistances;
  /** how far the reference moved from step 0 (largest over the checked steps), on the same scales */
  moved: LockstepDistances;
  steps: number;
  checks: number;
}

function relMax(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  let s = 0;
  for (let i = 0; i < b.length; i++) {
    d = Math.max(d, Math.abs((a[i] as number) - (b[i] as number)));
    s = Math.max(s, Math.abs(b[i] as number));
  }
  return s > 0 ? d / s : d;
}

function relEach(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < b.length; i++) d = Math.max(d, Math.abs((a[i] as number) - (b[i] as number)) / Math.abs(b[i] as number));
  return d;
}

export async function lockstep(
  a: FcRunner,
  b: FcRunner,
  o: { steps: number; every: number; eta: number; update: Update; noise: LabelNoise; labels: Uint8Array; k: number; rng: Rng; onCheck?: (step: number, d: LockstepDistances) => void },
): Promise<LockstepResult> {
  const T = new Float32Array(o.labels.length * o.k);
  const zero: LockstepDistances = { trainOut: 0, testOut: 0, norms: 0 };
  const max = { ...zero };
  const maxAt = { ...zero };
  const moved = { ...zero };
  let final = { ...zero };
  let checks = 0;
  let ref0: { train: Float64Array; test: Float64Array; norms: Float64Array } | undefined;
  for (let s = 0; ; s++) {
    if (s % o.every === 0 || s === o.steps) {
      const [oa, ob] = [await a.outputs(), await b.outputs()];
      const [na, nb] = [await a.neuronNorms(), await b.neuronNorms()];
      const d: LockstepDistances = { trainOut: relMax(oa.train, ob.train), testOut: relMax(oa.test, ob.test), norms: relEach(na, nb) };
      ref0 ??= { train: Float64Array.from(ob.train), test: Float64Array.from(ob.test), norms: Float64Array.from(nb) };
      moved.trainOut = Math.max(moved.trainOut, relMax(ob.train, ref0.train));
      moved.testOut = Math.max(moved.testOut, relMax(ob.test, ref0.test));
      moved.norms = Math.max(moved.norms, relEach(nb, ref0.norms));
      for (const key of ['trainOut', 'testOut', 'norms'] as const) {
        // NaN (a diverged run) counts as infinitely far
        const v = Number.isNaN(d[key]) ? Infinity : d[key];
        if (v > max[key]) {
          max[key] = v;
          maxAt[key] = s;
        }
      }
      final = d;
      checks++;
      o.onCheck?.(s, d);
    }
    if (s === o.steps) break;
    const t = o.noise.kind === 'none' ? null : fillOneHot(T, noisyLabels(o.labels, o.noise, o.rng, o.k), o.k);
    a.step(o.eta, t, o.update);
    b.step(o.eta, t, o.update);
  }
  return { max, maxAt, final, moved, steps: o.steps, checks };
}
