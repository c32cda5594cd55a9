import fc from 'fast-check';
import { maxInputNorm } from '../../src/engine/data.js';
import { norm, rows, vec } from '../../src/engine/matrix.js';
import { initNTK } from '../../src/engine/network.js';
import { Simulation } from '../../src/engine/simulate.js';
import { linearFit } from '../../src/stats/regression.js';
import { deltaWLong } from '../../src/theory/deltaW.js';
import type { ClaimContext } from '../../src/verdict/context.js';
import type { ClaimOutcome, Exploration } from '../../src/verdict/types.js';
import type { BoundedDomain, BoundedSweep } from '../../theorems/lemma-3.bounded.js';
import { datasetFor, premiseStatus, thetaOf } from './lazyStates.js';
import { fmt, hypothesisReports, type Lemma3Config } from './lemma3Configs.js';
import { toExploration } from './lemma3Explore.js';

/**
 * The proof's explicit bound on Delta W (long version, proof of Lemma C.3 with Lemma C.2 (i), Eq. (32)):
 * Delta W <= r^2 a_i^2 ||x||^2 with |a_i| <= m^(-1/4), ||x|| <= C_data and |r| <= 2(||theta(0)|| + m^(1/4)) C_data + sigma.
 */
export function proofBound(m: number, theta0Norm: number, cData: number, sigma: number): { rBound: number; dwBound: number } {
  const rBound = 2 * (theta0Norm + Math.pow(m, 0.25)) * cData + sigma;
  return { rBound, dwBound: (rBound * rBound * cData * cData) / Math.sqrt(m) };
}

export interface BoundedRun {
  m: number;
  run: number;
  eta: number;
  /** max over neurons and premise steps of Delta W_i(j); -Infinity never (there is always step 0) */
  maxDeltaW: number;
  atStep: number;
  /** steps inside the premise, and why the premise ended (or '' if it held to maxSteps) */
  premiseSteps: number;
  premiseEnd: string;
  maxAbsR: number;
  maxThetaNorm: number;
  rBound: number;
  dwBound: number;
  diverged?: string;
}

/**
 * One run: at every step t (state before the step) the premise is checked (Definition 1 and C_j) and, while it
 * holds, Delta W_i(t) is computed for every neuron with the step's draw (x = x_{xi_t}, eps_t), literally (deltaWLong).
 */
export function boundedRun(m: number, d: number, n: number, eta: number, sigma: number, maxSteps: number, seed: string, run: number): BoundedRun {
  const data = datasetFor(n, d, m, seed);
  const state = initNTK(m, d, seed);
  const sim = new Simulation(state, data, { kind: 'sgd', eta, batch: 1, sigma }, seed);
  const W0 = rows(sim.W0);
  const W = rows(state.W);
  const a = vec(state.a);
  const X = rows(data.X);
  const { rBound, dwBound } = proofBound(m, norm(sim.theta), maxInputNorm(data.X), sigma);
  let maxDeltaW = -Infinity;
  let atStep = 0;
  let premiseSteps = 0;
  let premiseEnd = '';
  let maxAbsR = 0;
  let maxThetaNorm = 0;
  let stopped = false;
  const res = sim.run({
    steps: maxSteps,
    watch: () => (stopped ? 'premise ended' : undefined),
    onDraw: (t, draw) => {
      if (stopped) return;
      const p = premiseStatus(m, W, W0, a);
      if (!p.lazy || !p.cj) {
        stopped = true;
        premiseEnd = !p.lazy ? `Definition 1 at step ${t}` : `C_j at step ${t}`;
        return;
      }
      const j = draw.idx[0] as number;
      const x = X[j] as Float64Array;
      const th = sim.theta;
      let f = 0;
      let x2 = 0;
      for (let k = 0; k < d; k++) {
        f += (th[k] as number) * (x[k] as number);
        x2 += (x[k] as number) ** 2;
      }
      const r = f - (data.y[j] as number) - (draw.eps[0] as number);
      maxAbsR = Math.max(maxAbsR, Math.abs(r));
      maxThetaNorm = Math.max(maxThetaNorm, norm(th));
      for (let i = 0; i < m; i++) {
        const w = W[i] as Float64Array;
        let q = 0;
        for (let k = 0; k < d; k++) q += (w[k] as number) * (x[k] as number);
        const dw = deltaWLong(r, q, a[i] as number, x2);
        if (dw > maxDeltaW) {
          maxDeltaW = dw;
          atStep = t;
        }
      }
      premiseSteps = t + 1;
    },
  });
  // the run ends either at maxSteps or one step after the premise ended (watch runs after the step)
  const out: BoundedRun = { m, run, eta, maxDeltaW, atStep, premiseSteps, premiseEnd, maxAbsR, maxThetaNorm, rBound, dwBound };
  if (res.outcome.kind === 'diverged') out.diverged = `diverged at step ${res.outcome.step}: ${res.outcome.reason}`;
  return out;
}

