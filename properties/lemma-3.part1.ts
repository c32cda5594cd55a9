// Shared by lemma-3.nonpositive and lemma-3.positive-rare (the two readings of Lemma 3 part 1): over ~80 lines because it holds both the exact law over widths and the sampled premise states.
import fc from 'fast-check';
import { combineAll, highProbabilityRule, inequalityRule, type Decision, type SettingDecision } from '../src/verdict/checks/index.js';
import type { ClaimSpec } from '../src/verdict/defineClaim.js';
import type { ClaimContext } from '../src/verdict/context.js';
import type { Exploration } from '../src/verdict/types.js';
import { exploration } from '../src/verdict/explorations.js';
import { fmt } from '../src/stats/format.js';
import { lemma3BindingWidth, rho } from '../src/theory/constants.js';
import { edgeBreakLaw, initBreakLaw } from '../src/theory/deltaWInitLaw.js';
import { premiseDetail, sampleSetting, type SettingSample, type UnitSummary } from '../src/scenarios/premiseStateSample.js';
import { conditionReports } from '../src/scenarios/premiseConditions.js';
import type { PremiseStateDomain } from '../src/scenarios/premiseStateSample.js';

/**
 * Lemma 3 part 1 (= long C.3 items 1 and 3) read from either side: P(Delta W_i(j) <= 0 | state) >= 1 - b(m) and
 * P(Delta W_i(j) > 0 | state) <= b(m), b(m) = rhoFactor rho / m^widthExponent, for every neuron, "with probability at
 * least 1 - O(m^failureExponent)". Shared by lemma-3.nonpositive and lemma-3.positive-rare (one probability, two claims).
 * Settings (record.combine): per d, the exact step-0 law of Eq. (5) over the declared width range (high-probability
 * rule); the sampled premise states (inequality rule on each unit's worst neuron, a grid put through ctx.search).
 */
export type Part1Statement = { rhoFactor: number; widthExponent: number; failureExponent: number; fixedConstantPerD: number };
type Side = 'nonpositive' | 'positive';
interface Measured { samples: SettingSample[]; explorations: Exploration[] }

const bound = (s: Part1Statement, m: number, d: number): number => (s.rhoFactor * rho(d)) / Math.pow(m, s.widthExponent);
const searchName = (s: Part1Statement, ctx: ClaimContext<PremiseStateDomain>): string => (JSON.stringify(s) === JSON.stringify(ctx.record.statement) ? 'states' : `states ${JSON.stringify(s)}`);

function unitCase(u: UnitSummary, s: Part1Statement, side: Side): { violated: boolean; margin: number; message: string } {
  const b = bound(s, u.m, u.d);
  const worstPos = Math.max(u.worstPosFin, u.worstPosPop);
  const margin = side === 'positive' ? b - worstPos : Math.min(u.minNonposFin, 1 - u.worstPosPop) - (1 - b);
  const said = side === 'positive' ? `max_i P(Delta W_i > 0) = ${fmt(u.worstPosFin)} (finite set), ${fmt(u.worstPosPop)} (population) vs rho/m^(1/8)-form bound ${fmt(b)}` : `min_i P(Delta W_i <= 0) = ${fmt(u.minNonposFin)} (finite set), ${fmt(1 - u.worstPosPop)} (population) vs 1 - bound = ${fmt(1 - b)}`;
  return { violated: margin < 0, margin, message: `${u.setting} unit ${u.unit} (d = ${u.d}, m = ${fmt(u.m)}, ${u.states} states): ${said}` };
}

function decideStates(m: Measured, s: Part1Statement, ctx: ClaimContext<PremiseStateDomain>, side: Side): Decision {
  const units = m.samples.flatMap((x) => x.units).sort((a, b) => unitCase(a, s, side).margin - unitCase(b, s, side).margin);
  const out = ctx.search({ name: searchName(s, ctx), arbitrary: fc.constantFrom(...units), check: (u) => unitCase(u, s, side), numRuns: 20 * units.length });
  const bounds = units.map((u) => bound(s, u.m, u.d)).filter((b) => b < 1);
  const binding = { cases: bounds.length, of: units.length, bindsAt: `m > (rhoFactor rho)^(1/widthExponent) (${[...new Set(units.map((u) => u.d))].map((d) => `d = ${d}: ${fmt(Math.pow(s.rhoFactor * rho(d), 1 / s.widthExponent))}`).join(', ')})` };
  const near = bounds.length ? `; near-vacuous where tested: the bound is ${fmt(Math.min(...bounds))}..${fmt(Math.max(...bounds))} at the binding units (any P(Delta W_i > 0) below it passes; the bound is sharp only at t = 0, where the exact law of Eq. (5) decides)` : '';
  return inequalityRule({ printed: out, what: `every neuron of every sampled premise state within the bound${near}`, binding });
}

function decideExact(s: Part1Statement, d: number, range: readonly [number, number], points: number, alpha: number): Decision {
  const widths = Array.from({ length: points }, (_, k) => Math.round(range[0] * Math.pow(range[1] / range[0], k / (points - 1))));
  return highProbabilityRule({
    event: `some neuron of Eq. (5) at d = ${d} has P(Delta W_i(0) > 0 | state) > ${s.rhoFactor === 1 ? '' : `${s.rhoFactor} `}rho/m^${s.widthExponent}`,
    rate: { text: `m^${s.failureExponent}`, f: (x) => Math.pow(x, s.failureExponent), exponent: s.failureExponent },
    widths: widths.map((x) => ({ m: x, exact: initBreakLaw(x, d, bound(s, x, d)).pHi })),
    range,
    alpha,
    fixedConstant: s.fixedConstantPerD * d,
  }).decision;
}

