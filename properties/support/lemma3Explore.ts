import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import fc from 'fast-check';
import { rows, vec } from '../../src/engine/matrix.js';
import { initNTK } from '../../src/engine/network.js';
import { eq44Probability } from '../../src/theory/condition1.js';
import { lemma3BindingWidth } from '../../src/theory/constants.js';
import type { ClaimContext } from '../../src/verdict/context.js';
import type { CaseResult, SearchOutcome } from '../../src/verdict/search.js';
import type { Exploration } from '../../src/verdict/types.js';
import { datasetFor, thetaOf, type NeuronState } from './lazyStates.js';
import { initFailure, neuronProbabilities } from './lemma3.js';
import { failureAllowance, fmt } from './lemma3Configs.js';

const log10 = (x: number): number => Math.log10(Math.max(x, 1e-300));

export function toExploration<T>(hypothesis: string, violation: string, out: SearchOutcome<T>, note: string): Exploration {
  return {
    hypothesis,
    violation,
    found: out.counterexample !== undefined,
    ...(out.counterexample ? { counterexample: out.counterexample } : {}),
    note: out.counterexample ? note : `${out.cases} cases, none violates; closest: ${out.closest?.message ?? '-'}. ${note}`,
  };
}

/** A width where Lemma 3's part-1 bound binds: 2^(e+1) rho^8, rounded up. */
export function bindingWidthAt(d: number, e: number): number {
  return Math.ceil(lemma3BindingWidth(d) * 2 ** (e + 1));
}

/** Exact check of part 1 at step 0 for (d, m): P(some neuron of Eq. (5) exceeds rho/m^(1/8)) <= cPerD d / m. */
export function initCase(d: number, m: number, cPerD: number): CaseResult {
  const f = initFailure(m, d);
  const allow = failureAllowance(m, d, cPerD);
  const p44 = eq44Probability(d);
  return {
    violated: f.pFailLo > allow,
    margin: log10(allow) - log10(f.pFailHi),
    message: `d = ${d} (Eq. (44): P = ${fmt(p44)}, ${p44 <= 0.5 ? 'holds' : 'fails'}), m = ${fmt(m)}: exact P(some neuron of Eq. (5) has P(Delta W_i(0) > 0) > rho/m^(1/8) = ${fmt(f.bound)}) = ${fmt(f.pFailLo)} vs the allowance ${cPerD}d/m = ${fmt(allow)}`,
  };
}

/**
 * Where, for each d, the all-neurons part-1 statement at step 0 stops being 1 - O(1/m) (exact): the first width on the
 * grid 2^k rho^8 (k = 1..maxK) at which P(some neuron exceeds the bound) > cPerD d / m, and the local exponent of
 * m * P at the largest width (asymptotically 2 - 3d/8 from the F(1, d) tail: positive means m * P grows without bound).
 */
export function initScan(ds: number[], cPerD: number, maxK = 45): { d: number; firstFailingWidth: number | null; exponent: number }[] {
  return ds.map((d) => {
    let first: number | null = null;
    for (let k = 0; k < maxK && first === null; k++) {
      const m = bindingWidthAt(d, k);
      if (initCase(d, m, cPerD).violated) first = m;
    }
    const m1 = bindingWidthAt(d, maxK - 4);
    const m2 = bindingWidthAt(d, maxK - 1);
    const p1 = initFailure(m1, d).pFailHi;
    const p2 = initFailure(m2, d).pFailHi;
    const exponent = p1 > 0 && p2 > 0 ? (Math.log(m2 * p2) - Math.log(m1 * p1)) / (Math.log(m2) - Math.log(m1)) : -Infinity;
    return { d, firstFailingWidth: first, exponent: Number.isFinite(exponent) ? exponent : -99 };
  });
}

