/**
 * The oscillation process's step (rule { kind: 'oscillation', eta }, Eqs. (6)-(7)) against an older checkout's, in this one
 * process, at m = 1000, d = 20, n = 200, eta = 1e-3 (experiment.oscillation's paper tier): both Simulations run from the
 * same state, data and seed, their W, a and theta compared bit for bit after `--check` steps, then timed interleaved as
 * the claim runs them (Simulation.run with a watch every 1500 steps), CPU ms of the process per step, best and median of
 * `--reps`, and the ratio printed. The parts are timed too: the Drawer's m coins a step, and the Stepper's step alone
 * (the JavaScript loops, the kernel one step at a time, and the kernel's whole steps).
 *
 *   git archive <commit> | tar -x -C /tmp/old && ln -s "$PWD/node_modules" /tmp/old/node_modules
 *   npx tsx bench/oscillation-speedup.ts --old /tmp/old [--reps 5] [--steps 3000] [--check 3000]
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Drawer, Simulation, Stepper, cloneState, initNTK, initOscillation, makeDataset, rows, vec, type Rule, type State } from '../src/engine/index.js';
import { requireNumber } from '../src/errors.js';

const { values } = parseArgs({ options: { old: { type: 'string' }, reps: { type: 'string', default: '5' }, steps: { type: 'string', default: '3000' }, check: { type: 'string', default: '3000' } } });
if (!values.old) throw new Error('--old: the folder of the older checkout (see the header)');
const reps = requireNumber('--reps', Number(values.reps), { min: 1, integer: true });
const steps = requireNumber('--steps', Number(values.steps), { min: 1, integer: true });
const checkSteps = requireNumber('--check', Number(values.check), { min: 1, integer: true });
type Engine = { Simulation: typeof Simulation; Drawer: typeof Drawer };
const old = (await import(pathToFileURL(resolve(values.old, 'src/engine/index.ts')).href)) as Engine;
const now: Engine = { Simulation, Drawer };

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e3;
};
const [m, d, n, eta] = [1000, 20, 200, 1e-3];
const seed = 'oscillation-speedup';
const data = makeDataset({ n, d, nTest: 0, thetaStarNorm: Math.pow(m, -0.25) }, seed);
const s0 = initOscillation(initNTK(m, d, seed), eta, seed);
const rule: Rule = { kind: 'oscillation', eta };
const watch = { watchEvery: 1500, watch: (): undefined => undefined };
console.log(`oscillation process, m = ${m}, d = ${d}, n = ${n}, eta = ${eta}; old: ${values.old}; load average ${loadavg().map((v) => v.toFixed(1)).join(' ')}`);

const flat = (s: State, th: Float64Array): Float64Array => {
  const out = new Float64Array(m * d + m + d);
  rows(s.W).forEach((r, i) => out.set(r, i * d));
  out.set(vec(s.a), m * d);
  out.set(th, m * d + m);
  return out;
};
const sameBits = (x: Float64Array, y: Float64Array): boolean => Buffer.from(x.buffer, x.byteOffset, x.byteLength).equals(Buffer.from(y.buffer, y.byteOffset, y.byteLength));

// the same trajectory, bit for bit
{
  const [so, sn] = [cloneState(s0), cloneState(s0)];
  const [a, b] = [new old.Simulation(so, data, rule, seed), new now.Simulation(sn, data, rule, seed)];
  a.run({ steps: checkSteps, ...watch });
  b.run({ steps: checkSteps, ...watch });
  const ok = sameBits(flat(so, a.theta), flat(sn, b.theta));
  console.log(`after ${checkSteps} steps: W, a and theta ${ok ? 'equal bit for bit' : 'DIFFER'} (new: ${b.stepper.kernel}${b.stepper.canStepMany ? ', whole steps inside it' : ''})`);
}

const stats = (xs: number[]): { best: number; median: number } => {
  const s = xs.slice().sort((p, q) => p - q);
  return { best: s[0] as number, median: s[Math.floor(s.length / 2)] as number };
};
/** CPU microseconds per step of fn(count) doing `count` steps */
const perStep = (fn: (count: number) => void, count: number): number => {
  const c = cpuMs();
  fn(count);
  return (1e3 * (cpuMs() - c)) / count;
};

const runs = { old: [] as number[], new: [] as number[] };
const parts = { oldDraw: [] as number[], newDraw: [] as number[], js: [] as number[], wasm1: [] as number[], wasmMany: [] as number[] };
for (let r = 0; r < reps; r++) {
  for (const which of ['old', 'new'] as const) {
    const e = which === 'old' ? old : now;
    const sim = new e.Simulation(cloneState(s0), data, rule, seed);
    runs[which].push(perStep((c) => sim.run({ steps: c, ...watch }), steps));
  }
  const [od, nd] = [new old.Drawer(rule, data, m, seed), new now.Drawer(rule, data, m, seed)];
  parts.oldDraw.push(perStep((c) => { for (let t = 0; t < c; t++) od.next(t); }, steps));
  parts.newDraw.push(perStep((c) => { for (let t = 0; t < c; t++) nd.next(t); }, steps));
  const draw = new now.Drawer(rule, data, m, seed).next(0);
  const js = new Stepper(cloneState(s0), data, rule, { kernel: 'js' });
  parts.js.push(perStep((c) => { for (let t = 0; t < c; t++) js.step(draw); }, steps));
  const w1 = new Stepper(cloneState(s0), data, rule, { kernel: 'wasm' });
  parts.wasm1.push(perStep((c) => { for (let t = 0; t < c; t++) w1.step(draw); }, steps));
  const wm = new Stepper(cloneState(s0), data, rule, { kernel: 'wasm' });
  const coins = new Int8Array(wm.chunk * m);
  for (let s = 0; s < wm.chunk; s++) coins.set(draw.flips as Int8Array, s * m);
  parts.wasmMany.push(perStep((c) => { for (let t = 0; t < c; t += wm.chunk) wm.stepManyOscillation(coins, Math.min(wm.chunk, c - t), 1e8); }, steps));
}
const fmt = (xs: number[]): string => {
  const s = stats(xs);
  return `${s.best.toFixed(1)} us (median ${s.median.toFixed(1)})`;
};
console.log(`Simulation.run, CPU per step: old ${fmt(runs.old)}, new ${fmt(runs.new)}; ratio old/new ${(stats(runs.old).best / stats(runs.new).best).toFixed(2)}x best, ${(stats(runs.old).median / stats(runs.new).median).toFixed(2)}x median`);
console.log(`  Drawer.next (m coins): old ${fmt(parts.oldDraw)}, new ${fmt(parts.newDraw)}`);
console.log(`  Stepper.step: JavaScript loops ${fmt(parts.js)}, kernel one step ${fmt(parts.wasm1)}, kernel whole steps ${fmt(parts.wasmMany)}`);
console.log(`load average after: ${loadavg().map((v) => v.toFixed(1)).join(' ')}`);
