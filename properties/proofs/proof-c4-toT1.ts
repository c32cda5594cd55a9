import { proofBound } from '../../src/scenarios/deltaWAlongSgd.js';
import type { ToT1Run } from '../../src/scenarios/lazyEventsToT1.js';
import type { StepSums } from '../../src/scenarios/deltaWSums.js';
import { binomialPLower } from '../../src/stats/binomial.js';
import { combineAll, empiricalEffectRule, highProbabilityRule } from '../../src/verdict/checks/index.js';
import type { ProofStepSpec } from '../../src/verdict/proofTest.js';
import { identityOver, inequalityOver, type Ctx, type Tolerance } from './support.js';

/**
 * The steps of the proof of Theorem C.4 about Delta W_i(j) at the steps j < T1 (Omega_j, Theta_j, their independence,
 * the sums of the display after Eq. (46), the norm identity at T), read on the runs to floor(T1) of
 * src/scenarios/lazyEventsToT1.ts with the sums of src/scenarios/deltaWSums.ts (the first sumsK tracked neurons of
 * each run, 8 at the quick tier and 4 at the paper tier: a random subset of the m neurons, so a "holds" there is not a
 * "holds" for every i in [m]; a "fails" is). A run that diverged is a reported outcome: counted in the evidence, left
 * out of the cases (its sums stop at the divergence, outside every premise of the proof).
 * Registered in along-training.prop.test.ts, which computes the runs once for all its steps.
 */
type Runs = (ctx: Ctx) => ToT1Run[];
const TRACKED = 'the preset\'s sumsK tracked neurons per run (quick 8, paper 4; sound for fails only)';
const sumOf = (a: Float64Array): number => a.reduce((s, v) => s + v, 0);
const neurons = (rs: ToT1Run[]) => rs.flatMap((r, k) => (r.diverged ? [] : Array.from({ length: r.sums.k }, (_, i) => ({ r, s: r.sums, i, k }))));
const at = (r: ToT1Run, k: number, i: number) => `run ${k} (m = ${r.config.m}), neuron ${i}`;
const widthsOf = (rs: ToT1Run[]) => [...new Set(rs.map((r) => r.config.m))];
const converged = (rs: ToT1Run[]) => rs.filter((r) => !r.diverged);
const diverged = (rs: ToT1Run[]) => ({ runs: rs.length, divergedRuns: rs.length - converged(rs).length });
/** sums of T ~ 1e5 terms of size <= 1e4 in another order: ~1e-16 x 1e5 x 1e4 relative to the sum; 1e-10 relative leaves room */
const SUM_TOL: Tolerance = { abs: 1e-9, rel: 1e-10 };

/** The premise of Lemma C.3 at step j, per neuron: its own lazy ball and |a_i(j)| <= m^(-1/4) (StepSums.nPrem). */
const PREMISE = "the steps at which the neuron is inside Lemma C.3's premise (||w_i(j) - w_i(0)|| <= 1/sqrt(m), |a_i(j)| <= m^(-1/4))";

