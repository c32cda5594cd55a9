import type { ClaimContext } from '../../src/verdict/context.js';
import type { ClaimOutcome } from '../../src/verdict/types.js';
import { combine, evaluatePart1, fmt, hypothesisReports, part1Row, type Lemma3Domain, type Part1ConfigResult } from './lemma3Configs.js';
import { exploreA6Part1, explorePremiseEdge } from './lemma3Explore.js';

/**
 * Items 1 and 3 of Lemma C.3 (AAAI Lemma 3 part 1, first sentence, and part 2, first sentence) are one probability read
 * from both sides: P(Delta W_i(j) <= 0 | state) >= 1 - rho/m^(1/8) and P(Delta W_i(j) > 0 | state) <= rho/m^(1/8).
 * Both claims run this (each on its own named streams) and word the outcome from their side:
 * `side = 'nonpositive'` reports min_i P(Delta W_i <= 0) (counted directly) against 1 - rho/m^(1/8),
 * `side = 'positive'` reports max_i P(Delta W_i > 0) against rho/m^(1/8).
 */
export function part1Outcome(ctx: ClaimContext<Lemma3Domain>, cPerD: number, side: 'nonpositive' | 'positive'): ClaimOutcome {
  const results: Part1ConfigResult[] = ctx.domain.configs.map((c) => evaluatePart1(ctx, c, cPerD));
  const verdict = combine(results.map((r) => r.status));
  const neg = side === 'nonpositive';
  const sampledBinding = results.filter((r) => r.binding && r.units.length > 0);
  const binding = results.filter((r) => r.binding);
  const vacuous = results.filter((r) => !r.binding);
  // the binding sampled configuration with the least room: worst probability relative to the bound
  const tight = sampledBinding.reduce<Part1ConfigResult | undefined>((best, r) => {
    const room = r.bound - Math.max(r.worstPop, r.worstFin);
    return best === undefined || room < best.bound - Math.max(best.worstPop, best.worstFin) ? r : best;
  }, undefined);
  const worstInitRatio = binding.reduce((mx, r) => Math.max(mx, r.init.pFailHi / r.allowance), 0);
  const a6 = exploreA6Part1(ctx, cPerD);
  const edge = explorePremiseEdge(ctx, cPerD);
  const unitsTested = sampledBinding.reduce((s, r) => s + r.units.length, 0);
  const unitsWithin = sampledBinding.reduce((s, r) => s + r.units.length - r.unitsViolating, 0);
  const statesEvaluated = results.reduce((s, r) => s + r.statesEvaluated, 0);
  const sideP = (r: Part1ConfigResult): string =>
    neg ? `min_i P(Delta W_i <= 0) = ${fmt(r.worstNonposFin)} (finite set), ${fmt(1 - r.worstPop)} (population) >= 1 - rho/m^(1/8) = ${fmt(1 - r.bound)}` : `max_i P(Delta W_i > 0) = ${fmt(r.worstFin)} (finite set), ${fmt(r.worstPop)} (population) <= rho/m^(1/8) = ${fmt(r.bound)}`;
  const failing = results.filter((r) => r.status === 'fails');
  const d5 = a6.scan.find((s) => s.d === 5);
  const a6Line = `A6 search: exact at step 0 the chance that some neuron violates the bound exceeds ${cPerD}d/m for d <= 5 (d = 5 from m = ${d5?.firstFailingWidth ? fmt(d5.firstFailingWidth) : '-'}; m*P grows as m^(2-3d/8))`;
  const summary =
    verdict === 'holds'
      ? `${binding.length} binding configurations (${binding.map((r) => `d=${r.config.d} m=${fmt(r.config.m)}`).join(', ')}): every neuron of ${unitsTested} states/runs (${statesEvaluated} states) within the bound; tightest ${tight?.config.label}: ${tight ? sideP(tight) : '-'}; exact P(some neuron of Eq. (5) violates) <= ${fmt(worstInitRatio)} x ${cPerD}d/m; vacuous at ${vacuous.map((r) => `${r.config.label} (binds at m > ${fmt(r.bindingWidth)})`).join(', ') || '-'}. ${a6Line}.`
      : verdict === 'vacuous'
        ? `rho/m^(1/8) >= 1 at every tested configuration: binds only at m > ${vacuous.map((r) => fmt(r.bindingWidth)).join(', ')}`
        : `${verdict}: ${(failing.length ? failing : results.filter((r) => r.status === 'inconclusive')).map((r) => `${r.config.label}: ${r.why}`).join('; ')}. ${a6Line}.`;
  return {
    verdict,
    summary,
    evidence: {
      bindingConfigurations: binding.length,
      vacuousConfigurations: vacuous.length,
      holdingConfigurations: results.filter((r) => r.status === 'holds').length,
      failingConfigurations: failing.length,
      unitsTestedWhereBinding: unitsTested,
      unitsWithinBoundWhereBinding: unitsWithin,
      statesEvaluated,
      tightestConfiguration: tight?.config.label ?? '-',
      [neg ? 'tightestMinPNonpositiveFinite' : 'tightestMaxPPositiveFinite']: tight ? (neg ? tight.worstNonposFin : tight.worstFin) : 0,
      [neg ? 'tightestMinPNonpositivePopulation' : 'tightestMaxPPositivePopulation']: tight ? (neg ? 1 - tight.worstPop : tight.worstPop) : 0,
      [neg ? 'tightestRequiredAtLeast' : 'tightestBoundAtMost']: tight ? (neg ? 1 - tight.bound : tight.bound) : 0,
      tightestWorstNeuronNorm: tight?.worstNorm ?? 0,
      tightestWorstNeuronRatio: tight?.worstRatio ?? 0,
      worstExactInitFailureOverAllowance: worstInitRatio,
      bindingWidths: [...new Set(results.map((r) => r.config.d))].map((d) => `d=${d}: m > ${fmt(results.find((r) => r.config.d === d)!.bindingWidth)}`),
      perConfiguration: results.map((r) => `${r.config.label}: ${r.status} (${r.why})`),
      a6ExactScan: a6.scan.map((s) => `d=${s.d}: first violating width ${s.firstFailingWidth === null ? 'none up to 2^45 rho^8' : fmt(s.firstFailingWidth)}, exponent of m*P ${s.exponent.toFixed(3)}`),
    },
    hypotheses: hypothesisReports(results),
    cases: statesEvaluated,
    explorations: [a6.exploration, edge],
    tables: { configurations: results.map((r) => part1Row(r, neg)) },
  };
}
