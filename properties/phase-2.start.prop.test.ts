import fc from 'fast-check';
import record from '../theorems/phase-2.start.js';
import { eq44Probability, evaluateCondition1, type HypothesisCheck, type HypothesisStatus } from '../src/theory/condition1.js';
import { claimTest } from '../src/verdict/claimTest.js';
import type { ClaimContext } from '../src/verdict/context.js';
import type { CaseResult } from '../src/verdict/search.js';
import type { ClaimOutcome, Exploration, HypothesisReport, Verdict } from '../src/verdict/types.js';
import type { Phase2Config, Phase2Domain } from '../theorems/phase-2.start.js';
import { classify, phaseOneRate, runPhase2, stallHorizon, type Phase2RunResult, type Phase2RunSpec, type RunClass } from './support/phase2Runs.js';

const plateauMin = record.thresholds.plateauMin!.value;
const rateFraction = record.thresholds.rateFraction!.value;
const slopeAlpha = record.thresholds.slopeAlpha!.value;

const fmt = (x: number): string => (!Number.isFinite(x) ? 'inf' : x === 0 ? '0' : Math.abs(x) >= 1e4 || Math.abs(x) < 1e-3 ? x.toExponential(3) : x.toPrecision(4));
const thetaStarNorm = (c: Phase2Config): number => c.thetaScale * Math.pow(c.m, -0.25);

function spec(ctx: ClaimContext<Phase2Domain>, c: Phase2Config, seed: string, over: Partial<Phase2RunSpec> = {}): Phase2RunSpec {
  return {
    m: c.m,
    d: c.d,
    n: c.n,
    eta: c.eta,
    sigma: c.sigma,
    thetaStarNorm: thetaStarNorm(c),
    budget: c.budget,
    every: c.every,
    stopAtEvent: true,
    blocks: ctx.domain.blocks,
    slopeAlpha,
    seed,
    ...over,
  };
}

interface RunRow {
  cfg: Phase2Config;
  seedIndex: number;
  r: Phase2RunResult;
  cls: RunClass;
}

type ConfigClass = 'reached' | 'stalled' | 'mixed/undecided';

function describeRun(x: RunRow): string {
  const r = x.r;
  const head = `${x.cfg.name} seed ${x.seedIndex}`;
  if (r.t1 !== null) return `${head}: event at t1 = ${r.t1}`;
  const tl = r.tail;
  const fit = tl
    ? `; second half: plateau R ~ ${fmt(Math.exp(tl.lnLevel))}, slope of ln R ${fmt(tl.slope)} per step (interval [${fmt(tl.slopeCI[0])}, ${fmt(tl.slopeCI[1])}], kappa = ${fmt(phaseOneRate(r.spec.eta, r.spec.sigma))})` +
      (tl.fittedSteps !== null ? `, the fitted decay would reach R = 1 about ${fmt(tl.fittedSteps)} steps after B` : ', no decay at the fitted slope')
    : '';
  return `${head}: not reached within B = ${r.steps} (${r.outcome}); min_t max_i ||w_i||/sqrt(eta) = ${fmt(r.minMaxW)} at t = ${r.minMaxWAt}, min_t R = ${fmt(r.minR)}, at most ${fmt(r.maxFracBoth * 100)}% of neurons inside${fit}`;
}

const statusWeight: Record<HypothesisStatus, number> = { met: 0, relaxed: 1, unevaluable: 2, unreachable: 3 };

