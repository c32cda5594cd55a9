import fc from 'fast-check';
import record from '../theorems/lemma-4.oscillation-diminishing.js';
import { eq44Probability, evaluateCondition1, type HypothesisCheck, type HypothesisStatus } from '../src/theory/condition1.js';
import { claimTest } from '../src/verdict/claimTest.js';
import type { ClaimContext } from '../src/verdict/context.js';
import type { CaseResult, SearchOutcome } from '../src/verdict/search.js';
import type { ClaimOutcome, Exploration, HypothesisReport, Verdict } from '../src/verdict/types.js';
import type { Lemma4Domain } from '../theorems/lemma-4.oscillation-diminishing.js';
import { engineCrossCheck, type CrossCheckResult } from './support/oscillationCrossCheck.js';
import type { OscillationMode } from './support/oscillationProcess.js';
import {
  a3Size,
  a5Constant,
  bestPoint,
  decayRate,
  decideEta,
  horizon,
  lemmaWidth,
  logGrid,
  runEta,
  seedsToDecide,
  type EtaDecision,
  type EtaRunResult,
  type PointStat,
} from './support/oscillationRuns.js';

const tol = record.thresholds.crossCheckTol!.value;
const a5Tail = record.thresholds.a5Tail!.value;
const divergence = record.thresholds.divergence!.value;
const boundPower = record.thresholds.bound!.value;
const horizonPower = record.thresholds.horizonPower!.value;

const fmt = (x: number): string => (!Number.isFinite(x) ? 'inf' : x === 0 ? '0' : Math.abs(x) >= 1e4 || Math.abs(x) < 1e-3 ? x.toExponential(3) : x.toPrecision(4));
/** a number for a table cell, or a string when it is not finite (a diverged mean) */
const cell = (x: number): number | string => (Number.isFinite(x) ? x : 'diverged (infinite)');
const etaOf = (log10: number): number => Math.pow(10, log10);
const etaName = (log10: number): string => `10^${log10}`;

interface EtaOutcome {
  log10: number;
  eta: number;
  m: number;
  n: number;
  T: number;
  threshold: number;
  grid: number[];
  alphaPt: number;
  run: EtaRunResult;
  decision: EtaDecision;
  seeds: number;
  cData: number;
  checks: HypothesisCheck[];
}

function pointText(p: PointStat): string {
  return Number.isFinite(p.mean) ? `t = ${p.t}: mean ${fmt(p.mean)} in [${fmt(p.lo)}, ${fmt(p.hi)}]` : `t = ${p.t}: a seed diverged (mean infinite)`;
}

/** One configuration of an exploration: its eta, width, data size and mode, run over `seeds` seeds on the claim's grid. */
interface ExploreConfig {
  log10: number;
  m: number;
  n: number;
  mode: OscillationMode;
  label: string;
}

function runConfig(ctx: ClaimContext<Lemma4Domain>, name: string, c: ExploreConfig, seeds: number): { r: EtaRunResult; decision: EtaDecision; threshold: number; T: number } {
  const dom = ctx.domain;
  const eta = etaOf(c.log10);
  const T = horizon(eta);
  const threshold = Math.pow(eta, boundPower);
  const grid = logGrid(T, dom.gridPerDecade);
  const r = runEta({
    eta,
    m: c.m,
    d: dom.d,
    n: c.n,
    thetaStarNorm: dom.thetaStarNorm,
    seeds,
    mode: c.mode,
    grid,
    alphaPt: ctx.alpha / grid.length,
    runTo: 'first',
    threshold,
    seed: ctx.runSeed('explore', name, c.label),
    divergence,
  });
  return { r, decision: decideEta(r, threshold), threshold, T };
}

