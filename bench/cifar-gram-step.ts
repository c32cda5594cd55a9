/**
 * Step time of the FC 3072-512-erf-10 network at the authors' size (64 training images, full batch) on
 * the Gram path (src/cifar/gram.ts, float64, plain JavaScript) and on the TensorFlow.js network
 * (src/cifar/fc.ts, float32, AUDIT_BACKEND, default wasm), measured in this one command with the
 * repetitions interleaved so that a change of machine load hits both. Best and median repetition.
 *
 *   npx tsx bench/cifar-gram-step.ts [--reps 5]
 */
import { parseArgs } from 'node:util';
import { cpus, loadavg } from 'node:os';
import { stream } from '../src/engine/rng.js';
import { initBackend } from '../src/cifar/backend.js';
import { loadCifar } from '../src/cifar/data.js';
import { AUTHORS_FC, FcNet, initFc, type Update } from '../src/cifar/fc.js';
import { GramFcNet, gramSetup } from '../src/cifar/gram.js';
import { requireNumber } from '../src/errors.js';

const { values } = parseArgs({ options: { reps: { type: 'string', default: '5' } } });
const reps = requireNumber('--reps', Number(values.reps), { min: 1, integer: true });
const info = await initBackend();
const data = loadCifar(64, 64);
const cfg = AUTHORS_FC;
const params = initFc(cfg, stream('cifar-gram-step', 'init'));
const t0 = performance.now();
const setup = gramSetup(cfg, params, data.train.X, data.train.n, data.test.X, data.test.n);
const setupMs = performance.now() - t0;
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? (s[h] as number) : ((s[h - 1] as number) + (s[h] as number)) / 2;
};

async function msPerStep(net: { step(eta: number, T: null, u: Update): void; outputs(): unknown }, steps: number, u: Update): Promise<number> {
  const t = performance.now();
  for (let i = 0; i < steps; i++) net.step(1e-3, null, u);
  await net.outputs(); // tfjs: waits for the queued work
  return (performance.now() - t) / steps;
}

console.log(`FC 3072-${cfg.width}-erf-10, ${data.train.n} images, full batch; ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)}; tfjs: ${info.description}`);
console.log(`Gram setup (K, X W1(0), test kernels; once per initialization): ${setupMs.toFixed(0)} ms`);
console.log('| step | Gram ms (best / median) | tfjs ms (best / median) | tfjs / Gram (best) |');
console.log('| --- | --- | --- | --- |');
for (const u of [{ kind: 'gd' }, { kind: 'sam', rho: 0.5 }] as Update[]) {
  const gram = new GramFcNet(cfg, params, data.train, data.test, setup);
  const tfjs = new FcNet(cfg, params, data.train, data.test);
  await msPerStep(gram, 20, u); // warm-up
  await msPerStep(tfjs, 3, u);
  const g: number[] = [];
  const t: number[] = [];
  for (let r = 0; r < reps; r++) {
    g.push(await msPerStep(gram, 100, u));
    t.push(await msPerStep(tfjs, 20, u));
  }
  tfjs.dispose();
  console.log(`| ${u.kind === 'sam' ? `SAM (rho ${u.rho})` : 'GD'} | ${Math.min(...g).toFixed(2)} / ${median(g).toFixed(2)} | ${Math.min(...t).toFixed(2)} / ${median(t).toFixed(2)} | ${(Math.min(...t) / Math.min(...g)).toFixed(1)} |`);
}
console.log(`load average at the end ${loadavg()[0]!.toFixed(1)}`);