/** Step 7: P(Omega_j | F_j) >= p at every premise step; if so the count of Omega-steps dominates Binomial(steps, p). */
export function omegaQuarter(runs: Runs, range: (ctx: Ctx) => readonly [number, number]): ProofStepSpec<{ p: number }, ToT1Run[]> {
  const rejected = (s: StepSums, i: number, p: number, level: number) => (s.nPrem[i] as number) > 0 && binomialPLower(s.nQuarterPrem[i] as number, s.nPrem[i] as number, p) < level;
  return {
    checks: `Along the runs to floor(T1), over ${PREMISE} (a predictable selection): if P(Delta W_i(j) <= -(sigma/4)^2 | F_j) >= p, p = 1/4, at each of them, the count of such steps dominates Binomial(premise steps, p); a run fails when some tracked neuron's count has exact binomial lower-tail p-value below alpha / (tested neurons) (Bonferroni). Rule high-probability, f = 1/m, over the preset's widths; ${TRACKED}.`,
    statement: { p: 0.25 },
    twins: [{ id: 'p=0.95', change: 'P(Omega_j) >= 0.95', statement: { p: 0.95 } }],
    expected: { verdict: 'inconclusive', reason: 'inside the premise (2-100 steps per neuron of the 25,059-76,557 to T1: the neurons leave their lazy ball at once) the Omega-frequency is about 0.5-0.6 per run (0.21 at the lowest neuron with >= 10 premise steps, not significantly below 1/4): no failure at either width, too few runs for boundedness; over all steps to T1 it is 0.04-0.36 per neuron (evidence), where Lemma C.3 does not apply and the proof still counts on it' },
    measure: runs,
    decide: (rs, s, ctx) => {
      const tested = neurons(rs).length;
      return highProbabilityRule({
        event: `some tracked neuron's Omega-count over its premise steps is below Binomial(steps, ${s.p}) at level alpha/${tested}`,
        rate: { text: '1/m', f: (m) => 1 / m, exponent: -1 },
        widths: widthsOf(rs).map((m) => {
          const of = converged(rs).filter((r) => r.config.m === m);
          return { m, runs: of.length, failures: of.filter((r) => Array.from(r.sums.nPrem, (_, i) => rejected(r.sums, i, s.p, ctx.alpha / tested)).some(Boolean)).length };
        }),
        range: range(ctx),
        alpha: ctx.alpha,
      }).decision;
    },
    evidence: (rs) => ({
      ...diverged(rs),
      premiseSteps: converged(rs).reduce((t, r) => t + sumOf(r.sums.nPrem), 0),
      premiseFrequencyMin: Math.min(...neurons(rs).filter(({ s, i }) => (s.nPrem[i] as number) >= 10).map(({ s, i }) => (s.nQuarterPrem[i] as number) / (s.nPrem[i] as number))),
      allStepsFrequencyMin: Math.min(...neurons(rs).map(({ s, i }) => (s.nQuarter[i] as number) / s.steps)),
      allStepsFrequencyMax: Math.max(...neurons(rs).map(({ s, i }) => (s.nQuarter[i] as number) / s.steps)),
    }),
    cases: (rs) => neurons(rs).length,
  };
}

/** Step 8: "only depends on x_xi": the share of premise steps at which flipping eps_j changes X_j. */
export function onlyX(runs: Runs): ProofStepSpec<{ share: number }, ToT1Run[]> {
  return {
    checks: `Along the runs to floor(T1), over ${PREMISE}: the number of steps at which I[Delta W_i(j) <= -(sigma/4)^2] changes when the sign of eps_j is flipped (x_j and the state kept) equals share x (premise steps), share = 0 ("depends only on x"), per run (pooled over its tracked neurons: ${TRACKED}), exact counts.`,
    statement: { share: 0 },
    twins: [{ id: 'share=1', change: 'the sign of eps_j changes the event at every step', statement: { share: 1 } }],
    expected: { verdict: 'fails', reason: 'the event changes with the sign of eps_j in every run (10 of the first run\'s 45 premise steps): r = f - y - eps enters squared, and Lemma C.3 itself takes its factor 1/2 from the sign of eps_j' },
    measure: runs,
    decide: (rs, s, ctx) => identityOver(ctx, rs.flatMap((r, k) => (r.diverged ? [] : [{ r, k }])), ({ r, k }) => ({ lhs: sumOf(r.sums.nFlipPrem), rhs: s.share * sumOf(r.sums.nPrem), message: `run ${k} (m = ${r.config.m}): flips among ${sumOf(r.sums.nPrem)} premise steps` }), 'the event of Omega_j as a function of x alone', { abs: 0, rel: 0 }),
    evidence: diverged,
    cases: (rs) => converged(rs).length,
  };
}