function check(ctx: ClaimContext<Phase2Domain>): ClaimOutcome {
  const dom = ctx.domain;

  // ---------------------------------------------------------------- the runs
  const runs: RunRow[] = [];
  for (const c of dom.configs) {
    for (let s = 0; s < c.seeds; s++) {
      const r = runPhase2(spec(ctx, c, ctx.runSeed('main', c.name, s)));
      runs.push({ cfg: c, seedIndex: s, r, cls: classify(r, plateauMin, rateFraction) });
    }
  }
  const cfgClass = new Map<string, ConfigClass>();
  for (const c of dom.configs) {
    const rs = runs.filter((x) => x.cfg === c);
    cfgClass.set(c.name, rs.every((x) => x.cls === 'reached') ? 'reached' : rs.every((x) => x.cls === 'stalled') ? 'stalled' : 'mixed/undecided');
  }

  // ---------------------------------------------------------------- tables
  const runTable: Record<string, number | string>[] = runs.map((x) => {
    const r = x.r;
    const c = x.cfg;
    const tl = r.tail;
    const H = stallHorizon(r, rateFraction);
    return {
      config: c.name,
      seed: x.seedIndex,
      m: c.m,
      d: c.d,
      n: c.n,
      eta: c.eta,
      sigma: c.sigma,
      thetaStarNorm: thetaStarNorm(c),
      sqrtEta: Math.sqrt(c.eta),
      'interpolation ||theta*||/(m eta)': thetaStarNorm(c) / (c.m * c.eta),
      'balanced sqrt(d)||theta*||/(m eta)': (Math.sqrt(c.d) * thetaStarNorm(c)) / (c.m * c.eta),
      budget: c.budget,
      checkEvery: c.every,
      t1: r.t1 ?? `not reached within B = ${r.steps}`,
      outcome: r.outcome,
      'min_t max_i ||w_i||/sqrt(eta)': r.minMaxW,
      'argmin t': r.minMaxWAt,
      'min_t R': r.minR,
      'max_t fraction inside': r.maxFracBoth,
      'final fraction ||w_i|| <= sqrt(eta)': r.trace[r.trace.length - 1]?.fracW ?? 0,
      'plateau exp(mean ln R), 2nd half': tl ? Math.exp(tl.lnLevel) : 'n/a (event reached or no fit)',
      'slope ln R /step': tl ? tl.slope : 'n/a',
      'slope CI lo': tl ? tl.slopeCI[0] : 'n/a',
      'slope CI hi': tl ? tl.slopeCI[1] : 'n/a',
      'kappa = eta^2 sigma^2/2': phaseOneRate(c.eta, c.sigma),
      'stall horizon (steps)': H ?? 'n/a',
      'steps to R=1 at fastest decay in CI': tl ? (tl.neededSteps ?? 'never (no decay inside the interval)') : 'n/a',
      'steps to R=1 at fitted decay': tl ? (tl.fittedSteps ?? 'never (fitted slope >= 0)') : 'n/a',
      class: x.cls,
    };
  });
  const overTime: Record<string, number | string>[] = [];
  for (const x of runs) {
    for (const p of x.r.trace) {
      overTime.push({
        config: x.cfg.name,
        seed: x.seedIndex,
        t: p.t,
        'fraction ||w_i|| <= sqrt(eta)': p.fracW,
        'fraction inside (both)': p.fracBoth,
        'max_i ||w_i||/sqrt(eta)': p.maxW,
        'max_i |a_i|/sqrt(eta)': p.maxA,
        'mean_i ||w_i||/sqrt(eta)': p.meanNorm / Math.sqrt(x.cfg.eta),
      });
    }
  }

  // ---------------------------------------------------------------- hypotheses (Condition 1 per configuration)
  const condRows = dom.configs.map((c) => {
    const maxX = Math.max(...runs.filter((x) => x.cfg === c).map((x) => x.r.maxXNorm));
    return { c, checks: evaluateCondition1({ m: c.m, d: c.d, n: c.n, eta: c.eta, sigma: c.sigma, thetaStarNorm: thetaStarNorm(c), maxXNorm: maxX }) };
  });
  const hypotheses: HypothesisReport[] = [];
  for (const id of ['A1', 'A2', 'A3', 'A4', 'A5', 'A6']) {
    let worst: HypothesisStatus = 'met';
    const parts: string[] = [];
    for (const { c, checks } of condRows) {
      const h = checks.find((y) => y.id === id) as HypothesisCheck;
      if (statusWeight[h.status] > statusWeight[worst]) worst = h.status;
      parts.push(`${c.name}: ${h.status} (${h.actual}; ${h.detail})`);
    }
    const lead =
      id === 'A2'
        ? 'cannot be met in float64; relaxed to the tested step sizes. '
        : id === 'A3'
          ? 'met by the scaled configurations (n = 1/eta^2); the paper\'s own setting uses n = 200. '
          : id === 'A6'
            ? `K and c are not given; Eq. (44)'s consequence evaluated exactly: ${[...new Set(dom.configs.map((c) => c.d))].map((d) => `d=${d}: P = ${fmt(eq44Probability(d))}`).join(', ')}. `
            : '';
    hypotheses.push({ id, status: worst, detail: `${lead}${parts.join('; ')}` });
  }
  hypotheses.push({ id: 'sigma>0', status: 'met', detail: `sigma in {${[...new Set(dom.configs.map((c) => c.sigma))].join(', ')}} > 0 in every configuration; sigma = 0 is the exploration "sigma>0"` });

  // ---------------------------------------------------------------- exploration: no label noise
  const explorations: Exploration[] = [];
  {
    const cache = new Map<string, CaseResult>();
    const tally: string[] = [];
    const s0 = dom.sigma0;
    const s = ctx.search({
      name: 'sigma>0',
      arbitrary: fc.record({ cfg: fc.integer({ min: 0, max: dom.configs.length - 1 }), seed: fc.integer({ min: 0, max: s0.seeds - 1 }) }),
      check: (k) => {
        const key = `${k.cfg}/${k.seed}`;
        const hit = cache.get(key);
        if (hit) return hit;
        const c = dom.configs[k.cfg]!;
        const B = Math.max(c.every, Math.round((c.budget * s0.budgetFraction) / c.every) * c.every);
        const r = runPhase2(spec(ctx, c, ctx.runSeed('main', c.name, k.seed), { sigma: 0, budget: B }));
        const first = r.trace[0]!;
        const last = r.trace[r.trace.length - 1]!;
        const noisy = runs.find((x) => x.cfg === c && x.seedIndex === k.seed);
        const noisyAt = noisy?.r.trace.filter((p) => p.t <= B).pop();
        const message =
          `sigma = 0, ${c.name} (m = ${c.m}, d = ${c.d}, eta = ${fmt(c.eta)}, ||theta*|| = ${fmt(thetaStarNorm(c))}), seed ${k.seed}: ` +
          (r.t1 !== null ? `event at t1 = ${r.t1}` : `not reached within ${r.steps} steps (${r.outcome})`) +
          `; max_i ||w_i||/sqrt(eta) ${fmt(first.maxW)} -> ${fmt(last.maxW)} (min ${fmt(r.minMaxW)}), mean_i ||w_i|| ${fmt(first.meanNorm)} -> ${fmt(last.meanNorm)}` +
          (noisyAt ? `; with sigma = ${c.sigma} the same seed had max_i ||w_i||/sqrt(eta) = ${fmt(noisyAt.maxW)} at t = ${noisyAt.t}` : '');
        const res: CaseResult = { violated: r.t1 === null, margin: 1 - r.minR, message };
        cache.set(key, res);
        tally.push(`${c.name}/${k.seed}: ${r.t1 !== null ? `reached at ${r.t1}` : `min R ${fmt(r.minR)}`}`);
        return res;
      },
      numRuns: s0.numRuns,
    });
    explorations.push({
      hypothesis: 'sigma>0',
      violation: `sigma = 0 (plain SGD, batch 1) in each configuration, for ${s0.budgetFraction} of its budget, ${s0.seeds} seeds`,
      found: s.counterexample !== undefined,
      ...(s.counterexample ? { counterexample: s.counterexample } : {}),
      note: s.counterexample
        ? `without label noise the event is not reached (shrunk case: ${s.counterexample.message}); cases run: ${tally.join('; ')}`
        : `every sigma = 0 case reached the event (${s.cases} cases: ${tally.join('; ')})${s.closest ? `; closest call: ${s.closest.message}` : ''}`,
    });
  }

  // ---------------------------------------------------------------- verdict
  const stalledCfgs = dom.configs.filter((c) => cfgClass.get(c.name) === 'stalled');
  const allReached = runs.every((x) => x.cls === 'reached');
  const verdict: Verdict = stalledCfgs.length > 0 ? 'fails' : allReached ? 'holds' : 'inconclusive';
  const undecided = runs.filter((x) => x.cls === 'undecided');
  const summary =
    verdict === 'holds'
      ? `every run reached the event: ${runs.map(describeRun).join('; ')}`
      : verdict === 'fails'
        ? `label-noise SGD stalls above the event in ${stalledCfgs.map((c) => c.name).join(', ')}: ${runs.filter((x) => stalledCfgs.includes(x.cfg)).map(describeRun).join('; ')}. ` +
          `Other runs: ${runs.filter((x) => !stalledCfgs.includes(x.cfg)).map(describeRun).join('; ') || 'none'}`
        : `undecided: ${undecided.map(describeRun).join('; ')}; reached: ${runs.filter((x) => x.cls === 'reached').map(describeRun).join('; ') || 'none'}`;

  const evidence: ClaimOutcome['evidence'] = {
    runs: runs.length,
    reached: runs.filter((x) => x.cls === 'reached').length,
    stalled: runs.filter((x) => x.cls === 'stalled').length,
    undecided: undecided.length,
    configClasses: dom.configs.map((c) => `${c.name}: ${cfgClass.get(c.name)}`),
    t1: runs.map((x) => `${x.cfg.name}/${x.seedIndex}: ${x.r.t1 ?? `not reached within ${x.r.steps}`}`),
    minMaxWOverSqrtEta: runs.map((x) => x.r.minMaxW),
    minROverTime: runs.map((x) => x.r.minR),
    plateauR: runs.map((x) => (x.r.tail ? Math.exp(x.r.tail.lnLevel) : -1)),
    fastestDecayOverKappa: runs.map((x) => (x.r.tail ? -x.r.tail.slopeCI[0] / phaseOneRate(x.cfg.eta, x.cfg.sigma) : -1)),
    horizonNeededAtFittedDecay: runs.map((x) => (x.r.t1 !== null ? 'reached' : x.r.tail ? (x.r.tail.fittedSteps !== null ? `${fmt(x.r.tail.fittedSteps)} steps after B = ${x.r.steps}` : 'never (no decay)') : 'no fit')),
    plateauMin,
    rateFraction,
    slopeAlpha,
    totalSteps: runs.reduce((s, x) => s + x.r.steps, 0),
    reading:
      'the event is checked every `every` steps (a shorter excursion inside the box between checks is missed); t1 is the first checked step with all ||w_i||, |a_i| <= sqrt(eta). At the event ||theta|| <= m eta, so a run that stays near interpolation can reach it only if ||theta*|| <= m eta (column "interpolation"); the balanced minimum-sharpness interpolator has sum_i ||w_i||^2 = sqrt(d) ||theta*|| (column "balanced")',
  };

  return {
    verdict,
    summary,
    evidence,
    hypotheses,
    cases: runs.length,
    explorations,
    tables: { runs: runTable, 'over-time': overTime },
  };
}

claimTest(record, check);