export interface SweepResult {
  sweep: BoundedSweep;
  runs: BoundedRun[];
  /** fit of ln(max Delta W) on ln m over the runs with a positive maximum */
  slope: number;
  lo: number;
  hi: number;
  points: number;
  /** runs whose maximum exceeds the proof's explicit bound */
  aboveProofBound: number;
  maxOverProofBound: number;
  status: 'holds' | 'fails' | 'inconclusive';
  why: string;
}

export function runSweep(ctx: ClaimContext<BoundedDomain>, s: BoundedSweep, threshold: number, proofFactor: number): SweepResult {
  const runs: BoundedRun[] = [];
  for (const m of s.widths) {
    const eta = s.eta ?? (s.etaTimesM as number) / m;
    for (let u = 0; u < s.runs; u++) runs.push(boundedRun(m, s.d, s.n, eta, s.sigma, s.maxSteps, ctx.runSeed(s.label, m, u), u));
  }
  const above = runs.filter((r) => r.maxDeltaW > proofFactor * r.dwBound).length;
  const maxOver = runs.reduce((mx, r) => Math.max(mx, r.maxDeltaW / r.dwBound), -Infinity);
  const boundText = `${above}/${runs.length} runs above the proof's explicit bound (largest ratio ${fmt(maxOver)})`;
  const pos = runs.filter((r) => r.maxDeltaW > 0);
  if (pos.length < 3 || new Set(pos.map((r) => r.m)).size < 2) {
    return { sweep: s, runs, slope: 0, lo: 0, hi: 0, points: pos.length, aboveProofBound: above, maxOverProofBound: maxOver, status: 'inconclusive', why: `only ${pos.length} runs with a positive Delta W: no fit; ${boundText}` };
  }
  const fit = linearFit(
    pos.map((r) => Math.log(r.m)),
    pos.map((r) => Math.log(r.maxDeltaW)),
    ctx.alpha,
  );
  const [lo, hi] = fit.slopeCI;
  const fitText = `max Delta W ~ m^${fit.slope.toFixed(3)}, ${((1 - ctx.alpha) * 100).toPrecision(4)}% CI [${lo.toFixed(3)}, ${hi.toFixed(3)}] (${pos.length} runs, R^2 ${fit.r2.toFixed(2)})`;
  let status: SweepResult['status'];
  let why: string;
  if (s.role === 'exponent') {
    status = above > 0 ? (lo > threshold ? 'fails' : 'inconclusive') : hi <= threshold ? 'holds' : lo > threshold ? 'fails' : 'inconclusive';
    why = `${fitText} ${hi <= threshold ? '<=' : lo > threshold ? 'entirely above' : 'straddles'} ${threshold}; ${boundText}`;
  } else {
    status = above > 0 ? 'inconclusive' : 'holds';
    why = `${boundText}; exponent (reported, not deciding: the sweep crosses eta*m ~ 1) ${fitText}`;
  }
  return { sweep: s, runs, slope: fit.slope, lo, hi, points: pos.length, aboveProofBound: above, maxOverProofBound: maxOver, status, why };
}

