// Over ~80 lines: five hypothesis-breaking searches (sigma>0, A4, A1, stability, A6) sit beside the declaration.
import fc from 'fast-check';
import record, { type EscapeStatement } from '../theorems/theorem-2.escape-lazy.js';
import { classify, describeRun, failsAt, maxTau, measureEscape, type EscapeConfig } from '../src/scenarios/lazyEscape.js';
import { escapeHypotheses, runEscapeGrid, runWide, wideFailsAt, type EscapeCell, type WideRun } from '../src/scenarios/lazyEscapeGrid.js';
import { fmt } from '../src/stats/format.js';
import { eq44Probability } from '../src/theory/condition1.js';
import { T1 } from '../src/theory/constants.js';
import { combineAll, highProbabilityRule, rateRule, type WidthEvidence } from '../src/verdict/checks/index.js';
import type { ClaimContext } from '../src/verdict/context.js';
import { exploration } from '../src/verdict/explorations.js';
import type { CaseResult } from '../src/verdict/search.js';
import { claim } from './claim.js';

type Ctx = ClaimContext<typeof record.domain.quick>;
const base = (name: string, m: number, over: Partial<EscapeConfig>, etaM: number): EscapeConfig => ({ name, m, d: 20, n: 200, eta: etaM / m, sigma: 4, thetaStarNorm: Math.pow(m, -0.25), ...over });
const firstExit = (ctx: Ctx, cfg: EscapeConfig, seed: number, resolution: number, mode: 'atT1' | 'firstExit' = 'firstExit') =>
  measureEscape(cfg, { seed: ctx.runSeed('explore', cfg.name, seed), resolution, budget: Math.max(1, Math.floor(T1(cfg.m, cfg.eta, cfg.sigma))), mode });
const atT1Check = (ctx: Ctx, cfg: EscapeConfig, seed: number, resolution: number): CaseResult => {
  const r = firstExit(ctx, cfg, seed, resolution);
  const st = classify(r);
  return { violated: st === 'failed', margin: st === 'failed' ? -(1 - r.escapedFraction) : 1 - (maxTau(r) ?? r.steps) / r.T1, message: `${st}: ${describeRun(cfg, r)}` };
};

