import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation, initNTK, makeDataset, maxInputNorm, rows, stream, vec, type Draw } from '../../src/engine/index.js';
import {
  LOG10_MIN_DOUBLE,
  REACHABLE_WIDTH,
  T1,
  T2,
  T3,
  deltaWAaai,
  deltaWLong,
  eq44Probability,
  evaluateCondition1,
  footnote3C,
  lazyRadius,
  lemma3BindingWidth,
  lemma3PositiveBound,
  lemma3QuarterWidth,
  rho,
  rhoExact,
  sphereBandProbability,
  type Configuration,
} from '../../src/theory/index.js';
import { fcOpts, relGap } from './helpers.js';

const SQRT_PI = Math.sqrt(Math.PI);

describe('theory: named constants and times', () => {
  it('T1 at the paper setting (m = 1000, eta = 1e-3, sigma = 4) is about 1.9947e6 steps', () => {
    // T1 = 384 sqrt(ln m) / (sigma^2 eta^2 sqrt m), evaluated step by step here
    const lnM = 3 * Math.LN10; // ln 1000
    const numerator = 384 * Math.sqrt(lnM);
    const denominator = 16 * 1e-6 * Math.sqrt(1000);
    const expected = numerator / denominator;
    expect(relGap(T1(1000, 1e-3, 4), expected)).toBeLessThan(1e-12);
    expect(Math.abs(T1(1000, 1e-3, 4) / 1.9947e6 - 1)).toBeLessThan(1e-4);
  });

  it('T1 scales as 1/sigma^2, 1/eta^2 and sqrt(ln m)/sqrt(m) (property over integer grids)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 7 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 8 }), (mExp, etaExp, sigma) => {
        const m = 10 ** mExp;
        const eta = 10 ** -etaExp;
        const t = T1(m, eta, sigma);
        expect(relGap(T1(m, eta, 2 * sigma) * 4, t) / t).toBeLessThan(1e-12);
        expect(relGap(T1(m, eta / 10, sigma) / 100, t) / t).toBeLessThan(1e-12);
        expect(relGap(T1(4 * m, eta, sigma), (t / 2) * Math.sqrt(Math.log(4 * m) / Math.log(m))) / t).toBeLessThan(1e-12);
      }),
      fcOpts(1001, 40),
    );
  });

  it('T2, T3 and the lazy radius', () => {
    expect(relGap(T2(1e-3, 0.1), (3 * Math.LN10) / 0.1)).toBeLessThan(1e-12);
    expect(relGap(T3(1e-3, 0.1), (3 * Math.LN10) / (1e-3 * 0.01))).toBeLessThan(1e-12);
    expect(lazyRadius(100)).toBe(0.1);
    expect(lazyRadius(1e6)).toBe(1e-3);
  });

  it('rho(d) = 2 sqrt(d)/sqrt(pi); rhoExact(3) = 1; rhoExact <= rho for d >= 2 and rhoExact/rho -> 1', () => {
    expect(relGap(rho(1), 2 / SQRT_PI)).toBeLessThan(1e-15);
    expect(relGap(rho(20), (2 * Math.sqrt(20)) / SQRT_PI)).toBeLessThan(1e-15);
    // Gamma(3/2)/Gamma(1) = sqrt(pi)/2, so rhoExact(3) = 1; Gamma(1)/Gamma(1/2) = 1/sqrt(pi), so rhoExact(2) = 2/pi
    expect(Math.abs(rhoExact(3) - 1)).toBeLessThan(1e-12);
    expect(Math.abs(rhoExact(2) - 2 / Math.PI)).toBeLessThan(1e-12);
    for (let d = 2; d <= 2000; d++) expect(rhoExact(d)).toBeLessThanOrEqual(rho(d));
    // Gamma(x + 1/2)/Gamma(x) ~ sqrt(x): rhoExact(d) ~ 2 sqrt((d-1)/2)/sqrt(pi) = rho(d) sqrt((d-1)/(2d))
    expect(Math.abs(rhoExact(1e6) / rho(1e6) - Math.SQRT1_2)).toBeLessThan(1e-5);
  });

  it('Lemma 3 widths: the bound rho/m^(1/8) equals 1 at m = rho^8; the quarter width is ((1-K) / (1/2-K))^8 times it', () => {
    for (const d of [1, 2, 5, 20, 100]) {
      const w = lemma3BindingWidth(d);
      expect(Math.abs(lemma3PositiveBound(w, d) - 1)).toBeLessThan(1e-12);
      expect(lemma3PositiveBound(2 * w, d)).toBeLessThan(1);
      expect(lemma3PositiveBound(w / 2, d)).toBeGreaterThan(1);
      const K = 3 / (4 * SQRT_PI);
      expect(relGap(lemma3QuarterWidth(d) / w, ((1 - K) / (0.5 - K)) ** 8)).toBeLessThan(1e-12);
    }
    expect(relGap(lemma3PositiveBound(1e8, 20), ((2 * Math.sqrt(20)) / SQRT_PI) / 10)).toBeLessThan(1e-12);
  });

  it('footnote 3: each term of C as printed, and log10 C their maximum', () => {
    const K = 3 / (4 * SQRT_PI);
    for (const [d, sigma, cData] of [
      [20, 4, 7],
      [1, 0, 0.5],
      [3, 1, 100],
      [2, 10, 1e-3],
    ] as const) {
      const C = footnote3C(d, sigma, cData);
      // log10 e^{-u} = -u log10(e); evaluated through exp where exp does not underflow
      const u = (sigma * cData) ** 2 / 3;
      const t1 = u < 700 ? Math.log10(Math.exp(-u)) : -u * Math.LOG10E;
      const t2 = Math.log10((((1 - K) * 2 * Math.sqrt(d)) / (0.5 - K)) * SQRT_PI) * 8;
      const t3 = Math.log10(Math.E * cData ** 2);
      expect(C.terms.length).toBe(3);
      expect(Math.abs(C.terms[0]! - t1)).toBeLessThan(1e-10 * (1 + Math.abs(t1)));
      expect(Math.abs(C.terms[1]! - t2)).toBeLessThan(1e-12 * (1 + Math.abs(t2)));
      expect(Math.abs(C.terms[2]! - t3)).toBeLessThan(1e-12 * (1 + Math.abs(t3)));
      expect(C.log10C).toBe(Math.max(...C.terms));
    }
    // at the paper's d = 20 the middle term decides: C ~ 10^16.6
    const C20 = footnote3C(20, 4, 7);
    expect(C20.log10C).toBe(C20.terms[1]);
    expect(Math.abs(C20.log10C - 16.6)).toBeLessThan(0.1);
    // the printed middle term multiplies by sqrt(pi) where the proof of Lemma C.3 divides (rho = 2 sqrt(d)/sqrt(pi)):
    // it is pi^8 times the proof's quarter width, for every d
    for (const d of [1, 2, 20, 500]) {
      expect(Math.abs(footnote3C(d, 0, 1).terms[1]! - (Math.log10(lemma3QuarterWidth(d)) + 8 * Math.log10(Math.PI)))).toBeLessThan(1e-12);
    }
    // a huge C_data makes the third term decide
    expect(footnote3C(1, 0, 1e8).log10C).toBe(footnote3C(1, 0, 1e8).terms[2]);
  });
});

