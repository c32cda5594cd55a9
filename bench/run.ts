/**
 * `npm run bench`: steps per second of label-noise SGD (rule {kind: 'sgd', batch: 1, sigma: 4, eta: 1e-3},
 * Eqs. (15)-(16)) on the engine's Stepper and Drawer (what Simulation.step() runs) at d = 20, n = 200 and m = 100, 1000, 10000, and the ratio to
 * the same loop in numpy (bench/numpy_baseline.py; and with scipy's in-place BLAS rank-one update where scipy is installed), measured by this one command so that both see the same
 * machine load. Both run on one core: numpy's OpenBLAS is held to one thread, and OPENBLAS_CORETYPE /
 * OPENBLAS_L2_SIZE (set on some machines here for older OpenBLAS builds) are unset in the python child only.
 *
 * Rates are steps per CPU second (user + system) of the timed process, engine and numpy alike.
 * Each size is timed in ROUNDS rounds, each an engine repetition and then a numpy repetition (the python child
 * serves one repetition a request: numpy_baseline.py --serve), so that the two of a round run within a fraction of
 * a second of each other and a change of the shared host's speed hits both; and the whole is done once on each CPU
 * the process may use, this process and the numpy child held to that CPU (taskset; see allowedCpus). Printed per
 * CPU: the best repetition of each (the fairest figure on a shared machine) and their ratio, with the medians
 * beside them, and the median and range of the rounds' own ratios (each round's engine rate over its numpy
 * rate): figures that a slow numpy in one run and a fast engine in another cannot make.
 *
 * `npm run bench -- --profile ...` profiles the claims instead (bench/profile.ts); `npm run bench -- --parallel`
 * times src/engine/parallel.ts (bench/parallel.ts).
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
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
/** rounds of an engine repetition and a numpy repetition in turn, per size */
const ROUNDS = 6;

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

interface NumpyInfo {
  numpy: string;
  blas?: string;
  blasVersion?: string;
  openblasCore?: string;
  openblasThreads?: number;
  scipy: boolean;
  env: Record<string, string>;
}

