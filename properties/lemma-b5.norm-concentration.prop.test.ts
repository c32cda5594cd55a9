import fc from 'fast-check';
import record from '../theorems/lemma-b5.norm-concentration.js';
import { eq44Probability } from '../src/theory/condition1.js';
import { claimTest } from '../src/verdict/claimTest.js';
import type { CaseResult } from '../src/verdict/search.js';
import { fmt, K4_GAUSS, LN2, logAdd, logBinomialPmf, logGaussNormDeviation, threePointAbsoluteCBound, threePointK4, validateChi2 } from './support/appendixB.js';

const logTol = record.thresholds.logTol!.value;
const cLimit = record.thresholds.cGaussLimit!.value;
const eq44Target = record.thresholds.eq44Target!.value;

/** R(n, t) = -log(P/2)/t^2: the statement holds for this law with c iff c <= K^4 inf R. */
interface GaussEval {
  logP: number;
  R: number;
  violatedAtLimit: boolean;
}
function gauss(n: number, t: number): GaussEval {
  const logP = logGaussNormDeviation(n, t);
  const R = -(logP - LN2) / (t * t);
  // at c = K^4/2 the bound is 2 exp(-t^2/2)
  const violatedAtLimit = logP > LN2 - (t * t) / 2 + logTol * (1 + Math.abs(logP));
  return { logP, R, violatedAtLimit };
}
const gLine = (n: number, t: number, e: GaussEval): string =>
  `Gaussian n = ${n}, t = ${fmt(t)}: log P(| ||X|| - sqrt n | >= t) = ${fmt(e.logP)}, -log(P/2)/t^2 = ${fmt(e.R)} (c <= K^4 x that = ${fmt(K4_GAUSS * e.R)}); bound at c = 32/9: log(2 e^{-t^2/2}) = ${fmt(LN2 - (t * t) / 2)}`;

/**
 * Three-point law X_i = +-1/sqrt(q) w.p. q/2: K^2 = 1/(q log(1 + 1/q)); inf over t > 0 of -log(P/2)/t^2 at the atoms
 * of | ||X|| - sqrt n | (P is a step function of t, the ratio decreases in t between atoms). As n -> infinity the atom
 * ||X|| = 0 (t = sqrt n, P = (1 - q)^n) gives the limit -log(1 - q).
 */
function threePoint(q: number, nMax: number): { K4: number; infR: number | null; limitR: number | null; at: string } {
  let infR: number | null = null;
  let at = 'P = 0 for every t > 0 (||X|| = sqrt n): no constraint on c';
  for (let n = 1; n <= nMax && q < 1; n++) {
    const lp = logBinomialPmf(n, q);
    const delta = Array.from({ length: n + 1 }, (_, k) => Math.abs(Math.sqrt(k / q) - Math.sqrt(n)));
    const order = delta.map((d, k) => [d, k] as const).sort((a, b) => b[0] - a[0]);
    // P(delta >= delta_k) accumulated from the largest distance down
    let logP = -Infinity;
    for (const [d, k] of order) {
      logP = logAdd(logP, lp[k] as number);
      if (d <= 1e-12) continue;
      const R = -(logP - LN2) / (d * d);
      if (infR === null || R < infR) {
        infR = R;
        at = `n = ${n}, t = ${fmt(d)} (the atom ||X||^2 = ${k}/q): P = ${fmt(Math.exp(logP))}`;
      }
    }
  }
  return { K4: threePointK4(q), infR, limitR: q < 1 ? -Math.log1p(-q) : null, at };
}

