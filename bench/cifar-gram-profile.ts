/**
 * Where the time of one paper-tier Gram run goes (FC 3072-512-erf-10, 64 + 64 images, full batch; src/cifar/gram.ts),
 * in CPU milliseconds of this process (user + system: what a shared machine disturbs least), best of `--reps`:
 * - once per seed: the empirical NTK (train-train, test-train), its eigendecomposition, the test projection, the Gram setup;
 * - per step: the K DH product, erf and erf', the head's forward and backward, a whole GD and SAM step;
 * - per logged step: a snapshot (test pre-activations Kt S, unit norms from S and K S, both forwards);
 * and the WebAssembly SIMD product (src/engine/kernels/gemm64.ts, gram.ts's default kernel) against the blocked
 * JavaScript one (gemm.ts mulAB) and the unblocked one before it (mulABRowwise), alone and inside a whole step, in this
 * one command (repetitions interleaved); the ratios of the steps are printed at the end.
 *
 *   npx tsx bench/cifar-gram-profile.ts [--reps 5]
 */
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import { stream } from '../src/engine/rng.js';
import { loadCifar } from '../src/cifar/data.js';
import { AUTHORS_FC, initFc, scalesOf, type Update } from '../src/cifar/fc.js';
import { GramFcNet, gramSetup } from '../src/cifar/gram.js';
import { FcHead64 } from '../src/cifar/fc64.js';
import { mulAB, mulABRowwise } from '../src/cifar/gemm.js';
import { Gemm64 } from '../src/engine/kernels/gemm64.js';
import { erfAndPrime } from '../src/cifar/erf.js';
import { empiricalNtk, projectTestKernel, symEig } from '../src/cifar/ntk.js';
import { requireNumber } from '../src/errors.js';

const { values } = parseArgs({ options: { reps: { type: 'string', default: '5' } } });
const reps = requireNumber('--reps', Number(values.reps), { min: 1, integer: true });
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e3;
};
const once = (f: () => unknown): number => {
  const c = cpuMs();
  f();
  return cpuMs() - c;
};
/** best over reps of the mean CPU ms of `inner` calls */
const per = (f: () => unknown, inner: number): number => {
  let best = Infinity;
  for (let r = 0; r < reps; r++) best = Math.min(best, once(() => { for (let i = 0; i < inner; i++) f(); }) / inner);
  return best;
};
const data = loadCifar(64, 64);
const cfg = AUTHORS_FC;
const p = initFc(cfg, stream('cifar-gram-profile', 'init'));
const n = data.train.n;
const m = cfg.width;
console.log(`FC 3072-${m}-erf-10, ${n} + ${data.test.n} images; load average ${loadavg()[0]!.toFixed(1)}; CPU ms of this process`);
let ntkTT: ReturnType<typeof empiricalNtk> | undefined;
let ntkDT: ReturnType<typeof empiricalNtk> | undefined;
let eig: ReturnType<typeof symEig> | undefined;
let setup: ReturnType<typeof gramSetup> | undefined;
const perSeed: [string, number][] = [
  ['empirical NTK, train x train (N = n k)', once(() => (ntkTT = empiricalNtk(cfg, p, data.train.X, n, data.train.X, n)))],
  ['empirical NTK, test x train', once(() => (ntkDT = empiricalNtk(cfg, p, data.test.X, data.test.n, data.train.X, n)))],
  ['eigendecomposition of the N x N NTK', once(() => (eig = symEig(ntkTT!.full, n * cfg.k)))],
  ['test kernel projected on the eigenbasis', once(() => projectTestKernel(ntkDT!.full, data.test.n * cfg.k, eig!.V, n * cfg.k))],
  ['Gram setup (K, Kt, X W1(0), X_test W1(0))', once(() => (setup = gramSetup(cfg, p, data.train.X, n, data.test.X, data.test.n)))],
];
class RowwiseGram extends GramFcNet {
  protected override readonly mm = mulABRowwise;
}
const fresh = (kind: 'wasm' | 'js' | 'rowwise'): GramFcNet => (kind === 'rowwise' ? new RowwiseGram(cfg, p, data.train, data.test, setup, 'js') : new GramFcNet(cfg, p, data.train, data.test, setup, kind));
const K = setup!.K;
const D = new Float64Array(n * m).map((_, t) => Math.sin(t));
const C = new Float64Array(n * m);
const H = new Float64Array(n * m).map((_, t) => 2 * Math.cos(t));
const head = new FcHead64(n, m, cfg.k, scalesOf(cfg));
const W2 = Float64Array.from(p.W2);
const b2 = Float64Array.from(p.b2);
const gd: Update = { kind: 'gd' };
const sam: Update = { kind: 'sam', rho: 0.5 };
const nets = { wasm: fresh('wasm'), blocked: fresh('js'), rowwise: fresh('rowwise') };
const gm = new Gemm64(n * n + 2 * n * m);
const [Kw, Dw, Cw] = [gm.alloc(n * n), gm.alloc(n * m), gm.alloc(n * m)];
Kw.set(K);
Dw.set(D);
const perStep: [string, number][] = [
  ['K DH, WebAssembly SIMD (gemm64.ts)', per(() => gm.mul(Kw, n, n, Dw, m, Cw), 50)],
  ['K DH, blocked (gemm.ts mulAB)', per(() => mulAB(K, n, n, D, m, C), 50)],
  ['K DH, unblocked (mulABRowwise, before)', per(() => mulABRowwise(K, n, n, D, m, C), 50)],
  ['erf and erf\' (n m values)', per(() => erfAndPrime(H, head.A, head.G), 50)],
  ['head forward (erf + A W2)', per(() => head.forward(H, W2, b2), 50)],
  ['head backward (gW2, DH)', per(() => head.backward(W2, data.train.Y, 1e-3), 50)],
  ['GD step, wasm', per(() => nets.wasm.step(1e-3, null, gd), 50)],
  ['GD step, blocked', per(() => nets.blocked.step(1e-3, null, gd), 50)],
  ['GD step, unblocked (before)', per(() => nets.rowwise.step(1e-3, null, gd), 50)],
  ['SAM step, wasm', per(() => nets.wasm.step(1e-3, null, sam), 20)],
  ['SAM step, blocked', per(() => nets.blocked.step(1e-3, null, sam), 20)],
  ['SAM step, unblocked (before)', per(() => nets.rowwise.step(1e-3, null, sam), 20)],
  ['snapshot at a logged step (outputs, norms)', per(() => nets.blocked.snapshot(0), 10)],
];
console.log('| once per seed | CPU ms |\n| --- | --- |');
for (const [k, v] of perSeed) console.log(`| ${k} | ${v.toFixed(0)} |`);
console.log('| per step | CPU ms (best of reps) |\n| --- | --- |');
for (const [k, v] of perStep) console.log(`| ${k} | ${v.toFixed(3)} |`);
const at = (name: string): number => perStep.find(([k]) => k === name)![1];
console.log(`ratios (old / new): GD step blocked / wasm ${(at('GD step, blocked') / at('GD step, wasm')).toFixed(2)}, SAM ${(at('SAM step, blocked') / at('SAM step, wasm')).toFixed(2)}; K DH ${(at('K DH, blocked (gemm.ts mulAB)') / at('K DH, WebAssembly SIMD (gemm64.ts)')).toFixed(2)}`);
console.log(`load average at the end ${loadavg()[0]!.toFixed(1)}`);
