import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import record, { type InitSimConfig } from '../theorems/lemma-c1.init-norms.js';
import { makeDataset, maxInputNorm } from '../src/engine/data.js';
import { rows } from '../src/engine/matrix.js';
import { initNTK } from '../src/engine/network.js';
import { clopperPearson } from '../src/stats/binomial.js';
import { evaluateCondition1, REACHABLE_WIDTH, type HypothesisCheck } from '../src/theory/condition1.js';
import { footnote3C } from '../src/theory/constants.js';
import { claimTest } from '../src/verdict/claimTest.js';
import type { Verdict } from '../src/verdict/types.js';
import { logAnyOfM, logChiSquareCdf, logChiSquareSf, LN10 } from './support/appendixCTails.js';

const C_CONST = record.thresholds.c!.value;
const ALLOWED_DISAGREEMENTS = record.thresholds.simulation!.value;

const fmt = (x: number): string => (x === 0 ? '0' : Math.abs(x) >= 1e4 || Math.abs(x) < 1e-3 ? x.toExponential(3) : x.toPrecision(4));
const fmtLog10 = (l10: number): string => (Math.abs(l10) < 4 ? fmt(10 ** l10) : `1e${l10.toFixed(1)}`);

/** Everything exact about B0 at one (m, d), in natural logs (finite at any m). */
interface Exact {
  /** ln Pr[B0] */
  logB0: number;
  /** ln q, q = 1 - Pr[B0] */
  logQ: number;
  /** ln(m q) */
  logMQ: number;
  /** ln P(||w_i(0)|| > m^(1/12)/4), one neuron */
  logP1: number;
}

function exactAt(logM: number, d: number): Exact {
  const m = Math.exp(logM);
  const x = (d * Math.exp(logM / 6)) / 16; // d r^2, r = m^(1/12)/4
  const logP1 = logChiSquareSf(x, d);
  const logF = logChiSquareCdf(x, d);
  const { logFail, logAll } = logAnyOfM(m, logP1, logF);
  return { logB0: logAll, logQ: logFail, logMQ: logM + logFail, logP1 };
}

/** Bisection in ln m for a sign change of g between a and b (g(a), g(b) of opposite signs). */
function bisect(g: (logM: number) => number, a: number, b: number): number {
  let ga = g(a);
  for (let i = 0; i < 80; i++) {
    const c = (a + b) / 2;
    const gc = g(c);
    if (gc === 0) return c;
    if (Math.sign(gc) === Math.sign(ga)) {
      a = c;
      ga = gc;
    } else b = c;
  }
  return (a + b) / 2;
}

interface PerD {
  d: number;
  /** log10 m*(d): from here on m q(m) <= c (bisected); null when the grid never gets there */
  log10MStar: number | null;
  /** m q(m) non-increasing at every grid step beyond m*(d) */
  decreasingBeyond: boolean;
  /** log10 of max over the grid of m q(m): the smallest constant c with Pr[B0] >= 1 - c/m at every grid width */
  log10CNeeded: number;
  log10MAtCNeeded: number;
  /** log10 of the width where Pr[B0] reaches 1/2 (last crossing) */
  log10MHalf: number | null;
  /** log10 of the width up to which Pr[B0] <= 1% (~0): its last crossing of 0.01 */
  log10MZero: number | null;
  /** log10 Pr[B0] at the paper's m */
  log10B0Paper: number;
  /** log10 Pr[B0] at m = 4^12, where the radius reaches 1 */
  log10B0RadiusOne: number;
  /** log10 (m q) at the end of the grid */
  log10MQEnd: number;
  /** the width from which Eq. (18) implies Eq. (19): m^(1/12) (1/4 - 1/(8 sqrt d)) >= 1 */
  log10M1819: number;
  /** A1 with footnote 3's constant: m >= C(d) at least (at any eta); log10 C(d) */
  log10C: number;
  /** A1 at the paper's eta (long version): m >= C max((ln 1/eta)^6, 1/sqrt(eta)) */
  log10A1Paper: number;
}