function explorations(ctx: Ctx) {
  const ex = ctx.domain.explore;
  const seed = fc.integer({ min: 0, max: 999 });
  const run = <T,>(name: string, violation: string, arbitrary: fc.Arbitrary<T>, check: (c: T) => CaseResult) => exploration(name, violation, ctx.search({ name, arbitrary, check, numRuns: ex.numRuns }));
  return [
    run('sigma>0', `sigma = 0 over the noisy run's escape horizon (m in {${ex.ms.join(', ')}}, d in {10, 20})`, fc.record({ m: fc.constantFrom(...ex.ms), d: fc.constantFrom(20, 10), seed }), (c) => {
      const cfg = base(`sigma0/m=${c.m}/d=${c.d}`, c.m, { d: c.d, n: 10 * c.d }, ex.etaTimesM);
      const noisy = firstExit(ctx, cfg, c.seed, 2);
      const H = Math.max(1, maxTau(noisy) ?? noisy.steps);
      const quiet = measureEscape(cfg, { seed: ctx.runSeed('explore', cfg.name, c.seed), resolution: 2, budget: H, mode: 'firstExit', horizon: H, sigma: 0 });
      return { violated: quiet.escapedFraction < 1, margin: quiet.minDriftScaled - 1, message: `m=${c.m} d=${c.d}: with sigma = 4 all out by step ${H}; with sigma = 0 ${fmt(100 * quiet.escapedFraction)}% out, max drift*sqrt(m) ${fmt(quiet.peakDriftScaled)}` };
    }),
    run('A4', `||theta*|| = s m^(-1/4), s in {${ex.a4Scales.join(', ')}}`, fc.record({ m: fc.constantFrom(...ex.ms), s: fc.constantFrom(...ex.a4Scales), seed }), (c) => atT1Check(ctx, base(`A4/m=${c.m}/s=${c.s}`, c.m, { thetaStarNorm: c.s * Math.pow(c.m, -0.25) }, ex.etaTimesM), c.seed, 2)),
    run('A1', `m < 1/sqrt(eta), eta in {${ex.a1Etas.join(', ')}}`, fc.record({ eta: fc.constantFrom(...ex.a1Etas), m: fc.integer({ min: 2, max: 16 }), d: fc.constantFrom(5, 20), seed }).map((c) => ({ ...c, m: Math.max(2, Math.min(c.m, Math.ceil(1 / Math.sqrt(c.eta)) - 1)) })), (c) =>
      atT1Check(ctx, base(`A1/m=${c.m}/eta=${c.eta}/d=${c.d}`, c.m, { d: c.d, eta: c.eta }, 1), c.seed, 1),
    ),
    run('stability', `eta m in {${ex.stabilityEtaTimesM.join(', ')}}, run to floor(T1); found = divergence before every neuron left`, fc.record({ m: fc.constantFrom(...ex.ms), k: fc.constantFrom(...ex.stabilityEtaTimesM), seed }), (c) => {
      const cfg = base(`stab/m=${c.m}/k=${c.k}`, c.m, {}, c.k);
      const r = firstExit(ctx, cfg, c.seed, 1, 'atT1');
      const bad = r.end === 'diverged' && r.escapedFraction < 1;
      return { violated: bad, margin: bad ? -(1 - r.escapedFraction) : 0, message: `${r.end === 'diverged' ? 'diverged' : classify(r)}: ${describeRun(cfg, r)}` };
    }),
    run('A6', `d in {${ex.a6Ds.join(', ')}} (Eq. (44) exactly: ${ex.a6Ds.map((d) => `d=${d}: ${fmt(eq44Probability(d))}`).join(', ')})`, fc.record({ d: fc.constantFrom(...ex.a6Ds), m: fc.constantFrom(...ex.ms), seed }), (c) => atT1Check(ctx, base(`A6/m=${c.m}/d=${c.d}`, c.m, { d: c.d }, ex.etaTimesM), c.seed, 2)),
  ];
}

/** Failures at T = floor(t1Const sqrt(log m) / (sigma^2 eta^2 sqrt m)) per width; unresolved runs are left out. */
function perWidth(ms: number[], outcomes: (m: number) => (boolean | undefined)[]): WidthEvidence[] {
  return ms.map((m) => {
    const o = outcomes(m).filter((x) => x !== undefined);
    return { m, failures: o.filter((x) => x).length, runs: Math.max(1, o.length) };
  });
}

/** Per setting (each swept group, and the wide runs): failures at floor(t1Const sqrt(log m) / (sigma^2 eta^2 sqrt m)) per width. */
function perSetting(m: { cells: EscapeCell[]; wide: WideRun[] }, s: EscapeStatement, ctx: Ctx) {
  const T = (w: number, eta: number, sigma: number): number => Math.floor((T1(w, eta, sigma) * s.t1Const) / 384);
  const rule = (setting: string, widths: WidthEvidence[]) => ({ setting, result: highProbabilityRule({ event: `a neuron inside the lazy ball at T1 (constant ${s.t1Const})`, rate: { text: `m^${s.rateExponent}`, f: (w) => Math.pow(w, s.rateExponent), exponent: s.rateExponent }, widths, range: ctx.domain.range, alpha: ctx.alpha, fixedConstant: record.thresholds.fixedConstant!.value }) });
  const groups = ctx.domain.groups.filter((g) => g.fit).map((g) => rule(g.group, perWidth(g.ms, (w) => m.cells.filter((c) => c.spec === g && c.cfg.m === w).map((c) => failsAt(c.run, T(w, c.cfg.eta, c.cfg.sigma))))));
  return [...groups, rule('wide (reduced)', perWidth(ctx.domain.wide.ms, (w) => m.wide.filter((r) => r.m === w).map((r) => wideFailsAt(r, T(w, r.eta, r.sigma)))))];
}

