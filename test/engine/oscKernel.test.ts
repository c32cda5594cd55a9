import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Drawer, Simulation, Stepper, cloneState, copyDraw, initNTK, initOscillation, makeDataset, rows, vec, type Dataset, type Rule, type State } from '../../src/engine/index.js';
import { SgdKernel } from '../../src/engine/kernels/sgdKernel.js';
import { OSC_ROWS } from '../../src/engine/kernels/oscKernel.js';
import { wasmSimdAvailable } from '../../src/engine/kernels/wasm.js';
import { oscillationPass } from '../../src/engine/rules/oscillationPass.js';
import { bitsEqual, buildCase, caseArb, expectInputError, fcOpts, flatState } from './helpers.js';

/**
 * The oscillation process of Eqs. (6)-(7) in the WebAssembly kernel (src/engine/kernels/oscKernel.ts) against the
 * Stepper's JavaScript loops, bit for bit: one step at a time (the kernel's pass after the loop's gradient), whole steps
 * inside the kernel (Simulation.run through Stepper.stepManyOscillation: the kernel's gradient too), the pass alone on
 * states with +-0, NaN, infinities and subnormals for every block size, and the paper's size.
 */

const simd = wasmSimdAvailable();

/**
 * Bit-for-bit equality where NaN counts as one value: every other entry's 64 bits equal (+0 and -0 distinct), NaN where
 * NaN. A NaN's sign and payload are not fixed by JavaScript (ECMAScript leaves them to the implementation; V8 may commute
 * an addition, and x86 returns the first operand's NaN), so no loop, JavaScript or WebAssembly, has defined NaN bits.
 */
function sameUpToNaN(x: Float64Array, y: Float64Array): boolean {
  if (x.length !== y.length) return false;
  for (let k = 0; k < x.length; k++) {
    const [u, v] = [x[k] as number, y[k] as number];
    if (Number.isNaN(u) ? !Number.isNaN(v) : !Object.is(u, v)) return false;
  }
  return true;
}

/** Steps a kernel and a JavaScript Stepper with the same draws; true when W, a and theta agree bit for bit after every step. */
function sameSteps(s0: State, data: Dataset, rule: Rule, steps: number, seed: number): boolean {
  const [sw, sj] = [cloneState(s0), cloneState(s0)];
  const wasm = new Stepper(sw, data, rule, { kernel: 'wasm' });
  const js = new Stepper(sj, data, rule, { kernel: 'js' });
  if (wasm.kernel !== 'wasm') return false;
  const drawer = new Drawer(rule, data, s0.W.rows, seed);
  for (let t = 0; t < steps; t++) {
    const draw = copyDraw(drawer.next(t));
    wasm.step(draw);
    js.step(draw);
    if (!bitsEqual(flatState(sw), flatState(sj)) || !bitsEqual(wasm.theta, js.theta)) return false;
  }
  return true;
}

/**
 * Simulation.run (whole steps inside the kernel, chunks cut by watch steps) against the same run stepped one step at a
 * time by a JavaScript Stepper with the same Drawer: the same outcome, state and theta bit for bit, and three more single
 * steps after it (the draws a stopped chunk took come first).
 */
function sameRun(s0: State, data: Dataset, rule: Rule, steps: number, seed: number, watchEvery: number, bound: number): boolean {
  const sim = new Simulation(cloneState(s0), data, rule, seed);
  if (!sim.stepper.canStepMany) return false;
  const res = sim.run({ steps, watchEvery, watch: () => undefined, divergenceBound: bound });
  const sj = cloneState(s0);
  const js = new Stepper(sj, data, rule, { kernel: 'js' });
  const drawer = new Drawer(rule, data, s0.W.rows, seed);
  let t = 0;
  let outcome = 'completed';
  while (t < steps) {
    js.step(drawer.next(t));
    t++;
    if (!js.theta.every((v) => Number.isFinite(v)) || js.theta.some((v) => Math.abs(v) > bound)) {
      outcome = `diverged at ${t}`;
      break;
    }
  }
  const got = res.outcome.kind === 'completed' ? 'completed' : `${res.outcome.kind} at ${res.outcome.kind === 'diverged' ? res.outcome.step : -1}`;
  if (got !== outcome || sim.t !== t) return false;
  if (!bitsEqual(flatState(sim.state), flatState(sj)) || !bitsEqual(sim.theta, js.theta)) return false;
  for (let u = 0; u < 3; u++) {
    sim.step();
    js.step(drawer.next(t + u));
  }
  return bitsEqual(flatState(sim.state), flatState(sj)) && bitsEqual(sim.theta, js.theta);
}

