// Longer than ~80 lines: three forms (printed, the stated lower-tail correction, the upper tail reported) and Theorem C.4's use.
import fc from 'fast-check';
import record from '../theorems/lemma-b6.chernoff.js';
import { finite, fmt } from '../src/stats/format.js';
import { chernoffLogP, chernoffT, logChernoff, type ChernoffForm } from '../src/theory/chernoff.js';
import { logBinomialPmf, logPoissonBinomialPmf, logSfAt } from '../src/theory/logTails.js';
import { inequalityRule } from '../src/verdict/checks/inequality.js';
import type { CaseResult } from '../src/verdict/search.js';
import { claim } from './claim.js';
import { gridAndSearch } from './gridSearch.js';

const logTol = record.thresholds.logTol!.value;
const FORM_TEXT: Record<ChernoffForm, string> = { printed: 'printed P{S_N <= t}, t > mu', lower: 'lower tail P{S_N <= t}, t < mu', upper: 'upper tail P{S_N >= t}, t > mu' };
/** a law of S_N: its description, mean and log pmf */
interface Law { what: string; N: number; mu: number; lp: Float64Array }
interface Point { law: Law; j: number; J: number }

function scan(form: ChernoffForm, p: Point, factor: number): { violated: boolean; margin: number; t: number; logP: number; logB: number } {
  const t = chernoffT(form, p.law.N, p.law.mu, p.j, p.J);
  const logP = chernoffLogP(form, p.law.lp, t);
  const logB = Math.log(factor) + logChernoff(p.law.mu, t);
  return { violated: logP > logB + logTol * (1 + Math.abs(logP)), margin: finite(logB - logP, 1e6), t, logP, logB };
}
function check(form: ChernoffForm, p: Point, factor: number): CaseResult {
  const e = scan(form, p, factor);
  return { ...e, message: `${FORM_TEXT[form]}: ${p.law.what}, mu = ${fmt(p.law.mu)}, t = ${fmt(e.t)}: P = ${fmt(Math.exp(e.logP))} vs ${factor === 1 ? '' : `${factor} x `}e^{-mu}(e mu/t)^t = ${fmt(Math.exp(e.logB))}` };
}

claim(record, {
  measure: (ctx) => {
    const dom = ctx.domain;
    const laws: Law[] = [];
    for (let N = 1; N <= dom.gridNMax; N++) for (let k = 1; k < dom.gridPDen; k++) laws.push({ what: `Binomial(${N}, ${fmt(k / dom.gridPDen)})`, N, mu: (N * k) / dom.gridPDen, lp: logBinomialPmf(N, k / dom.gridPDen) });
    const pb = new Map<string, Law>();
    const lawOf = (ks: number[]): Law => {
      const key = ks.join(',');
      let law = pb.get(key);
      if (!law) {
        const ps = ks.map((k) => k / dom.pDen);
        pb.set(key, (law = { what: `N = ${ps.length}, p = [${ps.length <= 8 ? ps.map(fmt).join(', ') : `${ps.length} values`}]`, N: ps.length, mu: ps.reduce((s, p) => s + p, 0), lp: logPoissonBinomialPmf(ps) }));
      }
      return law;
    };
    const pointsOf = (form: ChernoffForm): Point[] => laws.flatMap((law) => Array.from({ length: form === 'lower' ? dom.gridTSteps - 1 : dom.gridTSteps }, (_, i) => ({ law, j: i + 1, J: dom.gridTSteps })));
    const searchOf = (form: ChernoffForm, factor: number) => ({
      arbitrary: fc.record({ ks: fc.array(fc.integer({ min: 1, max: dom.pDen - 1 }), { minLength: 1, maxLength: dom.searchNMax }), j: fc.integer({ min: 1, max: form === 'lower' ? dom.tSteps - 1 : dom.tSteps }) }),
      check: (c: { ks: number[]; j: number }) => check(form, { law: lawOf(c.ks), j: c.j, J: dom.tSteps }, factor),
      numRuns: dom.numRuns,
    });
    // the upper-tail reading, reported beside the verdict (as printed: factor 1)
    const upper = gridAndSearch(ctx, { name: 'corrected-upper', points: pointsOf('upper'), check: (p) => check('upper', p, 1), scan: (p) => scan('upper', p, 1), search: searchOf('upper', 1) });
    return { pointsOf, searchOf, upper };
  },
  decide: (m, s, ctx) => {
    const form = (f: ChernoffForm, name: string) => gridAndSearch(ctx, { name, points: m.pointsOf(f), check: (p) => check(f, p, s.boundFactor), scan: (p) => scan(f, p, s.boundFactor), search: m.searchOf(f, s.boundFactor) });
    const printed = form('printed', 'printed');
    const binds = m.pointsOf('printed').filter((p) => logChernoff(p.law.mu, chernoffT('printed', p.law.N, p.law.mu, p.j, p.J)) < 0).length;
    const lower = form('lower', 'corrected-lower');
    return inequalityRule({
      what: `P{S_N <= t} <= ${s.boundFactor === 1 ? '' : `${s.boundFactor} `}e^{-mu}(e mu/t)^t for t > mu`,
      printed,
      corrected: { outcome: lower, form: 'the lower tail: P{S_N <= t} <= e^{-mu}(e mu/t)^t for 0 < t < mu (the form Theorem C.4 applies)' },
      binding: { cases: binds, of: m.pointsOf('printed').length, bindsAt: 'where the bound is < 1 (every t != mu)' },
    });
  },
  describe: (m, _d, ctx) => {
    const theoremC4 = ctx.domain.c4T1s.map((T1) => {
      const lp = logBinomialPmf(T1, 0.25);
      const logTwoOverE = (T1 / 8) * Math.log(2 / Math.E);
      const pGe = Math.exp(logSfAt(lp, T1 / 8));
      return { T1, exactLogPSLeT: finite(chernoffLogP('lower', lp, T1 / 8)), logChernoff: logChernoff(T1 / 4, T1 / 8), exactPSGeT: pGe, proofLowerBound: 1 - Math.exp(logTwoOverE), proofBoundHolds: pGe >= 1 - Math.exp(logTwoOverE) - 1e-12 ? 'yes' : 'no' };
    });
    return {
      evidence: {
        statedCorrection: 'lower tail: P{S_N <= t} <= e^{-mu}(e mu/t)^t for 0 < t < mu (the form Theorem C.4 applies)',
        upperTailReading: m.upper.counterexample ? `fails: ${m.upper.counterexample.message}` : `holds (${m.upper.cases} cases; closest: ${m.upper.closest?.message ?? '-'})`,
        theoremC4Use: 'mu = T1/4, t = T1/8 < mu: the lower tail (corrected form); the printed hypothesis t > mu is not met by the use',
        theoremC4Violations: theoremC4.filter((r) => r.proofBoundHolds === 'no').length,
        logTol,
      },
      hypotheses: [
        { id: 'independent Bernoulli(p_i)', status: 'met', detail: 'exact Poisson-binomial / binomial distributions, p_i on a rational grid in (0, 1)' },
        { id: 't > mu / t < mu', status: 'met', detail: 'printed and upper-tail forms with t in (mu, N]; lower-tail form with t in (0, mu)' },
      ],
      cases: m.upper.cases,
      tables: { theoremC4 },
    };
  },
});
