import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { Drawer, makeDataset, stream } from '../../src/engine/index.js';
import { wasmApi, wasmSimdAvailable } from '../../src/engine/kernels/wasm.js';
import { XOR_CAPACITY, XorKernel } from '../../src/engine/kernels/xorKernel.js';
import { KERNEL_MIN, Xor4096, type Xor4096State } from '../../src/engine/xor4096.js';
import { fcOpts } from './helpers.js';

/**
 * src/engine/xor4096.ts against seedrandom's own xor4096 (node_modules/seedrandom/lib/xor4096.js): the same int32
 * outputs and doubles over long runs from varied seeds, the bulk Rademacher draws equal to `double() < 0.5 ? -1 : 1`
 * one at a time (with the draw-again loop of double() at a zero result, from states built to reach it), and the
 * engine's streams and the oscillation rule's Drawer unchanged by the bulk draws.
 */

const seedArb = fc.oneof(fc.integer({ min: 0, max: 2 ** 31 - 1 }).map(String), fc.string({ maxLength: 12 }), fc.constantFrom('7/noise', '0/noise', 'a/b/c'));

const slowRademacher = (p: { double(): number }): number => (p.double() < 0.5 ? -1 : 1);

describe('xor4096: the same outputs as seedrandom', () => {
  it('int32 outputs and doubles, 200,000 of each from varied seeds', () => {
    fc.assert(
      fc.property(seedArb, (seed) => {
        const ref = seedrandom.xor4096(seed);
        const own = Xor4096.fromSeed(seed);
        for (let k = 0; k < 10_000; k++) if (own.next() !== ref.int32()) return false;
        for (let k = 0; k < 10_000; k++) if (!Object.is(own.double(), ref.double())) return false;
        return true;
      }),
      fcOpts(4096, 20),
    );
  });

  it('the state round-trips through seedrandom (restoring it there continues the same sequence)', () => {
    const own = Xor4096.fromSeed('round/trip');
    for (let k = 0; k < 1000; k++) own.next();
    const ref = seedrandom.xor4096('', { state: own.state() as unknown as seedrandom.State.Xor4096 });
    for (let k = 0; k < 5000; k++) expect(own.double()).toBe(ref.double());
  });

  it('bulk rademachers equal double() < 0.5 one at a time over a million draws, then the same later outputs', () => {
    for (const seed of ['1/noise', '2024/noise', 'osc']) {
      const ref = seedrandom.xor4096(seed);
      const own = Xor4096.fromSeed(seed);
      const out = new Int8Array(1000);
      for (let rep = 0; rep < 1000; rep++) {
        own.rademachers(out);
        for (let i = 0; i < 1000; i++) if (out[i] !== slowRademacher(ref)) expect.fail(`seed ${seed}: draw ${rep * 1000 + i} differs`);
      }
      for (let k = 0; k < 1000; k++) expect(own.double()).toBe(ref.double());
    }
  });

  it('bulk draws of varied counts (0 included) interleaved with single draws: the same sequence (property over seeds)', () => {
    fc.assert(
      fc.property(seedArb, fc.array(fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 20 }), (seed, plan) => {
        const ref = seedrandom.xor4096(seed);
        const own = Xor4096.fromSeed(seed);
        const out = new Int8Array(301);
        for (const [count, singles] of plan) {
          out.fill(7);
          own.rademachers(out, count);
          for (let i = 0; i < count; i++) if (out[i] !== slowRademacher(ref)) return false;
          // entries past count are left alone
          if (out[count] !== 7) return false;
          for (let s = 0; s < singles; s++) if (own.double() !== ref.double() || own.next() !== ref.int32()) return false;
        }
        return true;
      }),
      fcOpts(4097, 60),
    );
  });

  it.skipIf(!wasmApi)('bulk draws of KERNEL_MIN or more run in WebAssembly (fewer: the JavaScript loop)', () => {
    const own = Xor4096.fromSeed('k');
    own.rademachers(new Int8Array(KERNEL_MIN - 1));
    expect(own.usesKernel).toBe(false);
    own.rademachers(new Int8Array(KERNEL_MIN));
    expect(own.usesKernel).toBe(true);
  });

  it('bulk draws longer than one kernel call (its 64 KiB page) equal the single draws', () => {
    const ref = seedrandom.xor4096('long');
    const own = Xor4096.fromSeed('long');
    const out = new Int8Array(150_001);
    own.rademachers(out);
    for (let i = 0; i < out.length; i++) if (out[i] !== slowRademacher(ref)) expect.fail(`draw ${i} differs`);
    expect(own.double()).toBe(ref.double());
  });

  it('refuses a count outside the buffer', () => {
    const own = Xor4096.fromSeed('x');
    expect(() => own.rademachers(new Int8Array(3), 4)).toThrow(RangeError);
    expect(() => own.rademachers(new Int8Array(3), -1)).toThrow(RangeError);
    expect(() => own.rademachers(new Int8Array(3), 1.5)).toThrow(RangeError);
  });
});

