import fc from 'fast-check';
import record from '../theorems/lemma-b6.chernoff.js';
import { claimTest } from '../src/verdict/claimTest.js';
import type { CaseResult } from '../src/verdict/search.js';
import { identityVerdict } from '../src/verdict/verdicts.js';
import { finite, fmt, GridTally, logBinomialPmf, logCdfAt, logPoissonBinomialPmf, logSfAt } from './support/appendixB.js';

const logTol = record.thresholds.logTol!.value;

type Form = 'printed' | 'lower' | 'upper';
const FORM_TEXT: Record<Form, string> = {
  printed: 'printed P{S_N <= t}, t > mu',
  lower: 'lower tail P{S_N <= t}, t < mu',
  upper: 'upper tail P{S_N >= t}, t > mu',
};

/** log e^{-mu} (e mu / t)^t */
const logChernoff = (mu: number, t: number): number => -mu + t * (1 + Math.log(mu) - Math.log(t));

/** t for a form: lower t = mu j/J (0 < j < J); printed and upper t = mu + (N - mu) j/J (0 < j <= J). */
function tFor(form: Form, N: number, mu: number, j: number, J: number): number {
  return form === 'lower' ? (mu * j) / J : mu + ((N - mu) * j) / J;
}

interface Eval {
  logP: number;
  logB: number;
  violated: boolean;
  margin: number;
}
function evaluate(form: Form, logPmf: Float64Array, mu: number, t: number): Eval {
  const logP = form === 'upper' ? logSfAt(logPmf, t) : logCdfAt(logPmf, t);
  const logB = logChernoff(mu, t);
  const violated = logP > logB + logTol * (1 + Math.abs(logP));
  // margin in log units (capped: P = 0 is a certain pass)
  return { logP, logB, violated, margin: finite(logB - logP, 1e6) };
}

const describe = (form: Form, what: string, mu: number, t: number, e: Eval): string =>
  `${FORM_TEXT[form]}: ${what}, mu = ${fmt(mu)}, t = ${fmt(t)}: P = ${e.logP === -Infinity ? '0' : fmt(Math.exp(e.logP))} (log ${e.logP === -Infinity ? '-inf' : fmt(e.logP)}) vs e^{-mu}(e mu/t)^t = ${fmt(Math.exp(e.logB))} (log ${fmt(e.logB)})`;

interface PbCase {
  ks: number[];
  j: number;
}

function checker(form: Form, pDen: number, J: number): (c: PbCase) => CaseResult {
  return (c) => {
    const ps = c.ks.map((k) => k / pDen);
    const N = ps.length;
    const mu = ps.reduce((s, p) => s + p, 0);
    const t = tFor(form, N, mu, c.j, J);
    const e = evaluate(form, logPoissonBinomialPmf(ps), mu, t);
    const what = `N = ${N}, p = [${c.ks.length <= 8 ? ps.map((p) => fmt(p)).join(', ') : `${c.ks.length} values`}]`;
    return { violated: e.violated, margin: e.margin, message: describe(form, what, mu, t, e) };
  };
}