/** 'C_j' broken: a(0) scaled by K (|a_i| reaches beyond m^(-1/4)); exact max of Delta W over neurons, the n examples and both signs at step 0. */
export function exploreCj(ctx: ClaimContext<BoundedDomain>): Exploration {
  const out = ctx.search({
    name: 'C_j',
    arbitrary: fc.record({ m: fc.integer({ min: 16, max: 256 }), d: fc.integer({ min: 3, max: 10 }), k: fc.integer({ min: 1, max: 64 }), seed: fc.integer({ min: 0, max: 1_000_000 }) }),
    check: ({ m, d, k, seed }) => {
      const sd = ctx.runSeed('C_j', seed);
      const s = initNTK(m, d, sd, { aScale: k });
      const data = datasetFor(100, d, m, sd);
      const w = rows(s.W);
      const a = vec(s.a);
      const th = thetaOf(w, a, d);
      const sigma = 4;
      const { dwBound } = proofBound(m, norm(th), maxInputNorm(data.X), sigma);
      let mx = -Infinity;
      const X = rows(data.X);
      for (let j = 0; j < X.length; j++) {
        const x = X[j] as Float64Array;
        let f = 0;
        let x2 = 0;
        for (let q = 0; q < d; q++) {
          f += (th[q] as number) * (x[q] as number);
          x2 += (x[q] as number) ** 2;
        }
        for (const eps of [sigma, -sigma]) {
          const r = f - (data.y[j] as number) - eps;
          for (let i = 0; i < m; i++) {
            const wi = w[i] as Float64Array;
            let p = 0;
            for (let q = 0; q < d; q++) p += (wi[q] as number) * (x[q] as number);
            mx = Math.max(mx, deltaWLong(r, p, a[i] as number, x2));
          }
        }
      }
      const ps = premiseStatus(m, w, undefined, a);
      return {
        violated: mx > dwBound,
        margin: Math.log10(dwBound) - Math.log10(Math.max(mx, 1e-300)),
        message: `m = ${m}, d = ${d}, a(0) ~ N(0, ${k}^2/m): max |a_i| = ${fmt(ps.maxAbsA)} vs C_j's m^(-1/4) = ${fmt(ps.aBound)}; max Delta W at step 0 = ${fmt(mx)} vs the proof's bound (2(||theta(0)|| + m^(1/4)) C_data + sigma)^2 C_data^2 / sqrt(m) = ${fmt(dwBound)}`,
      };
    },
    numRuns: ctx.domain.searchRuns,
  });
  return toExploration(
    'C_j',
    'a(0) ~ N(0, K^2/m) with K = 1..64 (|a_i| beyond the m^(-1/4) of C_j for large K), m = 16..256, d = 3..10, sigma = 4, n = 100; the exact maximum of Delta W over neurons, examples and signs at step 0 against the proof\'s explicit bound',
    out,
    'Without C_j the factor a_i^2 <= m^(-1/2) of the proof is lost.',
  );
}

/**
 * 'premise-edge' for the O(1) part: a state inside the literal premise (W = W(0), so Definition 1 holds; every
 * |a_i| = m^(-1/4), so C_j holds) with the signs of a_i aligned with <w_i, u> for a fixed direction u: then
 * ||theta|| ~ m^(3/4), far beyond Lemma C.2 (i)'s ||theta(0)|| + m^(1/4), and Delta W ~ r^2 a_i^2 ||x||^2 grows like m.
 */