/** h(w) = w ^ (w >>> 16), the Weyl output's mix: an involution on 32 bits. */
const mix = (w: number): number => (w ^ (w >>> 16)) | 0;
/** the xorshift of v = X[i + 34] in next(), and its inverse */
const shiftV = (v: number): number => {
  let x = v ^ (v << 13);
  x ^= x >>> 15;
  return x | 0;
};
const unshiftV = (y: number): number => {
  let x = y ^ (y >>> 15) ^ (y >>> 30);
  x = x ^ (x << 13) ^ (x << 26);
  return x | 0;
};
const shiftT = (t: number): number => {
  let x = t ^ (t << 17);
  x ^= x >>> 12;
  return x | 0;
};

/**
 * A state whose next two outputs are u1 and u2: X from a seed, then X[I + 1] = 0 and X[I + 34] chosen so that the second
 * step's xorshift value is what u2 needs, and w chosen so that the first output is u1 (I = i + 1, all mod 128).
 */
function stateFor(u1: number, u2: number, i: number): Xor4096State {
  const base = Xor4096.fromSeed(`craft/${u1}/${u2}/${i}`).state();
  const X = base.X.slice();
  const C = 0x61c88647;
  const I = (i + 1) & 127;
  // step 1: v1 from X[I + 33] and X[I]; the Weyl value w1 = w + C must give u1 = v1 + mix(w1)
  const v1 = shiftV(X[(I + 33) & 127] as number) ^ shiftT(X[I] as number);
  const w1 = mix((u1 - v1) | 0);
  // step 2: v2 from X[I + 34] and X[I + 1] with w2 = w1 + C
  const w2 = (w1 + C) | 0;
  X[(I + 1) & 127] = 0;
  X[(I + 34) & 127] = unshiftV((u2 - mix(w2)) | 0);
  return { X, i, w: (w1 - C) | 0 };
}

const unshiftT = (y: number): number => {
  let x = y ^ (y >>> 12) ^ (y >>> 24);
  x = x ^ (x << 17);
  return x | 0;
};

/** The state `steps` generator steps before s (at most 90: each step's xorshift is undone from the words it read, not yet rewritten). */
function rewind(s: Xor4096State, steps: number): Xor4096State {
  const X = s.X.slice();
  let { i, w } = s;
  for (let k = 0; k < steps; k++) {
    // the step that wrote X[i] read X[i + 33] (unchanged since) and the old X[i]
    X[i] = unshiftT((X[i] as number) ^ shiftV(X[(i + 33) & 127] as number));
    i = (i + 127) & 127;
    w = (w - 0x61c88647) | 0;
  }
  return { X, i, w };
}