/** The numpy child (numpy_baseline.py --serve): one repetition a request, answered with its steps per CPU second. */
class NumpyServer {
  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly info: NumpyInfo,
    private readonly lines: AsyncIterator<string>,
    /** what the child wrote to stderr so far */
    private readonly stderr: () => string,
  ) {}

  static async start(): Promise<NumpyServer | string> {
    const env: NodeJS.ProcessEnv = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
    delete env['OPENBLAS_CORETYPE'];
    delete env['OPENBLAS_L2_SIZE'];
    const probe = spawnSync('python3', ['-c', 'import numpy'], { env, encoding: 'utf8' });
    if (probe.error || probe.status !== 0) return `skipped: ${probe.error ? 'python3 not found' : 'python3 has no numpy'}`;
    const script = fileURLToPath(new URL('./numpy_baseline.py', import.meta.url));
    const child = spawn('python3', [script, '--serve'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const first = await lines.next();
    if (first.done) return `failed: ${err.trim().split('\n').pop() ?? 'no output'}`;
    return new NumpyServer(child, JSON.parse(first.value) as NumpyInfo, lines, () => err);
  }

  /** steps per CPU second of one repetition at size s (seed: the repetition's draws); null: scipy missing for blas */
  async rate(s: Size, seed: number, blas = false): Promise<number | null> {
    this.child.stdin.write(JSON.stringify({ m: s.m, d: s.d, n: s.n, eta: s.eta, sigma: s.sigma, steps: s.npSteps, seed, blas }) + '\n');
    const r = await this.lines.next();
    if (r.done) throw new Error(`the numpy baseline stopped at m = ${s.m}: ${this.stderr().trim().split('\n').pop() ?? 'no output'}`);
    return (JSON.parse(r.value) as { rate: number | null }).rate;
  }

  close(): void {
    this.child.stdin.end();
  }
}

/** steps per CPU second of each repetition of a size: the engine's, numpy's, and numpy + scipy dger's (round r of each in turn) */
interface Measured {
  ours: number[];
  numpy: number[];
  blas: number[];
}

/** An engine repetition and a numpy repetition (and a dger one, where scipy is installed) in turn, ROUNDS times. */
async function rounds(s: Size, np: NumpyServer): Promise<Measured> {
  const out: Measured = { ours: [], numpy: [], blas: [] };
  for (let r = 0; r < ROUNDS; r++) {
    out.ours.push(timeEngine(s, 1).rates[0] as number);
    out.numpy.push((await np.rate(s, r + 1)) as number);
    const b = np.info.scipy ? await np.rate(s, r + 1, true) : null;
    if (b !== null) out.blas.push(b);
  }
  return out;
}

/**
 * The CPUs this process may run on (`taskset -p`), or null where taskset is missing or fails. On the shared 2-core
 * development machine a virtual CPU's speed changes by up to ~1.45x from minute to minute, for the engine and numpy
 * alike, and at times one CPU runs at the slow speed while the other runs at the fast one (the same loop held to
 * each in turn: 150,000 and 220,000 steps/s); a process tends to stay on the CPU it started on, so unpinned, two runs
 * of the same command could read either. So each CPU is measured on its own, the engine and numpy on the same one.
 */
function allowedCpus(): number[] | null {
  const r = spawnSync('taskset', ['-p', '-c', String(process.pid)], { encoding: 'utf8' });
  const list = r.status === 0 ? /list:\s*([\d,-]+)/.exec(r.stdout)?.[1] : undefined;
  if (!list) return null;
  const out: number[] = [];
  for (const part of list.split(',')) {
    const [a, b] = part.split('-').map(Number) as [number, number | undefined];
    for (let c = a; c <= (b ?? a); c++) out.push(c);
  }
  return out;
}

/** Holds this process and its threads (and the children it starts after) to the CPUs in `list` (taskset's syntax). */
function pinTo(list: string): boolean {
  return spawnSync('taskset', ['-a', '-p', '-c', list, String(process.pid)], { encoding: 'utf8' }).status === 0;
}

const fmt = (x: number): string => String(Math.round(x));

const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}x`;

async function main(): Promise<void> {
  console.log(`label-noise SGD, batch 1, sigma 4, n = ${N}, d = ${D}; node ${process.version}, ${cpus()[0]?.model ?? 'unknown cpu'}, load average ${loadavg()[0]?.toFixed(2)} on ${cpus().length} cores`);
  const kernel = timeEngine(SIZES[1] as Size, 1).kernel;
  const jsLoop = timeEngine(SIZES[1] as Size, 2, 'js');
  const stepwise = SIZES.map((s) => timeEngine(s, 2, 'auto', 'step'));
  const forms = timeFormulations(1000, D, 20);
  const common = SIZES.map((s) => timeCommonMap(s, 3));
  console.log(`engine: Simulation.run, Stepper kernel ${kernel}; steps per CPU second`);
  console.log(`  one kernel call a step (Stepper.step, as Simulation.step() runs): ${SIZES.map((s, i) => `m=${s.m} ${fmt(Math.max(...(stepwise[i] as { rates: number[] }).rates))}`).join(', ')} steps/s (best of 2)`);
  console.log(`  the JavaScript loops (kernel 'js', the Stepper before the WebAssembly kernel) at m=1000 d=20: ${fmt(Math.max(...jsLoop.rates))} steps/s`);
  console.log(
    `  the kernel's two formulations in turn at m=1000 d=20 (best of 20 rounds of 1024 steps): keeping theta (6 operations an element) ${fmt(forms.theta)} steps/s, the neurons' outputs (4) ${fmt(forms.outputs)} steps/s: ${(forms.outputs / forms.theta).toFixed(2)}x`,
  );
  SIZES.forEach((s, i) => console.log(`  common-map form (src/engine/commonMap.ts, O(d^2) a step, equal to 1e-9 relative, not bit for bit; never the kernel's ratio) m=${s.m} d=${s.d}: ${fmt(common[i] as number)} steps/s`));

  const allowed = allowedCpus();
  const places: (number | null)[] = allowed && allowed.length > 0 ? allowed : [null];
  if (!allowed) console.log('taskset is missing here: the engine and numpy are not held to one CPU (they may run on CPUs of different speed)');
  const summary: string[] = [];
  for (const cpu of places) {
    if (cpu !== null && !pinTo(String(cpu))) {
      console.log(`could not hold the process to CPU ${cpu}; skipped`);
      continue;
    }
    const where = cpu === null ? 'unpinned' : `CPU ${cpu}`;
    const np = await NumpyServer.start();
    const measured: Measured[] = [];
    for (const s of SIZES) measured.push(typeof np === 'string' ? { ours: timeEngine(s, ROUNDS).rates, numpy: [], blas: [] } : await rounds(s, np));
    if (typeof np !== 'string') np.close();
    console.log(
      `on ${where}${cpu === null ? '' : ' (this process, its threads and the numpy child held to it)'}: ${ROUNDS} rounds a size, each an engine repetition (Simulation.run) then a numpy repetition; best (median in brackets)`,
    );
    if (typeof np !== 'string') {
      const envNote = Object.entries(np.info.env).map(([k, v]) => `${k}=${v}`).join(' ');
      console.log(`  numpy ${np.info.numpy}, ${np.info.blas ?? 'BLAS unknown'} ${np.info.blasVersion ?? ''} (OpenBLAS core ${np.info.openblasCore ?? '?'}, ${np.info.openblasThreads ?? '?'} thread), child env: ${envNote}`);
    } else console.log(`  numpy baseline ${np}; no ratio`);
    SIZES.forEach((s, i) => {
      const { ours, numpy, blas } = measured[i] as Measured;
      console.log(`  m=${s.m} d=${s.d}: engine ${fmt(Math.max(...ours))} steps/s (${fmt(median(ours))}), ${s.steps} steps a repetition${s.note ? `; ${s.note}` : ''}`);
      if (numpy.length === 0) return;
      const paired = ours.map((o, r) => o / (numpy[r] as number));
      console.log(
        `    numpy ${fmt(Math.max(...numpy))} steps/s (${fmt(median(numpy))}), ${s.npSteps} steps a repetition; engine / numpy = ${ratio(Math.max(...ours), Math.max(...numpy))} (medians ${ratio(median(ours), median(numpy))}); the rounds' own ratios: median ${median(paired).toFixed(2)}x, from ${Math.min(...paired).toFixed(2)}x to ${Math.max(...paired).toFixed(2)}x`,
      );
      // the same loop with scipy's in-place BLAS rank-one update (bench/numpy_baseline.py run_blas), where scipy is installed
      if (blas.length > 0) console.log(`    numpy + scipy BLAS dger (in place): ${fmt(Math.max(...blas))} steps/s (${fmt(median(blas))}); engine / that = ${ratio(Math.max(...ours), Math.max(...blas))} (medians ${ratio(median(ours), median(blas))})`);
      if (s.m === 1000) summary.push(`${ratio(Math.max(...ours), Math.max(...numpy))} on ${where} (rounds' median ${median(paired).toFixed(2)}x)`);
    });
  }
  if (allowed) pinTo(allowed.join(','));
  if (summary.length > 0) console.log(`engine / numpy at m=1000 d=20, best over best: ${summary.join(', ')}`);
}

if (process.argv.includes('--parallel')) {
  const { parallelMain } = await import('./parallel.js');
  await parallelMain();
} else if (process.argv.includes('--profile')) {
  const { profileMain } = await import('./profile.js');
  await profileMain(process.argv.slice(2));
} else await main();