function analyseD(d: number, grid: number[], paperM: number, log10C: number, log10A1Paper: number): PerD {
  const cLog = Math.log(C_CONST);
  const ex = grid.map((l10) => exactAt(l10 * LN10, d));
  // the first grid index from which m q <= c at every later grid point
  let first = -1;
  for (let i = ex.length - 1; i >= 0; i--) {
    if ((ex[i] as Exact).logMQ <= cLog) first = i;
    else break;
  }
  let log10MStar: number | null = null;
  let decreasingBeyond = false;
  if (first >= 0) {
    log10MStar = first === 0 ? (grid[0] as number) : bisect((lm) => exactAt(lm, d).logMQ - cLog, (grid[first - 1] as number) * LN10, (grid[first] as number) * LN10) / LN10;
    decreasingBeyond = true;
    for (let i = first; i + 1 < ex.length; i++) {
      const a = (ex[i] as Exact).logMQ;
      const b = (ex[i + 1] as Exact).logMQ;
      if (b > a + 1e-9 * Math.max(1, Math.abs(a))) decreasingBeyond = false;
    }
  }
  let iMax = 0;
  ex.forEach((e, i) => {
    if (e.logMQ > (ex[iMax] as Exact).logMQ) iMax = i;
  });
  // the last crossing of Pr[B0] = level
  const lastCrossing = (level: number): number | null => {
    for (let i = ex.length - 1; i > 0; i--) {
      const hi = (ex[i] as Exact).logB0 - Math.log(level);
      const lo = (ex[i - 1] as Exact).logB0 - Math.log(level);
      if (hi >= 0 && lo < 0) return bisect((lm) => exactAt(lm, d).logB0 - Math.log(level), (grid[i - 1] as number) * LN10, (grid[i] as number) * LN10) / LN10;
    }
    return null;
  };
  const log10MHalf = lastCrossing(0.5);
  const log10MZero = lastCrossing(0.01);
  const k = 1 / 4 - 1 / (8 * Math.sqrt(d));
  return {
    d,
    log10MStar,
    decreasingBeyond,
    log10CNeeded: (ex[iMax] as Exact).logMQ / LN10,
    log10MAtCNeeded: grid[iMax] as number,
    log10MHalf,
    log10MZero,
    log10B0Paper: exactAt(Math.log(paperM), d).logB0 / LN10,
    log10B0RadiusOne: exactAt(12 * Math.log(4), d).logB0 / LN10,
    log10MQEnd: (ex[ex.length - 1] as Exact).logMQ / LN10,
    log10M1819: 12 * Math.log10(1 / k),
    log10C,
    log10A1Paper,
  };
}

interface SimRow {
  kind: 'B0' | 'neuron';
  cfg: InitSimConfig;
  k: number;
  n: number;
  exact: number;
  lo: number;
  hi: number;
  agrees: boolean;
}

/** NTK initializations at (m, d): counts of B0 and of the one-neuron event. */
function simulate(cfg: InitSimConfig, seedOf: (s: number) => string): { b0: number; inside: number; neurons: number } {
  const r2 = (Math.pow(cfg.m, 1 / 6) / 16) as number;
  let b0 = 0;
  let inside = 0;
  for (let s = 0; s < cfg.seeds; s++) {
    const st = initNTK(cfg.m, cfg.d, seedOf(s));
    let all = true;
    for (const w of rows(st.W)) {
      let q = 0;
      for (let k = 0; k < cfg.d; k++) q += (w[k] as number) ** 2;
      if (q <= r2) inside++;
      else all = false;
    }
    if (all) b0++;
  }
  return { b0, inside, neurons: cfg.seeds * cfg.m };
}