/** 'A6' for part 1: small d (A6's threshold has unspecified constants; its consequence Eq. (44) fails at d <= 2). */
export function exploreA6Part1(ctx: ClaimContext<{ searchRuns: number }>, cPerD: number): { exploration: Exploration; scan: ReturnType<typeof initScan> } {
  const out = ctx.search({
    name: 'A6',
    arbitrary: fc.record({ d: fc.integer({ min: 1, max: 8 }), e: fc.integer({ min: 0, max: 36 }) }),
    check: ({ d, e }) => initCase(d, bindingWidthAt(d, e), cPerD),
    numRuns: ctx.domain.searchRuns,
  });
  const scan = initScan([1, 2, 3, 4, 5, 6, 7, 8], cPerD);
  const scanText = scan.map((s) => `d=${s.d}: ${s.firstFailingWidth === null ? 'never up to 2^45 rho^8' : `from m = ${fmt(s.firstFailingWidth)}`}, exponent of m*P ${s.exponent.toFixed(3)}`).join('; ');
  return {
    exploration: toExploration(
      'A6',
      'd = 1..8 (A6 asks d >= 9 ln(2) K^4 / (2c) with K, c unspecified; its one used consequence, Eq. (44), fails at d <= 2 and holds at d >= 3), at widths m = 2^(e+1) rho^8 where the bound binds; checked exactly at step 0 (Eq. (5) conditioned on C_0, population version)',
      out,
      `Exact scan of P(some neuron exceeds rho/m^(1/8)) against ${cPerD}d/m: ${scanText}. m*P grows without bound (exponent 2 - 3d/8 > 0) for d <= 5: the all-neurons statement needs d >= 6, whatever the constant of O(1/m).`,
    ),
    scan,
  };
}

/**
 * 'premise-edge': every |a_i| at the edge m^(-1/4) of C_j instead of ~ m^(-1/2), W at Eq. (5). A neuron exceeds the bound iff
 * sphereBand(m^(-1/4)/||w_i||, d) > rho/m^(1/8), i.e. ||w_i|| < m^(-1/4)/s*: exact through the chi-square CDF. The proof's
 * step rho |a_i|/||w_i|| <= rho/m^(1/8) needs ||w_i|| >= m^(-1/8) for every i.
 */
export function edgeCase(d: number, m: number, cPerD: number): CaseResult {
  const f = initFailure(m, d);
  const wStar = Math.pow(m, -0.25) / f.sStar;
  const q = chisquareCdf(d * wStar * wStar, d);
  const pFail = -Math.expm1(m * Math.log1p(-Math.min(q, 1)));
  const qProof = chisquareCdf(d * Math.pow(m, -0.25), d);
  const pProof = -Math.expm1(m * Math.log1p(-Math.min(qProof, 1)));
  const allow = failureAllowance(m, d, cPerD);
  return {
    violated: pFail > allow,
    margin: log10(allow) - log10(pFail),
    message: `d = ${d}, m = ${fmt(m)}, every |a_i| = m^(-1/4) = ${fmt(Math.pow(m, -0.25))}: a neuron exceeds rho/m^(1/8) = ${fmt(f.bound)} iff ||w_i|| < ${fmt(wStar)}; exact P(some neuron does) = ${fmt(pFail)} vs ${cPerD}d/m = ${fmt(allow)}; P(some ||w_i|| < m^(-1/8), the proof's step) = ${fmt(pProof)}`,
  };
}

export function explorePremiseEdge(ctx: ClaimContext<{ searchRuns: number }>, cPerD: number): Exploration {
  const out = ctx.search({
    name: 'premise-edge',
    arbitrary: fc.record({ d: fc.integer({ min: 3, max: 20 }), e: fc.integer({ min: 0, max: 30 }) }),
    check: ({ d, e }) => edgeCase(d, bindingWidthAt(d, e), cPerD),
    numRuns: ctx.domain.searchRuns,
  });
  return toExploration(
    'premise-edge',
    '|a_i| = m^(-1/4) for every i (the edge of the event C_j the lemma conditions on, instead of |a_i| ~ m^(-1/2) at Eq. (5)), W at Eq. (5), d = 3..20, m = 2^(e+1) rho^8; exact at step 0',
    out,
    'Still inside the literal premise (C_j allows |a_i| <= m^(-1/4)), but not a state the dynamics reach whp.',
  );
}