claim(record, {
  measure: (ctx) => {
    const dom = ctx.domain;
    const cells = runEscapeGrid(dom.groups, (cfg, rep) => ctx.runSeed('grid', cfg.name, rep));
    for (const c of cells) if (c.run.escapedAtT1 !== undefined) ctx.observe('lazy-escape', { m: c.cfg.m, eta: c.cfg.eta, sigma: c.cfg.sigma, t: c.run.T1steps, T1: c.run.T1, insideFraction: 1 - c.run.escapedAtT1 }, `${record.id} ${c.cfg.name} rep ${c.rep}`);
    const wide = dom.wide.ms.flatMap((m) => Array.from({ length: dom.wide.reps }, (_, rep) => runWide(dom.wide, m, ctx.runSeed('large', m, rep))));
    return { cells, wide, explorations: explorations(ctx) };
  },
  decide: (m, s, ctx) => combineAll(perSetting(m, s, ctx).map((p) => ({ setting: p.setting, decision: p.result.decision }))),
  describe: (m, _d, ctx) => {
    const ratio = (c: EscapeCell): number | undefined => (maxTau(c.run) === undefined ? undefined : (maxTau(c.run) as number) / c.run.T1);
    const reached = m.cells.filter((c) => c.run.escapedAtT1 !== undefined);
    const settings = perSetting(m, record.statement!, ctx);
    const rates = ctx.domain.groups.filter((g) => g.fit).flatMap((g) => {
      const points = m.cells.filter((c) => c.spec === g && ratio(c) !== undefined && (ratio(c) as number) > 0).map((c) => ({ x: c.cfg.m, y: ratio(c) as number }));
      return rateRule({ quantity: `max_i tau_i / T1 (${g.group})`, variable: 'm', points, claimed: { exponent: 0, text: 'O(1): within T1', kind: 'upper' }, limit: 'infinity', delta: 0.1, alpha: ctx.alpha }).rate ?? [];
    });
    return {
      evidence: {
        perSetting: settings.map((p) => `${p.setting}: ${p.result.decision.because}${p.result.decision.verdict === 'inconclusive' ? `; would decide: ${p.result.decision.wouldDecide}` : ''}`).join(' | '),
        runs: m.cells.length,
        failedRuns: m.cells.filter((c) => classify(c.run) === 'failed').length,
        unresolvedRuns: m.cells.filter((c) => classify(c.run) === 'unresolved').length,
        maxRatio: Math.max(0, ...m.cells.map((c) => ratio(c) ?? 0)),
        runsReachingT1: reached.length,
        minOutsideFractionAtT1: reached.length ? Math.min(...reached.map((c) => c.run.escapedAtT1 as number)) : 'T1 not reached',
        wideRuns: `${m.wide.length} runs at m = ${ctx.domain.wide.ms.map(fmt).join(', ')} (${ctx.domain.wide.K} tracked neurons, sigma set so that T1 = ${ctx.domain.wide.t1Steps} steps): ${m.wide.filter((r) => r.lazyAtEnd > 0).length} with a tracked neuron lazy at floor(T1)`,
      },
      hypotheses: [...escapeHypotheses(m.cells), { id: 'sigma>0', status: 'met', detail: 'sigma > 0 in every grid configuration (the sigma = 0 contrast is the exploration "sigma>0")' }],
      cases: m.cells.length + m.wide.length,
      explorations: m.explorations,
      rates,
      tables: {
        constantPerWidth: settings.flatMap((p) => p.result.rows.map((r) => ({ setting: p.setting, ...r }))),
        runs: m.cells.map((c) => ({ group: c.spec.group, m: c.cfg.m, rep: c.rep, status: classify(c.run), run: describeRun(c.cfg, c.run) })),
        wide: m.wide.map((r) => ({ m: r.m, eta: r.eta, sigma: r.sigma, T1: r.T1, outcome: r.outcome, lazyAtT1: r.lazyAtEnd, maxTauOverT1: Math.max(0, ...Array.from(r.tau)) / r.T1 })),
      },
    };
  },
});