describe('theory: exact probabilities', () => {
  it('sphereBandProbability at d = 3 equals s (x_1 uniform on [-1, 1]) and at d = 2 equals (2/pi) asin(s)', () => {
    for (let k = 1; k < 100; k++) {
      const s = k / 100;
      expect(Math.abs(sphereBandProbability(s, 3) - s)).toBeLessThan(1e-10);
      expect(Math.abs(sphereBandProbability(s, 2) - (2 / Math.PI) * Math.asin(s))).toBeLessThan(1e-10);
    }
  });

  it('sphereBandProbability edge cases: s <= 0 gives 0, s >= 1 gives 1, d = 1 gives 0 below 1', () => {
    expect(sphereBandProbability(0, 5)).toBe(0);
    expect(sphereBandProbability(-0.5, 5)).toBe(0);
    expect(sphereBandProbability(1, 5)).toBe(1);
    expect(sphereBandProbability(2, 5)).toBe(1);
    expect(sphereBandProbability(0.99, 1)).toBe(0);
  });

  it('sphereBandProbability matches a Monte Carlo estimate (20000 points per case, 5 sd + 1e-3)', () => {
    const N = 20_000;
    for (const [d, s] of [
      [5, 0.1],
      [5, 0.3],
      [20, 0.2],
      [50, 0.05],
      [4, 0.8],
    ] as const) {
      const r = stream(1234, 'sphere', d, s);
      let inside = 0;
      const x = new Float64Array(d);
      for (let t = 0; t < N; t++) {
        let nn = 0;
        for (let k = 0; k < d; k++) {
          x[k] = r.gaussian();
          nn += x[k]! * x[k]!;
        }
        if (Math.abs(x[0]!) / Math.sqrt(nn) < s) inside++;
      }
      const p = sphereBandProbability(s, d);
      expect(Math.abs(inside / N - p), `d = ${d}, s = ${s}`).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / N) + 1e-3);
    }
  });

  it('the proof of Lemma C.3: P(|x_1| < s) <= rhoExact(d) s <= rho(d) s for d >= 3 (property over grids)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 400 }), fc.integer({ min: 1, max: 999 }), (d, k) => {
        const s = k / 1000;
        const p = sphereBandProbability(s, d);
        expect(p).toBeGreaterThan(0);
        expect(p).toBeLessThanOrEqual(rhoExact(d) * s * (1 + 1e-12));
        expect(p).toBeLessThanOrEqual(sphereBandProbability(Math.min(1, s + 0.001), d));
      }),
      fcOpts(1002, 200),
    );
  });

  it('eq44Probability: closed forms at d = 2 and d = 4, above 1/2 at d = 2, below 1/2 at d = 20', () => {
    // chi-square with 2 dof: P(X <= x) = 1 - e^{-x/2}; with 4 dof: 1 - e^{-x/2} (1 + x/2)
    const lo2 = (4 * 2) / 9;
    const hi2 = (16 * 2) / 9;
    const p2 = 1 - Math.exp(-lo2 / 2) + Math.exp(-hi2 / 2);
    expect(Math.abs(eq44Probability(2) - p2)).toBeLessThan(1e-12);
    const lo4 = (4 * 4) / 9;
    const hi4 = (16 * 4) / 9;
    const p4 = 1 - Math.exp(-lo4 / 2) * (1 + lo4 / 2) + Math.exp(-hi4 / 2) * (1 + hi4 / 2);
    expect(Math.abs(eq44Probability(4) - p4)).toBeLessThan(1e-12);
    expect(eq44Probability(2)).toBeGreaterThan(0.5);
    expect(eq44Probability(20)).toBeLessThan(0.5);
    expect(eq44Probability(200)).toBeLessThan(eq44Probability(20));
  });

  it('eq44Probability agrees with a Monte Carlo estimate at d = 3 and d = 20 (5 sd)', () => {
    const N = 20_000;
    for (const d of [3, 20]) {
      const r = stream(99, 'eq44', d);
      let hits = 0;
      for (let t = 0; t < N; t++) {
        let nn = 0;
        for (let k = 0; k < d; k++) nn += r.gaussian() ** 2;
        if (Math.abs(Math.sqrt(nn) - Math.sqrt(d)) >= Math.sqrt(d) / 3) hits++;
      }
      const p = eq44Probability(d);
      expect(Math.abs(hits / N - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / N) + 1e-3);
    }
  });
});

