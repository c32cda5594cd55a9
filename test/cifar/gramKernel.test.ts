import { describe, expect, it } from 'vitest';
import { stream } from '../../src/engine/rng.js';
import { GramFcNet } from '../../src/cifar/gram.js';
import { noisySamStep, smallCase } from './support.js';

// gram.ts: the WebAssembly SIMD kernel for K DH (src/engine/kernels/gemm64.ts) and gemm.ts's mulAB give the same
// trajectory bit for bit: label noise, GD and SAM, both parameterizations, at widths that fill the kernel's tiles
// (32) and leave edges (n = 10 rows, width 30 columns: 10 mod 4 and 30 mod 4 are done in JavaScript).
describe('GramFcNet: wasm kernel = JavaScript kernel, bit for bit', () => {
  for (const [n, width, parameterization] of [[16, 32, 'standard'], [10, 30, 'ntk']] as const) {
    it(`${n} images, width ${width}, ${parameterization}: 60 steps of label noise, SAM every third`, () => {
      const { cfg, p, train, test } = smallCase(n, 8, width, parameterization, `gram-kernel/${parameterization}`);
      const wasm = new GramFcNet(cfg, p, train, test, undefined, 'wasm');
      const js = new GramFcNet(cfg, p, train, test, undefined, 'js');
      const rng = stream('gram-kernel', parameterization);
      const T = new Float32Array(n * 10);
      const eta = parameterization === 'standard' ? 1e-2 : 1;
      for (let s = 1; s <= 60; s++) {
        const { targets, update } = noisySamStep(s, train.labels, T, rng);
        wasm.step(eta, targets, update);
        js.step(eta, targets, update);
      }
      expect(Array.from(wasm.preActivations())).toEqual(Array.from(js.preActivations()));
      expect(Array.from(wasm.rowSpaceCoefficients())).toEqual(Array.from(js.rowSpaceCoefficients()));
      const [ow, oj] = [wasm.outputs(), js.outputs()];
      expect(Array.from(ow.train)).toEqual(Array.from(oj.train));
      expect(Array.from(ow.test)).toEqual(Array.from(oj.test));
      expect(Array.from(wasm.neuronNorms())).toEqual(Array.from(js.neuronNorms()));
      // the run moved
      const fresh = new GramFcNet(cfg, p, train, test).outputs().train;
      expect(ow.train.some((v, i) => Math.abs(v - (fresh[i] as number)) > 1e-3)).toBe(true);
    });
  }
  it("an unknown kernel is one error naming it", () => {
    const { cfg, p, train, test } = smallCase(4, 4, 8, 'standard', 'gram-kernel/bad');
    expect(() => new GramFcNet(cfg, p, train, test, undefined, 'gpu' as 'js')).toThrow(/kernel/);
  });
});