/** Step 10: lag-1 dependence of the indicators, p11 - p01 per run, equivalence within delta by two one-sided rules. */
export function thetaIndependent(runs: Runs): ProofStepSpec<{ delta: number }, ToT1Run[]> {
  const lag = (n1: number, n11: number, n01: number, pairs: number) => (n1 > 0 && pairs - n1 > 0 ? n11 / n1 - n01 / (pairs - n1) : undefined);
  const diff = (s: StepSums) => lag(sumOf(s.n1All), sumOf(s.n11All), sumOf(s.n01All), s.k * Math.max(0, s.steps - 1));
  return {
    checks: 'Along the runs to floor(T1), the indicators X_j = I[Delta W_i(j) <= -(sigma/4)^2] of the steps j < T1 (the proof\'s Theta_0 ... Theta_{T1-1}): per run D = P(X_{j+1} = 1 | X_j = 1) - P(X_{j+1} = 1 | X_j = 0) (pooled over its tracked neurons); independence read as |D| < delta, delta = 0.02, by rule empirical-effect twice (D < delta and D > -delta, SESOI delta), combined by all. The same over the premise pairs is in the evidence.',
    statement: { delta: 0.02 },
    twins: [{ id: 'delta=0.005', change: '|D| < 0.005', statement: { delta: 0.005 } }],
    expected: { verdict: 'fails', reason: 'an Omega-step makes the next one more likely (D = 0.11-0.16 in the 24 runs; 0.04 on average over the premise pairs): the law of Delta W_i(j) moves with the state (theta(j), w_i(j), a_i(j)), which the earlier samples set, so the events are not independent' },
    measure: runs,
    decide: (rs, s, ctx) => {
      const d = converged(rs).map((r) => diff(r.sums)).filter((v): v is number => v !== undefined);
      const side = (sign: number, text: string) => ({ setting: text, decision: empiricalEffectRule({ effect: `delta ${sign > 0 ? '-' : '+'} D (${text})`, differences: d.map((v) => s.delta - sign * v), sesoi: s.delta, sdAssumed: 0.05, alpha: ctx.alpha }).decision });
      return combineAll([side(1, `D < ${s.delta}`), side(-1, `D > -${s.delta}`)]);
    },
    evidence: (rs) => {
      const d = converged(rs).map((r) => diff(r.sums) ?? 0);
      const p = converged(rs).map((r) => lag(sumOf(r.sums.n1), sumOf(r.sums.n11), sumOf(r.sums.n01), sumOf(r.sums.nPairs)) ?? 0);
      return { ...diverged(rs), dMin: Math.min(...d), dMax: Math.max(...d), premisePairs: converged(rs).reduce((t, r) => t + sumOf(r.sums.nPairs), 0), premiseDMean: p.reduce((a, b) => a + b, 0) / p.length };
    },
    cases: (rs) => converged(rs).length,
  };
}

/** Step 14: the sum split into its positive and non-positive terms (exact up to the order of summation). */
export function splitSum(runs: Runs): ProofStepSpec<{ k: number }, ToT1Run[]> {
  return {
    checks: `Along the runs to floor(T1), per tracked neuron (${TRACKED}): sum_j Delta W_i(j) = sum_j Delta W_i(j) I[Delta W_i(j) > 0] + k sum_j Delta W_i(j) I[Delta W_i(j) <= 0], k = 1, float64 sums (tolerance 1e-10 relative).`,
    statement: { k: 1 },
    twins: [{ id: 'k=0', change: 'the non-positive terms dropped', statement: { k: 0 } }],
    expected: { verdict: 'holds', reason: 'the indicators partition the steps' },
    measure: runs,
    decide: (rs, s, ctx) => identityOver(ctx, neurons(rs), ({ r, s: u, i, k }) => ({ lhs: u.sum[i] as number, rhs: (u.sumPos[i] as number) + s.k * (u.sumNonpos[i] as number), message: at(r, k, i) }), 'the split of the sum', SUM_TOL),
    evidence: diverged,
    cases: (rs) => neurons(rs).length,
  };
}

/** rho = 2 sqrt(d)/sqrt(pi) of Lemma C.3 and its O(m^(-1/8)) = rho m^(-1/8) */
const rhoM = (r: ToT1Run) => ((2 * Math.sqrt(r.config.d)) / Math.sqrt(Math.PI)) * Math.pow(r.config.m, -1 / 8);

