import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import {
  Drawer,
  Stepper,
  cloneState,
  copyDraw,
  initNTK,
  initOscillation,
  makeDataset,
  referenceStep,
  Simulation,
  rows,
  theta,
  vec,
  type Dataset,
  type Rule,
  type State,
} from '../../src/engine/index.js';
import { SgdKernel, sgdKernelBytes, sgdKernelFits } from '../../src/engine/kernels/sgdKernel.js';
import { s32, u32, wasmSimdAvailable } from '../../src/engine/kernels/wasm.js';
import { bitsEqual, buildCase, caseArb, expectInputError, fcOpts, flatState, maxRelGap } from './helpers.js';

/**
 * The WebAssembly SIMD kernel of the Stepper against its JavaScript loops: bit for bit, over whole
 * trajectories of every rule, and the bookkeeping of the state's rows living in WebAssembly memory.
 */

const simd = wasmSimdAvailable();

function pair(s0: State, data: Dataset, rule: Rule): { wasm: Stepper; js: Stepper; sw: State; sj: State } {
  const sw = cloneState(s0);
  const sj = cloneState(s0);
  return { wasm: new Stepper(sw, data, rule, { kernel: 'wasm' }), js: new Stepper(sj, data, rule, { kernel: 'js' }), sw, sj };
}

/** Steps both kernels with the same draws; true when W, a and theta agree bit for bit after every step. */
function sameTrajectory(s0: State, data: Dataset, rule: Rule, steps: number, seed: number): boolean {
  const { wasm, js, sw, sj } = pair(s0, data, rule);
  const drawer = new Drawer(rule, data, s0.W.rows, seed);
  for (let t = 0; t < steps; t++) {
    const draw = copyDraw(drawer.next(t));
    wasm.step(draw);
    js.step(draw);
    if (!bitsEqual(flatState(sw), flatState(sj)) || !bitsEqual(wasm.theta, js.theta)) return false;
  }
  return true;
}

const RULES: [string, (sigma: number, eta: number) => Rule][] = [
  ['sgd batch 1', (sigma, eta) => ({ kind: 'sgd', eta, batch: 1, sigma })],
  ['sgd gaussian batch 3', (sigma, eta) => ({ kind: 'sgd', eta, batch: 3, sigma: sigma || 1, noise: 'gaussian' })],
  ['gd full batch', (_s, eta) => ({ kind: 'sgd', eta, batch: 'full', sigma: 0 })],
  ['sgd with a schedule', (sigma, eta) => ({ kind: 'sgd', eta, batch: 2, sigma: sigma || 2, schedule: { on: 2, off: 1 } })],
  ['SAM', (sigma, eta) => ({ kind: 'sam', eta, rho: 0.05, batch: 1, sigma })],
];

