/**
 * The Gram path's step (src/cifar/gram.ts, FC 3072-512-erf-10, 64 + 64 images: the paper tier of Figures 3 and 5)
 * against an older checkout's, in this one process: both trained from the same initialization on the same data, their
 * outputs compared bit for bit after `--check` steps of label noise with SAM every third step (every change to the
 * step is exact: a different result is printed as such), then GD and SAM steps timed interleaved, CPU ms of the
 * process, best of `--reps`, and the ratios printed.
 *
 *   git archive <commit> | tar -x -C /tmp/old && ln -s "$PWD/node_modules" /tmp/old/node_modules
 *   npx tsx bench/cifar-gram-speedup.ts --old /tmp/old [--reps 5] [--check 30] [--n 64 --width 512]   (the quick tier: --n 32 --width 128)
 */
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { stream } from '../src/engine/rng.js';
import { loadCifar } from '../src/cifar/data.js';
import { AUTHORS_FC, initFc, type Update } from '../src/cifar/fc.js';
import { GramFcNet, gramSetup } from '../src/cifar/gram.js';
import { fillOneHot, noisyLabels } from '../src/cifar/noise.js';
import { requireNumber } from '../src/errors.js';

const { values } = parseArgs({ options: { old: { type: 'string' }, reps: { type: 'string', default: '5' }, check: { type: 'string', default: '30' }, n: { type: 'string', default: '64' }, width: { type: 'string', default: '512' } } });
if (!values.old) throw new Error('--old: the folder of the older checkout (see the header)');
const reps = requireNumber('--reps', Number(values.reps), { min: 1, integer: true });
const checkSteps = requireNumber('--check', Number(values.check), { min: 1, integer: true });
const old = (await import(pathToFileURL(resolve(values.old, 'src/cifar/gram.ts')).href)) as { GramFcNet: typeof GramFcNet };

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e3;
};
const nImages = requireNumber('--n', Number(values.n), { min: 1, integer: true });
const data = loadCifar(nImages, nImages);
const cfg = { ...AUTHORS_FC, width: requireNumber('--width', Number(values.width), { min: 1, integer: true }) };
const p = initFc(cfg, stream('cifar-gram-speedup', 'init'));
const setup = gramSetup(cfg, p, data.train.X, data.train.n, data.test.X, data.test.n);
type Net = Pick<GramFcNet, 'step' | 'outputs' | 'neuronNorms'>;
const make = (which: 'old' | 'new'): Net => new (which === 'old' ? old.GramFcNet : GramFcNet)(cfg, p, data.train, data.test, setup);
console.log(`FC 3072-${cfg.width}-erf-10, ${data.train.n} + ${data.test.n} images; old: ${values.old}; load average ${loadavg().map((v) => v.toFixed(1)).join(' ')}`);

// the same trajectory, bit for bit
{
  const nets = { old: make('old'), new: make('new') };
  const T = new Float32Array(data.train.n * cfg.k);
  for (const net of Object.values(nets)) {
    const rng = stream('cifar-gram-speedup', 'noise');
    for (let s = 1; s <= checkSteps; s++) net.step(1e-3, fillOneHot(T, noisyLabels(data.train.labels, { kind: 'resample', p: 0.5 }, rng)), s % 3 === 0 ? { kind: 'sam', rho: 0.05 } : { kind: 'gd' });
  }
  const [a, b] = [nets.old.outputs(), nets.new.outputs()];
  const same = (x: ArrayLike<number>, y: ArrayLike<number>): boolean => x.length === y.length && Array.from(x).every((v, i) => Object.is(v, y[i]));
  const ok = same(a.train, b.train) && same(a.test, b.test) && same(nets.old.neuronNorms(), nets.new.neuronNorms());
  console.log(`after ${checkSteps} steps (label noise, SAM every third): train and test outputs and unit norms ${ok ? 'equal bit for bit' : 'DIFFER'}`);
}

const timed = (net: Net, u: Update, inner: number): number => {
  const c = cpuMs();
  for (let i = 0; i < inner; i++) net.step(1e-3, null, u);
  return (cpuMs() - c) / inner;
};
const nets = { old: make('old'), new: make('new') };
const best: Record<string, number> = {};
for (let r = 0; r < reps; r++)
  for (const [u, inner] of [[{ kind: 'gd' }, 100], [{ kind: 'sam', rho: 0.05 }, 50]] as [Update, number][])
    for (const which of ['old', 'new'] as const) {
      const key = `${u.kind} ${which}`;
      best[key] = Math.min(best[key] ?? Infinity, timed(nets[which], u, inner));
    }
console.log('| step | old CPU ms | new CPU ms | old / new |\n| --- | --- | --- | --- |');
for (const kind of ['gd', 'sam']) {
  const [o, n] = [best[`${kind} old`] as number, best[`${kind} new`] as number];
  console.log(`| ${kind === 'gd' ? 'GD' : 'SAM'} | ${o.toFixed(3)} | ${n.toFixed(3)} | ${(o / n).toFixed(2)} |`);
}
console.log(`load average at the end ${loadavg().map((v) => v.toFixed(1)).join(' ')}`);