/** A case's state with a(0) the chain's start, and its oscillation rule. */
function oscCase(c: Parameters<typeof buildCase>[0], etaBoost = 1): { state: State; data: Dataset; rule: Rule } {
  const { state, data, eta } = buildCase(c);
  initOscillation(state, eta * etaBoost, c.seed);
  return { state, data, rule: { kind: 'oscillation', eta: eta * etaBoost } };
}

describe.skipIf(!simd)('the oscillation process in the WebAssembly kernel equals the JavaScript loops bit for bit', () => {
  it('the kernel is the default for the oscillation rule; js still forces the loops', () => {
    const data = makeDataset({ n: 5, d: 4, nTest: 0, thetaStarNorm: 1 }, 1);
    const rule: Rule = { kind: 'oscillation', eta: 0.01 };
    expect(new Stepper(initNTK(3, 4, 1), data, rule).kernel).toBe('wasm');
    expect(new Stepper(initNTK(3, 4, 1), data, rule).canStepMany).toBe(true);
    expect(new Stepper(initNTK(3, 4, 1), data, rule, { kernel: 'js' }).kernel).toBe('js');
    expect(new Stepper(initNTK(3, 4, 1), data, rule, { kernel: 'js' }).canStepMany).toBe(false);
  });

  it('one step at a time: random small networks, odd and even d (d = 1 included), odd and even n, rows left over by the blocks', () => {
    fc.assert(
      fc.property(caseArb({ maxM: 2 * OSC_ROWS + 3, maxD: 9, maxN: 7, maxSteps: 15, etaExps: [1, 4] }), (c) => {
        const { state, data, rule } = oscCase(c);
        expect(sameSteps(state, data, rule, c.steps, c.seed)).toBe(true);
      }),
      fcOpts(1910, 80),
    );
  });

  it('whole steps (Simulation.run): random networks, chunks cut by watch steps, divergent step sizes and small bounds', () => {
    fc.assert(
      fc.property(
        caseArb({ maxM: 2 * OSC_ROWS + 3, maxD: 9, maxN: 7, maxSteps: 400, etaExps: [1, 4] }),
        fc.integer({ min: 1, max: 90 }),
        fc.constantFrom(1, 30, 1e8, Infinity),
        fc.constantFrom(1, 1, 100),
        (c, watchEvery, bound, etaBoost) => {
          const { state, data, rule } = oscCase(c, etaBoost);
          expect(sameRun(state, data, rule, c.steps, c.seed, watchEvery, bound)).toBe(true);
        },
      ),
      fcOpts(1911, 40),
    );
  });

  it("the paper's size (m = 1000, d = 20, n = 200): 300 single steps, and 700 whole steps (chunks of 256) from the same start", () => {
    const [m, d, eta] = [1000, 20, 1e-3];
    const data = makeDataset({ n: 200, d, nTest: 0, thetaStarNorm: Math.pow(m, -0.25) }, 6);
    const s0 = initOscillation(initNTK(m, d, 6), eta, 6);
    const rule: Rule = { kind: 'oscillation', eta };
    expect(sameSteps(s0, data, rule, 300, 6)).toBe(true);
    expect(new Stepper(cloneState(s0), data, rule).chunk).toBe(256);
    expect(sameRun(s0, data, rule, 700, 6, 5000, 1e8)).toBe(true);
  });

  it('the pass alone on states with +-0, NaN, infinities, subnormals and odd coins, for every block size (1 to 8 rows; NaN where NaN)', () => {
    const specials = [0, -0, NaN, Infinity, -Infinity, 5e-324, -5e-324, 1e308, 0.5, -0.25];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 19 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 1e6 }), (m, d, seed) => {
        let u = seed;
        const next = (): number => (u = (Math.imul(u, 1103515245) + 12345) >>> 0) / 2 ** 32;
        const pick = (): number => (next() < 0.3 ? (specials[Math.floor(next() * specials.length)] as number) : Math.tan(3 * next() - 1.5));
        const W = Array.from({ length: m }, () => Float64Array.from({ length: d }, pick));
        const a = Float64Array.from({ length: m }, pick);
        const g = Float64Array.from({ length: d }, pick);
        const flips = Int8Array.from({ length: m }, () => [-1, 1, -1, 1, 0, 3, -128, 127][Math.floor(next() * 8)] as number);
        const eta = [1e-3, 0.5, 0][seed % 3] as number;
        // the loop
        const Wj = W.map((r) => r.slice());
        const aj = a.slice();
        const thj = new Float64Array(d);
        oscillationPass(Wj, aj, thj, eta, g, flips);
        for (let R = 1; R <= 8; R++) {
          const k = new SgdKernel(m, d, undefined, { n: 1, draws: 0, flips: m }, undefined, R);
          W.forEach((r, i) => (k.rows[i] as Float64Array).set(r));
          k.a.set(a);
          k.g.set(g);
          k.th.fill(7);
          k.fl.set(flips);
          k.oscPass(eta, Math.pow(eta, 0.25));
          if (!sameUpToNaN(k.a, aj) || !sameUpToNaN(k.th, thj)) return false;
          for (let i = 0; i < m; i++) if (!sameUpToNaN(k.rows[i] as Float64Array, Wj[i] as Float64Array)) return false;
        }
        return true;
      }),
      fcOpts(1912, 120),
    );
  });

  it('stepManyOscillation refuses what it cannot run: another rule, the loops, too many steps, too few coins; a step refuses too few coins', () => {
    const data = makeDataset({ n: 4, d: 3, nTest: 0, thetaStarNorm: 1 }, 1);
    const rule: Rule = { kind: 'oscillation', eta: 0.01 };
    const st = new Stepper(initNTK(5, 3, 1), data, rule);
    expectInputError(() => st.stepManyOscillation(new Int8Array(5 * st.chunk + 5), st.chunk + 1, 1e8), 'count');
    expectInputError(() => st.stepManyOscillation(new Int8Array(9), 2, 1e8), 'draws');
    expect(st.stepManyOscillation(new Int8Array(0), 0, 1e8)).toBe(0);
    expectInputError(() => st.step({ idx: new Int32Array(0), eps: new Float64Array(0), flips: new Int8Array(4) }), 'draws');
    expectInputError(() => new Stepper(initNTK(5, 3, 1), data, rule, { kernel: 'js' }).stepManyOscillation(new Int8Array(5), 1, 1e8), 'kernel');
    expectInputError(() => new Stepper(initNTK(5, 3, 1), data, { kind: 'sgd', eta: 0.01, batch: 1, sigma: 1 }).stepManyOscillation(new Int8Array(5), 1, 1e8), 'kernel');
  });

  it('the state stays an ordinary one: outside writes (with resync) and changed data are seen, and two Steppers on one state act as two JavaScript ones', () => {
    const data = makeDataset({ n: 6, d: 5, nTest: 0, thetaStarNorm: 1 }, 3);
    const rule: Rule = { kind: 'oscillation', eta: 0.01 };
    const s0 = initOscillation(initNTK(6, 5, 3), 0.01, 3);
    const [sw, sj] = [cloneState(s0), cloneState(s0)];
    const w = [new Stepper(sw, data, rule, { kernel: 'wasm' }), new Stepper(sw, data, rule, { kernel: 'wasm' })];
    const j = [new Stepper(sj, data, rule, { kernel: 'js' }), new Stepper(sj, data, rule, { kernel: 'js' })];
    const drawer = new Drawer(rule, data, 6, 3);
    for (let t = 0; t < 12; t++) {
      if (t === 5) {
        for (const s of [sw, sj]) {
          rows(s.W)[2]![3] = 0.75;
          vec(s.a)[1] = 0;
        }
        w[t % 2]!.resync();
        j[t % 2]!.resync();
      }
      // the data, shared by both, changed in place: the kernel's copy follows (the loops read it every step)
      if (t === 8) {
        data.X.set(1, 2, 0.3);
        data.y[0] = -0.1;
      }
      const draw = copyDraw(drawer.next(t));
      w[t % 2]!.step(draw);
      j[t % 2]!.step(draw);
      expect(bitsEqual(flatState(sw), flatState(sj))).toBe(true);
      expect(bitsEqual(w[t % 2]!.theta, j[t % 2]!.theta)).toBe(true);
    }
  });
});