/** Step 15: the left side of the display's line 2 against line 3, on every path (what the >= between probabilities needs). */
export function positiveReplaced(runs: Runs): ProofStepSpec<{ k: number }, ToT1Run[]> {
  return {
    checks: `Along the runs to floor(T1), per tracked neuron, the random variables inside the probabilities (eta^2 dropped): sum_j Delta W I[Delta W > 0] + sum_j Delta W I[Delta W <= 0] <= rho m^(-1/8) sum_j Delta W + k sum_j Delta W I[Delta W <= -(sigma/4)^2], k = 1 (O(m^(-1/8)) read as Lemma C.3's rho/m^(1/8)); the event of line 3 lies inside that of line 2 when this holds on every path. Corrected: the indicator I[Delta W > 0] kept, only the terms in (-(sigma/4)^2, 0] dropped.`,
    statement: { k: 1 },
    twins: [{ id: 'k=2', change: 'twice the sum over the Omega-steps', statement: { k: 2 } }],
    expected: { verdict: 'erratum', reason: 'replacing I[Delta W > 0] by its probability multiplies the (negative) sum of all Delta W by rho m^(-1/8) (3.0 at m = 64), making the right side the more negative one on every run; keeping the indicator and dropping only the terms in (-(sigma/4)^2, 0] is valid on every path' },
    measure: runs,
    decide: (rs, s, ctx) => {
      const lhs = (u: StepSums, i: number) => (u.sumPos[i] as number) + (u.sumNonpos[i] as number);
      const f = ({ r, s: u, i, k }: ReturnType<typeof neurons>[number]) => ({ lhs: lhs(u, i), rhs: rhoM(r) * (u.sum[i] as number) + s.k * (u.sumQuarter[i] as number), message: at(r, k, i) });
      const g = ({ r, s: u, i, k }: ReturnType<typeof neurons>[number]) => ({ lhs: lhs(u, i), rhs: (u.sumPos[i] as number) + s.k * (u.sumQuarter[i] as number), message: at(r, k, i) });
      return inequalityOver(ctx, neurons(rs), f, 'line 2 of the display after Eq. (46)', 'everywhere', SUM_TOL, { f: g, form: 'sum Delta W I[Delta W > 0] kept; the terms in (-(sigma/4)^2, 0] dropped' });
    },
    evidence: diverged,
    cases: (rs) => neurons(rs).length,
  };
}

/** Lemma C.3 item 4's O(1) made explicit by its proof (with Eq. (32)): r^2 a^2 ||x||^2 with |a_i| <= m^(-1/4), ||x|| <= C_data (the run's largest input norm to T1). */
const lemmaC3Bound = (r: ToT1Run) => proofBound(r.config.m, r.theta0Norm, r.toT1.maxXNorm, r.config.sigma).dwBound;

/** Step 16: line 3 against line 4 on every path: Delta W <= B (Lemma C.3's explicit O(1)) and Delta W I[Omega] <= -(sigma/4)^2 X_j. */
export function boundedAndCounted(runs: Runs): ProofStepSpec<{ k: number }, ToT1Run[]> {
  return {
    checks: `Along the runs to floor(T1), per tracked neuron, the two bounds that take line 3 to line 4 on every path, combined by all: sum_j Delta W <= T B with B the O(1) of Lemma C.3 item 4 as its proof makes it explicit (r^2 a^2 ||x||^2 with |r| <= 2 (||theta(0)|| + m^(1/4)) C_data + sigma, |a_i| <= m^(-1/4), C_data the run's largest input norm), T = floor(T1); and sum_j Delta W I[Delta W <= -(sigma/4)^2] <= -k (sigma/4)^2 sum_j X_j, k = 1.`,
    statement: { k: 1 },
    twins: [{ id: 'k=4', change: '-(sigma/2)^2 per Omega-step', statement: { k: 4 } }],
    expected: { verdict: 'holds', reason: 'each Omega-step contributes at most -(sigma/4)^2; every Delta W is below the explicit bound (largest 2,610 against B >= 18,900), so the sum is below T B' },
    measure: runs,
    decide: (rs, s, ctx) =>
      combineAll([
        { setting: 'Delta W <= B', decision: inequalityOver(ctx, neurons(rs), ({ r, s: u, i, k }) => ({ lhs: rhoM(r) * (u.sum[i] as number), rhs: u.steps * rhoM(r) * lemmaC3Bound(r), message: at(r, k, i) }), 'sum_j Delta W <= T B', 'everywhere', SUM_TOL) },
        { setting: 'the Omega-steps', decision: inequalityOver(ctx, neurons(rs), ({ r, s: u, i, k }) => ({ lhs: u.sumQuarter[i] as number, rhs: -s.k * (r.config.sigma / 4) ** 2 * (u.nQuarter[i] as number), message: at(r, k, i) }), 'sum_j Delta W I[Omega_j] <= -(sigma/4)^2 sum_j X_j', 'everywhere', SUM_TOL) },
      ]),
    evidence: (rs) => ({ ...diverged(rs), largestDeltaW: Math.max(...converged(rs).map((r) => Math.max(...r.sums.max))), smallestExplicitBound: Math.min(...converged(rs).map(lemmaC3Bound)), runsWithDeltaWAboveBound: converged(rs).filter((r) => Math.max(...r.sums.max) > lemmaC3Bound(r)).length }),
    cases: (rs) => neurons(rs).length,
  };
}