describe.skipIf(!simd)('the WebAssembly kernel equals the JavaScript loops bit for bit', () => {
  it('makes a kernel by default where SIMD is available (SGD, GD and the oscillation process; SAM runs the loops)', () => {
    const data = makeDataset({ n: 5, d: 4, nTest: 0, thetaStarNorm: 1 }, 1);
    expect(new Stepper(initNTK(3, 4, 1), data, { kind: 'sgd', eta: 0.01, batch: 1, sigma: 1 }).kernel).toBe('wasm');
    expect(new Stepper(initNTK(3, 4, 1), data, { kind: 'sgd', eta: 0.01, batch: 'full', sigma: 0 }).kernel).toBe('wasm');
    expect(new Stepper(initNTK(3, 4, 1), data, { kind: 'sam', eta: 0.01, rho: 0.1, batch: 1, sigma: 1 }).kernel).toBe('js');
    expect(new Stepper(initNTK(3, 4, 1), data, { kind: 'oscillation', eta: 0.01 }).kernel).toBe('wasm');
    expect(new Stepper(initNTK(3, 4, 1), data, { kind: 'sgd', eta: 0.01, batch: 1, sigma: 1 }, { kernel: 'js' }).kernel).toBe('js');
  });

  RULES.forEach(([name, ruleOf], r) => {
    it(`${name}: random small networks, odd and even d (d = 1 included)`, () => {
      fc.assert(
        fc.property(caseArb({ maxM: 9, maxD: 9, maxSteps: 12 }), (c) => {
          const { state, data, eta } = buildCase(c);
          expect(sameTrajectory(state, data, ruleOf(c.sigma, eta), c.steps, c.seed)).toBe(true);
        }),
        fcOpts(900 + r, 60),
      );
    });
  });

  it('the oscillation process', () => {
    fc.assert(
      fc.property(caseArb({ maxM: 9, maxD: 7, maxSteps: 12, etaExps: [1, 4] }), (c) => {
        const { state, data, eta } = buildCase(c);
        initOscillation(state, eta, c.seed);
        expect(sameTrajectory(state, data, { kind: 'oscillation', eta }, c.steps, c.seed)).toBe(true);
      }),
      fcOpts(910, 40),
    );
  });

  it('the paper\'s sizes (m = 1000, d = 20, 200 steps of label-noise SGD) and an odd d with a large m', () => {
    for (const [m, d, steps] of [[1000, 20, 200], [257, 33, 40]] as const) {
      const data = makeDataset({ n: 200, d, nTest: 0, thetaStarNorm: Math.pow(m, -0.25) }, 3);
      expect(sameTrajectory(initNTK(m, d, 3), data, { kind: 'sgd', eta: 1e-3, batch: 1, sigma: 4 }, steps, 3)).toBe(true);
    }
  });

  it.each(['wasm', 'js'] as const)('the %s kernel equals the ml-matrix reference to 1e-12 over 50 steps (with the reference from the same draws)', (kernel) => {
    const data = makeDataset({ n: 50, d: 20, nTest: 0, thetaStarNorm: 0.5 }, 4);
    const rule: Rule = { kind: 'sgd', eta: 1e-3, batch: 1, sigma: 4 };
    const s0 = initNTK(300, 20, 4);
    const fast = cloneState(s0);
    const st = new Stepper(fast, data, rule, { kernel });
    const drawer = new Drawer(rule, data, 300, 4);
    let ref = cloneState(s0);
    for (let t = 0; t < 50; t++) {
      const draw = copyDraw(drawer.next(t));
      st.step(draw);
      ref = referenceStep(ref, data, rule, draw);
    }
    expect(maxRelGap(flatState(fast), flatState(ref))).toBeLessThan(1e-12);
    expect(maxRelGap(st.theta, ref.a.mmul(ref.W).getRow(0))).toBeLessThan(1e-12);
  });
});

/**
 * Simulation.run with whole chunks of steps inside the kernel (Stepper.stepMany) against the same run
 * stepped one step at a time by a JavaScript Stepper with the same Drawer: the same state, theta and
 * outcome bit for bit, with log and watch steps that cut the chunks, runs that diverge inside a chunk,
 * and steps after a divergence (the draws a stopped chunk took are used first).
 */
function sameRun(s0: State, data: Dataset, rule: Rule, steps: number, seed: number, opts: { logEvery: number; watchEvery: number; bound: number }): boolean {
  const sim = new Simulation(cloneState(s0), data, rule, seed);
  if (!sim.stepper.canStepMany) return false;
  const watched: number[] = [];
  const res = sim.run({ steps, logEvery: opts.logEvery, watchEvery: opts.watchEvery, divergenceBound: opts.bound, watch: (t) => void watched.push(t) });
  // the same run one step at a time, with the JavaScript loops
  const sj = cloneState(s0);
  const js = new Stepper(sj, data, rule, { kernel: 'js' });
  const drawer = new Drawer(rule, data, s0.W.rows, seed);
  let t = 0;
  let outcome = 'completed';
  const jsWatched: number[] = [];
  while (t < steps) {
    js.step(drawer.next(t));
    t++;
    if (!js.theta.every((v) => Number.isFinite(v)) || js.theta.some((v) => Math.abs(v) > opts.bound)) {
      outcome = `diverged at ${t}`;
      break;
    }
    if (t % opts.watchEvery === 0) jsWatched.push(t);
  }
  const got = res.outcome.kind === 'completed' ? 'completed' : `${res.outcome.kind} at ${res.outcome.kind === 'diverged' ? res.outcome.step : -1}`;
  if (got !== outcome || sim.t !== t || watched.join() !== jsWatched.join()) return false;
  if (!bitsEqual(flatState(sim.state), flatState(sj)) || !bitsEqual(sim.theta, js.theta)) return false;
  // three more steps: a stopped chunk's pending draws come first
  for (let u = 0; u < 3; u++) {
    sim.step();
    js.step(drawer.next(t + u));
  }
  return bitsEqual(flatState(sim.state), flatState(sj)) && bitsEqual(sim.theta, js.theta);
}

