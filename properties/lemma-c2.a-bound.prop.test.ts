import fc from 'fast-check';
import record, { type ABoundDomain, type ABoundStatement } from '../theorems/lemma-c2.a-bound.js';
import { runLazyWindow, T0 } from '../src/scenarios/lazyWindow.js';
import { exploreConfig, gridHypotheses, type LazyCell, lazyWindowObservation, maxOfList, median, runGrid, tauOverT0 } from '../src/scenarios/lazyWindowGrid.js';
import { logSecondLayerExceeds, secondLayerWidth } from '../src/scenarios/ntkInitNorms.js';
import { clopperPearsonLower } from '../src/stats/binomial.js';
import { fmt } from '../src/stats/format.js';
import { combineAll, highProbabilityRule } from '../src/verdict/checks/index.js';
import type { ClaimContext } from '../src/verdict/context.js';
import { exploration } from '../src/verdict/explorations.js';
import { claim } from './claim.js';

const EXPLORE = record.thresholds.exploreFactor!.value;
const PROOF_C = record.thresholds.proofConstant!.value;

/** Per swept group: a run fails when some a_i(t) > boundConst m^(-1/4) inside its lazy window (maxA = max_i a_i(t) m^(1/4)). */
function perGroup(cells: LazyCell[], s: ABoundStatement, ctx: ClaimContext<ABoundDomain>) {
  return ctx.domain.groups.filter((g) => g.fit).map((g) => {
    const widths = cells.filter((c) => c.spec === g).map((c) => ({ m: c.cfg.m, failures: c.runs.filter((r) => r.maxA > s.boundConst).length, runs: c.runs.length }));
    return { setting: g.group, result: highProbabilityRule({ event: `some a_i(t) > ${s.boundConst} m^(-1/4) in the lazy window`, rate: { text: `m^${s.rateExponent}`, f: (w) => Math.pow(w, s.rateExponent), exponent: s.rateExponent }, widths, range: ctx.domain.range, alpha: ctx.alpha, fixedConstant: record.thresholds.fixedConstant!.value }) };
  });
}

claim(record, {
  measure: (ctx) => {
    const ex = ctx.domain.explore;
    const cells = runGrid(ctx.domain, (g, m, rep) => ctx.runSeed('grid', g, m, rep));
    for (const c of cells) c.runs.forEach((r, i) => ctx.observe('lazy-window', lazyWindowObservation(r), `${record.id} ${c.cfg.group} m=${c.cfg.m} rep ${i}`));
    const reps = fc.constantFrom(0, 1, 2);
    const lazy = ctx.search({ name: 'lazy-premise', numRuns: ex.numRuns, arbitrary: fc.record({ m: fc.constantFrom(...ex.ms), rep: reps }), check: (c) => {
      const r = runLazyWindow(exploreConfig(ex, c.m), { seed: ctx.runSeed('lazy-premise', c.m, c.rep), pastFactor: ex.pastFactor });
      const worst = Math.max(r.maxAbsA, ...r.pastAbsA.slice(1), 0);
      return { violated: worst > EXPLORE, margin: EXPLORE - worst, message: `m=${c.m}: max_i |a_i| m^(1/4) in the window ${fmt(r.maxAbsA)}; at tau, 2 tau, 4 tau, ...: ${r.pastAbsA.map(fmt).join(', ')} (drift sqrt(m) ${r.pastDrift.map(fmt).join(', ')})` };
    } });
    const a4 = ctx.search({ name: 'A4', numRuns: ex.numRuns, arbitrary: fc.record({ m: fc.constantFrom(...ex.ms), scale: fc.constantFrom(...ex.a4Scales), rep: reps }), check: (c) => {
      const r = runLazyWindow(exploreConfig(ex, c.m, { thetaStarNorm: c.scale * Math.pow(c.m, -0.25) }), { seed: ctx.runSeed('A4', c.m, c.scale, c.rep) });
      return { violated: r.maxAbsA > EXPLORE, margin: EXPLORE - r.maxAbsA, message: `m=${c.m}, ||theta*|| = ${c.scale} m^(-1/4): max_i |a_i(t)| m^(1/4) over the window ${fmt(r.maxAbsA)} (at t = 0: ${fmt(r.maxAbsA0)})` };
    } });
    return { cells, explorations: [exploration('lazy-premise', `runs continued to ${ex.pastFactor} tau past the lazy exit; searched |a_i| > ${EXPLORE} m^(-1/4)`, lazy), exploration('A4', `||theta*|| = scale m^(-1/4), scale in {${ex.a4Scales.join(', ')}}; searched |a_i| > ${EXPLORE} m^(-1/4)`, a4)] };
  },
  decide: (m, s, ctx) => combineAll(perGroup(m.cells, s, ctx).map((g) => ({ setting: g.setting, decision: g.result.decision }))),
  describe: (m, _d, ctx) => {
    const d = m.cells[0]!.cfg.d;
    const tau = m.cells.flatMap(tauOverT0);
    const groups = perGroup(m.cells, record.statement!, ctx);
    return {
      evidence: {
        perSetting: groups.map((g) => `${g.setting}: ${g.result.decision.because}${g.result.decision.verdict === 'inconclusive' ? `; would decide: ${g.result.decision.wouldDecide}` : ''}`).join(' | '),
        statementAsPrinted: '(ii) a_i(t) <= m^(-1/4) without absolute value; the proof works with |a_i(t)| <= m^(-1/4) (event C_t); both are measured, the printed one decides',
        runs: m.cells.reduce((a, c) => a + c.runs.length, 0),
        exactT0: `Pr[some a_i(0) > m^(-1/4)] = 1 - (1 - Phi(-m^(1/4)))^m exactly: ${[64, 256, 1024, 4096].map((w) => `m=${w}: ${fmt(Math.exp(logSecondLayerExceeds(w, false)))}`).join(', ')}; <= 1/m from m = ${secondLayerWidth(false, 1)} (two-sided, event C_0: ${secondLayerWidth(true, 1)}; below the proof's 4d/m from m = ${secondLayerWidth(true, PROOF_C * d)})`,
        premise: `tau/T0 median ${fmt(median(tau))}: the lazy regime ends long before T0 = log m/(eta^2 sqrt m); the statement is checked on the window t < tau`,
      },
      hypotheses: gridHypotheses(m.cells),
      cases: m.cells.reduce((a, c) => a + c.runs.length, 0),
      explorations: m.explorations,
      tables: {
        constantPerWidth: groups.flatMap((g) => g.result.rows.map((r) => ({ group: g.setting, ...r }))),
        configurations: m.cells.map((c) => {
          const k = c.runs.filter((r) => r.maxA > 1).length;
          const lo = clopperPearsonLower(k, c.runs.length, ctx.alpha);
          return { group: c.cfg.group, m: c.cfg.m, eta: c.cfg.eta, runs: c.runs.length, T0: T0(c.cfg.m, c.cfg.eta), failures: k, failuresAbs: c.runs.filter((r) => r.maxAbsA > 1).length, cpLower: lo, exceedsC1: lo > 1 / c.cfg.m ? 'yes' : 'no', exceedsProof4d: lo > (PROOF_C * d) / c.cfg.m ? 'yes' : 'no', maxARatioMax: maxOfList(c.runs.map((r) => r.maxA)) };
        }),
      },
    };
  },
});