export function explorePremiseEdgeBounded(ctx: ClaimContext<BoundedDomain>): Exploration {
  const out = ctx.search({
    name: 'premise-edge',
    arbitrary: fc.record({ d: fc.integer({ min: 3, max: 10 }), k: fc.integer({ min: 2, max: 12 }), seed: fc.integer({ min: 0, max: 1_000_000 }) }),
    check: ({ d, k, seed }) => {
      const m = 2 ** k;
      const sd = ctx.runSeed('premise-edge', seed);
      const s = initNTK(m, d, sd);
      const data = datasetFor(100, d, m, sd);
      const w = rows(s.W);
      const a0 = vec(s.a);
      const sigma = 4;
      const { dwBound } = proofBound(m, norm(thetaOf(w, a0, d)), maxInputNorm(data.X), sigma);
      const edge = Math.pow(m, -0.25);
      const a = Float64Array.from(w, (wi) => ((wi[0] as number) >= 0 ? edge : -edge)); // u = e_1
      const th = thetaOf(w, a, d);
      let mx = -Infinity;
      const X = rows(data.X);
      for (let j = 0; j < X.length; j++) {
        const x = X[j] as Float64Array;
        let f = 0;
        let x2 = 0;
        for (let q = 0; q < d; q++) {
          f += (th[q] as number) * (x[q] as number);
          x2 += (x[q] as number) ** 2;
        }
        for (const eps of [sigma, -sigma]) {
          const r = f - (data.y[j] as number) - eps;
          for (let i = 0; i < m; i++) {
            const wi = w[i] as Float64Array;
            let p = 0;
            for (let q = 0; q < d; q++) p += (wi[q] as number) * (x[q] as number);
            mx = Math.max(mx, deltaWLong(r, p, a[i] as number, x2));
          }
        }
      }
      return {
        violated: mx > dwBound,
        margin: Math.log10(dwBound) - Math.log10(Math.max(mx, 1e-300)),
        message: `m = ${m}, d = ${d}, W = W(0), a_i = m^(-1/4) sign(w_i1): ||theta|| = ${fmt(norm(th))} (Lemma C.2 (i) allows ||theta(0)|| + m^(1/4) = ${fmt(norm(thetaOf(w, a0, d)) + Math.pow(m, 0.25))}); max Delta W over neurons, the n = 100 examples and both signs = ${fmt(mx)} vs the proof's bound ${fmt(dwBound)}`,
      };
    },
    numRuns: ctx.domain.searchRuns,
  });
  return toExploration(
    'premise-edge',
    "every |a_i| = m^(-1/4) (the edge of C_j) with signs aligned to <w_i, e_1>, W = W(0) (inside Definition 1): a state inside the literal premise, m = 2^k (k = 2..12), d = 3..10, sigma = 4; exact maximum of Delta W over neurons, examples and signs against the proof's explicit bound",
    out,
    'Inside the premise ||theta - theta(0)|| can reach m^(3/4) (each a_i may move by up to 2 m^(-1/4)); Lemma C.2 (i) counts only the change of W.',
  );
}