describe("xor4096: double()'s draw-again loop at a zero result, from built states", () => {
  it('the built states give the outputs asked for (in seedrandom and here)', () => {
    for (const [u1, u2, i] of [[5, 0, 3], [0, 0, 127], [-1, 12345, 60], [2047, 0, 94]] as const) {
      const s = stateFor(u1, u2, i);
      const ref = seedrandom.xor4096('', { state: s as unknown as seedrandom.State.Xor4096 });
      expect([ref.int32(), ref.int32()]).toEqual([u1, u2]);
      const own = new Xor4096(s);
      expect([own.next(), own.next()]).toEqual([u1, u2]);
    }
    expect(unshiftV(shiftV(0x12345678))).toBe(0x12345678);
  });

  // top = u1 >>> 11 and u2: (0, 0) draws again; a nonzero top or u2 does not (results 2^-53 u2, 1/2 and just below 1/2)
  const cases: [string, number, number][] = [
    ['u1 = 0, u2 = 0 (draws again)', 0, 0],
    ['u1 = 0, u2 = 7 (result 7 2^-53: no, -1)', 0, 7],
    ['u1 = 2047, u2 = 0 (top 0: draws again)', 2047, 0],
    ['u1 = 2048, u2 = 0 (top 1: no)', 2048, 0],
    ['u1 = 5, u2 = 1 (result 2^-53: no)', 5, 1],
    ['u1 = 2^31, u2 = 0 (result 1/2: +1)', 0x80000000 | 0, 0],
    ['u1 = 2^31 - 1, u2 = -1 (just below 1/2: -1)', 0x7fffffff, -1],
  ];
  it.each(cases)('%s: the bulk draw equals seedrandom, and so do the outputs after it', (_name, u1, u2) => {
    for (const i of [0, 93, 127]) {
      for (const before of [0, 1, 5, 40]) {
        // `before` draws precede the built one in the same bulk draw: the state is rewound by their 2 before steps
        const s = rewind(stateFor(u1, u2, i), 2 * before);
        for (const count of [before + 4, KERNEL_MIN + 36]) {
          // fewer than KERNEL_MIN: the JavaScript loop; more: the WebAssembly one
          const ref = seedrandom.xor4096('', { state: s as unknown as seedrandom.State.Xor4096 });
          const own = new Xor4096(s);
          const out = new Int8Array(count);
          own.rademachers(out);
          const want = Array.from({ length: count }, () => slowRademacher(ref));
          expect(Array.from(out)).toEqual(want);
          for (let k = 0; k < 50; k++) expect(own.next()).toBe(ref.int32());
        }
      }
    }
  });

  it('the rewound states reach the built outputs after their steps', () => {
    const s = stateFor(0, 0, 17);
    const own = new Xor4096(rewind(s, 80));
    for (let k = 0; k < 80; k++) own.next();
    expect([own.next(), own.next()]).toEqual([0, 0]);
  });
});