/** An exploration case is violated when the claim's own 'fails' rule fires: every logged t <= 1/eta^2 has its lower bound above sqrt(eta). */
function exploreCheck(ctx: ClaimContext<Lemma4Domain>, name: string, toConfig: (c: Record<string, number>) => ExploreConfig, tally: Map<string, string>) {
  const cache = new Map<string, CaseResult>();
  return (c: Record<string, number>): CaseResult => {
    const cfg = toConfig(c);
    const hit = cache.get(cfg.label);
    if (hit) return hit;
    const { r, decision, threshold, T } = runConfig(ctx, name, cfg, ctx.domain.explore.seeds);
    const minLo = Math.min(...r.stats.map((s) => s.lo));
    const best = bestPoint(r);
    const last = r.stats[r.stats.length - 1]!;
    const div = r.diverged > 0 ? `; ${r.diverged}/${ctx.domain.explore.seeds} seeds diverged (first at step ${r.divergedAt})` : '';
    const message =
      `${cfg.label} (eta = ${etaName(cfg.log10)}, m = ${cfg.m}, n = ${cfg.n}, d = ${ctx.domain.d}, ${ctx.domain.explore.seeds} seeds, horizon 1/eta^2 = ${T}): ` +
      (decision === 'fails'
        ? `every logged t <= ${T} has its lower bound above sqrt(eta) = ${fmt(threshold)}; smallest lower bound ${fmt(minLo)}; at ${pointText(last)}`
        : decision === 'holds'
          ? `upper bound meets sqrt(eta) = ${fmt(threshold)} at ${pointText(best)}`
          : `neither: best ${pointText(best)}, smallest lower bound ${fmt(minLo)} vs sqrt(eta) = ${fmt(threshold)}`) +
      div;
    const res: CaseResult = { violated: decision === 'fails', margin: Number.isFinite(minLo) ? (threshold - minLo) / threshold : -1, message };
    cache.set(cfg.label, res);
    tally.set(cfg.label, `${cfg.label}: ${decision}${r.diverged > 0 ? ' (diverged)' : ''}`);
    return res;
  };
}

function summarizeSearch(hypothesis: string, violation: string, s: SearchOutcome<unknown>, tally: Map<string, string>): Exploration {
  const tried = [...tally.values()].join('; ');
  return {
    hypothesis,
    violation,
    found: s.counterexample !== undefined,
    ...(s.counterexample ? { counterexample: s.counterexample } : {}),
    note: s.counterexample
      ? `Lemma 4's conclusion fails with ${hypothesis} broken (shrunk case: ${s.counterexample.message}). Configurations run: ${tried}.`
      : `no configuration refuted the conclusion in ${s.cases} cases (${tally.size} distinct: ${tried})${s.closest ? `; closest call: ${s.closest.message}` : ''}`,
  };
}

const statusWeight: Record<HypothesisStatus, number> = { met: 0, relaxed: 1, unevaluable: 2, unreachable: 3 };