/** A small initialization (Eq. (5)) with its training set, for cheap exact checks. */
export function smallInit(m: number, d: number, n: number, seed: string): { state: NeuronState; data: ReturnType<typeof datasetFor> } {
  const s = initNTK(m, d, seed);
  const w = rows(s.W);
  const a = vec(s.a);
  return { state: { m, d, w, a, theta: thetaOf(w, a, d), origin: `Eq. (5) at m = ${m}` }, data: datasetFor(n, d, m, seed) };
}

/** Worst neuron's exact finite-set P(Delta W_i <= -(sigma/4)^2 | state) on a small Eq. (5) state. */
export function quarterSmallCase(d: number, m: number, n: number, sigma: number, seed: string): CaseResult & { worst: number } {
  const { state, data } = smallInit(m, d, n, seed);
  const p = neuronProbabilities(state, data, sigma);
  let worst = 1;
  let at = 0;
  for (let i = 0; i < p.quarterFin.length; i++)
    if ((p.quarterFin[i] as number) < worst) {
      worst = p.quarterFin[i] as number;
      at = i;
    }
  return {
    worst,
    violated: worst < 0.25,
    margin: worst - 0.25,
    message: `d = ${d}, m = ${m}, n = ${n}, sigma = ${sigma}: worst neuron (||w_i|| = ${fmt(p.norm[at] as number)}, |a_i| = ${fmt(Math.abs(state.a[at] as number))}) has exact finite-set P(Delta W_i <= -(sigma/4)^2 = ${fmt(-((sigma / 4) ** 2))}) = ${fmt(worst)} ${worst < 0.25 ? '<' : '>='} 1/4 (Eq. (44) at d = ${d}: P = ${fmt(eq44Probability(d))})`,
  };
}

/** 'sigma>0' for the 1/4 part: sigma = 0 (the bound -(sigma/4)^2 becomes 0, the 1/4 part becomes P(Delta W <= 0) >= 1/4), where part 1 binds. */
export function exploreSigmaZero(ctx: ClaimContext<{ searchRuns: number }>): Exploration {
  const out = ctx.search({
    name: 'sigma>0',
    arbitrary: fc.record({ d: fc.integer({ min: 6, max: 8 }), e: fc.integer({ min: 0, max: 1 }), seed: fc.integer({ min: 0, max: 1_000_000 }) }),
    check: ({ d, e, seed }) => quarterSmallCase(d, bindingWidthAt(d, e), 100, 0, ctx.runSeed('sigma>0', seed)),
    numRuns: Math.max(4, Math.round(ctx.domain.searchRuns / 5)),
  });
  return toExploration(
    'sigma>0',
    'sigma = 0 (plain SGD: the threshold -(sigma/4)^2 is 0), d = 6..8 (where part 1 is 1 - O(1/m), see lemma-3.nonpositive), m = 2^(e+1) rho^8 (e = 0..1) where part 1 binds, n = 100; exact finite-set probability of the worst neuron at Eq. (5)',
    out,
    'With sigma = 0 the 1/4 part only asks P(Delta W_i <= 0) >= 1/4, which part 1 already gives where rho/m^(1/8) <= 3/4: sigma > 0 is what makes the statement say more than part 1, not what makes it true.',
  );
}

/** 'A6' for the 1/4 part: small d (1..4) at small widths. */
export function exploreA6Quarter(ctx: ClaimContext<{ searchRuns: number }>): Exploration {
  const out = ctx.search({
    name: 'A6',
    arbitrary: fc.record({ d: fc.integer({ min: 1, max: 4 }), k: fc.integer({ min: 4, max: 9 }), seed: fc.integer({ min: 0, max: 1_000_000 }) }),
    check: ({ d, k, seed }) => quarterSmallCase(d, 2 ** k, 200, 4, ctx.runSeed('A6', seed)),
    numRuns: ctx.domain.searchRuns,
  });
  return toExploration(
    'A6',
    'd = 1..4 (below any plausible reading of A6; Eq. (44) fails at d <= 2), m = 2^k (k = 4..9), sigma = 4, n = 200; exact finite-set probability of the worst neuron at Eq. (5)',
    out,
    'The 1/4 part fails whenever some neuron has a small norm; at small d small norms are common even at small m.',
  );
}