export function part1Spec(side: Side): ClaimSpec<PremiseStateDomain, Part1Statement, Measured> {
  return {
    measure: (ctx) => {
      const samples = ctx.domain.settings.map((x) => sampleSetting(x, ctx.runSeed()));
      const s = ctx.record.statement as Part1Statement;
      const a6 = ctx.search({ name: 'A6', arbitrary: fc.record({ d: fc.integer({ min: 1, max: 8 }), e: fc.integer({ min: 0, max: 36 }) }), check: ({ d, e }) => initCase(d, e, s, 'init'), numRuns: ctx.domain.searchRuns });
      const edge = ctx.search({ name: 'premise-edge', arbitrary: fc.record({ d: fc.integer({ min: 3, max: 20 }), e: fc.integer({ min: 0, max: 30 }) }), check: ({ d, e }) => initCase(d, e, s, 'edge'), numRuns: ctx.domain.searchRuns });
      return {
        samples,
        explorations: [
          exploration('A6', 'd = 1..8 (A6 asks d >= 9 ln(2) K^4/(2c), K and c unspecified; Eq. (44) fails at d <= 2) at m = 2^(e+1) rho^8 where the bound binds; exact at step 0 against the fixed constant 4d/m', a6, 'm P grows like m^(2 - 3d/8) for d <= 5'),
          exploration('premise-edge', '|a_i| = m^(-1/4) for every i (the edge of C_j), W at Eq. (5), d = 3..20, m = 2^(e+1) rho^8; exact at step 0 against 4d/m', edge, 'inside the literal premise, not a state the dynamics reach whp'),
        ],
      };
    },
    decide: (m, s, ctx) => {
      const parts: SettingDecision[] = ctx.domain.widthRanges.map((r) => ({ setting: `exact Eq. (5), d = ${r.d}, m in [${fmt(r.range[0])}, ${fmt(r.range[1])}]`, decision: decideExact(s, r.d, r.range, ctx.domain.exactPoints, ctx.alpha) }));
      const states = decideStates(m, s, ctx, side);
      const d = combineAll([...parts, { setting: 'sampled premise states', decision: states }]);
      // combineAll names only the setting with the smallest margin, and margins of two rules are not comparable: the states' near-vacuity is always said
      return d.verdict === 'holds' ? { ...d, because: `${d.because}; sampled premise states: ${states.because}` } : d;
    },
    describe: (m, _d, ctx) => {
      const units = m.samples.flatMap((x) => x.units);
      const s = ctx.record.statement as Part1Statement;
      return {
        evidence: { units: units.length, states: units.reduce((t, u) => t + u.states, 0), bindingWidths: ctx.domain.widthRanges.map((r) => `d = ${r.d}: m > rho^8 = ${fmt(lemma3BindingWidth(r.d))}`) },
        hypotheses: [
          ...conditionReports(m.samples.map((x) => ({ label: x.setting.label, config: x.setting.config, maxXNorm: Math.max(...x.units.map((u) => u.maxXNorm)) })), ['A1', 'A1-long', 'A2', 'A4', 'A5', 'A6']),
          { id: 'lazy', status: 'met', detail: `Definition 1 checked on every evaluated state: ${m.samples.map((x) => `${x.setting.label}: ${premiseDetail(x)}`).join('; ')}` },
          { id: 'C_j', status: 'met', detail: 'C_j (|a_i| <= m^(-1/4) for all i) checked on every evaluated state; the exact law conditions on C_0' },
        ],
        cases: units.reduce((t, u) => t + u.states, 0),
        explorations: m.explorations,
        tables: { units: units.map((u) => ({ setting: u.setting, d: u.d, m: u.m, unit: u.unit, states: u.states, bound: bound(s, u.m, u.d), worstPosFin: u.worstPosFin, worstPosPop: u.worstPosPop, minNonposFin: u.minNonposFin, worstNeuronNorm: u.worstPopNorm, premise: u.premiseEnd < 0 ? 'held' : u.premiseEndReason })) },
      };
    },
  };
}

/** Step 0 exactly, at m = 2^(e+1) rho^8: P(some neuron breaks the bound) against the fixed constant's allowance (Eq. (5) or every |a_i| at the edge of C_j). */
function initCase(d: number, e: number, s: Part1Statement, at: 'init' | 'edge'): { violated: boolean; margin: number; message: string } {
  const m = Math.ceil(lemma3BindingWidth(d) * 2 ** (e + 1));
  const b = bound(s, m, d);
  const p = at === 'init' ? initBreakLaw(m, d, b).pHi : edgeBreakLaw(m, d, b).p;
  const allow = Math.min(1, (s.fixedConstantPerD * d) / m);
  return { violated: p > allow, margin: Math.log10(allow) - Math.log10(Math.max(p, 1e-300)), message: `d = ${d}, m = ${fmt(m)}${at === 'edge' ? ', every |a_i| = m^(-1/4)' : ''}: exact P(some neuron has P(Delta W_i(0) > 0) > ${fmt(b)}) = ${fmt(p)} vs ${s.fixedConstantPerD}d/m = ${fmt(allow)}` };
}
