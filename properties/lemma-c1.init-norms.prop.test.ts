import record from '../theorems/lemma-c1.init-norms.js';
import { sampledInputNorm } from '../src/scenarios/initStepCases.js';
import { initLawAgreement, initNormLaw, LEMMA_C1_RADIUS, log10InclusionWidth } from '../src/scenarios/ntkInitNorms.js';
import { fmt } from '../src/stats/format.js';
import { evaluateCondition1 } from '../src/theory/condition1.js';
import { LN10 } from '../src/theory/logTails.js';
import { combineAll, highProbabilityRule, type Decision } from '../src/verdict/checks/index.js';
import { claim } from './claim.js';

claim(record, {
  measure: (ctx) => {
    const dom = ctx.domain;
    const agreement = initLawAgreement(dom.b0Sim, dom.neuronSim, ctx.alpha, (s, i) => ctx.runSeed('init', s.m, s.d, i));
    const P = dom.paper;
    return { agreement, condition1: evaluateCondition1({ ...P, maxXNorm: sampledInputNorm(P, ctx.runSeed('data', P.d)) }) };
  },
  decide: (m, s, ctx) => {
    const dom = ctx.domain;
    const bad = m.agreement.filter((r) => !r.agrees);
    const radius = { c: s.radiusC, exponent: s.radiusExponent };
    const f = (w: number): number => Math.pow(w, s.rateExponent);
    return combineAll(
      dom.ds.map((d) => {
        const widths = dom.log10Widths.map((e) => ({ m: 10 ** e, exact: Math.exp(initNormLaw(e * LN10, d, radius).logQ) }));
        const hp = highProbabilityRule({ event: 'not B0', rate: { text: `m^${fmt(s.rateExponent)}`, f, exponent: s.rateExponent }, widths, range: dom.range, alpha: ctx.alpha, fixedConstant: record.thresholds.fixedConstant!.value });
        const decision: Decision = bad.length ? { rule: 'high-probability', verdict: 'inconclusive', because: `the engine's initializations disagree with the exact law in ${bad.length} checks`, wouldDecide: 'an exact law that matches the engine' } : hp.decision;
        return { setting: `d = ${d}`, decision };
      }),
    );
  },
  describe: (m, _decision, ctx) => {
    const dom = ctx.domain;
    const r = LEMMA_C1_RADIUS;
    const log10Q = (e: number, d: number): number => initNormLaw(e * LN10, d, r).logQ / LN10;
    // m*(d): the first declared width from which m q(m) <= 1 at every later one (the fixed reading c = 1)
    const mStar = (d: number): string => {
      const i = dom.log10Widths.findIndex((_, k) => dom.log10Widths.slice(k).every((e) => e + log10Q(e, d) <= 0));
      return i < 0 ? 'beyond the grid' : `1e${dom.log10Widths[i]}`;
    };
    const P = dom.paper;
    const find = (id: string) => m.condition1.find((h) => h.id === id);
    return {
      evidence: {
        exactFormula: 'Pr[B0] = F_d(d m^(1/6) / 16)^m, F_d the chi-square_d CDF; q(m) = 1 - Pr[B0]; c*(m) = m q(m)',
        log10PrB0AtPaper: initNormLaw(Math.log(P.m), P.d, r).logB0 / LN10,
        fixedReadingFrom: dom.ds.map((d) => `d=${d}: ${mStar(d)}`).join(', '),
        eq18to19From: dom.ds.map((d) => `d=${d}: 1e${log10InclusionWidth(d).toFixed(2)}`).join(', '),
        simulationChecks: m.agreement.length,
        simulationDisagreements: m.agreement.filter((a) => !a.agrees).length,
      },
      hypotheses: [
        ...['A1', 'A1-long'].map((id) => ({ id, status: find(id)?.status ?? 'unevaluable', detail: `at the paper's configuration: ${find(id)?.required ?? '-'}; the exact Pr[B0] does not depend on eta and is evaluated at every declared width` })),
        { id: 'NTK-init', status: 'met', detail: "Eq. (5): w_ij(0) ~ N(0, 1/d), exactly (formula) and by the engine's initNTK (simulation)" },
      ],
      cases: dom.ds.length * dom.log10Widths.length + m.agreement.length,
      tables: {
        perWidth: dom.ds.flatMap((d) => dom.log10Widths.map((e) => ({ d, log10M: e, log10PrB0: initNormLaw(e * LN10, d, r).logB0 / LN10, log10Q: log10Q(e, d), log10CNeeded: e + log10Q(e, d) }))),
        simulation: m.agreement.map((a) => ({ ...a, frequency: a.hits / a.trials, agrees: a.agrees ? 'yes' : 'NO' })),
      },
    };
  },
});
