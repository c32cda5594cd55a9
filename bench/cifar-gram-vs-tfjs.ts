/**
 * The Gram path (src/cifar/gram.ts, float64) against the TensorFlow.js network (src/cifar/fc.ts,
 * float32) over the authors' whole horizon: FC 3072-512-erf-10, standard parameterization, the
 * first 64 training and 64 test images, eta = 1e-3, 10,000 full-batch steps, from the same
 * initialization and with the same label-noise draws, compared every 100 steps (src/cifar/lockstep.ts):
 * train and test outputs (max |difference| / max |output|) and per-unit first-layer norms (max relative
 * difference), beside how far the outputs and norms moved from step 0 on the same scales.
 *
 *   npx tsx bench/cifar-gram-vs-tfjs.ts [--steps 10000] [--runs clean,noise,sam] [--seed S]
 *
 * Runs: `clean` (GD, Figure 3's clean run and Figure 5's GD), `noise` (the authors' label noise:
 * resample with p = 0.5, Figure 3), `sam` (full-batch SAM, rho = 0.5, Figure 5's paper tier).
 * One core; about 10 minutes per GD run and 20 for SAM on a shared machine (the tfjs side).
 */
import { parseArgs } from 'node:util';
import { stream } from '../src/engine/rng.js';
import { initBackend } from '../src/cifar/backend.js';
import { loadCifar } from '../src/cifar/data.js';
import { AUTHORS_FC, FcNet, initFc, type Update } from '../src/cifar/fc.js';
import { GramFcNet } from '../src/cifar/gram.js';
import { lockstep } from '../src/cifar/lockstep.js';
import type { LabelNoise } from '../src/cifar/noise.js';
import { InputError, requireNumber } from '../src/errors.js';

const RUNS: Record<string, { noise: LabelNoise; update: Update }> = {
  clean: { noise: { kind: 'none' }, update: { kind: 'gd' } },
  noise: { noise: { kind: 'resample', p: 0.5 }, update: { kind: 'gd' } },
  sam: { noise: { kind: 'none' }, update: { kind: 'sam', rho: 0.5 } },
};

const { values } = parseArgs({ options: { steps: { type: 'string', default: '10000' }, runs: { type: 'string', default: 'clean,noise,sam' }, seed: { type: 'string', default: 'cifar-gram-vs-tfjs' }, every: { type: 'string', default: '100' } } });
const steps = requireNumber('--steps', Number(values.steps), { min: 1, integer: true });
const every = requireNumber('--every', Number(values.every), { min: 1, integer: true });
const names = values.runs.split(',').map((s) => s.trim());
for (const n of names) if (!(n in RUNS)) throw new InputError('--runs', `unknown run ${JSON.stringify(n)}: expected some of ${Object.keys(RUNS).join(', ')}`);

const info = await initBackend();
const data = loadCifar(64, 64);
const cfg = AUTHORS_FC;
const eta = 1e-3;
const params = initFc(cfg, stream(values.seed, 'init'));
const e = (x: number): string => x.toExponential(2);
console.log(`Gram path (float64) vs tfjs (${info.description}): FC 3072-${cfg.width}-erf-10, ${cfg.parameterization}, ${data.train.n} + ${data.test.n} images, eta ${eta}, ${steps} steps, compared every ${every}`);
console.log('| run | train outputs: max rel. diff (step) | test outputs | unit norms | final: train / test / norms | reference moved: train / test / norms | seconds |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const name of names) {
  const spec = RUNS[name]!;
  const t0 = performance.now();
  const tfjs = new FcNet(cfg, params, data.train, data.test);
  const gram = new GramFcNet(cfg, params, data.train, data.test);
  // progress on stderr every 10 checks: the running maxima, so that a cut-off run still says how far it agreed
  const running = { trainOut: 0, testOut: 0, norms: 0 };
  const onCheck = (s: number, d: { trainOut: number; testOut: number; norms: number }): void => {
    running.trainOut = Math.max(running.trainOut, d.trainOut);
    running.testOut = Math.max(running.testOut, d.testOut);
    running.norms = Math.max(running.norms, d.norms);
    if (s % (10 * every) === 0) console.error(`${name}: step ${s}, max so far train ${e(running.trainOut)}, test ${e(running.testOut)}, norms ${e(running.norms)} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  };
  const r = await lockstep(tfjs, gram, { steps, every, eta, update: spec.update, noise: spec.noise, labels: data.train.labels, k: cfg.k, rng: stream(values.seed, 'noise', name), onCheck });
  tfjs.dispose();
  console.log(
    `| ${name} | ${e(r.max.trainOut)} (${r.maxAt.trainOut}) | ${e(r.max.testOut)} (${r.maxAt.testOut}) | ${e(r.max.norms)} (${r.maxAt.norms}) | ${e(r.final.trainOut)} / ${e(r.final.testOut)} / ${e(r.final.norms)} | ${e(r.moved.trainOut)} / ${e(r.moved.testOut)} / ${e(r.moved.norms)} | ${((performance.now() - t0) / 1000).toFixed(0)} |`,
  );
}
