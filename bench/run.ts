/**
 * `npm run bench`: steps per second of label-noise SGD (rule {kind: 'sgd', batch: 1, sigma: 4, eta: 1e-3},
 * Eqs. (15)-(16)) on the engine's Stepper and Drawer (what Simulation.step() runs) at d = 20, n = 200 and m = 100, 1000, 10000, and the ratio to
 * the same loop in numpy (bench/numpy_baseline.py; and with scipy's in-place BLAS rank-one update where scipy is installed), measured by this one command so that both see the same
 * machine load. Both run on one core: numpy's OpenBLAS is held to one thread, and OPENBLAS_CORETYPE /
 * OPENBLAS_L2_SIZE (set on some machines here for older OpenBLAS builds) are unset in the python child only.
 *
 * Rates are steps per CPU second (user + system) of the timed process, engine and numpy alike.
 * Each size is timed in several repetitions from the same initial state; the best repetition is reported
 * (the fairest figure on a shared machine), with the median beside it. The TypeScript repetitions are split
 * around the numpy run so that a change of load hits both.
 *
 * `npm run bench -- --profile ...` profiles the claims instead (bench/profile.ts); `npm run bench -- --parallel`
 * times src/engine/parallel.ts (bench/parallel.ts).
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Drawer, Simulation, Stepper, allFinite, cloneState, initNTK, makeDataset, rows, theta, vec, type Rule, type State, type StepperKernel } from '../src/engine/index.js';
import { PAIRS, SgdKernel } from '../src/engine/kernels/sgdKernel.js';
import { CommonMapSimulation } from '../src/engine/commonMap.js';
import type { Dataset } from '../src/engine/data.js';

interface Size {
  m: number;
  d: number;
  n: number;
  eta: number;
  sigma: number;
  /** steps per repetition, TypeScript */
  steps: number;
  /** steps per repetition, numpy */
  npSteps: number;
  note?: string;
}

const D = 20;
const N = 200;
/** element updates (m d) per TypeScript repetition: about a quarter of a second */
const WORK = 4e8;

const SIZES: Size[] = [100, 1000, 10_000].map((m) => ({
  m,
  d: D,
  n: N,
  // at m = 10000 the NTK curvature (m/d) |x|^2 eta exceeds 2 at eta = 1e-3 and both loops overflow within ~12 steps
  eta: m >= 10_000 ? 1e-4 : 1e-3,
  sigma: 4,
  steps: Math.max(200, Math.round(WORK / (m * D))),
  npSteps: Math.max(100, Math.round(WORK / 4 / (m * D))),
  ...(m >= 10_000 ? { note: 'eta = 1e-4 here (at 1e-3 this width diverges within 12 steps, in both loops)' } : {}),
}));
const REPS = 6;
const NP_REPS = 3;

interface Timed {
  best: number;
  median: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? (s[h] as number) : ((s[h - 1] as number) + (s[h] as number)) / 2;
}

function setup(s: Size): { data: Dataset; state: State; rule: Rule } {
  const data = makeDataset({ n: s.n, d: s.d, nTest: 0, thetaStarNorm: Math.pow(s.m, -0.25) }, 1);
  return { data, state: initNTK(s.m, s.d, 1), rule: { kind: 'sgd', batch: 1, sigma: s.sigma, eta: s.eta } };
}

/** CPU seconds (user + system) of this process since `t0` */
function cpuSince(t0: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(t0);
  return (u.user + u.system) / 1e6;
}

/**
 * steps/s of each repetition, from the same initial state, with the kernel asked for:
 *  - 'run': Simulation.run({ steps }) (whole chunks of steps inside the WebAssembly kernel, with the
 *    per-step divergence check), what a claim's run does;
 *  - 'step': `steps` times what Simulation.step() does (draw the step's index and label noise, then the
 *    Stepper's in-place step: one call into the kernel a step).
 * Timed in CPU seconds of this process (the numpy child likewise), which a shared machine disturbs less
 * than wall time.
 */
function timeEngine(s: Size, reps: number, kernel: StepperKernel = 'auto', how: 'run' | 'step' = 'run'): { rates: number[]; kernel: string } {
  const { data, state, rule } = setup(s);
  const rates: number[] = [];
  let used = '';
  for (let r = 0; r < reps; r++) {
    let theta: Float64Array;
    let sec: number;
    if (how === 'run' && kernel === 'auto') {
      const sim = new Simulation(cloneState(state), data, rule, 1);
      used = sim.stepper.kernel + (sim.stepper.canStepMany ? ', whole steps inside it' : '');
      const t0 = process.cpuUsage();
      const res = sim.run({ steps: s.steps });
      sec = cpuSince(t0);
      if (res.outcome.kind !== 'completed') throw new Error(`the engine diverged at m = ${s.m}: the benchmark's settings are wrong`);
      theta = sim.theta;
    } else {
      const stepper = new Stepper(cloneState(state), data, rule, { kernel });
      const drawer = new Drawer(rule, data, s.m, 1);
      used = stepper.kernel;
      const t0 = process.cpuUsage();
      for (let t = 0; t < s.steps; t++) stepper.step(drawer.next(t));
      sec = cpuSince(t0);
      theta = stepper.theta;
    }
    if (!allFinite(theta)) throw new Error(`the engine diverged at m = ${s.m}: the benchmark's settings are wrong`);
    rates.push(s.steps / sec);
  }
  return { rates, kernel: used };
}