function check(ctx: ClaimContext<Lemma4Domain>): ClaimOutcome {
  const dom = ctx.domain;

  // ---------------------------------------------------------------- the simulator against the engine's Stepper
  const crossRows: Record<string, number | string>[] = [];
  let crossWorstGrad = 0;
  let crossWorstState = 0;
  let crossOk = true;
  for (const lg of dom.crossCheck.etaLog10) {
    const cc: CrossCheckResult = engineCrossCheck({ ...dom.crossCheck, eta: etaOf(lg), thetaStarNorm: dom.thetaStarNorm, seed: ctx.runSeed('cross-check', lg) });
    crossWorstGrad = Math.max(crossWorstGrad, cc.gradientGap);
    crossWorstState = Math.max(crossWorstState, cc.stateGap);
    const ok = cc.chainsEqual && cc.gradientGap <= tol && cc.stateGap <= tol && cc.gradientSteps > 0;
    crossOk &&= ok;
    crossRows.push({
      eta: etaOf(lg),
      m: dom.crossCheck.m,
      d: dom.crossCheck.d,
      n: dom.crossCheck.n,
      steps: cc.steps,
      stepsCompared: cc.gradientSteps,
      gradientRelGap: cc.gradientGap,
      trajectoryRelGap: cc.stateGap,
      chainsEqual: cc.chainsEqual ? 'yes' : 'NO',
      agrees: ok ? 'yes' : 'NO',
    });
  }

  // ---------------------------------------------------------------- the sweep over eta
  const outcomes: EtaOutcome[] = [];
  for (const spec of dom.etas) {
    const eta = etaOf(spec.etaLog10);
    const m = lemmaWidth(eta);
    const n = a3Size(eta);
    const T = Math.floor(Math.pow(eta, -horizonPower) + 1e-6);
    const threshold = Math.pow(eta, boundPower);
    const grid = logGrid(T, dom.gridPerDecade);
    const alphaPt = ctx.alpha / grid.length;
    const run = runEta({
      eta,
      m,
      d: dom.d,
      n,
      thetaStarNorm: dom.thetaStarNorm,
      seeds: spec.seeds,
      mode: 'chain',
      grid,
      alphaPt,
      runTo: spec.runTo,
      threshold,
      seed: ctx.runSeed('main', spec.etaLog10),
      divergence,
    });
    const cData = a5Constant(dom.d, n, a5Tail);
    const checks = evaluateCondition1({ m, d: dom.d, n, eta, sigma: 0, thetaStarNorm: dom.thetaStarNorm, maxXNorm: cData });
    outcomes.push({ log10: spec.etaLog10, eta, m, n, T, threshold, grid, alphaPt, run, decision: decideEta(run, threshold), seeds: spec.seeds, cData, checks });
  }

  // ---------------------------------------------------------------- tables
  const perEta: Record<string, number | string>[] = [];
  const trajectory: Record<string, number | string>[] = [];
  const decideNotes: string[] = [];
  for (const o of outcomes) {
    const best = bestPoint(o.run);
    const rate = decayRate(o.run, o.threshold);
    const minLo = Math.min(...o.run.stats.map((s) => s.lo));
    const lastT = o.run.stats[o.run.stats.length - 1]!.t;
    perEta.push({
      eta: o.eta,
      etaLog10: o.log10,
      m: o.m,
      n: o.n,
      horizon_1_over_eta2: o.T,
      sqrtEta: o.threshold,
      seeds: o.seeds,
      gridPoints: o.grid.length,
      alphaPerBound: o.alphaPt,
      decision: o.decision,
      firstT: o.run.firstHit ?? `none within the ${o.run.stats.length} logged t <= ${lastT}`,
      firstT_over_horizon: o.run.firstHit !== null ? o.run.firstHit / o.T : 'n/a',
      bestT0: best.t,
      bestMean: cell(best.mean),
      bestLower: cell(best.lo),
      bestUpper: cell(best.hi),
      bestUpper_over_sqrtEta: Number.isFinite(best.hi) ? best.hi / o.threshold : 'diverged (infinite)',
      smallestLowerBound: cell(minLo),
      loggedUpTo: lastT,
      fittedRate: rate ? rate.rate : 'fewer than 3 points in the decay window',
      fittedRate_over_eta1_5: rate ? rate.rate / Math.pow(o.eta, 1.5) : 'n/a',
      divergedSeeds: o.run.diverged,
      steps: o.run.steps,
    });
    const keep = new Set<number>([0, lastT]);
    if (o.run.firstHit !== null) keep.add(o.run.firstHit);
    for (let k = 0; Math.pow(10, k) <= o.T; k++) keep.add(Math.pow(10, k));
    for (const s of o.run.stats) {
      if (!keep.has(s.t)) continue;
      trajectory.push({
        eta: o.eta,
        t: s.t,
        t_over_horizon: s.t / o.T,
        mean: cell(s.mean),
        lower: cell(s.lo),
        upper: cell(s.hi),
        mean_over_sqrtEta: Number.isFinite(s.mean) ? s.mean / o.threshold : 'diverged (infinite)',
        'exp(-eta^1.5 t) * mean(0)': Number.isFinite(o.run.stats[0]!.mean) ? Math.exp(-Math.pow(o.eta, 1.5) * s.t) * o.run.stats[0]!.mean : 'n/a',
      });
    }
    if (o.decision === 'inconclusive') {
      const need = seedsToDecide(o.run, o.threshold);
      decideNotes.push(
        `eta = ${etaName(o.log10)}: best ${pointText(best)} vs sqrt(eta) = ${fmt(o.threshold)}; ` +
          (need.seeds !== null
            ? `about ${need.seeds} seeds (now ${o.seeds}) would put the ${need.side} bound at t = ${need.t} on the decisive side${o.run.complete ? '' : `, or run the logged grid to 1/eta^2 = ${o.T}`}`
            : 'the mean sits on sqrt(eta): more seeds do not decide it'),
      );
    }
  }

  // ---------------------------------------------------------------- hypotheses
  const hypotheses: HypothesisReport[] = [];
  const byEta = (f: (o: EtaOutcome) => string): string => outcomes.map((o) => `eta=${etaName(o.log10)}: ${f(o)}`).join('; ');
  hypotheses.push({
    id: 'A1',
    status: outcomes.every((o) => Math.abs(o.m - 1 / Math.sqrt(o.eta)) <= 0.5) ? 'met' : 'relaxed',
    detail: `the lemma fixes m = 1/sqrt(eta); m = round(1/sqrt(eta)), the nearest integer: ${byEta((o) => `m = ${o.m} vs 1/sqrt(eta) = ${fmt(1 / Math.sqrt(o.eta))}`)} (Condition 1 A1 only asks m = Omega(1/sqrt(eta)); larger m is the exploration "A1")`,
  });
  for (const id of ['A1-long', 'A2']) {
    let worst: HypothesisStatus = 'met';
    for (const o of outcomes) {
      const h = o.checks.find((x) => x.id === id)!;
      if (statusWeight[h.status] > statusWeight[worst]) worst = h.status;
    }
    const h0 = outcomes[0]!.checks.find((x) => x.id === id)!;
    hypotheses.push({ id, status: worst, detail: `${h0.required}; ${byEta((o) => o.checks.find((x) => x.id === id)!.detail)}` });
  }
  hypotheses.push({
    id: 'A3',
    status: outcomes.every((o) => o.n >= 1 / (o.eta * o.eta) - 1e-6) ? 'met' : 'relaxed',
    detail: `met exactly: n = ceil(1/eta^2) (${byEta((o) => `n = ${o.n}`)}); Sigma_hat is drawn from its exact law Wishart_d(n, I)/n (Bartlett), which is all the process sees of the data; smaller n is the exploration "A3"`,
  });
  hypotheses.push({
    id: 'A5',
    status: 'met',
    detail: `C_data = the smallest C with n P(||x|| > C) <= ${a5Tail}: ${byEta((o) => `C_data = ${fmt(o.cData)}`)}; the unconditioned Wishart law is within total variation ${a5Tail} of the law given max_j ||x_j|| <= C_data`,
  });
  const p44 = eq44Probability(dom.d);
  hypotheses.push({
    id: 'A6',
    status: 'unevaluable',
    detail: `K and c of Lemma B.5 are not given; the consequence the proofs use, Eq. (44) P(| ||x|| - sqrt d | >= sqrt(d)/3) <= 1/2, ${p44 <= 0.5 ? 'holds' : 'FAILS'} exactly at d = ${dom.d}: P = ${fmt(p44)}`,
  });
  hypotheses.push({
    id: 'oscillation',
    status: crossOk ? 'met' : 'unevaluable',
    detail: `Eqs. (6)-(7) as printed (a_i on {-q, 0, q}, q = eta^0.25; a_i(0) = +-q w.p. 1/4 each, 0 w.p. 1/2); the Sigma_hat-driven simulator matches the engine's Stepper on explicit data (gradient gap ${fmt(crossWorstGrad)}, trajectory gap ${fmt(crossWorstState)}, tolerance ${fmt(tol)})`,
  });

  // ---------------------------------------------------------------- explorations
  const ex = dom.explore;
  const explorations: Exploration[] = [];
  {
    const tally = new Map<string, string>();
    const modes: OscillationMode[] = ['frozen', 'zero'];
    const s = ctx.search({
      name: 'oscillation-off',
      arbitrary: fc.record({ eta: fc.integer({ min: 0, max: ex.offEtaLog10.length - 1 }), mode: fc.integer({ min: 0, max: 1 }) }),
      check: exploreCheck(
        ctx,
        'oscillation-off',
        (c) => {
          const lg = ex.offEtaLog10[c.eta!]!;
          const eta = etaOf(lg);
          const mode = modes[c.mode!]!;
          return { log10: lg, m: lemmaWidth(eta), n: a3Size(eta), mode, label: `${mode} a, eta=${etaName(lg)}` };
        },
        tally,
      ),
      numRuns: ex.numRuns,
    });
    explorations.push(
      summarizeSearch(
        'oscillation-off',
        `Eq. (7) switched off: a_i frozen at the chain's start (+-q or 0), or a_i = 0, with the same GD on W (Eq. (6)); eta in {${ex.offEtaLog10.map(etaName).join(', ')}}, m = round(1/sqrt(eta)), n = ceil(1/eta^2), ${ex.seeds} seeds`,
        s,
        tally,
      ),
    );
  }
  {
    const tally = new Map<string, string>();
    const s = ctx.search({
      name: 'A1',
      arbitrary: fc.record({ eta: fc.integer({ min: 0, max: ex.a1EtaLog10.length - 1 }), j: fc.integer({ min: 1, max: ex.a1MaxLog2 }) }),
      check: exploreCheck(
        ctx,
        'A1',
        (c) => {
          const lg = ex.a1EtaLog10[c.eta!]!;
          const eta = etaOf(lg);
          const m = Math.round(Math.pow(2, c.j!) / Math.sqrt(eta));
          return { log10: lg, m, n: a3Size(eta), mode: 'chain', label: `m=2^${c.j}/sqrt(eta)=${m}, eta=${etaName(lg)}` };
        },
        tally,
      ),
      numRuns: ex.numRuns,
    });
    explorations.push(
      summarizeSearch(
        'A1',
        `m = round(2^j / sqrt(eta)) for j in 1..${ex.a1MaxLog2} instead of the lemma's m = 1/sqrt(eta) (Condition 1 A1 alone, m = Omega(1/sqrt(eta)), allows it); eta in {${ex.a1EtaLog10.map(etaName).join(', ')}}, n = ceil(1/eta^2), ${ex.seeds} seeds. Heuristic edge: the cross terms' noise outgrows the self-term decay once m > ~4/eta^1.5`,
        s,
        tally,
      ),
    );
  }
  {
    const tally = new Map<string, string>();
    const s = ctx.search({
      name: 'A3',
      arbitrary: fc.record({ eta: fc.integer({ min: 0, max: ex.a3EtaLog10.length - 1 }), j: fc.integer({ min: 1, max: ex.a3MaxLog2 }) }),
      check: exploreCheck(
        ctx,
        'A3',
        (c) => {
          const lg = ex.a3EtaLog10[c.eta!]!;
          const eta = etaOf(lg);
          const n = Math.max(1, Math.floor(Math.pow(2, -c.j!) * a3Size(eta)));
          return { log10: lg, m: lemmaWidth(eta), n, mode: 'chain', label: `n=${n} (2^-${c.j}/eta^2), eta=${etaName(lg)}` };
        },
        tally,
      ),
      numRuns: ex.numRuns,
    });
    explorations.push(
      summarizeSearch(
        'A3',
        `n = floor(2^-j / eta^2) for j in 1..${ex.a3MaxLog2} (A3 asks n >= 1/eta^2); Sigma_hat ~ Wishart(n, I)/n for n >= d = ${dom.d}, (1/n) X^T X of explicit draws below (singular: its null space never moves); eta in {${ex.a3EtaLog10.map(etaName).join(', ')}}, m = round(1/sqrt(eta)), ${ex.seeds} seeds`,
        s,
        tally,
      ),
    );
  }

  // ---------------------------------------------------------------- verdict
  const held = outcomes.filter((o) => o.decision === 'holds');
  const failed = outcomes.filter((o) => o.decision === 'fails');
  const verdict: Verdict = !crossOk ? 'inconclusive' : failed.length > 0 ? 'fails' : held.length === outcomes.length ? 'holds' : 'inconclusive';
  const line = (o: EtaOutcome): string => {
    const b = o.run.firstHit !== null ? o.run.stats.find((s) => s.t === o.run.firstHit)! : bestPoint(o.run);
    return `eta=${etaName(o.log10)} (m=${o.m}, 1/eta^2=${o.T}, sqrt(eta)=${fmt(o.threshold)}): ${o.decision}, ${o.run.firstHit !== null ? 'first' : 'best'} ${pointText(b)}`;
  };
  const summary = !crossOk
    ? `the Sigma_hat-driven simulator disagrees with the engine's Stepper (gradient gap ${fmt(crossWorstGrad)}, trajectory gap ${fmt(crossWorstState)} > ${fmt(tol)}): no verdict on Lemma 4`
    : verdict === 'holds'
      ? `every eta meets Eq. (8): ${outcomes.map(line).join('; ')} (one-sided t-bounds, Bonferroni over each grid)`
      : verdict === 'fails'
        ? `Eq. (8) fails at ${failed.map(line).join('; ')}: every logged t <= 1/eta^2 has its lower bound above sqrt(eta)`
        : `undecided: ${outcomes.filter((o) => o.decision === 'inconclusive').map(line).join('; ')}. To decide: ${decideNotes.join(' | ')}`;

  const evidence: ClaimOutcome['evidence'] = {
    etas: outcomes.map((o) => o.eta),
    widths: outcomes.map((o) => o.m),
    dataSizes: outcomes.map((o) => o.n),
    decisions: outcomes.map((o) => `eta=${etaName(o.log10)}: ${o.decision}`),
    firstT: outcomes.map((o) => (o.run.firstHit !== null ? `${o.run.firstHit}` : 'none')),
    firstTOverHorizon: outcomes.map((o) => (o.run.firstHit !== null ? o.run.firstHit / o.T : -1)),
    upperBoundAtFirstT: outcomes.map((o) => (o.run.firstHit !== null ? o.run.stats.find((s) => s.t === o.run.firstHit)!.hi : -1)),
    sqrtEta: outcomes.map((o) => o.threshold),
    fittedRateOverEta1_5: outcomes.map((o) => {
      const r = decayRate(o.run, o.threshold);
      return r ? r.rate / Math.pow(o.eta, 1.5) : -1;
    }),
    d: dom.d,
    thetaStarNorm: dom.thetaStarNorm,
    thetaStarNote: `A4 is not a hypothesis of Lemma 4 (A1-3, 5-6); ||theta*|| = ${dom.thetaStarNorm} is declared, above A4's m^(-1/4) (${outcomes.map((o) => fmt(Math.pow(o.m, -0.25))).join(', ')}); the process sees theta* only through Sigma_hat theta*`,
    perBoundAlpha: outcomes.map((o) => o.alphaPt),
    testAlpha: ctx.alpha,
    crossCheckGradientGap: crossWorstGrad,
    crossCheckTrajectoryGap: crossWorstState,
    crossCheckTolerance: tol,
    toDecide: decideNotes.length ? decideNotes.join(' | ') : 'decided',
    totalSteps: outcomes.reduce((s, o) => s + o.run.steps, 0),
    reading:
      'Eq. (6) read as GD on w_i with the chain\'s a_i(t): w_i <- w_i - eta a_i(t) grad_theta L_D(theta(t)); the printed trailing "x_i" is taken as a typo of the gradient of L_D in w_i (the engine\'s OscillationRule)',
  };

  return {
    verdict,
    summary,
    evidence,
    hypotheses,
    cases: outcomes.reduce((s, o) => s + o.seeds, 0) + explorations.length,
    explorations,
    tables: { 'per-eta': perEta, trajectory, 'cross-check': crossRows },
  };
}

claimTest(record, check);