claimTest(record, (ctx) => {
  const dom = ctx.domain;
  const chi2Check = validateChi2([1, 2, 3, 7, 20, 100, 1000]);
  // ---------------------------------------------------------------- Gaussian grid
  let gridCases = 0;
  let gridViolations = 0;
  let firstViolation = '';
  let Rmin = Infinity;
  let RminAt = '';
  const perN: Record<string, number | string>[] = [];
  for (const n of dom.ns) {
    let rn = Infinity;
    let tn = 0;
    for (let e = dom.tMinLog10 * dom.tPerDecade; e <= dom.tMaxLog10 * dom.tPerDecade; e++) {
      const t = 10 ** (e / dom.tPerDecade);
      const g = gauss(n, t);
      gridCases++;
      if (g.violatedAtLimit) {
        gridViolations++;
        if (!firstViolation) firstViolation = gLine(n, t, g);
      }
      if (g.R < rn) {
        rn = g.R;
        tn = t;
      }
      if (g.R < Rmin) {
        Rmin = g.R;
        RminAt = gLine(n, t, g);
      }
    }
    const mid = gauss(n, 1);
    perN.push({ n, infRatio: rn, atT: tn, cAllowed: K4_GAUSS * rn, ratioAtT1: mid.R });
  }
  // the limit t -> infinity (every n): -log(P/2)/t^2 -> 1/2
  const farT = 10 ** (dom.tMaxLog10 + 2);
  const farR = gauss(1, farT).R;
  // ---------------------------------------------------------------- search at c = K^4/2
  const main = ctx.search({
    name: 'main',
    arbitrary: fc.record({ n: fc.integer({ min: 1, max: dom.searchNMax }), e: fc.integer({ min: dom.tMinLog10 * 100, max: dom.tMaxLog10 * 100 }) }),
    check: (c: { n: number; e: number }): CaseResult => {
      const t = 10 ** (c.e / 100);
      const g = gauss(c.n, t);
      return { violated: g.violatedAtLimit, margin: g.R - 0.5, message: gLine(c.n, t, g) };
    },
    numRuns: dom.numRuns,
  });
  const searchRmin = main.closest ? main.closest.margin + 0.5 : Infinity;
  const RminAll = Math.min(Rmin, searchRmin);
  const cGrid = K4_GAUSS * RminAll;
  const cBest = Math.min(cGrid, cLimit);
  // ---------------------------------------------------------------- other sub-gaussian laws
  const laws: Record<string, number | string>[] = [];
  let cAbs = cBest;
  let bindingLaw = 'Gaussian';
  for (const q of dom.threePointQs) {
    const tp = threePoint(q, dom.threePointNMax);
    const rInf = tp.infR === null ? null : Math.min(tp.infR, tp.limitR ?? Infinity);
    const c = rInf === null ? null : tp.K4 * rInf;
    if (c !== null && c < cAbs) {
      cAbs = c;
      bindingLaw = `three-point q = ${q}`;
    }
    laws.push({
      law: q === 1 ? 'Rademacher (three-point q = 1)' : `three-point q = ${q}`,
      K4: tp.K4,
      infRatioGrid: tp.infR ?? 'none (P = 0 for t > 0)',
      infRatioLimitNInfinity: tp.limitR ?? 'none',
      cAllowed: c ?? 'any c > 0',
      where: tp.at,
    });
  }
  // the n -> infinity limit of the three-point family, minimized over q in (0, 1) (grid 1e-3)
  const tpBound = threePointAbsoluteCBound();
  if (tpBound.c < cAbs) {
    cAbs = tpBound.c;
    bindingLaw = `three-point q = ${tpBound.q} as n -> infinity`;
  }
  laws.push({ law: `three-point, best q on a 1e-3 grid (q = ${tpBound.q}), n -> infinity`, K4: threePointK4(tpBound.q), infRatioGrid: 'limit only', infRatioLimitNInfinity: -Math.log1p(-tpBound.q), cAllowed: tpBound.c, where: 'atom ||X|| = 0: t = sqrt n, P = (1 - q)^n' });
  laws.unshift({ law: 'Gaussian', K4: K4_GAUSS, infRatioGrid: RminAll, infRatioLimitNInfinity: 0.5, cAllowed: cBest, where: `grid infimum at ${RminAt}; limit t -> infinity 1/2 (c <= 32/9)` });
  // ---------------------------------------------------------------- consequences: A6 and Eq. (44) (x ~ N(0, I_d), K the Gaussian one)
  // the absolute c can be at most cAbs (every tested law must satisfy the statement with it); A6 with the Gaussian-only c for comparison
  const dA6Gauss = (9 * LN2 * K4_GAUSS) / (2 * cBest);
  const dA6 = (9 * LN2 * K4_GAUSS) / (2 * cAbs);
  const dA6Int = Math.ceil(dA6 - 1e-12);
  let dExact = dom.dMax + 1;
  for (let d = dom.dMax; d >= 1 && eq44Probability(d) <= eq44Target; d--) dExact = d;
  const chain = (c: number): { fails: number; first: number } => {
    let fails = 0;
    let first = 0;
    for (let d = 1; d <= dom.dMax; d++) {
      if (eq44Probability(d) > 2 * Math.exp((-4 * c * d) / (9 * K4_GAUSS))) {
        fails++;
        if (!first) first = d;
      }
    }
    return { fails, first };
  };
  const printedAbs = chain(cAbs);
  const printedGauss = chain(cBest);
  let correctedFails = 0;
  let cPrinted = Infinity;
  const eq44: Record<string, number | string>[] = [];
  for (let d = 1; d <= dom.dMax; d++) {
    const p = eq44Probability(d);
    const corrected = 2 * Math.exp((-cBest * d) / (9 * K4_GAUSS));
    if (p > corrected * (1 + 1e-12)) correctedFails++;
    cPrinted = Math.min(cPrinted, (-Math.log(p / 2) * 9 * K4_GAUSS) / (4 * d));
    if ([1, 2, 3, 5, 7, 10, 12, 13, 16, 17, 25, 50, 100, 1000].includes(d))
      eq44.push({
        d,
        exactP: p,
        printedBoundAbsoluteC: 2 * Math.exp((-4 * cAbs * d) / (9 * K4_GAUSS)),
        printedBoundGaussianC: 2 * Math.exp((-4 * cBest * d) / (9 * K4_GAUSS)),
        tSqrtDOver3BoundGaussianC: corrected,
        A6metAbsoluteC: d >= dA6 ? 'yes' : 'no',
      });
  }
  const dCorrected = (18 * LN2 * K4_GAUSS) / cAbs;

  const numericsOk = chi2Check < 1e-9;
  const positive = cGrid > 0 && Number.isFinite(cGrid);
  const verdict = !numericsOk ? 'inconclusive' : positive ? 'holds' : 'fails';
  const admissibleAtLimit = gridViolations === 0 && !main.counterexample;
  const summary = !numericsOk
    ? `inconclusive: chi-square tails disagree with stdlib by ${fmt(chi2Check)}`
    : `holds for Gaussian coordinates with c = ${fmt(cBest)}: inf of -log(P/2)/t^2 over ${gridCases} grid and ${main.cases} searched (n, t) is ${fmt(RminAll)} (${RminAt}), ${admissibleAtLimit ? '>= 1/2, so c = K^4/2 = 32/9 is admissible everywhere tested' : `below 1/2 (${firstViolation || main.counterexample?.message})`}; the ratio -> 1/2 as t -> infinity (${fmt(farR)} at t = ${fmt(farT)}), so no c > 32/9 works: bounded away from 0. ` +
      `As an absolute constant c <= ${fmt(cAbs)} (binding law: ${bindingLaw}). A6 (d >= 9 ln 2 K^4/(2c), Gaussian K) then needs d >= ${fmt(dA6)} (d >= ${dA6Int}; ${fmt(dA6Gauss)} with the Gaussian-only c); Eq. (44)'s conclusion P <= 1/2 holds exactly from d = ${dExact}. ` +
      `Eq. (44)'s printed exponent 4cd/(9K^4) is that of t = 2 sqrt(d)/3, not sqrt(d)/3: it lies below the exact probability for ${printedGauss.fails} of d = 1..${dom.dMax} with c = 32/9 (first d = ${printedGauss.first || '-'}) and for ${printedAbs.fails} with c = ${fmt(cAbs)} (valid for c <= ${fmt(cPrinted)}); with t = sqrt(d)/3 the bound 2 exp(-cd/(9K^4)) <= 1/2 needs d >= ${fmt(dCorrected)}`;
  return {
    verdict,
    summary,
    evidence: {
      gaussianGridCases: gridCases,
      gaussianViolationsAtCEquals32Over9: gridViolations,
      gaussianFirstViolation: firstViolation || 'none',
      gaussianSearchCases: main.cases,
      gaussianSearchCounterexample: main.counterexample?.message ?? 'none',
      gaussianSearchClosest: main.closest?.message ?? '-',
      gaussianInfRatioGrid: Rmin,
      gaussianInfRatioGridAt: RminAt,
      gaussianInfRatioAll: RminAll,
      gaussianRatioFarTail: farR,
      gaussianRatioFarTailT: farT,
      K4Gaussian: K4_GAUSS,
      cGrid,
      cLimitKFourthOverTwo: cLimit,
      cBestGaussian: cBest,
      cBoundedAwayFromZero: positive && RminAll >= 0.5 - 1e-9,
      cAbsoluteUpperOverLaws: cAbs,
      cBindingLaw: bindingLaw,
      a6RequiredDAbsoluteC: dA6,
      a6SmallestIntegerDAbsoluteC: dA6Int,
      a6RequiredDGaussianC: dA6Gauss,
      eq44HoldsExactlyFromD: dExact,
      eq44ProbabilityAtA6D: eq44Probability(dA6Int),
      eq44PrintedExponentFailsForDGaussianC: printedGauss.fails,
      eq44PrintedExponentFirstFailingDGaussianC: printedGauss.first,
      eq44PrintedExponentFailsForDAbsoluteC: printedAbs.fails,
      eq44PrintedExponentLargestValidC: cPrinted,
      eq44WithTSqrtDOver3FailsForD: correctedFails,
      eq44WithTSqrtDOver3RequiredDAbsoluteC: dCorrected,
      chi2TailVsStdlibMaxRelDiff: chi2Check,
      eq44Reading:
        'Eq. (44) bounds P(| ||x_i|| - sqrt d | >= sqrt(d)/3) by 2 exp(-4cd/(9K^4)); Lemma B.5 at t = sqrt(d)/3 gives 2 exp(-cd/(9K^4)) (the printed exponent is that of t = 2 sqrt(d)/3). A6 is exactly what makes the printed bound <= 1/2',
      otherUses:
        'Eq. (17)-(19): t = m^{1/12}/8 (claim lemma-c1.eq18-19); Eq. (25): |a_i(0)| >= m^{-1/8} with n = 1; Eq. (45) is printed garbled (| ||w_i(0)|| - sqrt(2 log m) >= t | with exponent c log m / k^4) and is not checked here',
    },
    hypotheses: [
      { id: 'sub-gaussian, E X_i^2 = 1', status: 'met', detail: 'Gaussian, three-point and Rademacher coordinates, all with E X_i^2 = 1' },
      { id: 'K = max ||X_i||_psi2', status: 'met', detail: `K^4 = 64/9 (Gaussian), 1/(q log(1 + 1/q))^2 (three-point), 1/(ln 2)^2 (Rademacher)` },
      { id: 'c absolute', status: 'unevaluable', detail: `unspecified; the largest value the tested laws allow is ${fmt(cAbs)} (${bindingLaw})` },
    ],
    cases: gridCases + main.cases,
    ...(main.counterexample ? { counterexample: main.counterexample } : {}),
    tables: { gaussianByN: perN, laws, eq44 },
  };
});
