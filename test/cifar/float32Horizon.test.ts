import { beforeAll, describe, expect, it } from 'vitest';
import { stream } from '../../src/engine/rng.js';
import { initBackend } from '../../src/cifar/backend.js';
import { FcNet } from '../../src/cifar/fc.js';
import { GramFcNet } from '../../src/cifar/gram.js';
import { lockstep, type LockstepResult } from '../../src/cifar/lockstep.js';
import { smallCase } from './support.js';

/**
 * The tfjs network (float32, AUDIT_BACKEND: wasm by default) and the Gram path (float64) agree over the FULL horizon of the figures, 10,000
 * full-batch steps, with the authors' label noise (resample p = 0.5), at a reduced size so that it fits npm test
 * (16 + 16 images, width 32: ~9 CPU s; the authors' size is bench/cifar-gram-vs-tfjs.ts and the paper tier's float32 check).
 * eta = 2e-2: eta t = 200, twenty times the authors' 10 (1e-3 x 10,000), so that the run moves far (the train outputs by
 * ~1.0 of their scale, the unit norms by ~1.1%) and float32 rounding has the most steps to accumulate in.
 * Compared every 500 steps: outputs max |f32 - f64| / max |f64|, unit norms max_j |n32 - n64| / n64.
 * Tolerance 5e-5 (measured 4.8e-6 train outputs, 3.8e-6 test outputs, 1.5e-6 norms, 2026-12-05: ten times that).
 */
const F32_FULL_HORIZON = 5e-5;
const STEPS = 10_000;
let res: LockstepResult;

beforeAll(async () => {
  // AUDIT_BACKEND (default wasm): on a GPU machine, AUDIT_BACKEND=node-gpu runs this same check on the GPU backend
  await initBackend();
  const { cfg, p, train, test } = smallCase(16, 16, 32, 'standard', 'f32-horizon');
  const net = new FcNet(cfg, p, train, test);
  try {
    res = await lockstep(net, new GramFcNet(cfg, p, train, test), { steps: STEPS, every: 500, eta: 2e-2, update: { kind: 'gd' }, noise: { kind: 'resample', p: 0.5 }, labels: train.labels, k: 10, rng: stream('f32-horizon', 'noise') });
  } finally {
    net.dispose();
  }
}, 120_000);

describe(`tfjs float32 network = float64 Gram path over ${STEPS} steps of label-noise GD (16 + 16 images, width 32)`, () => {
  it('checked at every 500th step, the last included', () => {
    expect(res.steps).toBe(STEPS);
    expect(res.checks).toBe(STEPS / 500 + 1);
  });
  it(`train and test outputs and unit norms within ${F32_FULL_HORIZON}`, () => {
    expect(res.max.trainOut).toBeLessThan(F32_FULL_HORIZON);
    expect(res.max.testOut).toBeLessThan(F32_FULL_HORIZON);
    expect(res.max.norms).toBeLessThan(F32_FULL_HORIZON);
  });
  it('the runs move far beyond their disagreement (else agreement would say nothing)', () => {
    expect(res.moved.trainOut).toBeGreaterThan(0.5);
    expect(res.moved.trainOut).toBeGreaterThan(1e4 * res.max.trainOut);
    expect(res.moved.norms).toBeGreaterThan(100 * res.max.norms);
  });
});