claimTest(record, (ctx) => {
  const dom = ctx.domain;
  // ---------------------------------------------------------------- exact binomial grid, three forms
  const grid: Record<Form, GridTally> = { printed: new GridTally(), lower: new GridTally(), upper: new GridTally() };
  const Jg = dom.gridTSteps;
  for (let N = 1; N <= dom.gridNMax; N++) {
    for (let k = 1; k < dom.gridPDen; k++) {
      const p = k / dom.gridPDen;
      const mu = N * p;
      const lp = logBinomialPmf(N, p);
      for (const form of ['printed', 'lower', 'upper'] as const) {
        for (let j = 1; j <= (form === 'lower' ? Jg - 1 : Jg); j++) {
          const t = tFor(form, N, mu, j, Jg);
          const e = evaluate(form, lp, mu, t);
          grid[form].add(e.margin, e.violated, () => describe(form, `Binomial(${N}, ${fmt(p)})`, mu, t, e));
        }
      }
    }
  }
  // ---------------------------------------------------------------- Poisson-binomial searches
  const J = dom.tSteps;
  const arb = (jMax: number): fc.Arbitrary<PbCase> =>
    fc.record({ ks: fc.array(fc.integer({ min: 1, max: dom.pDen - 1 }), { minLength: 1, maxLength: dom.searchNMax }), j: fc.integer({ min: 1, max: jMax }) });
  const printed = ctx.search({ name: 'printed', arbitrary: arb(J), check: checker('printed', dom.pDen, J), numRuns: dom.numRuns });
  const lower = ctx.search({ name: 'corrected-lower', arbitrary: arb(J - 1), check: checker('lower', dom.pDen, J), numRuns: dom.numRuns });
  const upper = ctx.search({ name: 'corrected-upper', arbitrary: arb(J), check: checker('upper', dom.pDen, J), numRuns: dom.numRuns });
  // ---------------------------------------------------------------- Theorem C.4's use: Binomial(T1, 1/4), mu = T1/4, t = T1/8
  const c4: Record<string, number | string>[] = [];
  let c4Violations = 0;
  for (const T1 of dom.c4T1s) {
    const mu = T1 / 4;
    const t = T1 / 8;
    const lp = logBinomialPmf(T1, 0.25);
    const e = evaluate('lower', lp, mu, t);
    const twoOverE = (T1 / 8) * Math.log(2 / Math.E);
    if (e.violated) c4Violations++;
    // the proof needs P[S >= T1/8] >= 1 - (2/e)^{T1/8}
    const pGe = Math.exp(logSfAt(lp, t));
    if (pGe < 1 - Math.exp(twoOverE) - 1e-12) c4Violations++;
    c4.push({ T1, mu, t, exactLogPSLeT: finite(e.logP), logChernoff: e.logB, logTwoOverEPowT1Over8: twoOverE, exactPSGeT: pGe, proofLowerBound: 1 - Math.exp(twoOverE) });
  }

  const searchVerdict = identityVerdict(printed, lower);
  // the exact grid is evidence of the same kind: a grid violation of a form counts as a counterexample to it
  const printedFails = !!printed.counterexample || grid.printed.violations > 0;
  const lowerFails = !!lower.counterexample || grid.lower.violations > 0;
  const upperFails = !!upper.counterexample || grid.upper.violations > 0;
  const verdict = !printedFails ? 'holds' : !lowerFails ? 'erratum' : 'fails';
  const cx = printed.counterexample ?? lower.counterexample;
  const summary =
    verdict === 'holds'
      ? `printed form held on ${grid.printed.cases} grid and ${printed.cases} searched cases`
      : verdict === 'erratum'
        ? `printed P{S_N <= t} <= e^{-mu}(e mu/t)^t for t > mu fails (shrunk: ${printed.counterexample?.message ?? grid.printed.firstViolation}; ${grid.printed.violations}/${grid.printed.cases} binomial grid cases violate); corrected (stated) lower tail t < mu holds on ${grid.lower.cases} grid and ${lower.cases} searched cases (smallest log margin ${fmt(grid.lower.worst)}); the upper-tail reading P{S_N >= t}, t > mu ${upperFails ? 'FAILS' : `holds too (${grid.upper.cases} grid, ${upper.cases} searched)`}; Theorem C.4 uses t = T1/8 < mu = T1/4, the lower tail: it matches the corrected form, not the printed hypothesis t > mu, and its bound (2/e)^{T1/8} holds exactly for every tested T1 (${c4Violations} violations)`
        : `both fail: printed ${printed.counterexample?.message ?? grid.printed.firstViolation}; lower ${lower.counterexample?.message ?? grid.lower.firstViolation}`;
  return {
    verdict,
    summary,
    evidence: {
      statedCorrection: 'lower tail: P{S_N <= t} <= e^{-mu}(e mu/t)^t for 0 < t < mu (the form Theorem C.4 applies)',
      otherReading: 'upper tail: P{S_N >= t} <= e^{-mu}(e mu/t)^t for t > mu',
      printedGridCases: grid.printed.cases,
      printedGridViolations: grid.printed.violations,
      printedGridFirstViolation: grid.printed.firstViolation || 'none',
      printedSearchCases: printed.cases,
      printedCounterexample: printed.counterexample?.message ?? 'none',
      lowerGridCases: grid.lower.cases,
      lowerGridViolations: grid.lower.violations,
      lowerGridSmallestLogMargin: grid.lower.worst,
      lowerGridSmallestLogMarginAt: grid.lower.where,
      lowerSearchCases: lower.cases,
      lowerCounterexample: lower.counterexample?.message ?? 'none',
      lowerSearchClosest: lower.closest?.message ?? '-',
      upperHolds: !upperFails,
      upperGridCases: grid.upper.cases,
      upperGridViolations: grid.upper.violations,
      upperGridSmallestLogMargin: grid.upper.worst,
      upperGridSmallestLogMarginAt: grid.upper.where,
      upperSearchCases: upper.cases,
      upperCounterexample: upper.counterexample?.message ?? 'none',
      searchOnlyVerdict: searchVerdict,
      theoremC4Use: 'mu = T1/4, t = T1/8 < mu: the lower tail (corrected form); the printed hypothesis t > mu is not met by the use',
      theoremC4UseMatchesCorrected: true,
      theoremC4Violations: c4Violations,
      logTol,
    },
    hypotheses: [
      { id: 'independent Bernoulli(p_i)', status: 'met', detail: 'exact Poisson-binomial / binomial distributions, p_i on a rational grid in (0, 1)' },
      { id: 't > mu / t < mu', status: 'met', detail: 'printed and upper-tail forms with t in (mu, N]; lower-tail form with t in (0, mu)' },
    ],
    cases: grid.printed.cases + grid.lower.cases + grid.upper.cases + printed.cases + lower.cases + upper.cases,
    ...(cx ? { counterexample: cx } : {}),
    tables: { theoremC4: c4 },
  };
});
