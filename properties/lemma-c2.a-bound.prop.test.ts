import fc from 'fast-check';
import record from '../theorems/lemma-c2.a-bound.js';
import { binomialPUpper, clopperPearsonLower, clopperPearsonUpper } from '../src/stats/binomial.js';
import { linearFit, type LinearFit } from '../src/stats/regression.js';
import { claimTest } from '../src/verdict/claimTest.js';
import type { SearchOutcome } from '../src/verdict/search.js';
import type { Exploration, Verdict } from '../src/verdict/types.js';
import { divergedRuns, gridHypotheses, maxOfList, median, runGrid, tauOverT0, type LazyCell } from './support/appendixCGrid.js';
import { fmt, runLazyWindow, T0, type LazyConfig } from './support/appendixCRuns.js';
import { logAnyOfM, logNormalTwoSided, logNormalUpper } from './support/appendixCTails.js';

const C_CONST = record.thresholds.c!.value;
const PROOF_C_PER_D = record.thresholds.proofConstant!.value;
const BOUND = record.thresholds.bound!.value;
const EXPLORE = record.thresholds.exploreFactor!.value;

/** Exact at t = 0: ln Pr[some a_i(0) > m^(-1/4)] (printed) or ln Pr[some |a_i(0)| > m^(-1/4)] (event C_0), a_i(0) ~ N(0, 1/m) iid. */
function logQ0(m: number, twoSided: boolean): number {
  const z = Math.pow(m, 0.25);
  const lp = twoSided ? logNormalTwoSided(z) : logNormalUpper(z);
  return logAnyOfM(m, lp, Math.log1p(-Math.exp(lp))).logFail;
}

/** The smallest integer width from which the exact t = 0 failure probability stays <= c/m (scanned up to 10^5). */
function t0Width(twoSided: boolean, c: number): number {
  let last = 1;
  for (let m = 1; m <= 100_000; m++) if (logQ0(m, twoSided) > Math.log(c / m)) last = m + 1;
  return last;
}

interface CellTest {
  cell: LazyCell;
  n: number;
  k: number;
  kAbs: number;
  pValue: number;
  reject: boolean;
  pValueAbs: number;
  rejectAbs: boolean;
  pValueProof: number;
  rejectProof: boolean;
  cpLower: number;
  cpUpper: number;
  cNeeded: number;
  q0: number;
  q0Abs: number;
}

