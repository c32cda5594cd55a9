import fc from 'fast-check';
import record, { type Lemma4Domain } from '../theorems/lemma-4.oscillation-diminishing.js';
import { fmt } from '../src/stats/format.js';
import { timeBoundRule } from '../src/verdict/checks/index.js';
import type { ClaimContext } from '../src/verdict/context.js';
import { exploration } from '../src/verdict/explorations.js';
import type { CaseResult } from '../src/verdict/search.js';
import { conditionReports } from '../src/scenarios/premiseConditions.js';
import { logGrid, runEnsemble } from '../src/scenarios/oscillationEnsemble.js';
import type { OscillationMode } from '../src/scenarios/oscillationProcess.js';
import { gaussianInputBound } from '../src/theory/gaussianInputBound.js';
import { claim } from './claim.js';

const th = record.thresholds;
const width = (eta: number, f = 1): number => Math.max(1, Math.round(f / Math.sqrt(eta)));
const a3n = (eta: number): number => Math.ceil(1 / (eta * eta) - 1e-6);

/** Runs of one configuration (eta = 10^lg, width m, n samples) to the first sqrt(eta) crossing of every run, or to 1/eta^2. */
function ensemble(ctx: ClaimContext<Lemma4Domain>, name: string, lg: number, m: number, n: number, mode: OscillationMode, seeds: number, stop: 'all' | 'mean') {
  const eta = 10 ** lg;
  const horizon = Math.floor(1 / (eta * eta) + 1e-6);
  const grid = logGrid(horizon, ctx.domain.gridPerDecade);
  const config = { m, d: ctx.domain.d, n, eta, sigma: 0, thetaStarNorm: ctx.domain.thetaStarNorm };
  const every = Math.max(1, Math.floor(horizon / ctx.domain.checksPerHorizon));
  return { eta, config, horizon, threshold: eta ** (th.bound?.value ?? 0.5), r: runEnsemble({ config, seeds, mode, horizon, threshold: eta ** (th.bound?.value ?? 0.5), grid, alphaPt: ctx.alpha / grid.length, every, divergence: th.divergence?.value ?? 1e12, stop, seed: ctx.runSeed(name, lg, m, n, mode) }) };
}

/** A search case: violated when the expectation's lower bound stays above sqrt(eta) at every logged t <= 1/eta^2 (fast-check repeats cases: each configuration runs once). */
function searchCase(ctx: ClaimContext<Lemma4Domain>, seen: Map<string, CaseResult>, name: string, lg: number, m: number, n: number, mode: OscillationMode): CaseResult {
  const key = `${name}/${lg}/${m}/${n}/${mode}`;
  const hit = seen.get(key);
  if (hit) return hit;
  const e = ensemble(ctx, name, lg, m, n, mode, ctx.domain.explore.seeds, 'mean');
  const minLo = Math.min(...e.r.stats.map((s) => s.lo));
  const violated = e.r.reachedHorizon && minLo > e.threshold;
  const out = { violated, margin: Number.isFinite(minLo) ? (e.threshold - minLo) / e.threshold : -1, message: `${mode} a, eta = 10^${lg}, m = ${m}, n = ${n}: smallest lower bound of E[X(t)] over t <= ${e.r.stats[e.r.stats.length - 1]?.t} is ${fmt(minLo)} vs sqrt(eta) = ${fmt(e.threshold)}; ${e.r.times.filter((t) => !t.censored).length} of ${e.r.times.length} runs met it${e.r.times.some((t) => t.diverged) ? ' (some diverged)' : ''}` };
  seen.set(key, out);
  return out;
}

