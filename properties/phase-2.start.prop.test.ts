// Over ~80 lines: four declared settings, each classified run by run (reaches, stalls, diverges), and a search of small (config, seed) cases beside the declaration.
import fc from 'fast-check';
import record from '../theorems/phase-2.start.js';
import { classify, phaseOneRate, runPhase2, stallHorizon, type Phase2RunResult, type Phase2RunSpec, type Phase2Setting, type RunClass } from '../src/scenarios/phaseTwoEvent.js';
import { fmt } from '../src/stats/format.js';
import { evaluateCondition1 } from '../src/theory/condition1.js';
import { combineAll, inequalityRule, type Decision } from '../src/verdict/checks/index.js';
import { exploration } from '../src/verdict/explorations.js';
import type { CaseResult } from '../src/verdict/search.js';
import { claim } from './claim.js';

const T = record.thresholds;
const spec = (c: Phase2Setting, blocks: number, seed: string, over: Partial<Phase2RunSpec> = {}): Phase2RunSpec => ({ ...c, stopAtEvent: true, blocks, slopeAlpha: T.slopeAlpha!.value, seed, ...over });
interface Run {
  cfg: Phase2Setting;
  seed: number;
  r: Phase2RunResult;
  cls: RunClass;
}
const describeRun = (x: Run): string => {
  const { r } = x;
  const tl = r.tail;
  return `${x.cfg.name} seed ${x.seed}: ${r.t1 !== null ? `event at t1 = ${r.t1}` : `not reached within B = ${r.steps} (${r.outcome}); min_t R = ${fmt(r.minR)}${tl ? `, plateau R ~ ${fmt(Math.exp(tl.lnLevel))}, fastest decay in the interval ${fmt(-tl.slopeCI[0] / phaseOneRate(x.cfg.eta, x.cfg.sigma))} kappa, stall horizon ${fmt(stallHorizon(r, T.rateFraction!.value) ?? 0)} steps` : ''}`}`;
};

claim(record, {
  measure: (ctx) => {
    const dom = ctx.domain;
    const runs: Run[] = dom.configs.flatMap((cfg) =>
      Array.from({ length: cfg.seeds }, (_, seed) => {
        const r = runPhase2(spec(cfg, dom.blocks, ctx.runSeed('main', cfg.name, seed)));
        return { cfg, seed, r, cls: classify(r, T.plateauMin!.value, T.rateFraction!.value) };
      }),
    );
    const s0 = dom.sigma0;
    const seen = new Map<string, CaseResult>(); // each (config, seed) is run once: fast-check redraws and shrinks revisit cases
    const sigma0 = ctx.search({ name: 'sigma>0', numRuns: s0.numRuns, arbitrary: fc.record({ cfg: fc.integer({ min: 0, max: dom.configs.length - 1 }), seed: fc.integer({ min: 0, max: s0.seeds - 1 }) }), check: (k): CaseResult => {
      const hit = seen.get(`${k.cfg}/${k.seed}`);
      if (hit) return hit;
      const c = dom.configs[k.cfg]!;
      const r = runPhase2(spec(c, dom.blocks, ctx.runSeed('main', c.name, k.seed), { sigma: 0, budget: Math.max(c.every, Math.round((c.budget * s0.budgetFraction) / c.every) * c.every) }));
      const res = { violated: r.t1 === null, margin: 1 - r.minR, message: `sigma = 0, ${c.name} seed ${k.seed}: ${r.t1 !== null ? `event at t1 = ${r.t1}` : `not reached within ${r.steps} steps, min R ${fmt(r.minR)}`}` };
      seen.set(`${k.cfg}/${k.seed}`, res);
      return res;
    } });
    return { runs, explorations: [exploration('sigma>0', `sigma = 0 in each configuration for ${s0.budgetFraction} of its budget`, sigma0)] };
  },
  // a run violates "reaches" when it stalls, and "stays-above" when it reached the event; a configuration fails when every seed violates
  decide: (m, s, ctx) =>
    combineAll(
      ctx.domain.configs.map((cfg) => {
        const runs = m.runs.filter((x) => x.cfg === cfg);
        const [bad, good] = s.direction === 'reaches' ? (['stalled', 'reached'] as const) : (['reached', 'stalled'] as const);
        const check = (k: { config: string; seed: number }): CaseResult => {
          const x = runs.find((y) => y.seed === k.seed) as Run;
          return { violated: x.cls === bad, margin: x.cls === bad ? -1 : x.cls === good ? 1 : 0, message: describeRun(x) };
        };
        const cases = runs.map((x) => ({ config: cfg.name, seed: x.seed }));
        const what = `label-noise SGD ${s.direction === 'reaches' ? 'reaches' : 'stays above'} the event R <= 1 (${cfg.name})`;
        const binding = { cases: runs.length, of: runs.length, bindsAt: 'every run (the event is a threshold every run must cross)' };
        let decision: Decision;
        if (runs.every((x) => x.cls === bad)) decision = inequalityRule({ printed: ctx.search({ name: 'main', arbitrary: fc.constantFrom(...cases), check, numRuns: runs.length }), what, binding });
        else if (runs.every((x) => x.cls === good)) decision = inequalityRule({ printed: { cases: runs.length, closest: { case: cases[0], margin: 1, message: describeRun(runs[0]!) } }, what, binding });
        else decision = { rule: 'inequality', verdict: 'inconclusive', because: `${what}: ${runs.map((x) => `${x.cls} (${describeRun(x)})`).join('; ')}`, wouldDecide: 'longer budgets or more seeds, until every seed reaches or stalls' };
        return { setting: cfg.name, decision };
      }),
    ),
  describe: (m, _d, ctx) => ({
    evidence: {
      runs: m.runs.length,
      classes: m.runs.map((x) => `${x.cfg.name}/${x.seed}: ${x.cls}`),
      totalSteps: m.runs.reduce((a, x) => a + x.r.steps, 0),
      interpolationRatio: ctx.domain.configs.map((c) => `${c.name}: ||theta*||/(m eta) = ${fmt(c.thetaStarNorm / (c.m * c.eta))}, balanced sqrt(d)||theta*||/(m eta) = ${fmt((Math.sqrt(c.d) * c.thetaStarNorm) / (c.m * c.eta))}`).join('; '),
    },
    hypotheses: ['A1', 'A2', 'A3', 'A4', 'A5', 'A6'].map((id) => {
      const per = ctx.domain.configs.map((c) => ({ c, h: evaluateCondition1({ ...c, maxXNorm: Math.max(...m.runs.filter((x) => x.cfg === c).map((x) => x.r.maxXNorm)) }).find((h) => h.id === id)! }));
      const order = ['met', 'unevaluable', 'relaxed', 'unreachable'] as const;
      const worst = per.reduce((w, p) => (order.indexOf(p.h.status) > order.indexOf(w) ? p.h.status : w), 'met' as (typeof order)[number]);
      return { id, status: worst, detail: per.map((p) => `${p.c.name}: ${p.h.status} (${p.h.actual})`).join('; ') };
    }).concat({ id: 'sigma>0', status: 'met', detail: 'sigma > 0 in every configuration; sigma = 0 is the exploration "sigma>0"' }),
    cases: m.runs.length,
    explorations: m.explorations,
    tables: { runs: m.runs.map((x) => ({ config: x.cfg.name, seed: x.seed, m: x.cfg.m, eta: x.cfg.eta, sigma: x.cfg.sigma, t1: x.r.t1 ?? `not reached within ${x.r.steps}`, minR: x.r.minR, maxFracBoth: x.r.maxFracBoth, class: x.cls, run: describeRun(x) })) },
  }),
});