claimTest(record, (ctx) => {
  const dom = ctx.domain;
  const cells = runGrid(dom, (g, m, rep) => ctx.runSeed('grid', g, m, rep));
  const runs = cells.flatMap((c) => c.runs);

  // ------------------------------------------------------------ per width: failures vs c/m
  const tests: CellTest[] = cells.map((cell) => {
    const m = cell.cfg.m;
    const n = cell.runs.length;
    const k = cell.runs.filter((r) => r.maxA > BOUND).length;
    const kAbs = cell.runs.filter((r) => r.maxAbsA > BOUND).length;
    const p0 = Math.min(1, C_CONST / m);
    const pProof = Math.min(1, (PROOF_C_PER_D * cell.cfg.d) / m);
    const pValue = binomialPUpper(k, n, p0);
    const pValueAbs = binomialPUpper(kAbs, n, p0);
    const pValueProof = binomialPUpper(k, n, pProof);
    const cpLower = clopperPearsonLower(k, n, ctx.alpha);
    return {
      cell,
      n,
      k,
      kAbs,
      pValue,
      reject: pValue < ctx.alpha,
      pValueAbs,
      rejectAbs: pValueAbs < ctx.alpha,
      pValueProof,
      rejectProof: pValueProof < ctx.alpha,
      cpLower,
      cpUpper: clopperPearsonUpper(k, n, ctx.alpha),
      cNeeded: m * cpLower,
      q0: Math.exp(logQ0(m, false)),
      q0Abs: Math.exp(logQ0(m, true)),
    };
  });
  const rejected = tests.filter((t) => t.reject);
  const cNeeded = maxOfList(tests.map((t) => t.cNeeded));
  const verdict: Verdict = rejected.length > 0 ? 'fails' : 'holds';

  // ------------------------------------------------------------ trend in m: the largest a_i(t) m^(1/4) of a run
  const trend: { group: string; fit: LinearFit }[] = [];
  for (const spec of dom.groups) {
    if (!spec.fit) continue;
    const cs = cells.filter((c) => c.spec === spec);
    const xs: number[] = [];
    const ys: number[] = [];
    for (const c of cs) for (const r of c.runs) if (r.maxA > 0) (xs.push(Math.log(c.cfg.m)), ys.push(Math.log(r.maxA)));
    if (new Set(xs).size >= 2 && xs.length >= 3) trend.push({ group: spec.group, fit: linearFit(xs, ys, ctx.alpha) });
  }

  // ------------------------------------------------------------ exact pieces of the proof at t = 0 and the Azuma step
  const paperM = 1000;
  const d = (cells[0] as LazyCell).cfg.d;
  const sigma = (cells[0] as LazyCell).cfg.sigma;
  const w1 = t0Width(false, C_CONST);
  const w2 = t0Width(true, C_CONST);
  const wProof = t0Width(true, PROOF_C_PER_D * d);
  const eq25 = (m: number): number => logNormalTwoSided(Math.pow(m, 3 / 8)) / Math.LN10;
  const eq25Quarter = (m: number): number => logNormalTwoSided(Math.pow(m, 1 / 4)) / Math.LN10;
  const azumaExponent = (m: number): number => 1 / (16 * d * sigma * sigma * Math.pow(m, 1 / 6) * Math.log(m));

  // ------------------------------------------------------------ explorations
  const ex = dom.explore;
  const baseCfg = (m: number, over: Partial<LazyConfig> = {}): LazyConfig => ({ group: 'explore', engine: 'full', m, d: 20, n: 200, eta: ex.etaTimesM / m, sigma: 4, thetaScale: 1, K: 0, budget: 200_000, ...over });
  const reps = [0, 1, 2];
  const explorations: Exploration[] = [];
  const report = (name: string, violation: string, out: SearchOutcome<unknown>): void => {
    const e: Exploration = {
      hypothesis: name,
      violation,
      found: out.counterexample !== undefined,
      note: out.counterexample
        ? `max_i |a_i(t)| m^(1/4) > ${EXPLORE}: ${out.counterexample.message}`
        : `${out.cases} cases, none with max_i |a_i(t)| m^(1/4) > ${EXPLORE}; closest: ${out.closest?.message ?? '-'}`,
    };
    if (out.counterexample) e.counterexample = out.counterexample;
    explorations.push(e);
  };
  const lazy = ctx.search({
    name: 'lazy-premise',
    arbitrary: fc.record({ m: fc.constantFrom(...ex.ms), rep: fc.constantFrom(...reps) }),
    check: (c) => {
      const cfg = baseCfg(c.m);
      const r = runLazyWindow(cfg, { seed: ctx.runSeed('lazy-premise', c.m, c.rep), pastFactor: ex.pastFactor });
      const past = r.pastAbsA.slice(1);
      const worst = Math.max(r.maxAbsA, ...past, 0);
      return {
        violated: worst > EXPLORE,
        margin: EXPLORE - worst,
        message: `m=${c.m}, eta=${fmt(cfg.eta)}: max_i |a_i| m^(1/4) in the lazy window [0, ${r.tau ?? r.steps}) ${fmt(r.maxAbsA)}; at tau, 2 tau, 4 tau, ... (up to ${ex.pastFactor} tau): ${r.pastAbsA.map(fmt).join(', ')}; drift max_i ||w_i - w_i(0)|| sqrt(m) there: ${r.pastDrift.map(fmt).join(', ')} (T0 = ${fmt(T0(c.m, cfg.eta))})`,
      };
    },
    numRuns: ex.numRuns,
  });
  report('lazy-premise', `runs continued past the lazy exit tau to ${ex.pastFactor} tau (premise "lazy within T0" broken), eta = ${ex.etaTimesM}/m; searched: |a_i(t)| > ${EXPLORE} m^(-1/4)`, lazy);
  const a4 = ctx.search({
    name: 'A4',
    arbitrary: fc.record({ m: fc.constantFrom(...ex.ms), scale: fc.constantFrom(...ex.a4Scales), rep: fc.constantFrom(...reps) }),
    check: (c) => {
      const r = runLazyWindow(baseCfg(c.m, { thetaScale: c.scale }), { seed: ctx.runSeed('A4', c.m, c.scale, c.rep) });
      return {
        violated: r.maxAbsA > EXPLORE,
        margin: EXPLORE - r.maxAbsA,
        message: `m=${c.m}, ||theta*|| = ${c.scale} m^(-1/4) = ${fmt(c.scale * Math.pow(c.m, -0.25))}: max_i a_i(t) m^(1/4) over the lazy window [0, ${r.tau ?? r.steps}) = ${fmt(r.maxA)}, max_i |a_i(t)| m^(1/4) = ${fmt(r.maxAbsA)} (at t = 0: ${fmt(r.maxAbsA0)}), ${r.absExceededNeurons} neurons with |a_i| above m^(-1/4)`,
      };
    },
    numRuns: ex.numRuns,
  });
  report('A4', `||theta*|| = scale m^(-1/4), scale in {${ex.a4Scales.join(', ')}} (A4 asks <= 1; the proof uses ||theta*|| <= m^(-1/3)); searched: |a_i(t)| > ${EXPLORE} m^(-1/4) inside the lazy window`, a4);

  // ------------------------------------------------------------ summary
  const tauRatios = cells.flatMap(tauOverT0);
  const cellName = (t: CellTest): string => `${t.cell.cfg.group} m=${t.cell.cfg.m}`;
  const rejLine = rejected.map((t) => `${cellName(t)}: ${t.k}/${t.n} (1/m = ${fmt(1 / t.cell.cfg.m)}, p = ${fmt(t.pValue)})`).join('; ');
  const trendLine = trend
    .map((t) => `${t.group}: log-log slope of max_i a_i(t) m^(1/4) in m ${t.fit.slope.toFixed(3)} [${t.fit.slopeCI[0].toFixed(3)}, ${t.fit.slopeCI[1].toFixed(3)}]${t.fit.slopeCI[1] < 0 ? ' (decreasing)' : ' (interval includes 0)'}`)
    .join('; ');
  const fullTests = tests.filter((t) => t.cell.cfg.engine === 'full');
  const fractions = fullTests.map((t) => `${t.cell.cfg.group} m=${t.cell.cfg.m}: ${t.k}/${t.n}`).join(', ');
  const largest = tests.filter((t) => t.cell.cfg.engine === 'full').sort((a, b) => b.cell.cfg.m - a.cell.cfg.m)[0];
  const proofRejected = tests.filter((t) => t.rejectProof);
  const summary =
    verdict === 'fails'
      ? `Inside the lazy window some a_i(t) exceeds m^(-1/4) far more often than 1/m: ${rejLine} (exact binomial, alpha = ${fmt(ctx.alpha)}); the data need a constant c >= ${fmt(cNeeded)} in 1 - c/m${proofRejected.length > 0 ? `, beyond even the proof's own 4d = ${PROOF_C_PER_D * d} at ${proofRejected.map(cellName).join(', ')}` : ''}. ` +
        `Exactly at t = 0, Pr[some a_i(0) > m^(-1/4)] > 1/m for m < ${w1} (two-sided, event C_0: m < ${w2}). Failure fractions ${fractions}; ${trendLine}; largest full width ${largest ? `${cellName(largest)}: ${largest.k}/${largest.n}` : '-'}: the exceedances become rarer at the largest widths, so 1 - c/m with a larger c may hold asymptotically, which the runs cannot decide. The premise never holds: tau/T0 = ${fmt(median(tauRatios))} (median).`
      : `No width rejects failure probability <= 1/m (${tests.map((t) => `${cellName(t)}: ${t.k}/${t.n}`).join(', ')}); ${trendLine}`;

  return {
    verdict,
    summary,
    evidence: {
      statementAsPrinted: '(ii) a_i(t) <= m^(-1/4) without absolute value; the proof works with |a_i(t)| <= m^(-1/4) (event C_t); both are measured, the printed one decides',
      runs: runs.length,
      widthsRejected: rejected.length,
      widthsTested: tests.length,
      rejectedCells: rejLine || 'none',
      smallestConstantC: cNeeded,
      widthsRejectedAbs: tests.filter((t) => t.rejectAbs).length,
      widthsRejectedAtProofConstant4d: proofRejected.length,
      proofConstant4d: PROOF_C_PER_D * d,
      failureFractionPerCell: tests.map((t) => t.k / t.n),
      mTimesFailureFraction: tests.map((t) => (t.cell.cfg.m * t.k) / t.n),
      cells: tests.map(cellName),
      trend: trendLine || 'none',
      exactT0: `Pr[some a_i(0) > m^(-1/4)] = 1 - (1 - Phi(-m^(1/4)))^m exactly: ${[64, 128, 256, 512, 1000, 4096].map((m) => `m=${m}: ${fmt(Math.exp(logQ0(m, false)))} (1/m = ${fmt(1 / m)})`).join(', ')}; <= 1/m from m = ${w1} on (two-sided, event C_0: from m = ${w2}; below the proof's own 4d/m ${wProof <= 1 ? 'at every width' : `from m = ${wProof}`})`,
      exactT0WidthPrinted: w1,
      exactT0WidthAbs: w2,
      exactT0WidthProofConstant: wProof,
      eq25: `Eq. (25) bounds Pr[|a_i(0)| >= m^(-1/8)] = P(|N(0,1)| >= m^(3/8)) (exactly 1e${eq25(paperM).toFixed(1)} at m = ${paperM}), but event C_0 needs |a_i(0)| <= m^(-1/4): Pr[|a_i(0)| >= m^(-1/4)] = P(|N| >= m^(1/4)) = 1e${eq25Quarter(paperM).toFixed(2)} at m = ${paperM}, times m = ${fmt(paperM * 10 ** eq25Quarter(paperM))}`,
      proofC0: `the proof concludes Pr[C_0] >= 1 - 4d/m: vacuous for m <= 4d = ${4 * d}; the exact Pr[not C_0] is below 4d/m ${wProof <= 1 ? 'at every width' : `from m = ${wProof}`}`,
      azumaAtT0: `Eqs. (29)-(30) at t + 1 = T0 = log m/(eta^2 sqrt m) (constant 1) with lambda = m^(-1/4)/2: exponent lambda^2 / (T0 4 eta^2 (C_data g m^(1/12))^2) = 1/(16 C_data^2 g^2 m^(1/6) log m) <= 1/(16 d sigma^2 m^(1/6) log m) (C_data >= ~sqrt(d), g >= sigma): ${fmt(azumaExponent(paperM))} at m = ${paperM}, so the bound is >= exp(-${fmt(azumaExponent(paperM))}) ~ 1: vacuous at T0 (it needs t << T0)`,
      tauOverT0Median: median(tauRatios),
      divergedRuns: divergedRuns(cells).join('; ') || 'none',
      alpha: ctx.alpha,
    },
    hypotheses: gridHypotheses(cells),
    cases: runs.length + lazy.cases + a4.cases,
    explorations,
    tables: {
      configurations: tests.map((t) => {
        const c = t.cell;
        return {
          group: c.cfg.group,
          engine: c.cfg.engine === 'full' ? 'full (all neurons)' : `reduced (K=${c.cfg.K} tracked: a sub-event)`,
          m: c.cfg.m,
          eta: c.cfg.eta,
          etaM: c.cfg.eta * c.cfg.m,
          runs: t.n,
          tauMedian: median(c.runs.map((r) => r.window)),
          T0: T0(c.cfg.m, c.cfg.eta),
          failures: t.k,
          failuresAbs: t.kAbs,
          oneOverM: 1 / c.cfg.m,
          cpLower: t.cpLower,
          cpUpper: t.cpUpper,
          pValue: t.pValue,
          rejectsC1: t.reject ? 'yes' : 'no',
          rejectsC4d: t.rejectProof ? 'yes' : 'no',
          cNeeded: t.cNeeded,
          exactT0Failure: t.q0,
          exactT0FailureAbs: t.q0Abs,
          maxARatioMedian: median(c.runs.map((r) => r.maxA)),
          maxARatioMax: maxOfList(c.runs.map((r) => r.maxA)),
          maxAbsARatioMedian: median(c.runs.map((r) => r.maxAbsA)),
          maxA0RatioMedian: median(c.runs.map((r) => r.maxA0)),
        };
      }),
    },
  };
});