describe('theory: Condition 1 evaluator', () => {
  const paperData = makeDataset({ n: 200, d: 20, nTest: 0, thetaStarNorm: 0.1 }, 2026);
  const paper: Configuration = { m: 1000, d: 20, n: 200, eta: 1e-3, sigma: 4, thetaStarNorm: 0.1, maxXNorm: maxInputNorm(paperData.X) };
  const byId = (c: Configuration): Record<string, ReturnType<typeof evaluateCondition1>[number]> =>
    Object.fromEntries(evaluateCondition1(c).map((h) => [h.id, h]));

  it('at the paper setting: A1 met, A2 unreachable, A3 relaxed, A4 met, A5 met, A6 unevaluable (Eq. (44) holds)', () => {
    const h = byId(paper);
    expect(Object.keys(h)).toEqual(['A1', 'A1-long', 'A2', 'A3', 'A4', 'A5', 'A6', 'rho-width']);
    expect(h.A1!.status).toBe('met');
    expect(h.A2!.status).toBe('unreachable');
    expect(h.A3!.status).toBe('relaxed');
    expect(h.A4!.status).toBe('met');
    expect(h.A5!.status).toBe('met');
    expect(h.A6!.status).toBe('unevaluable');
    expect(h.A6!.detail).toMatch(/holds exactly at d = 20/);
    expect(h['A1-long']!.status).toBe('unreachable');
    expect(h['rho-width']!.status).toBe('unreachable');
    // margins, computed here: A1 log10(1000 sqrt(1e-3)) = 1.5; A3 log10(200 * 1e-6); A2 -96 log10 C + 3
    expect(Math.abs(h.A1!.log10Margin! - 1.5)).toBeLessThan(1e-12);
    expect(Math.abs(h.A3!.log10Margin! - Math.log10(200e-6))).toBeLessThan(1e-12);
    const log10C = footnote3C(20, 4, paper.maxXNorm).log10C;
    expect(Math.abs(h.A2!.log10Margin! - (-96 * log10C + 3))).toBeLessThan(1e-9);
    expect(-96 * log10C).toBeLessThan(LOG10_MIN_DOUBLE);
    expect(h.A2!.detail).toMatch(/no float64 step size is that small/);
    for (const x of Object.values(h)) {
      expect(x.required.length).toBeGreaterThan(0);
      expect(x.actual.length).toBeGreaterThan(0);
      if (x.log10Margin !== undefined) expect(Number.isFinite(x.log10Margin)).toBe(true);
    }
  });

  it('flips each status where the configuration crosses the threshold', () => {
    // A1: m >= 1/sqrt(eta); A3: n >= 1/eta^2; A4: ||theta*|| <= m^(-1/4); rho-width reachable only at d = 1
    const h = byId({ m: 3, d: 2, n: 100, eta: 0.1, sigma: 1, thetaStarNorm: 2, maxXNorm: 3 });
    expect(h.A1!.status).toBe('relaxed'); // 3 < 3.162
    expect(h.A1!.detail).toMatch(/too small/);
    expect(h.A3!.status).toBe('met'); // 100 >= 100
    expect(h.A4!.status).toBe('relaxed');
    expect(h.A4!.detail).toMatch(/too large/);
    expect(h.A6!.detail).toMatch(/FAILS exactly at d = 2/);
    expect(h['rho-width']!.status).toBe('unreachable');
    expect(byId({ m: 4, d: 2, n: 99, eta: 0.1, sigma: 1, thetaStarNorm: 0.5, maxXNorm: 3 }).A1!.status).toBe('met');
    expect(byId({ m: 4, d: 2, n: 99, eta: 0.1, sigma: 1, thetaStarNorm: 0.5, maxXNorm: 3 }).A3!.status).toBe('relaxed');
    expect(byId({ m: 16, d: 2, n: 99, eta: 0.1, sigma: 1, thetaStarNorm: 0.5, maxXNorm: 3 }).A4!.status).toBe('met'); // 16^(-1/4) = 0.5
    const wq1 = lemma3QuarterWidth(1);
    expect(wq1).toBeLessThan(REACHABLE_WIDTH);
    expect(byId({ m: 1000, d: 1, n: 10, eta: 0.1, sigma: 1, thetaStarNorm: 0.1, maxXNorm: 3 })['rho-width']!.status).toBe('relaxed');
    expect(byId({ m: Math.ceil(wq1), d: 1, n: 10, eta: 0.1, sigma: 1, thetaStarNorm: 0.01, maxXNorm: 3 })['rho-width']!.status).toBe('met');
  });
});