describe.skipIf(!wasmApi)('the WebAssembly bulk draws (kernels/xorKernel.ts), four generator steps a vector and one at a time', () => {
  /** the kernel's coins and the state after them, from state s */
  const kernelDraw = (k: XorKernel, s: Xor4096State, count: number): { coins: number[]; after: Xor4096 } => {
    k.X.set(s.X);
    const out = new Int8Array(count);
    const [i, w] = k.draw(s.i, s.w, count, out, 0);
    return { coins: Array.from(out), after: new Xor4096({ X: Array.from(k.X), i, w }) };
  };
  const kernels = (): [string, XorKernel][] => [
    ['vectors', XorKernel.make(true) as XorKernel],
    ['one at a time', XorKernel.make(false) as XorKernel],
  ];

  it('the vector kernel is made where SIMD is available', () => {
    expect(XorKernel.make()?.vector).toBe(wasmSimdAvailable());
    expect(XorKernel.make(false)?.vector).toBe(false);
  });

  it('equal seedrandom from every alignment of i, for counts 1 to XOR_CAPACITY, with no fallback on ordinary states (property)', () => {
    const ks = kernels();
    fc.assert(
      fc.property(seedArb, fc.integer({ min: 0, max: 300 }), fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: XOR_CAPACITY })), (seed, warm, count) => {
        const g = Xor4096.fromSeed(seed);
        for (let k = 0; k < warm; k++) g.next();
        const s = g.state();
        for (const [, k] of ks) {
          const ref = seedrandom.xor4096('', { state: s as unknown as seedrandom.State.Xor4096 });
          const before = k.fallbacks;
          const { coins, after } = kernelDraw(k, s, count);
          for (let j = 0; j < count; j++) if (coins[j] !== slowRademacher(ref)) return false;
          for (let q = 0; q < 300; q++) if (after.next() !== ref.int32()) return false;
          if (k.fallbacks !== before) return false;
        }
        return true;
      }),
      fcOpts(4099, 60),
    );
  });

  it('from built states with zero outputs (draw-again or not), at every position of a vector group: the same coins; the vector kernel falls back', () => {
    const ks = kernels();
    for (const [u1, u2] of [[0, 0], [2047, 0], [0, 7], [2048, 0], [5, 1]] as const) {
      for (const i of [0, 1, 2, 3, 90, 91, 92, 127]) {
        for (const before of [0, 1, 2, 3, 4, 7, 8, 9, 40]) {
          const s = rewind(stateFor(u1, u2, i), 2 * before);
          for (const [name, k] of ks) {
            // the built try last (in the coins left over by the groups of eight) or inside a group
            for (const count of [before + 1, before + 13]) {
              const ref = seedrandom.xor4096('', { state: s as unknown as seedrandom.State.Xor4096 });
              const fell = k.fallbacks;
              const { coins, after } = kernelDraw(k, s, count);
              expect(coins, `${name} u1 ${u1} u2 ${u2} i ${i} before ${before} count ${count}`).toEqual(Array.from({ length: count }, () => slowRademacher(ref)));
              for (let q = 0; q < 50; q++) expect(after.next()).toBe(ref.int32());
              // a try drawn again sends the vector kernel to the tries one at a time (so may any zero output in a group of eight)
              if (k.vector && ((u1 >>> 11) | u2) === 0) expect(k.fallbacks).toBe(fell + 1);
              if (k.vector && u1 !== 0 && u2 !== 0) expect(k.fallbacks).toBe(fell);
            }
          }
        }
      }
    }
  });
});

describe('the engine streams and the Drawer with the bulk draws', () => {
  it('stream(...).rademachers equals stream(...).rademacher() one at a time, with gaussian, double and int draws between (property over seeds)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 1, maxLength: 8 }), (seed, counts) => {
        const fast = stream(seed, 'noise');
        const slow = stream(seed, 'noise');
        const out = new Int8Array(2000);
        for (const c of counts) {
          // an odd number of gaussians leaves a spare cached: the bulk draws must not touch it
          if (!Object.is(fast.gaussian(), slow.gaussian())) return false;
          fast.rademachers(out, c);
          for (let i = 0; i < c; i++) if (out[i] !== slow.rademacher()) return false;
          if (!Object.is(fast.gaussian(), slow.gaussian()) || fast.double() !== slow.double() || fast.int(97) !== slow.int(97)) return false;
        }
        return true;
      }),
      fcOpts(4098, 40),
    );
  });

  it("the oscillation rule's flips are the noise stream's rademacher() draws, m a step, over 300 steps at m = 1000", () => {
    const data = makeDataset({ n: 4, d: 3, nTest: 0, thetaStarNorm: 1 }, 1);
    for (const [seed, m] of [[11, 1000], [12, 7], [13, 1]] as const) {
      const dr = new Drawer({ kind: 'oscillation', eta: 1e-3 }, data, m, seed);
      const noise = stream(seed, 'noise');
      for (let t = 0; t < 300; t++) {
        const f = dr.next(t).flips!;
        for (let i = 0; i < m; i++) if (f[i] !== noise.rademacher()) expect.fail(`seed ${seed}, step ${t}, neuron ${i}`);
      }
    }
  });
});