describe.skipIf(!simd)('whole steps inside the kernel (Simulation.run through Stepper.stepMany) equal single steps bit for bit', () => {
  RULES.slice(0, 4).forEach(([name, ruleOf], r) => {
    it(`${name}: random networks, chunks cut by log and watch steps, and divergent step sizes`, () => {
      fc.assert(
        fc.property(
          caseArb({ maxM: 11, maxD: 9, maxSteps: 300 }),
          fc.integer({ min: 0, max: 40 }),
          fc.integer({ min: 1, max: 70 }),
          fc.constantFrom(1, 30, 1e8, Infinity),
          fc.constantFrom(1, 1, 50),
          (c, logEvery, watchEvery, bound, etaBoost) => {
            const { state, data, eta } = buildCase(c);
            expect(sameRun(state, data, ruleOf(c.sigma, eta * etaBoost), c.steps, c.seed, { logEvery, watchEvery, bound })).toBe(true);
          },
        ),
        fcOpts(950 + r, 25),
      );
    });
  });

  it("the paper's size (m = 1000, d = 20), 2100 steps (chunks of 1024 at batch 1, of 256 at batch 2), and the pass for every block size", () => {
    const data = makeDataset({ n: 200, d: 20, nTest: 0, thetaStarNorm: Math.pow(1000, -0.25) }, 5);
    expect(sameRun(initNTK(1000, 20, 5), data, { kind: 'sgd', eta: 1e-3, batch: 1, sigma: 4 }, 2100, 5, { logEvery: 0, watchEvery: 5000, bound: 1e8 })).toBe(true);
    expect(sameRun(initNTK(1000, 20, 5), data, { kind: 'sgd', eta: 1e-3, batch: 2, sigma: 4 }, 600, 5, { logEvery: 0, watchEvery: 5000, bound: 1e8 })).toBe(true);
    for (const d of [1, 2, 7, 20]) {
      const m = 23;
      const ks = [1, 2, 3, 4].map((p) => new SgdKernel(m, d, p));
      for (const k of ks) {
        k.rows.forEach((row, i) => row.forEach((_, j) => (row[j] = Math.sin(3 * i + j + d))));
        k.a.forEach((_, i) => (k.a[i] = Math.cos(i * d)));
        k.g.forEach((_, j) => (k.g[j] = Math.sin(7 * j + 1)));
        for (let t = 0; t < 5; t++) k.apply(0.01);
      }
      for (const k of ks.slice(1)) {
        expect(bitsEqual(new Float64Array(k.memory.buffer, 0, m * d + m + 2 * d), new Float64Array(ks[0]!.memory.buffer, 0, m * d + m + 2 * d))).toBe(true);
      }
    }
  });

  it("the kernel's theta (Stepper.resync) is network.ts theta bit for bit: odd and even d, d = 1, rows left over", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 25 }), fc.integer({ min: 0, max: 1e6 }), (m, d, seed) => {
        const s = initNTK(m, d, seed);
        rows(s.W).forEach((r, i) => r.forEach((v, k) => (r[k] = v * Math.exp(Math.sin(i + 3 * k + seed)))));
        const want = theta(s);
        const k = new SgdKernel(m, d);
        rows(s.W).forEach((r, i) => (k.rows[i] as Float64Array).set(r));
        k.a.set(vec(s.a));
        k.th.fill(NaN);
        k.theta();
        expect(bitsEqual(k.th, want)).toBe(true);
      }),
      fcOpts(961, 60),
    );
  });

  it('stepMany refuses what it cannot run: another rule, too many steps, too few draws, an index outside the data', () => {
    const data = makeDataset({ n: 4, d: 3, nTest: 0, thetaStarNorm: 1 }, 1);
    const rule: Rule = { kind: 'sgd', eta: 0.01, batch: 2, sigma: 1 };
    const st = new Stepper(initNTK(5, 3, 1), data, rule);
    expect(st.canStepMany).toBe(true);
    expectInputError(() => st.stepMany(new Int32Array(4), new Float64Array(4), 3, 1e8), 'draws');
    expectInputError(() => st.stepMany(new Int32Array(4), new Float64Array(4), st.chunk + 1, 1e8), 'count');
    expectInputError(() => st.stepMany(Int32Array.from([0, 4]), new Float64Array(2), 1, 1e8), 'draws');
    const sam = new Stepper(initNTK(5, 3, 1), data, { kind: 'sam', eta: 0.01, rho: 0.1, batch: 1, sigma: 1 });
    expect(sam.canStepMany).toBe(false);
    expectInputError(() => sam.stepMany(new Int32Array(1), new Float64Array(1), 1, 1e8), 'kernel');
  });
});