export function boundedOutcome(ctx: ClaimContext<BoundedDomain>, threshold: number, proofFactor: number): ClaimOutcome {
  const results = ctx.domain.sweeps.map((s) => runSweep(ctx, s, threshold, proofFactor));
  const statuses = results.map((r) => r.status);
  const verdict = statuses.includes('fails') ? 'fails' : statuses.every((s) => s === 'holds') ? 'holds' : 'inconclusive';
  const allRuns = results.flatMap((r) => r.runs);
  const worst = allRuns.reduce((b, r) => (r.maxDeltaW > b.maxDeltaW ? r : b));
  const worstSweep = results.find((r) => r.runs.includes(worst))!;
  const maxRatio = allRuns.reduce((mx, r) => Math.max(mx, r.maxDeltaW / r.dwBound), -Infinity);
  const maxROver = allRuns.reduce((mx, r) => Math.max(mx, r.maxAbsR / r.rBound), 0);
  const explorations = [exploreCj(ctx), explorePremiseEdgeBounded(ctx)];
  const per = (r: SweepResult): string => `${r.sweep.label}: ${r.status} (${r.why})`;
  const summary = `${verdict}: ${results.map(per).join('; ')}. Largest Delta W inside the premise: ${fmt(worst.maxDeltaW)} (${worstSweep.sweep.label}, m = ${worst.m}, eta = ${fmt(worst.eta)}, eta*m = ${fmt(worst.eta * worst.m)}, |r| up to ${fmt(worst.maxAbsR)}, ||theta|| up to ${fmt(worst.maxThetaNorm)}, ${worst.premiseSteps} premise steps${worst.premiseEnd ? `, premise ended by ${worst.premiseEnd}` : ''}).`;
  // Condition 1 per sweep at its largest and smallest widths (the states are SGD runs from Eq. (5))
  const cfgs: { config: Lemma3Config; units: [] }[] = results.flatMap((r) =>
    [r.sweep.widths[0] as number, r.sweep.widths[r.sweep.widths.length - 1] as number].map((m) => ({
      config: { label: `${r.sweep.label}@m=${m}`, source: 'sgd' as const, d: r.sweep.d, m, n: r.sweep.n, sigma: r.sweep.sigma, eta: r.sweep.eta ?? (r.sweep.etaTimesM as number) / m, units: r.sweep.runs },
      units: [] as [],
    })),
  );
  const hyps = hypothesisReports(cfgs, ['A1', 'A1-long', 'A2', 'A4', 'A5', 'A6']);
  const premiseLines = results.map((r) => `${r.sweep.label}: ${r.runs.map((u) => `m=${u.m}: ${u.premiseSteps} steps${u.premiseEnd ? ` (${u.premiseEnd})` : ''}`).join(', ')}`);
  for (const h of hyps) if (h.id === 'lazy') h.detail = `Definition 1 checked at every step; each run stops at the first step outside it or C_j. ${premiseLines.join('; ')}`;
  for (const h of hyps) if (h.id === 'C_j') h.detail = 'C_j (|a_i(j)| <= m^(-1/4) for all i) checked at every step: only steps inside it are measured';
  return {
    verdict,
    summary,
    evidence: {
      threshold,
      ...Object.fromEntries(results.flatMap((r) => [
        [`${r.sweep.label}.exponent`, r.slope],
        [`${r.sweep.label}.ciLow`, r.lo],
        [`${r.sweep.label}.ciHigh`, r.hi],
        [`${r.sweep.label}.status`, r.status],
        [`${r.sweep.label}.runsAboveProofBound`, r.aboveProofBound],
        [`${r.sweep.label}.maxOverProofBound`, r.maxOverProofBound],
      ])),
      largestDeltaW: worst.maxDeltaW,
      largestDeltaWWidth: worst.m,
      largestDeltaWEta: worst.eta,
      largestAbsRInsidePremise: worst.maxAbsR,
      largestThetaNormInsidePremise: worst.maxThetaNorm,
      maxDeltaWOverProofBound: maxRatio,
      maxAbsROverLemmaC2Bound: maxROver,
      runs: allRuns.length,
      diverged: allRuns.filter((r) => r.diverged).map((r) => `${r.m}/${r.run}: ${r.diverged}`),
    },
    hypotheses: hyps,
    cases: allRuns.length,
    explorations,
    tables: {
      runs: results.flatMap((r) =>
        r.runs.map((u) => ({
          sweep: r.sweep.label,
          d: r.sweep.d,
          m: u.m,
          run: u.run,
          eta: u.eta,
          etaTimesM: u.eta * u.m,
          premiseSteps: u.premiseSteps,
          premiseEnd: u.premiseEnd || `held to ${r.sweep.maxSteps}`,
          maxDeltaW: u.maxDeltaW,
          atStep: u.atStep,
          maxAbsR: u.maxAbsR,
          lemmaC2RBound: u.rBound,
          proofDeltaWBound: u.dwBound,
        })),
      ),
      sweeps: results.map((r) => ({ sweep: r.sweep.label, role: r.sweep.role, d: r.sweep.d, widths: `${r.sweep.widths[0]}..${r.sweep.widths[r.sweep.widths.length - 1]}`, step: r.sweep.eta !== undefined ? `eta = ${r.sweep.eta}` : `eta*m = ${r.sweep.etaTimesM}`, points: r.points, exponent: r.slope, ciLow: r.lo, ciHigh: r.hi, runsAboveProofBound: r.aboveProofBound, maxOverProofBound: r.maxOverProofBound, status: r.status })),
    },
  };
}
