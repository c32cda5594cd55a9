import fc from 'fast-check';
import record from '../theorems/lemma-c2.gradient-bound.js';
import { linearFit, type LinearFit } from '../src/stats/regression.js';
import { claimTest } from '../src/verdict/claimTest.js';
import type { CaseResult, SearchOutcome } from '../src/verdict/search.js';
import type { Exploration, Verdict } from '../src/verdict/types.js';
import { divergedRuns, gridHypotheses, maxOfList, median, runGrid, tauOverT0, type LazyCell } from './support/appendixCGrid.js';
import { fmt, runLazyWindow, T0, thetaStarNormOf, type LazyConfig, type LazyRun } from './support/appendixCRuns.js';
import { logChiSquareSf } from './support/appendixCTails.js';

const EXPONENT = record.thresholds.exponent!.value;
const TOL = record.thresholds.tolerance!.value;
const EXPLICIT = record.thresholds.explicitBound!.value;

/** The proof's explicit bound on |r_t| (display after Eq. (32)): 2 (||theta(0)|| + m^(1/4)) C_data + sigma. */
function explicitBound(r: LazyRun): number {
  return 2 * (r.theta0Norm + Math.pow(r.config.m, 0.25)) * r.maxXNorm + r.config.sigma;
}
const explicitRatio = (r: LazyRun, maxR = r.maxAbsR): number => maxR / explicitBound(r);

/**
 * Exact upper bound on Pr[||theta(0) - theta*|| > s]: theta(0) = W(0)^T a(0) has ||theta(0)||^2 = (chi2_m / m)(chi2_d / d)
 * (independent factors) under Eq. (5), so Pr[||theta(0)|| > s - ||theta*||] <= min_u P(chi2_m/m > u) + P(chi2_d/d > (s - ||theta*||)^2 / u).
 */
function theta0TailBound(m: number, d: number, s: number, thetaStar: number): number {
  const t = s - thetaStar;
  if (t <= 0) return 1;
  let best = 0; // log10 of the bound
  let first = true;
  for (let k = -40; k <= 80; k++) {
    const u = Math.exp(k / 8);
    const l1 = logChiSquareSf(m * u, m);
    const l2 = logChiSquareSf((d * t * t) / u, d);
    const hi = Math.max(l1, l2);
    const lg = (hi + Math.log1p(Math.exp(Math.min(l1, l2) - hi))) / Math.LN10;
    if (first || lg < best) best = lg;
    first = false;
  }
  return best;
}

/** The smallest integer m >= 2 from which sqrt(8 ln m) + m^(-1/4) <= 3 sqrt(ln m) holds (last display before Eq. (24)'s use). */
function displayWidth(): number {
  let last = 2;
  for (let m = 2; m <= 100_000; m++) if (!(Math.sqrt(8 * Math.log(m)) + Math.pow(m, -0.25) <= 3 * Math.sqrt(Math.log(m)))) last = m + 1;
  return last;
}

interface GroupFit {
  group: string;
  widths: number[];
  points: number;
  scale: LinearFit;
  max: LinearFit;
}

function fitGroup(cells: LazyCell[], alpha: number): GroupFit | undefined {
  const xs: number[] = [];
  const ys: number[] = [];
  const ym: number[] = [];
  for (const c of cells)
    for (const r of c.runs) {
      if (r.diverged || r.window < 1 || !(r.rmsR > 0)) continue;
      xs.push(Math.log(c.cfg.m));
      ys.push(Math.log(r.rmsR));
      ym.push(Math.log(r.maxAbsR));
    }
  const widths = [...new Set(cells.map((c) => c.cfg.m))];
  if (widths.length < 2 || xs.length < 3) return undefined;
  return { group: (cells[0] as LazyCell).cfg.group, widths, points: xs.length, scale: linearFit(xs, ys, alpha), max: linearFit(xs, ym, alpha) };
}

const ci = (f: LinearFit): string => `${f.slope.toFixed(3)} [${f.slopeCI[0].toFixed(3)}, ${f.slopeCI[1].toFixed(3)}]`;

