/**
 * How long Figures 3 and 5 take at the authors' settings on the Gram path (one core): FC 3072-512-erf-10,
 * 64 + 64 images, eta 1e-3, logged every 100 steps, one seed of each configuration the paper tier runs
 * (Figure 3: clean GD and the authors' label noise, standard parameterization, and the same in the NTK
 * parameterization at the same linearized rate; Figure 5: GD and full-batch SAM at rho = 0.5), with the
 * linearized baselines. Run for `--steps` steps (default 10,000) and reported as wall and CPU seconds
 * (user + system of this process: the one-core cost, independent of other jobs on a shared machine), and
 * extrapolated to 10,000 steps when fewer are run (the training is linear in the steps; the kernels are not).
 *
 *   AUDIT_CIFAR_ENGINE=gram npx tsx bench/cifar-figures-gram.ts [--steps 10000]
 */
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import { loadCifar } from '../src/cifar/data.js';
import { AUTHORS_FC } from '../src/cifar/fc.js';
import { runRealWorldSeed, type RunSpec } from '../src/cifar/realworld.js';
import { requireNumber } from '../src/errors.js';

const { values } = parseArgs({ options: { steps: { type: 'string', default: '10000' } } });
const steps = requireNumber('--steps', Number(values.steps), { min: 100, integer: true });
const data = loadCifar(64, 64);
const base = { nTrain: 64, nTest: 64, eta: 1e-3, steps, logEvery: 100, engine: 'gram' as const };
const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const fig3: RunSpec[] = [
  { name: 'clean GD', noise: { kind: 'none' }, update: { kind: 'gd' } },
  { name: 'label noise', noise: { kind: 'resample', p: 0.5 }, update: { kind: 'gd' } },
];
const fig5: RunSpec[] = [
  { name: 'GD', noise: { kind: 'none' }, update: { kind: 'gd' } },
  { name: 'SAM', noise: { kind: 'none' }, update: { kind: 'sam', rho: 0.5 } },
];
console.log(`Gram path, authors' settings (width 512, 64 + 64 images, eta 1e-3), ${steps} steps, one seed per configuration; load average ${loadavg()[0]!.toFixed(1)}`);
console.log('| configuration | wall s | CPU s | of which network (wall) | kernels (wall) | CPU s projected to 10,000 steps |');
console.log('| --- | --- | --- | --- | --- | --- |');
let rate: number | undefined;
for (const [name, runs, parameterization] of [
  ['Figure 3, standard (clean + label noise)', fig3, 'standard'],
  ['Figure 3, NTK parameterization (clean + label noise)', fig3, 'ntk'],
  ['Figure 5 (GD + SAM rho 0.5)', fig5, 'standard'],
] as const) {
  const w0 = performance.now();
  const c0 = cpu();
  const fc = { ...AUTHORS_FC, parameterization };
  const r = await runRealWorldSeed(parameterization === 'ntk' && rate !== undefined ? { ...base, fc, runs, rate } : { ...base, fc, runs }, data, `figures-gram/${name}`);
  if (parameterization === 'standard') rate ??= r.linMaxRate;
  const wall = (performance.now() - w0) / 1000;
  const c = cpu() - c0;
  // projection: the network part scales with the steps, the rest (kernels, eigendecomposition) does not
  const netShare = r.seconds.network / wall;
  const projected = c * (1 - netShare) + c * netShare * (10_000 / steps);
  console.log(`| ${name} | ${wall.toFixed(1)} | ${c.toFixed(1)} | ${r.seconds.network.toFixed(1)} | ${r.seconds.kernel.toFixed(1)} | ${projected.toFixed(0)} |`);
}
console.log(`load average at the end ${loadavg()[0]!.toFixed(1)}`);