claimTest(record, (ctx) => {
  const dom = ctx.domain;
  const [g0, g1, gs] = dom.log10M;
  const grid: number[] = [];
  for (let i = 0; g0 + i * gs <= g1 + 1e-9; i++) grid.push(Number((g0 + i * gs).toFixed(6)));
  const P = dom.paper;

  // ------------------------------------------------------------ the exact formula, per d
  const a1Checks = new Map<number, HypothesisCheck[]>();
  const perD = dom.ds.map((d) => {
    const data = makeDataset({ n: P.n, d, nTest: 0, thetaStarNorm: Math.pow(P.m, -0.25) }, ctx.runSeed('data', d));
    const cData = maxInputNorm(data.X);
    const checks = evaluateCondition1({ m: P.m, d, n: P.n, eta: P.eta, sigma: P.sigma, thetaStarNorm: Math.pow(P.m, -0.25), maxXNorm: cData });
    a1Checks.set(d, checks);
    const a1Long = checks.find((h) => h.id === 'A1-long') as HypothesisCheck;
    const log10A1 = Math.log10(P.m) - (a1Long.log10Margin as number);
    return analyseD(d, grid, P.m, footnote3C(d, P.sigma, cData).log10C, log10A1);
  });

  // ------------------------------------------------------------ simulation vs the exact formula
  // one test of the family ("the engine's inits follow the exact law"), Bonferroni-split over its intervals
  const simRows: SimRow[] = [];
  const intervalAlpha = ctx.alpha / (dom.b0Sim.length + dom.neuronSim.length);
  const addRow = (kind: SimRow['kind'], cfg: InitSimConfig, k: number, n: number, exact: number): void => {
    const { lo, hi } = clopperPearson(k, n, intervalAlpha);
    simRows.push({ kind, cfg, k, n, exact, lo, hi, agrees: exact >= lo && exact <= hi });
  };
  for (const cfg of dom.b0Sim) {
    const s = simulate(cfg, (i) => ctx.runSeed('init', cfg.m, cfg.d, i));
    addRow('B0', cfg, s.b0, cfg.seeds, Math.exp(exactAt(Math.log(cfg.m), cfg.d).logB0));
  }
  for (const cfg of dom.neuronSim) {
    const s = simulate(cfg, (i) => ctx.runSeed('init', cfg.m, cfg.d, i));
    addRow('neuron', cfg, s.inside, s.neurons, chisquareCdf((cfg.d * Math.pow(cfg.m, 1 / 6)) / 16, cfg.d));
  }
  const disagreements = simRows.filter((r) => !r.agrees).length;

  // ------------------------------------------------------------ verdict
  const notReached = perD.filter((p) => p.log10MStar === null).map((p) => p.d);
  const notDecreasing = perD.filter((p) => p.log10MStar !== null && !p.decreasingBeyond).map((p) => p.d);
  let verdict: Verdict;
  if (disagreements > ALLOWED_DISAGREEMENTS) verdict = 'inconclusive';
  else if (notDecreasing.length > 0) verdict = 'fails';
  else if (notReached.length > 0) verdict = 'inconclusive';
  else verdict = 'holds';

  const pd = perD.find((p) => p.d === P.d) ?? (perD[0] as PerD);
  const mStars = perD.map((p) => `d=${p.d}: ${p.log10MStar === null ? 'beyond the grid' : `1e${p.log10MStar.toFixed(2)}`}`).join(', ');
  const a1Covers = perD.filter((p) => p.log10MStar !== null && p.log10C >= p.log10MStar).map((p) => p.d);
  const a1Short = perD.filter((p) => p.log10MStar !== null && p.log10C < p.log10MStar).map((p) => p.d);
  const simLine = `${simRows.length - disagreements}/${simRows.length} simulated frequencies (NTK inits) have the exact probability inside their two-sided Clopper-Pearson interval at alpha = ${fmt(ctx.alpha)} / ${simRows.length} each`;
  const summary =
    verdict === 'holds'
      ? `Pr[B0] = F_d(d m^(1/6)/16)^m exactly; m (1 - Pr[B0]) falls below 1 from m*(d) on and keeps decreasing to 10^${pd.log10MQEnd.toFixed(0)} at m = 1e${g1} (d = ${P.d}), so 1 - O(1/m) holds asymptotically: m* = ${mStars}. ` +
        `At every reachable width it is vacuous: Pr[B0] ~ 0 (log10 Pr[B0] = ${pd.log10B0Paper.toFixed(0)} at the paper's m = ${P.m}, d = ${P.d}; ${pd.log10B0RadiusOne.toFixed(0)} at m = 4^12 where the radius m^(1/12)/4 reaches 1), so O(1/m) needs a constant c >= max_m m q(m) = 1e${pd.log10CNeeded.toFixed(1)} (d = ${P.d}), i.e. 1 - c/m <= 0 up to m ~ c. ` +
        `Eq. (18) -> (19) is true only from m = 1e${pd.log10M1819.toFixed(2)} (d = ${P.d}; 8^12 = 6.9e10 at d = 1). ${simLine}.`
      : verdict === 'fails'
        ? `m q(m) increases again beyond m* for d = ${notDecreasing.join(', ')}: not 1 - O(1/m). m* = ${mStars}. ${simLine}.`
        : disagreements > ALLOWED_DISAGREEMENTS
          ? `the engine's NTK inits disagree with the exact formula in ${disagreements} of ${simRows.length} checks (${simRows
              .filter((r) => !r.agrees)
              .map((r) => `${r.kind} m=${r.cfg.m} d=${r.cfg.d}: ${r.k}/${r.n} vs exact ${fmt(r.exact)}`)
              .join('; ')}); m* = ${mStars}`
          : `m q(m) <= 1 is not reached on the grid (up to m = 1e${g1}) for d = ${notReached.join(', ')}; m* = ${mStars}`;

  const hypA1 = a1Checks.get(P.d) ?? [];
  const a1 = hypA1.find((h) => h.id === 'A1');
  const a1l = hypA1.find((h) => h.id === 'A1-long');
  return {
    verdict,
    summary,
    evidence: {
      exactFormula: 'Pr[B0] = F_d(d m^(1/6) / 16)^m, F_d the chi-square_d CDF (d ||w_i(0)||^2 ~ chi-square_d under Eq. (5), iid over i); q(m) = 1 - Pr[B0]',
      paperM: P.m,
      paperD: P.d,
      log10PrB0AtPaper: pd.log10B0Paper,
      prB0AtPaper: `10^${pd.log10B0Paper.toFixed(1)} (Pr[B0] at m = ${P.m}, d = ${P.d}: every one of the ${P.m} neurons would need ||w_i(0)|| <= ${fmt(Math.pow(P.m, 1 / 12) / 4)}, each with probability ${fmt(chisquareCdf((P.d * Math.pow(P.m, 1 / 6)) / 16, P.d))})`,
      log10MStarPerD: perD.map((p) => (p.log10MStar === null ? 'beyond the grid' : p.log10MStar.toFixed(3))),
      ds: perD.map((p) => p.d),
      mStar: mStars,
      log10MHalfPerD: perD.map((p) => (p.log10MHalf === null ? 'none' : p.log10MHalf.toFixed(3))),
      log10MStillZeroPerD: perD.map((p) => (p.log10MZero === null ? 'none' : p.log10MZero.toFixed(3))),
      stillZero: `Pr[B0] <= 1% up to m = ${perD.map((p) => `${p.log10MZero === null ? '-' : `1e${p.log10MZero.toFixed(2)}`} (d=${p.d})`).join(', ')}; Pr[B0] = 1/2 at m = ${perD.map((p) => `${p.log10MHalf === null ? '-' : `1e${p.log10MHalf.toFixed(2)}`} (d=${p.d})`).join(', ')}`,
      log10CNeededPerD: perD.map((p) => Number(p.log10CNeeded.toFixed(3))),
      log10MQAtGridEndPerD: perD.map((p) => Number(p.log10MQEnd.toFixed(1))),
      decreasingBeyondMStar: perD.every((p) => p.decreasingBeyond),
      radiusReachesOneAt: `m = 4^12 = ${fmt(4 ** 12)}; log10 Pr[B0] there = ${pd.log10B0RadiusOne.toFixed(1)} (d = ${P.d})`,
      reachableWidth: REACHABLE_WIDTH,
      reachability: `every m*(d) (${mStars}) lies beyond the widest network a run can hold (${fmt(REACHABLE_WIDTH)}): the bound binds only at astronomically large widths`,
      eq18to19: `Eq. (19) follows from Eq. (18) iff {||w|| >= m^(1/12)/4} is inside {||w|| - 1 >= m^(1/12)/(8 sqrt d)}, i.e. m^(1/12) (1/4 - 1/(8 sqrt d)) >= 1, m >= (8 sqrt(d)/(2 sqrt(d) - 1))^12: ${perD
        .map((p) => `d=${p.d}: m >= ${fmtLog10(p.log10M1819)}`)
        .join(', ')}. "Since 1 << m and d >= 1" is false at the paper's m = ${P.m} for every d (the step needs m >= 1.68e7 at least, 6.9e10 at d = 1).`,
      eq21UnderA1: `A1 with footnote 3's constant asks m >= C(d) at any eta (max((ln 1/eta)^6, 1/sqrt(eta)) >= 1 as eta -> 1); C(d) >= m*(d) (so the last inequality of Eq. (21) holds under A1 with c = 1) for d = ${a1Covers.join(', ') || 'none'}; C(d) < m*(d) for d = ${a1Short.join(', ') || 'none'}`,
      log10FootnoteCPerD: perD.map((p) => Number(p.log10C.toFixed(2))),
      log10A1WidthAtPaperEtaPerD: perD.map((p) => Number(p.log10A1Paper.toFixed(2))),
      simulationChecks: simRows.length,
      simulationDisagreements: disagreements,
      alpha: ctx.alpha,
      intervalAlpha,
    },
    hypotheses: [
      {
        id: 'A1',
        status: a1?.status ?? 'unevaluable',
        detail: `AAAI form at the paper's configuration: ${a1?.required ?? '-'}; ${a1?.actual ?? '-'}. The exact Pr[B0] does not depend on eta: the statement is evaluated at every m of the grid, i.e. under A1 for any eta with 1/sqrt(eta) <= m`,
      },
      {
        id: 'A1-long',
        status: a1l?.status ?? 'unevaluable',
        detail: `${a1l?.required ?? '-'} at d = ${P.d}, eta = ${P.eta}; the exact grid (up to m = 1e${g1}) covers it for every tested d (${perD.map((p) => `d=${p.d}: 1e${p.log10A1Paper.toFixed(1)}`).join(', ')})`,
      },
      { id: 'NTK-init', status: 'met', detail: 'Eq. (5): w_ij(0) ~ N(0, 1/d), exactly (formula) and by the engine\'s initNTK (simulation)' },
    ],
    cases: grid.length * dom.ds.length + simRows.length,
    tables: {
      perD: perD.map((p) => ({
        d: p.d,
        log10MStar: p.log10MStar === null ? 'beyond grid' : Number(p.log10MStar.toFixed(3)),
        mqDecreasingBeyond: p.decreasingBeyond ? 'yes' : 'no',
        log10CNeeded: Number(p.log10CNeeded.toFixed(2)),
        log10MAtPeak: p.log10MAtCNeeded,
        log10MStillZero: p.log10MZero === null ? 'none' : Number(p.log10MZero.toFixed(3)),
        log10MHalf: p.log10MHalf === null ? 'none' : Number(p.log10MHalf.toFixed(3)),
        log10PrB0AtPaperM: Number(p.log10B0Paper.toFixed(2)),
        log10PrB0At4pow12: Number(p.log10B0RadiusOne.toFixed(2)),
        log10MEq18to19: Number(p.log10M1819.toFixed(3)),
        log10FootnoteC: Number(p.log10C.toFixed(2)),
        log10A1WidthPaperEta: Number(p.log10A1Paper.toFixed(2)),
      })),
      grid: perD.flatMap((p) =>
        [0, 1, 2, Math.log10(P.m), 5, 12 * Math.log10(4), 10, 15, 20, 30, 45, 60]
          .filter((l) => l <= g1)
          .map((l) => {
            const e = exactAt(l * LN10, p.d);
            return {
              d: p.d,
              log10M: Number(l.toFixed(3)),
              radius: Number((Math.pow(10, l / 12) / 4).toPrecision(4)),
              log10P1: Number((e.logP1 / LN10).toFixed(3)),
              log10PrB0: Number((e.logB0 / LN10).toFixed(3)),
              log10Q: Number((e.logQ / LN10).toFixed(3)),
              log10MQ: Number((e.logMQ / LN10).toFixed(3)),
              boundWithC1: e.logMQ <= Math.log(C_CONST) ? 'holds' : 'violated',
            };
          }),
      ),
      simulation: simRows.map((r) => ({
        event: r.kind === 'B0' ? 'B0 (all neurons)' : 'one neuron',
        m: r.cfg.m,
        d: r.cfg.d,
        seeds: r.cfg.seeds,
        trials: r.n,
        hits: r.k,
        frequency: r.k / r.n,
        exact: r.exact,
        cpLow: r.lo,
        cpHigh: r.hi,
        agrees: r.agrees ? 'yes' : 'NO',
      })),
    },
  };
});