describe.skipIf(!simd)('the state in WebAssembly memory stays an ordinary ml-matrix state', () => {
  const data = makeDataset({ n: 8, d: 5, nTest: 0, thetaStarNorm: 1 }, 5);
  const rule: Rule = { kind: 'sgd', eta: 0.01, batch: 1, sigma: 1 };

  it('writes through rows(state.W) and vec(state.a) after the Stepper is made are seen by the next step (resync for theta)', () => {
    const { wasm, js, sw, sj } = pair(initNTK(6, 5, 5), data, rule);
    const drawer = new Drawer(rule, data, 6, 5);
    for (let t = 0; t < 10; t++) {
      if (t === 4) {
        for (const s of [sw, sj]) {
          rows(s.W)[2]![3] = 0.75;
          vec(s.a)[1] = -0.4;
          s.W.set(5, 0, 1.25);
        }
        wasm.resync();
        js.resync();
        expect(bitsEqual(wasm.theta, theta(sw))).toBe(true);
      }
      const draw = copyDraw(drawer.next(t));
      wasm.step(draw);
      js.step(draw);
      expect(bitsEqual(flatState(sw), flatState(sj))).toBe(true);
    }
  });

  it('clones, theta() and matrix operations read the same values', () => {
    const s = initNTK(7, 5, 6);
    const before = flatState(s);
    const st = new Stepper(s, data, rule);
    expect(bitsEqual(flatState(s), before)).toBe(true);
    expect(bitsEqual(flatState(cloneState(s)), before)).toBe(true);
    expect(bitsEqual(st.theta, theta(s))).toBe(true);
    expect(maxRelGap(s.a.mmul(s.W).getRow(0), theta(s))).toBeLessThan(1e-15);
  });

  it('two Steppers on one state, stepped in turn, act as two JavaScript Steppers on one state do', () => {
    const s0 = initNTK(6, 5, 7);
    const sw = cloneState(s0);
    const sj = cloneState(s0);
    const w1 = new Stepper(sw, data, rule, { kernel: 'wasm' });
    const w2 = new Stepper(sw, data, rule, { kernel: 'wasm' });
    const j1 = new Stepper(sj, data, rule, { kernel: 'js' });
    const j2 = new Stepper(sj, data, rule, { kernel: 'js' });
    const drawer = new Drawer(rule, data, 6, 7);
    for (let t = 0; t < 12; t++) {
      const draw = copyDraw(drawer.next(t));
      (t % 2 ? w1 : w2).step(draw);
      (t % 2 ? j1 : j2).step(draw);
      expect(bitsEqual(flatState(sw), flatState(sj))).toBe(true);
    }
  });

  it('while a Stepper holds the state, a row cannot be replaced or removed (TypeError), but its values can be written', () => {
    const s = initNTK(6, 5, 8);
    const st = new Stepper(s, data, rule, { kernel: 'wasm' });
    expect(() => {
      rows(s.W)[3] = new Float64Array(5);
    }).toThrow(TypeError);
    expect(() => s.W.removeRow(2)).toThrow(TypeError);
    expect(() => s.W.addColumn(0, [1, 2, 3, 4, 5, 6])).toThrow(TypeError);
    expect(() => {
      rows(s.a)[0] = new Float64Array(6);
    }).toThrow(TypeError);
    s.W.set(3, 1, 0.5);
    expect(rows(s.W)[3]![1]).toBe(0.5);
    expect(() => st.step(copyDraw(new Drawer(rule, data, 6, 8).next(0)))).not.toThrow();
  });

  it('a matrix whose row array was replaced wholesale is copied in at the next step', () => {
    const { wasm, js, sw, sj } = pair(initNTK(6, 5, 8), data, rule);
    const drawer = new Drawer(rule, data, 6, 8);
    let draw = copyDraw(drawer.next(0));
    wasm.step(draw);
    js.step(draw);
    const fresh = rows(sw.W).map((r, i) => r.map((v) => v * (1 + i / 10)));
    (sw.W as unknown as { data: Float64Array[] }).data = fresh.map((r) => r.slice());
    (sj.W as unknown as { data: Float64Array[] }).data = fresh.map((r) => r.slice());
    draw = copyDraw(drawer.next(1));
    wasm.step(draw);
    js.step(draw);
    expect(bitsEqual(flatState(sw), flatState(sj))).toBe(true);
  });

  it('refuses a state whose shape changed, a bad kernel name, and a forced kernel that cannot be made', () => {
    const s = initNTK(4, 5, 9);
    const st = new Stepper(s, data, rule, { kernel: 'wasm' });
    const shrunk = s.W as unknown as { data: Float64Array[]; rows: number };
    shrunk.data = rows(s.W).slice(0, 3).map((r) => r.slice());
    shrunk.rows = 3;
    expectInputError(() => st.step(copyDraw(new Drawer(rule, data, 4, 9).next(0))), 'state');
    expectInputError(() => new Stepper(initNTK(2, 5, 1), data, rule, { kernel: 'gpu' as never }), 'kernel');
    expectInputError(() => new Stepper({ W: new Matrix(2, 5), a: new Matrix(1, 3) }, data, rule), 'state');
    expect(sgdKernelFits(10, 2000)).toBe(false);
    expectInputError(() => new Stepper(initNTK(2, 2000, 1), makeDataset({ n: 2, d: 2000, nTest: 0, thetaStarNorm: 1 }, 1), rule, { kernel: 'wasm' }), 'kernel');
    expect(new Stepper(initNTK(2, 2000, 1), makeDataset({ n: 2, d: 2000, nTest: 0, thetaStarNorm: 1 }, 1), rule).kernel).toBe('js');
  });
});