describe('theory: Delta W (long version Eqs. (37)-(41) and the AAAI "Insights" form)', () => {
  it('the two printed forms on hand values', () => {
    // r = 2, x^T w = 3, a = 0.5, ||x||^2 = 4: long -4 (9 - 1) = -32; AAAI -4*9 - 0.25*4 = -37
    expect(deltaWLong(2, 3, 0.5, 4)).toBe(-32);
    expect(deltaWAaai(2, 3, 0.5, 4)).toBe(-37);
    expect(deltaWLong(1, 1, 1, 1) === 0).toBe(true);
    expect(deltaWAaai(1, 1, 1, 1)).toBe(-2);
  });

  it('Eq. (41) along engine trajectories: ||w_i(T)||^2 - a_i(T)^2 = ||w_i(0)||^2 - a_i(0)^2 + eta^2 sum_j DeltaW_i(j) (long form, 1e-10)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 1, max: 2 }), (m, d, seed, etaExp) => {
        const eta = 10 ** -etaExp / 2;
        const data = makeDataset({ n: 8, d, nTest: 0, thetaStarNorm: 0.5 }, seed);
        const state = initNTK(m, d, seed, { aScale: 3 });
        const sim = new Simulation(state, data, { kind: 'sgd', eta, batch: 1, sigma: 1 }, seed);
        const w2a2 = (): number[] => rows(state.W).map((w, i) => w.reduce((p, v) => p + v * v, 0) - vec(state.a)[i]! ** 2);
        const start = w2a2();
        const sumLong = new Array<number>(m).fill(0);
        const sumAaai = new Array<number>(m).fill(0);
        const X = rows(data.X);
        sim.run({
          steps: 40,
          onDraw: (_t: number, draw: Draw, me: Simulation) => {
            const j = draw.idx[0]!;
            const x = X[j]!;
            const xn2 = x.reduce((p, v) => p + v * v, 0);
            const r = me.theta.reduce((p, v, k) => p + v * x[k]!, 0) - data.y[j]! - draw.eps[0]!;
            rows(state.W).forEach((w, i) => {
              const xw = w.reduce((p, v, k) => p + v * x[k]!, 0);
              sumLong[i]! += deltaWLong(r, xw, vec(state.a)[i]!, xn2);
              sumAaai[i]! += deltaWAaai(r, xw, vec(state.a)[i]!, xn2);
            });
          },
        });
        const end = w2a2();
        let aaaiOff = 0;
        for (let i = 0; i < m; i++) {
          const predicted = start[i]! + eta * eta * sumLong[i]!;
          expect(Math.abs(end[i]! - predicted)).toBeLessThan(1e-10 * (1 + Math.abs(end[i]!)));
          aaaiOff = Math.max(aaaiOff, Math.abs(end[i]! - (start[i]! + eta * eta * sumAaai[i]!)));
        }
        // the AAAI form (bracket missing) does not satisfy the identity
        expect(aaaiOff).toBeGreaterThan(1e-9);
      }),
      fcOpts(1003, 40),
    );
  });
});
