import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Drawer, Stepper, cloneState, copyDraw, initNTK, makeDataset, rows, theta, vec, type Rule } from '../../src/engine/index.js';
import { SgdKernel } from '../../src/engine/kernels/sgdKernel.js';
import { wasmSimdAvailable } from '../../src/engine/kernels/wasm.js';
import { neuronOutputs, sampleDot } from '../../src/engine/rules/singleSamplePass.js';
import { bitsEqual, buildCase, caseArb, fcOpts, flatState } from './helpers.js';

/**
 * The single-sample step (rules/singleSamplePass.ts, kernels/sampleKernel.ts): its passes against plain sums and
 * the ml-matrix reference, every block size of the kernel giving the same bits, and the soundness of the
 * kernel's divergence certificate (a step it certifies never has a theta outside the bound).
 */

const simd = wasmSimdAvailable();
const rule: Rule = { kind: 'sgd', eta: 1e-3, batch: 1, sigma: 4 };

describe('the two passes of the single-sample step', () => {
  it('sampleDot sums the even and the odd k apart (its stated order), and f = a^T W x to 1e-14', () => {
    const w = Float64Array.from([1e16, 1, -1e16, 1, 3]);
    const x = Float64Array.from([1, 1, 1, 1, 1]);
    // e = ((0 + 1e16) - 1e16) + 3 = 3, o = 1 + 1 = 2: a left-to-right sum would lose the 1s
    expect(sampleDot(w, x, 5)).toBe(5);
    const s = initNTK(40, 7, 2);
    const xs = Float64Array.from({ length: 7 }, (_, k) => Math.sin(k + 1));
    const f = neuronOutputs(rows(s.W), vec(s.a), xs, new Float64Array(40));
    const plain = theta(s).reduce((p, v, k) => p + v * (xs[k] as number), 0);
    expect(Math.abs(f - plain)).toBeLessThan(1e-14 * Math.max(1, Math.abs(plain)) * 40);
  });
});

/** A kernel holding a state of m x d with a data set of n points and a chunk of `draws` draws. */
function kernelWith(m: number, d: number, seed: number, draws: number, sampleRows?: number): { k: SgdKernel; data: ReturnType<typeof makeDataset> } {
  const data = makeDataset({ n: 9, d, nTest: 0, thetaStarNorm: 1 }, seed);
  const k = new SgdKernel(m, d, 2, { n: 9, draws }, sampleRows);
  const s = initNTK(m, d, seed);
  rows(s.W).forEach((r, i) => k.rows[i]!.set(r));
  k.a.set(vec(s.a));
  rows(data.X).forEach((r, j) => k.X.set(r, j * d));
  k.y.set(data.y);
  const drawer = new Drawer(rule, data, m, seed);
  for (let t = 0; t < draws; t++) {
    const dr = drawer.next(t);
    k.idx[t] = dr.idx[0] as number;
    k.eps[t] = dr.eps[0] as number;
  }
  return { k, data };
}

describe.skipIf(!simd)('the single-sample kernel', () => {
  it('every block size of rows gives the same bits (d = 1, 2, 7, 20; m = 23)', () => {
    for (const d of [1, 2, 7, 20]) {
      const ks = [1, 2, 3, 4].map((R) => kernelWith(23, d, d, 40, R).k);
      for (const k of ks) expect(k.sampleSteps(0.01, 0, 40, Number.MAX_VALUE)).toBe(2 * 40);
      for (const k of ks.slice(1)) expect(bitsEqual(new Float64Array(k.memory.buffer, 0, 23 * d + 23), new Float64Array(ks[0]!.memory.buffer, 0, 23 * d + 23))).toBe(true);
    }
  });

  it('the certificate is sound: every step it certifies has a finite theta within the bound (random networks, step sizes and bounds)', () => {
    let flagged = 0;
    fc.assert(
      fc.property(caseArb({ maxM: 9, maxD: 6, maxSteps: 40 }), fc.double({ min: 0.05, max: 50, noNaN: true }), fc.constantFrom(1, 30, 300), (c, bound, boost) => {
        const { state, data, eta } = buildCase(c);
        const r: Rule = { kind: 'sgd', eta: eta * boost, batch: 1, sigma: c.sigma };
        const m = state.W.rows;
        const st = new Stepper(cloneState(state), data, r, { kernel: 'wasm' });
        const k = new SgdKernel(m, state.W.columns, 2, { n: data.y.length, draws: c.steps });
        rows(state.W).forEach((row, i) => k.rows[i]!.set(row));
        k.a.set(vec(state.a));
        rows(data.X).forEach((row, j) => k.X.set(row, j * state.W.columns));
        k.y.set(data.y);
        const drawer = new Drawer(r, data, m, c.seed);
        const draws = Array.from({ length: c.steps }, (_, t) => copyDraw(drawer.next(t)));
        draws.forEach((dr, t) => ((k.idx[t] = dr.idx[0] as number), (k.eps[t] = dr.eps[0] as number)));
        const res = k.sampleSteps(r.eta, 0, c.steps, bound);
        const certified = (res & 1) === 1 ? (res >> 1) - 1 : res >> 1;
        if ((res & 1) === 1) flagged++;
        for (let t = 0; t < certified; t++) {
          st.step(draws[t]!);
          expect(st.theta.every((v) => Math.abs(v) <= bound)).toBe(true);
        }
      }),
      fcOpts(970, 80),
    );
    // the property must have met both outcomes to mean anything
    expect(flagged).toBeGreaterThan(0);
  });

  it('a flagged step within the bound goes on (theta is computed there), and the steps equal the JavaScript loops', () => {
    const { k, data } = kernelWith(50, 6, 3, 10);
    const s0 = initNTK(50, 6, 3);
    const maxTheta = Math.max(...theta(s0).map(Math.abs));
    const norms = Math.sqrt(vec(s0.a).reduce((p, v) => p + v * v, 0)) * Math.sqrt(rows(s0.W).reduce((p, r) => p + r.reduce((q, v) => q + v * v, 0), 0));
    // above every |theta_k| but below the certificate's ||a|| ||W||_F: the kernel cannot certify the first step
    const bound = 2 * maxTheta;
    expect(bound).toBeLessThan(norms);
    expect(k.sampleSteps(1e-3, 0, 10, bound)).toBe(2 * 1 + 1);
    const wasm = new Stepper(cloneState(s0), data, rule, { kernel: 'wasm' });
    const js = new Stepper(cloneState(s0), data, rule, { kernel: 'js' });
    expect(wasm.stepMany(k.idx, k.eps, 10, bound)).toBe(10);
    for (let t = 0; t < 10; t++) js.step({ idx: k.idx.subarray(t, t + 1), eps: k.eps.subarray(t, t + 1) });
    expect(bitsEqual(flatState(wasm.state), flatState(js.state))).toBe(true);
    expect(bitsEqual(wasm.theta, js.theta)).toBe(true);
  });
});