/** Step 25: a_i(T)^2 <= m^(-q), q = 1/2, at T = floor(T1). */
export function aSquaredAtT(runs: Runs): ProofStepSpec<{ q: number }, { m: number; a: number; what: string }[]> {
  return {
    checks: `a_i(T)^2 <= m^(-q), q = 1/2: on the constructed edge of C_T1 (|a_i(T)| = m^(-1/4) x {0, 1/2, 1}, m = 64 ... 1e12: the implication itself) and at T = floor(T1) on the tracked neurons of the runs (${TRACKED}).`,
    statement: { q: 0.5 },
    twins: [{ id: 'q=1', change: 'a_i(T)^2 <= 1/m', statement: { q: 1 } }],
    expected: { verdict: 'holds', reason: '|a| <= m^(-1/4) gives a^2 <= m^(-1/2); on the runs a_i(T1)^2 sqrt(m) is at most ~0.5' },
    measure: (ctx) => [...[64, 1e4, 1e8, 1e12].flatMap((m) => [0, 0.5, 1].map((c) => ({ m, a: c * Math.pow(m, -0.25), what: `edge case m = ${m}, |a| = ${c} m^(-1/4)` }))), ...neurons(runs(ctx)).map(({ r, s, i, k }) => ({ m: r.config.m, a: s.aT[i] as number, what: at(r, k, i) }))],
    decide: (g, s, ctx) => inequalityOver(ctx, g, ({ m, a, what }) => ({ lhs: a * a, rhs: Math.pow(m, -s.q), message: what }), 'a_i(T)^2 <= 1/sqrt(m)', 'everywhere', { abs: 0, rel: 1e-15 }),
    cases: (g) => g.length,
  };
}

/** Step 27: ||w_i(T)||^2 - ||w_i(0)||^2 (the engine's) <= eta^2 sum_j Delta W_i(j) + k/sqrt(m). */
export function normChangeBound(runs: Runs): ProofStepSpec<{ k: number }, ToT1Run[]> {
  return {
    checks: `Along the runs to floor(T1), per tracked neuron (${TRACKED}): ||w_i(T)||^2 - ||w_i(0)||^2 of the engine's state <= eta^2 sum_j Delta W_i(j) + k/sqrt(m), k = 1 (Eq. (41) with -a_i(0)^2 + a_i(T)^2 <= 1/sqrt(m)), tolerance 1e-10 absolute (the float64 rounding of Eq. (41) over the run is ~1e-13).`,
    statement: { k: 1 },
    twins: [{ id: 'k=0', change: 'the 1/sqrt(m) dropped', statement: { k: 0 } }],
    expected: { verdict: 'holds', reason: 'a_i(T)^2 - a_i(0)^2 stays below 1/sqrt(m) on every tracked neuron (a_i(T1)^2 sqrt(m) <= ~0.5)' },
    measure: runs,
    decide: (rs, s, ctx) =>
      inequalityOver(ctx, neurons(rs), ({ r, s: u, i, k }) => ({ lhs: (u.wTNorm2[i] as number) - (u.w0Norm2[i] as number), rhs: r.config.eta ** 2 * (u.sum[i] as number) + s.k / Math.sqrt(r.config.m), message: at(r, k, i) }), 'the first lines of "we have"', 'everywhere', { abs: 1e-10, rel: 0 }),
    evidence: diverged,
    cases: (rs) => neurons(rs).length,
  };
}