claim(record, {
  measure: (ctx) => {
    const dom = ctx.domain;
    const sweeps = dom.etas.map((s) => ({ lg: s.etaLog10, ...ensemble(ctx, 'main', s.etaLog10, width(10 ** s.etaLog10), a3n(10 ** s.etaLog10), 'chain', s.seeds, 'all') }));
    const ex = dom.explore;
    const seen = new Map<string, CaseResult>();
    const idx = (xs: number[]) => fc.integer({ min: 0, max: xs.length - 1 }).map((i) => xs[i] as number);
    const off = ctx.search({ name: 'oscillation-off', arbitrary: fc.record({ lg: idx(ex.offEtaLog10), mode: fc.constantFrom<OscillationMode>('frozen', 'zero') }), check: ({ lg, mode }) => searchCase(ctx, seen, 'oscillation-off', lg, width(10 ** lg), a3n(10 ** lg), mode), numRuns: ex.numRuns });
    const a1 = ctx.search({ name: 'A1', arbitrary: fc.record({ lg: idx(ex.a1EtaLog10), j: fc.integer({ min: 1, max: ex.a1MaxLog2 }) }), check: ({ lg, j }) => searchCase(ctx, seen, 'A1', lg, width(10 ** lg, 2 ** j), a3n(10 ** lg), 'chain'), numRuns: ex.numRuns });
    const a3 = ctx.search({ name: 'A3', arbitrary: fc.record({ lg: idx(ex.a3EtaLog10), j: fc.integer({ min: 1, max: ex.a3MaxLog2 }) }), check: ({ lg, j }) => searchCase(ctx, seen, 'A3', lg, width(10 ** lg), Math.max(1, Math.floor(2 ** -j * a3n(10 ** lg))), 'chain'), numRuns: ex.numRuns });
    return {
      sweeps,
      explorations: [
        exploration('oscillation-off', `Eq. (7) switched off: a_i frozen at the chain's start, or a_i = 0; eta in 10^{${ex.offEtaLog10.join(', ')}}, ${ex.seeds} runs`, off),
        exploration('A1', `m = round(2^j / sqrt(eta)), j = 1..${ex.a1MaxLog2}, instead of m = 1/sqrt(eta); eta in 10^{${ex.a1EtaLog10.join(', ')}}`, a1, "the cross terms' noise outgrows the self-term decay once m > ~4/eta^1.5"),
        exploration('A3', `n = floor(2^-j / eta^2), j = 1..${ex.a3MaxLog2}; Sigma_hat of explicit data below d = ${dom.d} (singular: its null space never moves)`, a3),
      ],
    };
  },
  decide: ({ sweeps }, s, ctx) =>
    timeBoundRule({ quantity: 'steps until (1/m) sum_i ||w_i||^2 <= sqrt(eta)', sizeName: '1/eta', claimedText: `1/eta^${s.horizonExponent}`, runs: sweeps.flatMap((e) => e.r.times.map((t) => ({ size: 1 / e.eta, measured: t.step, claimed: e.eta ** -s.horizonExponent, censored: t.censored }))), delta: s.delta, alpha: ctx.alpha }).decision,
  describe: ({ sweeps, explorations }, _d, ctx) => ({
    evidence: {
      eq8: sweeps.map((e) => `eta = 10^${e.lg}: ${e.r.firstHit !== null ? `E[X(t)] <= sqrt(eta) shown at t0 = ${e.r.firstHit} <= 1/eta^2 = ${e.horizon}` : 'no logged t shows E[X(t)] <= sqrt(eta)'}`).join('; '),
      reading: 'Eq. (6) read as GD on w_i with the chain\'s a_i(t): w_i <- w_i - eta a_i(t) grad_theta L_D(theta(t)); the printed trailing "x_i" is taken as a typo of the gradient of L_D in w_i (the engine\'s OscillationRule)',
      thetaStarNote: `A4 is not a hypothesis of Lemma 4 (A1-3, 5-6); ||theta*|| = ${ctx.domain.thetaStarNorm}`,
      totalSteps: sweeps.reduce((t, e) => t + e.r.steps, 0),
    },
    hypotheses: [
      ...conditionReports(sweeps.map((e) => ({ label: `eta=10^${e.lg}`, config: e.config, maxXNorm: gaussianInputBound(e.config.d, e.config.n, th.a5Tail?.value ?? 1e-6) })), ['A1', 'A1-long', 'A2', 'A3', 'A5', 'A6']),
      { id: 'oscillation', status: 'met', detail: 'Eqs. (6)-(7) as printed (a_i on {-q, 0, q}, q = eta^0.25; a_i(0) = +-q w.p. 1/4 each, 0 w.p. 1/2), the engine\'s draws (coins of the neurons at 0 from its noise stream); given the Drawer\'s coins equal to the engine Simulation on explicit data (test/scenarios/oscillationProcess.test.ts)' },
    ],
    cases: sweeps.reduce((t, e) => t + e.r.times.length, 0),
    explorations,
    tables: { 'per-eta': sweeps.map((e) => ({ eta: e.eta, m: e.config.m, n: e.config.n, horizon: e.horizon, sqrtEta: e.threshold, runs: e.r.times.length, censored: e.r.times.filter((t) => t.censored).length, medianT0: [...e.r.times.map((t) => t.step)].sort((a, b) => a - b)[e.r.times.length >> 1] ?? 0, expectationShownAt: e.r.firstHit ?? 'none', steps: e.r.steps })) },
  }),
});
