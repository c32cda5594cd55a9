// Shared by the Lemma 5 and Lemma 6 properties: the eta sweep, the printed and corrected times and the rate points (over ~80 lines by a few).
import fc from 'fast-check';
import { fmt } from '../src/stats/format.js';
import { T2, T3 } from '../src/theory/constants.js';
import { rateRule, type Decision } from '../src/verdict/checks/index.js';
import type { ClaimContext } from '../src/verdict/context.js';
import type { CaseResult, SearchOutcome } from '../src/verdict/search.js';
import type { HypothesisReport } from '../src/verdict/types.js';
import { conditionReports } from '../src/scenarios/premiseConditions.js';
import { gaussianInputBound } from '../src/theory/gaussianInputBound.js';
import { runPhase2, type SnapshotStat, type StartKind } from '../src/scenarios/phase2Descent.js';
import { dataSizeAt, ratePoints, sweepConfig, widthAt, type Phase2SweepDomain, type SweepRun } from '../src/scenarios/phase2Sweep.js';

/**
 * What the Lemma 5-6 properties share (lemma-5.alignment, lemma-5.alignment-long, lemma-5.t2, lemma-6.alignment-long,
 * lemma-6.convergence): the rate decision of "q <= O(ln(1/eta) eta^b)" (rate rule, eta -> 0, on q / ln(1/eta)), the
 * printed-or-corrected composition of two such decisions, Condition 1 over the sweep, and the hypothesis-violation searches.
 */
export interface RateStatement {
  /** b in O(ln(1/eta) eta^b) */
  exponent: number;
  /** the rate rule's tolerance on the exponent */
  delta: number;
}

/** The rate rule on one statistic at one checkpoint: y = q / ln(1/eta) against eta, claimed O(eta^b) as eta -> 0. */
export function rateDecision(runs: readonly SweepRun[], stat: SnapshotStat, at: number, s: RateStatement, quantity: string, alpha: number, floor: number): Decision {
  const points = ratePoints(runs, stat, at, floor);
  return rateRule({ quantity: `${quantity} / ln(1/eta)`, variable: 'eta', points, claimed: { exponent: s.exponent, text: `O(eta^${s.exponent}) (i.e. ${quantity} = O(ln(1/eta) eta^${s.exponent}))`, kind: 'upper' }, limit: 'zero', delta: s.delta, alpha }).decision;
}

/** printed fails and the stated correction holds -> erratum (both evaluations kept); otherwise the printed decision. */
export function printedOrCorrection(printed: Decision, correction: Decision, form: string): Decision {
  if (printed.verdict !== 'fails' || correction.verdict !== 'holds') return printed;
  return { rule: printed.rule, verdict: 'erratum', because: `as printed: ${printed.because}; the correction (${form}): ${correction.because}`, printed, corrected: correction, correctedForm: form };
}

/** Condition 1 (A1-3, 5-6: what Lemmas 5-6 assume; A4 is not assumed) over the sweep, plus the start and the update rule. */
export function phase2Hypotheses(dom: Phase2SweepDomain, runs: readonly SweepRun[], start: StartKind): HypothesisReport[] {
  const configs = dom.thetaStarNorms.flatMap((s) => dom.etaExponents.map((k) => ({ label: `eta=10^-${k}, ||theta*||=${s}`, config: sweepConfig(dom, 10 ** -k, s), maxXNorm: gaussianInputBound(dom.d, dataSizeAt(10 ** -k), Math.LN2) })));
  const worstStart = Math.max(...runs.map((r) => Math.max(r.run.maxW0, r.run.maxA0) / Math.sqrt(r.eta)));
  const startDef = Math.max(...runs.map((r) => r.run.startWorstDeficit));
  return [
    ...conditionReports(configs, ['A1', 'A1-long', 'A2', 'A3', 'A5', 'A6']),
    start === 'aligned'
      ? { id: 'aligned-start', status: 'met', detail: `w_i(t2) = gamma_i theta*, max_i ||w_i|| = max_i |a_i| = ${dom.startScale} sqrt(eta) (largest ratio ${fmt(worstStart)}); worst 1 - |cos| at t2: ${fmt(startDef)}` }
      : { id: 'phase-2-start', status: 'met', detail: `Eq. (5) directions rescaled: max_i ||w_i(t1)|| = max_i |a_i(t1)| = ${dom.startScale} sqrt(eta) (largest ratio ${fmt(worstStart)})` },
    { id: 'gradient-descent', status: 'met', detail: 'full-batch GD, sigma = 0, gradient Sigma_hat (theta - theta*) with Sigma_hat ~ Wishart_d(n, I)/n, n = ceil(1/eta^2); held equal to the engine Stepper by test/scenarios/phase2Descent.test.ts' },
  ];
}

export interface ExploreSpec {
  name: string;
  start: StartKind;
  /** width 1..maxWidth (A1 broken), else ceil(widthFactor / sqrt(eta)) */
  smallWidth?: boolean;
  /** n instead of ceil(1/eta^2) (A3 broken) */
  n?: number;
  stat: SnapshotStat;
  lemma: 5 | 6;
  /** the O(.) constant read as C */
  C: number;
}

/** A search breaking one hypothesis: single runs against stat <= C rate(eta) at Lemma 5's corrected time or Lemma 6's printed t3. */
export function exploreSearch(ctx: ClaimContext<Phase2SweepDomain>, e: ExploreSpec): SearchOutcome<{ seed: number; k: number; w: number }> {
  const dom = ctx.domain;
  const ex = dom.explore;
  if (!ex) throw new Error(`${ctx.record.id}: the search ${e.name} needs the domain's explore settings`);
  const s = ex.thetaStarNorm ?? (dom.thetaStarNorms[0] as number);
  const check = ({ seed, k, w }: { seed: number; k: number; w: number }): CaseResult => {
    const eta = 10 ** -k;
    const config = sweepConfig(dom, eta, s, e.n ?? dataSizeAt(eta), e.smallWidth ? w : widthAt(eta, dom.widthFactor));
    const step = e.lemma === 5 ? Math.ceil(T2(eta, s) / eta - 1e-9) : Math.ceil(T3(eta, s) - 1e-9);
    const run = runPhase2({ config, start: e.start, scale: dom.startScale, seed: ctx.runSeed(e.name, seed), ...(dom.simulator ? { simulator: dom.simulator } : {}) }, [step]);
    const snap = run.snaps[0];
    const head = `eta = 10^-${k}, m = ${config.m}, n = ${config.n}, ||theta*|| = ${s}, ${e.start} start (max ||w_i|| ${fmt(run.maxW0)}, max |a_i| ${fmt(run.maxA0)})`;
    if (!snap) return { violated: false, margin: Number.MAX_VALUE, message: `${head}: ${run.divergence ?? 'no snapshot'}` };
    const bound = e.C * Math.log(1 / eta) * (e.lemma === 5 ? Math.sqrt(eta) : eta);
    const v = snap[e.stat];
    return { violated: v > bound, margin: bound - v, message: `${head}: ${e.stat} at step ${step} = ${fmt(v)} vs ${e.C} ln(1/eta) ${e.lemma === 5 ? 'sqrt(eta)' : 'eta'} = ${fmt(bound)}` };
  };
  return ctx.search({ name: e.name, arbitrary: fc.record({ seed: fc.nat({ max: 1_000_000 }), k: fc.constantFrom(...ex.etaExponents), w: fc.integer({ min: 1, max: ex.maxWidth }) }), check, numRuns: ex.numRuns });
}