describe('the WebAssembly encoder', () => {
  it('LEB128: unsigned and signed integers as the specification encodes them', () => {
    expect(u32(0)).toEqual([0]);
    expect(u32(127)).toEqual([0x7f]);
    expect(u32(128)).toEqual([0x80, 0x01]);
    expect(u32(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(u32(0xffffffff)).toEqual([0xff, 0xff, 0xff, 0xff, 0x0f]);
    expect(s32(0)).toEqual([0]);
    expect(s32(-1)).toEqual([0x7f]);
    expect(s32(63)).toEqual([0x3f]);
    expect(s32(64)).toEqual([0xc0, 0x00]);
    expect(s32(-123456)).toEqual([0xc0, 0xbb, 0x78]);
    expect(() => u32(-1)).toThrow(RangeError);
    expect(() => s32(2 ** 31)).toThrow(RangeError);
  });

  it.skipIf(!simd)('the kernel module validates for every d from 1 to 40 and at the largest d', () => {
    const WA = (globalThis as unknown as { WebAssembly: { validate(b: Uint8Array): boolean } }).WebAssembly;
    for (let d = 1; d <= 40; d++) expect(WA.validate(sgdKernelBytes(d))).toBe(true);
    expect(WA.validate(sgdKernelBytes(1024))).toBe(true);
  });
});