/** steps/s (best of `reps`) of the common-map form of the same run (src/engine/commonMap.ts): W and a formed at the end only. */
function timeCommonMap(s: Size, reps: number): number {
  const { data, state, rule } = setup(s);
  let best = 0;
  for (let r = 0; r < reps; r++) {
    const sim = new CommonMapSimulation(cloneState(state), data, rule, 1);
    const t0 = process.cpuUsage();
    const res = sim.run({ steps: s.steps });
    const sec = cpuSince(t0);
    if (res.outcome.kind !== 'completed') throw new Error(`the common-map run diverged at m = ${s.m}: the benchmark's settings are wrong`);
    best = Math.max(best, s.steps / sec);
  }
  return best;
}

/**
 * The two formulations of the batch-1 step inside one kernel, timed in turn in this process (so under the same
 * load): the fused pass that keeps theta (the kernel's batch-B `steps`, 6 operations per element of W, the
 * engine's batch-1 step before rules/singleSamplePass.ts) and the neurons' outputs (`sampleSteps`, 4).
 * Returns the best steps per CPU second of each over the rounds.
 */
function timeFormulations(m: number, d: number, rounds: number): { theta: number; outputs: number } {
  const n = N;
  const C = 1024;
  const make = (): SgdKernel => {
    const k = new SgdKernel(m, d, PAIRS, { n, draws: C });
    const { data, state } = setup({ m, d, n, eta: 1e-3, sigma: 4, steps: 0, npSteps: 0 });
    rows(state.W).forEach((r, i) => (k.rows[i] as Float64Array).set(r));
    k.a.set(vec(state.a));
    rows(data.X).forEach((r, j) => k.X.set(r, j * d));
    k.y.set(data.y);
    const drawer = new Drawer({ kind: 'sgd', batch: 1, sigma: 4, eta: 1e-3 }, data, m, 1);
    for (let t = 0; t < C; t++) {
      const dr = drawer.next(t);
      k.idx[t] = dr.idx[0] as number;
      k.eps[t] = dr.eps[0] as number;
    }
    theta(state, k.th);
    return k;
  };
  const kt = make();
  const ko = make();
  const best = { theta: 0, outputs: 0 };
  for (let r = 0; r < rounds; r++) {
    let t0 = process.cpuUsage();
    // both stay finite: the same 1024 draws again from where the last round left the state
    if (kt.steps(1e-3, 1, C, Number.MAX_VALUE) !== C) throw new Error('the theta formulation diverged: the benchmark is wrong');
    best.theta = Math.max(best.theta, C / cpuSince(t0));
    t0 = process.cpuUsage();
    if (ko.sampleSteps(1e-3, 0, C, Number.MAX_VALUE) !== 2 * C) throw new Error('the outputs formulation diverged: the benchmark is wrong');
    best.outputs = Math.max(best.outputs, C / cpuSince(t0));
  }
  return best;
}

interface NumpyOut {
  numpy: string;
  blas?: string;
  blasVersion?: string;
  openblasCore?: string;
  openblasThreads?: number;
  env: Record<string, string>;
  results: { m: number; d: number; best: number; median: number; blas?: { best: number; median: number } }[];
}