claimTest(record, (ctx) => {
  const dom = ctx.domain;
  const cells = runGrid(dom, (g, m, rep) => ctx.runSeed('grid', g, m, rep));
  const runs = cells.flatMap((c) => c.runs);

  // ------------------------------------------------------------ (a) the explicit bound, every run
  let worst = { ratio: 0, where: '-' };
  for (const c of cells)
    for (const [i, r] of c.runs.entries()) {
      const q = explicitRatio(r);
      if (q > worst.ratio) worst = { ratio: q, where: `${c.cfg.group} m=${c.cfg.m} rep ${i}: max|r| = ${fmt(r.maxAbsR)} vs 2(${fmt(r.theta0Norm)} + ${fmt(Math.pow(c.cfg.m, 0.25))}) ${fmt(r.maxXNorm)} + ${c.cfg.sigma}` };
    }
  const explicitViolations = runs.filter((r) => explicitRatio(r) > EXPLICIT).length;

  // ------------------------------------------------------------ (b) scaling in m, per sweep
  const fits: GroupFit[] = [];
  for (const spec of dom.groups) {
    if (!spec.fit) continue;
    const f = fitGroup(
      cells.filter((c) => c.spec === spec),
      ctx.alpha,
    );
    if (f) fits.push(f);
  }
  const limit = EXPONENT + TOL;
  const scaleOk = fits.length > 0 && fits.every((f) => f.scale.slopeCI[1] <= limit);
  const scaleFails = fits.filter((f) => f.scale.slopeCI[0] > limit);

  let verdict: Verdict;
  if (explicitViolations > 0 || scaleFails.length > 0) verdict = 'fails';
  else if (scaleOk) verdict = 'holds';
  else verdict = 'inconclusive';

  // ------------------------------------------------------------ evidence: premise, proof's intermediate steps
  const tauRatios = cells.flatMap(tauOverT0);
  const ms = [...new Set(cells.map((c) => c.cfg.m))].sort((a, b) => a - b);
  const thetaRows = ms.map((m) => {
    const rs = cells.filter((c) => c.cfg.m === m).flatMap((c) => c.runs);
    const s = 3 * Math.sqrt(Math.log(m));
    const c0 = (cells.find((c) => c.cfg.m === m) as LazyCell).cfg;
    return { m, s, within: rs.filter((r) => r.theta0Dist <= s).length, n: rs.length, log10Bound: theta0TailBound(m, c0.d, s, thetaStarNormOf(c0)), proofBound: Math.min(1, (2 * c0.d) / m), maxDist: maxOfList(rs.map((r) => r.theta0Dist)) };
  });
  const thetaWithin = thetaRows.reduce((s, r) => s + r.within, 0);
  const eq32 = runs.filter((r) => r.maxThetaNorm > r.theta0Norm + Math.pow(r.config.m, 0.25));
  const eq32Ct = runs.filter((r) => !r.absExceeded);
  const eq32CtViol = eq32Ct.filter((r) => r.maxThetaNorm > r.theta0Norm + Math.pow(r.config.m, 0.25));
  const eq32Worst = maxOfList(runs.map((r) => r.maxThetaNorm / (r.theta0Norm + Math.pow(r.config.m, 0.25))));
  const dW = displayWidth();
  const diverged = divergedRuns(cells);

  // ------------------------------------------------------------ explorations: one hypothesis broken at a time
  const ex = dom.explore;
  const baseCfg = (m: number, over: Partial<LazyConfig> = {}): LazyConfig => ({
    group: 'explore',
    engine: 'full',
    m,
    d: 20,
    n: 200,
    eta: ex.etaTimesM / m,
    sigma: 4,
    thetaScale: 1,
    K: 0,
    budget: 200_000,
    ...over,
  });
  const reps = [0, 1, 2];
  const explorations: Exploration[] = [];
  const report = (name: string, violation: string, out: SearchOutcome<unknown>, what: string): void => {
    const e: Exploration = {
      hypothesis: name,
      violation,
      found: out.counterexample !== undefined,
      note: out.counterexample
        ? `${what}: ${out.counterexample.message}`
        : `${out.cases} cases, the bound held; closest: ${out.closest?.message ?? '-'}`,
    };
    if (out.counterexample) e.counterexample = out.counterexample;
    explorations.push(e);
  };
  const boundCheck = (r: LazyRun, maxR: number, label: string): CaseResult => {
    const q = explicitRatio(r, maxR);
    return {
      violated: q > EXPLICIT,
      margin: EXPLICIT - q,
      message: `${label}: max|r| = ${fmt(maxR)}, m^(1/4) = ${fmt(Math.pow(r.config.m, 0.25))}, explicit bound 2(||theta(0)|| + m^(1/4)) C_data + sigma = ${fmt(explicitBound(r))} (ratio ${fmt(q)}); tau = ${r.tau ?? '-'}, ${r.outcome}`,
    };
  };

  const a4 = ctx.search({
    name: 'A4',
    arbitrary: fc.record({ m: fc.constantFrom(...ex.ms), scale: fc.constantFrom(...ex.a4Scales), rep: fc.constantFrom(...reps) }),
    check: (c) => {
      const r = runLazyWindow(baseCfg(c.m, { thetaScale: c.scale }), { seed: ctx.runSeed('A4', c.m, c.scale, c.rep) });
      return boundCheck(r, r.maxAbsR, `m=${c.m}, ||theta*|| = ${c.scale} m^(-1/4) = ${fmt(c.scale * Math.pow(c.m, -0.25))}`);
    },
    numRuns: ex.numRuns,
  });
  report('A4', `||theta*|| = scale m^(-1/4) with scale in {${ex.a4Scales.join(', ')}} (A4 asks scale <= 1), eta = ${ex.etaTimesM}/m`, a4, 'the residual follows ||theta*|| ||x||, which the bound (dropping ||theta*||) does not cover');

  const lazy = ctx.search({
    name: 'lazy-premise',
    arbitrary: fc.record({ m: fc.constantFrom(...ex.ms), rep: fc.constantFrom(...reps) }),
    check: (c) => {
      const cfg = baseCfg(c.m);
      const r = runLazyWindow(cfg, { seed: ctx.runSeed('lazy-premise', c.m, c.rep), pastFactor: ex.pastFactor });
      const mr = Math.max(r.maxAbsR, r.pastMaxAbsR);
      return boundCheck(r, mr, `m=${c.m}, run to ${ex.pastFactor} tau = ${r.steps} steps (T0 = ${fmt(T0(c.m, cfg.eta))}); max|r| in the window ${fmt(r.maxAbsR)}, after it ${fmt(r.pastMaxAbsR)}; max_i |a_i| m^(1/4) at tau, 2 tau, 4 tau, ...: ${r.pastAbsA.map(fmt).join(', ')}`);
    },
    numRuns: ex.numRuns,
  });
  report('lazy-premise', `runs continued past the lazy exit tau to ${ex.pastFactor} tau (the premise "lazy within T0" broken), eta = ${ex.etaTimesM}/m`, lazy, 'past the window');

  const stab = ctx.search({
    name: 'stability',
    arbitrary: fc.record({ m: fc.constantFrom(...ex.ms), etaM: fc.constantFrom(...ex.stabilityEtaTimesM), rep: fc.constantFrom(...reps) }),
    check: (c) => {
      const r = runLazyWindow(baseCfg(c.m, { eta: c.etaM / c.m }), { seed: ctx.runSeed('stability', c.m, c.etaM, c.rep) });
      return boundCheck(r, r.maxAbsR, `m=${c.m}, eta m = ${c.etaM}`);
    },
    numRuns: ex.numRuns,
  });
  report('stability', `eta m in {${ex.stabilityEtaTimesM.join(', ')}}, beyond the one-sample stability edge ~2 (allowed by A1, which bounds m from below only)`, stab, 'beyond the edge');

  // ------------------------------------------------------------ summary
  const windowLine = fits
    .map((f) => {
      const cs = cells.filter((c) => c.cfg.group === f.group);
      const lo = cs[0] as LazyCell;
      const hi = cs[cs.length - 1] as LazyCell;
      return `${f.group}: ${median(lo.runs.map((r) => r.window))} at m = ${lo.cfg.m} to ${median(hi.runs.map((r) => r.window))} at m = ${hi.cfg.m}`;
    })
    .join('; ');
  const fitLine = fits.map((f) => `${f.group} (m = ${f.widths[0]}..${f.widths[f.widths.length - 1]}, ${f.points} runs): scale slope ${ci(f.scale)}, max slope ${ci(f.max)}`).join('; ');
  const summary =
    verdict === 'holds'
      ? `Within the lazy window every run keeps |r_t| under the proof's explicit bound 2(||theta(0)|| + m^(1/4)) C_data + sigma (worst ratio ${fmt(worst.ratio)}), and the residual scale grows slower than m^(1/4) on every sweep (upper bound <= ${limit}): ${fitLine}. ` +
        `The max over the window has the larger slope because it carries a sqrt(2 ln tau) factor and the window lengthens with m (median tau ${windowLine}); along T0 ~ m^(3/2) log m that factor is O(sqrt(log m)), below any power of m. The premise never holds: the lazy regime ends at tau/T0 = ${fmt(median(tauRatios))} (median). The printed xi_0, theta(0) inside "for every t <= T0" is a misprint for xi_t, theta(t).`
      : verdict === 'fails'
        ? explicitViolations > 0
          ? `${explicitViolations} run(s) exceed the proof's explicit bound 2(||theta(0)|| + m^(1/4)) C_data + sigma inside the lazy window: worst ${worst.where} (ratio ${fmt(worst.ratio)}); fits: ${fitLine}`
          : `the residual scale grows faster than m^(1/4 + ${TOL}) on ${scaleFails.map((f) => f.group).join(', ')}: ${fitLine}`
        : `no sweep excludes slopes above ${limit}: ${fitLine || 'no fit (fewer than two widths)'}; explicit-bound worst ratio ${fmt(worst.ratio)}`;

  return {
    verdict,
    summary,
    evidence: {
      statementAsPrinted: 'for every t <= T0, |grad l_{xi_0}(theta(0))| = O(m^(1/4)): the quantity does not depend on t; read as |grad l_{xi_t}(theta(t))| (misprint: the proof\'s induction step proves the case t + 1), grad l = f - y - eps (Eqs. (13)-(16))',
      runs: runs.length,
      explicitBoundWorstRatio: worst.ratio,
      explicitBoundWorstRun: worst.where,
      explicitBoundViolations: explicitViolations,
      slopeLimit: limit,
      scaleSlopes: fits.map((f) => f.scale.slope),
      scaleSlopeUpper: fits.map((f) => f.scale.slopeCI[1]),
      maxSlopes: fits.map((f) => f.max.slope),
      maxSlopeUpper: fits.map((f) => f.max.slopeCI[1]),
      fitGroups: fits.map((f) => f.group),
      fits: fitLine || 'none',
      tauOverT0Median: median(tauRatios),
      tauOverT0Max: maxOfList(tauRatios),
      premise: `T0 = log m/(eta^2 sqrt m) (constant 1) is ${fmt(1 / Math.max(1e-300, maxOfList(tauRatios)))}x or more beyond the lazy exit in every run: the premise "still lazy within T0" never holds; the claim is checked on [0, tau)`,
      theta0Within3SqrtLogM: `${thetaWithin}/${runs.length} runs have ||theta(0) - theta*|| <= 3 sqrt(ln m) (largest ||theta(0) - theta*|| ${fmt(maxOfList(runs.map((r) => r.theta0Dist)))}); exact bound on the failure probability (||theta(0)||^2 = (chi2_m/m)(chi2_d/d)): ${thetaRows.map((r) => `m=${r.m}: <= 1e${r.log10Bound.toFixed(1)}`).join(', ')}; the proof's union bound 2d/m is ${thetaRows.map((r) => `${fmt(r.proofBound)}`).join(', ')} (vacuous for m <= 2d)`,
      displayBeforeEq24: `sqrt(8 log m) + m^(-1/4) <= 3 sqrt(log m) (the last step of the display bounding ||theta(0) - theta*||) holds from m = ${dW} on (natural log), false below`,
      eq32: `Eq. (32) ||theta(t)|| <= ||theta(0)|| + m^(1/4): exceeded in ${eq32.length}/${runs.length} runs (in ${eq32CtViol.length}/${eq32Ct.length} of those where every watched |a_i| stayed <= m^(-1/4)); largest ratio ${fmt(eq32Worst)}. Its derivation bounds only the change of W (m^(-1/2) m^(-1/4) m) and omits the change of a (sum_i |a_i(t) - a_i(0)| ||w_i(0)||)`,
      divergedRuns: diverged.length > 0 ? diverged.join('; ') : 'none',
      alpha: ctx.alpha,
    },
    hypotheses: gridHypotheses(cells),
    cases: runs.length + a4.cases + lazy.cases + stab.cases,
    explorations,
    tables: {
      configurations: cells.map((c) => {
        const rs = c.runs;
        const tr = tauOverT0(c);
        return {
          group: c.cfg.group,
          engine: c.cfg.engine === 'full' ? 'full (all neurons)' : `reduced (K=${c.cfg.K})`,
          m: c.cfg.m,
          eta: c.cfg.eta,
          etaM: c.cfg.eta * c.cfg.m,
          runs: rs.length,
          T0: T0(c.cfg.m, c.cfg.eta),
          tauMedian: median(rs.map((r) => r.window)),
          tauOverT0Median: median(tr),
          mQuarter: Math.pow(c.cfg.m, 0.25),
          maxAbsRMedian: median(rs.map((r) => r.maxAbsR)),
          maxAbsRMax: maxOfList(rs.map((r) => r.maxAbsR)),
          rmsRMedian: median(rs.map((r) => r.rmsR)),
          explicitBoundMedian: median(rs.map(explicitBound)),
          explicitRatioMax: maxOfList(rs.map((r) => explicitRatio(r))),
          theta0DistMax: maxOfList(rs.map((r) => r.theta0Dist)),
          maxThetaNormMax: maxOfList(rs.map((r) => r.maxThetaNorm)),
          outcomes: [...new Set(rs.map((r) => r.outcome))].join(', '),
        };
      }),
      fits: fits.map((f) => ({
        group: f.group,
        widths: f.widths.join(' '),
        points: f.points,
        scaleSlope: f.scale.slope,
        scaleLo: f.scale.slopeCI[0],
        scaleHi: f.scale.slopeCI[1],
        scaleR2: f.scale.r2,
        maxSlope: f.max.slope,
        maxLo: f.max.slopeCI[0],
        maxHi: f.max.slopeCI[1],
        limit,
      })),
      theta0: thetaRows.map((r) => ({ m: r.m, threshold3SqrtLogM: r.s, within: r.within, runs: r.n, maxDist: r.maxDist, log10ExactFailureBound: r.log10Bound, proofBound2dOverM: r.proofBound })),
    },
  };
});