function numpyBaseline(sizes: Size[]): NumpyOut | string {
  const env: NodeJS.ProcessEnv = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  delete env['OPENBLAS_CORETYPE'];
  delete env['OPENBLAS_L2_SIZE'];
  const probe = spawnSync('python3', ['-c', 'import numpy'], { env, encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return `skipped: ${probe.error ? 'python3 not found' : 'python3 has no numpy'}`;
  const script = fileURLToPath(new URL('./numpy_baseline.py', import.meta.url));
  const arg = JSON.stringify(sizes.map((s) => ({ m: s.m, d: s.d, n: s.n, eta: s.eta, sigma: s.sigma, steps: s.npSteps, reps: NP_REPS })));
  const r = spawnSync('python3', [script, arg], { env, encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) return `failed: ${(r.stderr || r.stdout).trim().split('\n').pop() ?? 'no output'}`;
  return JSON.parse(r.stdout) as NumpyOut;
}

const fmt = (x: number): string => String(Math.round(x));

function main(): void {
  console.log(`label-noise SGD, batch 1, sigma 4, n = ${N}, d = ${D}; node ${process.version}, ${cpus()[0]?.model ?? 'unknown cpu'}, load average ${loadavg()[0]?.toFixed(2)} on ${cpus().length} cores`);
  const first = SIZES.map((s) => timeEngine(s, REPS / 2));
  const jsLoop = timeEngine(SIZES[1] as Size, 2, 'js');
  const stepwise = SIZES.map((s) => timeEngine(s, 2, 'auto', 'step'));
  const forms = timeFormulations(1000, D, 20);
  const common = SIZES.map((s) => timeCommonMap(s, 3));
  const np = numpyBaseline(SIZES);
  const second = SIZES.map((s) => timeEngine(s, REPS / 2));
  const ours: Timed[] = SIZES.map((_, i) => {
    const rates = [...(first[i] as { rates: number[] }).rates, ...(second[i] as { rates: number[] }).rates];
    return { best: Math.max(...rates), median: median(rates) };
  });
  console.log(`engine: Simulation.run, Stepper kernel ${first[1]?.kernel}; steps per CPU second, best of ${REPS} repetitions (median in brackets)`);
  SIZES.forEach((s, i) => {
    const o = ours[i] as Timed;
    console.log(`m=${s.m} d=${s.d}: ${fmt(o.best)} steps/s`);
    console.log(`  (median ${fmt(o.median)}, ${s.steps} steps a repetition${s.note ? `; ${s.note}` : ''})`);
  });
  console.log(`  one kernel call a step (Stepper.step, as Simulation.step() runs): ${SIZES.map((s, i) => `m=${s.m} ${fmt(Math.max(...(stepwise[i] as { rates: number[] }).rates))}`).join(', ')} steps/s (best of 2)`);
  console.log(`  the JavaScript loops (kernel 'js', the Stepper before the WebAssembly kernel) at m=1000 d=20: ${fmt(Math.max(...jsLoop.rates))} steps/s`);
  console.log(
    `  the kernel's two formulations in turn at m=1000 d=20 (best of 20 rounds of 1024 steps): keeping theta (6 operations an element) ${fmt(forms.theta)} steps/s, the neurons' outputs (4) ${fmt(forms.outputs)} steps/s: ${(forms.outputs / forms.theta).toFixed(2)}x`,
  );
  if (typeof np === 'string') {
    console.log(`numpy baseline ${np}; no ratio`);
    return;
  }
  const envNote = Object.entries(np.env).map(([k, v]) => `${k}=${v}`).join(' ');
  console.log(`numpy ${np.numpy}, ${np.blas ?? 'BLAS unknown'} ${np.blasVersion ?? ''} (OpenBLAS core ${np.openblasCore ?? '?'}, ${np.openblasThreads ?? '?'} thread), child env: ${envNote}; best of ${NP_REPS}`);
  SIZES.forEach((s, i) => {
    const r = np.results.find((x) => x.m === s.m);
    if (!r) return;
    const o = ours[i] as Timed;
    console.log(`  numpy m=${s.m} d=${s.d}: ${fmt(r.best)} steps/s (median ${fmt(r.median)}); engine / numpy = ${(o.best / r.best).toFixed(2)}x (medians ${(o.median / r.median).toFixed(2)}x)`);
  });
  // the exact common-map form (not bit for bit: equal to the full simulator to 1e-9 relative), what the paper tier's
  // synthetic experiments run; printed beside the kernel, never as the kernel's ratio
  SIZES.forEach((s, i) => {
    const r = np.results.find((x) => x.m === s.m);
    const c = common[i] as number;
    if (!r) return;
    console.log(`  common-map form (src/engine/commonMap.ts, O(d^2) a step, equal to 1e-9 relative, not bit for bit) m=${s.m} d=${s.d}: ${fmt(c)} steps/s; / numpy = ${(c / r.best).toFixed(2)}x`);
  });
  // the same loop with scipy's in-place BLAS rank-one update (bench/numpy_baseline.py run_blas), where scipy is installed
  SIZES.forEach((s, i) => {
    const b = np.results.find((x) => x.m === s.m)?.blas;
    if (!b) return;
    const o = ours[i] as Timed;
    console.log(`  numpy + scipy BLAS dger (in place) m=${s.m} d=${s.d}: ${fmt(b.best)} steps/s (median ${fmt(b.median)}); engine / that = ${(o.best / b.best).toFixed(2)}x (medians ${(o.median / b.median).toFixed(2)}x)`);
  });
}

if (process.argv.includes('--parallel')) {
  const { parallelMain } = await import('./parallel.js');
  await parallelMain();
} else if (process.argv.includes('--profile')) {
  const { profileMain } = await import('./profile.js');
  await profileMain(process.argv.slice(2));
} else main();
