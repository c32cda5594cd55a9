import type { Dataset } from '../../src/engine/data.js';
import { maxInputNorm } from '../../src/engine/data.js';
import { binomialPUpper, clopperPearsonLower, clopperPearsonUpper } from '../../src/stats/binomial.js';
import { eq44Probability, evaluateCondition1, type HypothesisStatus } from '../../src/theory/condition1.js';
import { lemma3BindingWidth, lemma3PositiveBound, lemma3QuarterWidth } from '../../src/theory/constants.js';
import type { ClaimContext } from '../../src/verdict/context.js';
import type { HypothesisReport, Verdict } from '../../src/verdict/types.js';
import { constructLazyState, datasetFor, extremeNeuronState, lazyTrajectory, premiseStatus, type NeuronState } from './lazyStates.js';
import { argMax, argMin, initFailure, neuronProbabilities, quarterPopulationCount, type InitFailure } from './lemma3.js';

import type { Lemma3Config, Lemma3Domain } from '../../theorems/lemma-3.nonpositive.js';
export type { Lemma3Config, Lemma3Domain };

export function etaOf(c: Lemma3Config): number {
  return c.eta ?? 0.2 / c.m;
}

const fmt = (x: number): string => (x === 0 ? '0' : Math.abs(x) >= 1e4 || Math.abs(x) < 1e-3 ? x.toExponential(3) : x.toPrecision(4));
export { fmt };

export interface VisitedState {
  unit: number;
  step: number;
  state: NeuronState;
  data: Dataset;
}

export interface UnitSummary {
  unit: number;
  /** number of states of this unit inside the premise that were evaluated */
  states: number;
  /** sgd: the step at which the premise ended (-1: held to maxSteps), and why */
  premiseEnd: number;
  premiseEndReason: string;
  diverged?: string;
  /** constructed: a_i draws beyond m^(-1/4) clipped to the edge of C_j */
  clipped: number;
  maxXNorm: number;
}

/** Runs through a configuration's states (all inside the premise: Definition 1 and C_j), handing each to `visit`. */
export function forEachState(ctx: ClaimContext<Lemma3Domain>, c: Lemma3Config, visit: (v: VisitedState) => void): UnitSummary[] {
  const out: UnitSummary[] = [];
  for (let u = 0; u < (c.source === 'exact-init' ? 0 : c.units); u++) {
    const seed = ctx.runSeed(c.label, u);
    if (c.source === 'constructed') {
      const move = u % 2 === 0 ? 'random' : 'shrink';
      const { state, w0, clipped } = constructLazyState(c.m, c.d, seed, { move, a: 'init' }, ctx.rng(c.label, u, 'move'));
      const p = premiseStatus(c.m, state.w, w0, state.a);
      if (!p.lazy || !p.cj) throw new Error(`${c.label}/${u}: a constructed state is outside the premise (drift ${p.maxDrift}, max |a| ${p.maxAbsA})`);
      const data = datasetFor(c.n, c.d, c.m, seed);
      visit({ unit: u, step: 0, state, data });
      out.push({ unit: u, states: 1, premiseEnd: -1, premiseEndReason: '', clipped, maxXNorm: maxInputNorm(data.X) });
    } else if (c.source === 'extreme') {
      const state = extremeNeuronState(c.m, c.d, c.neurons ?? 64, ctx.rng(c.label, u, 'extreme'));
      const data = datasetFor(c.n, c.d, c.m, seed);
      visit({ unit: u, step: 0, state, data });
      out.push({ unit: u, states: 1, premiseEnd: -1, premiseEndReason: '', clipped: 0, maxXNorm: maxInputNorm(data.X) });
    } else {
      let maxX = 0;
      const res = lazyTrajectory(
        { m: c.m, d: c.d, n: c.n, eta: etaOf(c), sigma: c.sigma, maxSteps: c.maxSteps ?? 0, every: c.every ?? 1 },
        seed,
        (t, state, data) => {
          if (maxX === 0) maxX = maxInputNorm(data.X);
          visit({ unit: u, step: t, state, data });
        },
      );
      out.push({
        unit: u,
        states: res.evaluated.length,
        premiseEnd: res.premiseEnd,
        premiseEndReason: res.premiseEndReason,
        ...(res.diverged ? { diverged: res.diverged } : {}),
        clipped: 0,
        maxXNorm: maxX,
      });
    }
  }
  return out;
}

/** The constant read into the lemma's "with probability at least 1 - O(1/m)": Lemma C.2's own bound Pr[C_0] >= 1 - 4d/m. */
export function failureAllowance(m: number, d: number, cPerD: number): number {
  return Math.min(1, (cPerD * d) / m);
}

// ---------------------------------------------------------------------------------------------------------------
// Part 1 (items 1 and 3 of Lemma C.3): P(Delta W_i(j) > 0 | state) <= rho/m^(1/8), equivalently P(Delta W_i(j) <= 0) >= 1 - rho/m^(1/8)

export type ConfigStatus = 'holds' | 'fails' | 'inconclusive' | 'vacuous';

export interface Part1ConfigResult {
  config: Lemma3Config;
  bound: number;
  binding: boolean;
  bindingWidth: number;
  units: UnitSummary[];
  statesEvaluated: number;
  /** worst (largest) P(Delta W_i > 0 | state) over neurons, states and units: population and finite-set versions */
  worstPop: number;
  worstFin: number;
  /** worst (smallest) finite-set P(Delta W_i <= 0 | state), counted directly */
  worstNonposFin: number;
  /** the worst neuron's ||w_i|| and |a_i| / ||w_i|| (population version) */
  worstNorm: number;
  worstRatio: number;
  /** units (states or runs) in which some state and neuron exceeds the bound, in either version */
  unitsViolating: number;
  unitsViolatingPop: number;
  unitsViolatingFin: number;
  /** exact probability over Eq. (5) (step 0) that some neuron exceeds the bound (population) */
  init: InitFailure;
  allowance: number;
  /** exact binomial p-value of unitsViolating under H0: P(unit violates) <= allowance (NaN-free: 1 when no units) */
  pValue: number;
  status: ConfigStatus;
  why: string;
}

export function evaluatePart1(ctx: ClaimContext<Lemma3Domain>, c: Lemma3Config, cPerD: number): Part1ConfigResult {
  const bound = lemma3PositiveBound(c.m, c.d);
  const binding = bound < 1;
  let worstPop = 0;
  let worstFin = 0;
  let worstNonposFin = 1;
  let worstNorm = 0;
  let worstRatio = 0;
  let first = true;
  const viol = new Map<number, { pop: boolean; fin: boolean }>();
  const units = forEachState(ctx, c, ({ unit, state, data }) => {
    const p = neuronProbabilities(state, data, c.sigma);
    const ip = p.popWorst.index;
    const iF = argMax(p.posFin);
    const iN = argMin(p.nonposFin);
    const pop = p.popWorst.p;
    const fin = p.posFin[iF] as number;
    if (first || pop > worstPop) {
      first = false;
      worstPop = pop;
      worstNorm = p.norm[ip] as number;
      worstRatio = p.ratio[ip] as number;
    }
    worstFin = Math.max(worstFin, fin);
    worstNonposFin = Math.min(worstNonposFin, p.nonposFin[iN] as number);
    const v = viol.get(unit) ?? { pop: false, fin: false };
    v.pop ||= pop > bound;
    v.fin ||= fin > bound;
    viol.set(unit, v);
  });
  const vs = [...viol.values()];
  const unitsViolating = vs.filter((v) => v.pop || v.fin).length;
  const init = initFailure(c.m, c.d);
  const allowance = failureAllowance(c.m, c.d, cPerD);
  const S = units.length;
  // one exact binomial test per binding configuration with sampled units (the record's `tests`)
  const pValue = S > 0 && binding ? binomialPUpper(unitsViolating, S, allowance) : 1;
  let status: ConfigStatus;
  let why: string;
  if (!binding) {
    status = 'vacuous';
    why = `rho/m^(1/8) = ${fmt(bound)} >= 1 at m = ${c.m}: binds only for m > rho^8 = ${fmt(lemma3BindingWidth(c.d))}`;
  } else if (init.pFailLo > allowance || (S > 0 && pValue < ctx.alpha)) {
    status = 'fails';
    why =
      init.pFailLo > allowance
        ? `exact P(some neuron of Eq. (5) exceeds the bound) = ${fmt(init.pFailLo)} > ${cPerD}d/m = ${fmt(allowance)}`
        : `${unitsViolating}/${S} units exceed the bound; exact binomial p = ${fmt(pValue)} < alpha = ${fmt(ctx.alpha)} under P(unit) <= ${fmt(allowance)}`;
  } else if (init.pFailHi <= allowance && unitsViolating === 0 && c.source === 'extreme') {
    status = 'inconclusive';
    why = `no examined neuron exceeds the bound, but an extreme-neuron state examines only its smallest-norm neurons (the largest |a_i|/||w_i|| may lie elsewhere); exact init failure ${fmt(init.pFailHi)}`;
  } else if (init.pFailHi <= allowance && unitsViolating === 0) {
    status = 'holds';
    why =
      S === 0
        ? `exact P(some neuron of Eq. (5) exceeds rho/m^(1/8) = ${fmt(bound)}) = ${fmt(init.pFailHi)} <= ${fmt(allowance)}`
        : `${S} units: worst P(Delta W > 0) = ${fmt(Math.max(worstPop, worstFin))} <= ${fmt(bound)}; exact P(some neuron of Eq. (5) exceeds it) = ${fmt(init.pFailHi)} <= ${fmt(allowance)}`;
  } else {
    status = 'inconclusive';
    why = `${unitsViolating}/${S} units exceed the bound (p = ${fmt(pValue)}), exact init failure in [${fmt(init.pFailLo)}, ${fmt(init.pFailHi)}] vs ${fmt(allowance)}`;
  }
  return {
    config: c,
    bound,
    binding,
    bindingWidth: lemma3BindingWidth(c.d),
    units,
    statesEvaluated: units.reduce((s, u) => s + u.states, 0),
    worstPop,
    worstFin,
    worstNonposFin,
    worstNorm,
    worstRatio,
    unitsViolating,
    unitsViolatingPop: vs.filter((v) => v.pop).length,
    unitsViolatingFin: vs.filter((v) => v.fin).length,
    init,
    allowance,
    pValue,
    status,
    why,
  };
}

/** The claim's verdict from its configurations: vacuous only if every one is; any failure fails; all holding holds. */
export function combine(statuses: ConfigStatus[]): Verdict {
  const live = statuses.filter((s) => s !== 'vacuous');
  if (live.length === 0) return 'vacuous';
  if (live.includes('fails')) return 'fails';
  if (live.every((s) => s === 'holds')) return 'holds';
  return 'inconclusive';
}

export function premiseDetail(units: UnitSummary[], c: Lemma3Config): string {
  if (c.source === 'exact-init') return 'step 0 (Eq. (5)), conditioned on C_0 exactly';
  if (c.source === 'sgd') {
    const ends = units.map((u) => (u.premiseEnd < 0 ? `held to ${c.maxSteps}` : `ended at ${u.premiseEnd} (${u.premiseEndReason.split(' ')[0]}${u.premiseEndReason.startsWith('C_j') ? '' : ' 1'})`));
    return `${units.reduce((s, u) => s + u.states, 0)} states visited every ${c.every} steps; premise ${ends.join('; ')}`;
  }
  const clipped = units.reduce((s, u) => s + u.clipped, 0);
  return `${units.length} states inside the premise by construction${clipped ? ` (${clipped} a_i clipped to m^(-1/4))` : ''}`;
}

export function part1Row(r: Part1ConfigResult, complement: boolean): Record<string, number | string> {
  const c = r.config;
  return {
    config: c.label,
    source: c.source,
    d: c.d,
    m: c.m,
    n: c.source === 'exact-init' ? '-' : c.n,
    sigma: c.sigma,
    eta: c.source === 'sgd' ? etaOf(c) : '-',
    bound: complement ? 1 - r.bound : r.bound,
    binding: r.binding ? 'yes' : `no (binds at m > ${fmt(r.bindingWidth)})`,
    units: r.units.length,
    statesEvaluated: r.statesEvaluated,
    unitsWithinBound: r.units.length - r.unitsViolating,
    [complement ? 'worstPopP_nonpos' : 'worstPopP_pos']: r.units.length ? (complement ? 1 - r.worstPop : r.worstPop) : '-',
    [complement ? 'worstFinP_nonpos' : 'worstFinP_pos']: r.units.length ? (complement ? r.worstNonposFin : r.worstFin) : '-',
    exactInitPFail: r.binding ? r.init.pFailHi : '-',
    allowance: r.allowance,
    status: r.status,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Part 2 (item 2 of Lemma C.3): P(Delta W_i(j) <= -(sigma/4)^2 | state) >= 1/4

export interface QuarterConfigResult {
  config: Lemma3Config;
  units: UnitSummary[];
  statesEvaluated: number;
  /** worst (smallest) finite-set P(Delta W_i <= -(sigma/4)^2 | state) over neurons, states and units, with its neuron */
  worstFin: number;
  worstNorm: number;
  worstAbsA: number;
  worstStep: number;
  unitsViolating: number;
  allowance: number;
  pValue: number;
  /** Monte Carlo population estimate for the worst neuron: hits of draws, exact one-sided CP bounds at alpha */
  mcHits: number;
  mcDraws: number;
  mcLo: number;
  mcHi: number;
  status: ConfigStatus;
  why: string;
}

export function evaluateQuarter(ctx: ClaimContext<Lemma3Domain>, c: Lemma3Config, cPerD: number, quarter = 0.25): QuarterConfigResult {
  let worstFin = 2;
  let worst: { state: NeuronState; thetaStar: Float64Array; norm: number; absA: number; step: number } | undefined;
  const viol = new Set<number>();
  const units = forEachState(ctx, c, ({ unit, step, state, data }) => {
    const p = neuronProbabilities(state, data, c.sigma);
    const i = argMin(p.quarterFin);
    const v = p.quarterFin[i] as number;
    if (v < quarter) viol.add(unit);
    if (v < worstFin) {
      worstFin = v;
      // keep the neuron (the state of a run is transient): its w_i, a_i and the network's theta
      worst = {
        state: { m: state.m, d: state.d, w: [(state.w[i] as Float64Array).slice()], a: Float64Array.of(state.a[i] as number), theta: state.theta.slice(), origin: state.origin },
        thetaStar: data.thetaStar,
        norm: p.norm[i] as number,
        absA: Math.abs(state.a[i] as number),
        step,
      };
    }
  });
  const S = units.length;
  const allowance = failureAllowance(c.m, c.d, cPerD);
  const pValue = S > 0 ? binomialPUpper(viol.size, S, allowance) : 1;
  const draws = ctx.domain.mcDraws;
  const mcHits = worst ? quarterPopulationCount(worst.state, 0, worst.thetaStar, c.sigma, draws, ctx.rng(c.label, 'mc')) : 0;
  const mcLo = worst ? clopperPearsonLower(mcHits, draws, ctx.alpha) : 0;
  const mcHi = worst ? clopperPearsonUpper(mcHits, draws, ctx.alpha) : 1;
  let status: ConfigStatus;
  let why: string;
  if (S > 0 && pValue < ctx.alpha && mcHi < quarter) {
    status = 'fails';
    why = `${viol.size}/${S} units have a neuron with exact finite-set P < 1/4 (worst ${fmt(worstFin)}, ||w_i|| = ${fmt(worst!.norm)}); binomial p = ${fmt(pValue)} < ${fmt(ctx.alpha)}; population MC for that neuron ${mcHits}/${draws}, CP upper ${fmt(mcHi)} < 1/4`;
  } else if (S > 0 && viol.size === 0 && mcHi >= quarter && c.source === 'extreme') {
    status = 'inconclusive';
    why = `no examined neuron below 1/4 (worst ${fmt(worstFin)}), but an extreme-neuron state examines only its ${c.neurons ?? 64} smallest-norm neurons: it can show a violation, not its absence`;
  } else if (S > 0 && viol.size === 0 && mcHi >= quarter) {
    status = 'holds';
    why = `every neuron of ${S} units has exact finite-set P >= 1/4 (worst ${fmt(worstFin)}); population MC for the worst neuron: CP [${fmt(mcLo)}, ${fmt(mcHi)}]`;
  } else {
    status = 'inconclusive';
    why = `${viol.size}/${S} units below 1/4 (p = ${fmt(pValue)}); population MC CP [${fmt(mcLo)}, ${fmt(mcHi)}]`;
  }
  return {
    config: c,
    units,
    statesEvaluated: units.reduce((s, u) => s + u.states, 0),
    worstFin: worst ? worstFin : 1,
    worstNorm: worst?.norm ?? 0,
    worstAbsA: worst?.absA ?? 0,
    worstStep: worst?.step ?? 0,
    unitsViolating: viol.size,
    allowance,
    pValue,
    mcHits,
    mcDraws: draws,
    mcLo,
    mcHi,
    status,
    why,
  };
}

export function quarterRow(r: QuarterConfigResult, bound: number): Record<string, number | string> {
  const c = r.config;
  return {
    config: c.label,
    source: c.source,
    d: c.d,
    m: c.m,
    n: c.n,
    sigma: c.sigma,
    eta: c.source === 'sgd' ? etaOf(c) : '-',
    threshold: -((c.sigma / 4) ** 2),
    bound,
    units: r.units.length,
    statesEvaluated: r.statesEvaluated,
    unitsWithinBound: r.units.length - r.unitsViolating,
    worstFinP: r.worstFin,
    worstNeuronNorm: r.worstNorm,
    mcPopP: r.mcHits / r.mcDraws,
    mcCpLo: r.mcLo,
    mcCpHi: r.mcHi,
    status: r.status,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Hypotheses

const REQUIRED: Record<string, string> = {
  A1: 'A1 (AAAI): m >= 1/sqrt(eta), hidden constant read as 1',
  'A1-long': 'A1 (long version): m >= C max((ln 1/eta)^6, 1/sqrt(eta)), C the smallest footnote 3 allows',
  A2: 'A2: eta <= C^-96, C >= 10^14 by footnote 3 (no float64 is that small)',
  A4: 'A4: ||theta*|| <= m^(-1/4)',
  A5: 'A5: max_i ||x_i|| <= C_data (met by taking C_data = max_i ||x_i||)',
  'rho-width': "the proof's width m >= ((1 - 3/(4 sqrt pi)) rho / (1/2 - 3/(4 sqrt pi)))^8 (4.2e12 at d = 20, 2.6e11 at d = 10, 1.7e10 at d = 5)",
};

const ORDER: HypothesisStatus[] = ['met', 'unevaluable', 'unreachable', 'relaxed'];

/**
 * Condition 1 (A1-2, 4-6: the lemma does not assume A3) and the proof's width requirement, evaluated per configuration
 * and summarized (the least-met status across configurations; every configuration's status in the detail),
 * plus the lazy-regime premise (Definition 1) and the event C_j of Lemma C.2.
 */
export function hypothesisReports(configs: { config: Lemma3Config; units: UnitSummary[] }[], ids = ['A1', 'A1-long', 'A2', 'A4', 'A5', 'A6', 'rho-width']): HypothesisReport[] {
  const per = configs.map(({ config: c, units }) => {
    const maxX = units.length ? Math.max(...units.map((u) => u.maxXNorm)) : maxInputNorm(datasetFor(c.n, c.d, c.m, 'hypotheses').X);
    return {
      c,
      checks: evaluateCondition1({ m: c.m, d: c.d, n: c.n, eta: etaOf(c), sigma: c.sigma, thetaStarNorm: Math.pow(c.m, -0.25), maxXNorm: maxX }),
    };
  });
  const out: HypothesisReport[] = ids.map((id) => {
    const per0 = per.map(({ c, checks }) => ({ c, h: checks.find((h) => h.id === id)! }));
    const rows = per0.map((x) => ({ ...x }));
    let status: HypothesisStatus = 'met';
    for (const r of rows) if (ORDER.indexOf(r.h.status) > ORDER.indexOf(status)) status = r.h.status;
    if (id === 'rho-width') {
      // evaluateCondition1 calls any width above its REACHABLE_WIDTH unreachable; the exact and order-statistic
      // constructions reach it, so a configuration at or above the proof's width meets it
      // the extreme-neuron and exact constructions reach any width: a configuration meets it or relaxes it
      for (const r of rows) r.h = { ...r.h, status: r.c.m >= lemma3QuarterWidth(r.c.d) ? 'met' : 'relaxed' };
      status = 'met';
      for (const r of rows) if (ORDER.indexOf(r.h.status) > ORDER.indexOf(status)) status = r.h.status;
    }
    const detail =
      id === 'A6'
        ? `K, c unspecified (not evaluable); its consequence Eq. (44) (P(| ||x|| - sqrt(d) | >= sqrt(d)/3) <= 1/2): ` +
          rows.map(({ c }) => `${c.label}: d = ${c.d}, P = ${fmt(eq44Probability(c.d))} (${eq44Probability(c.d) <= 0.5 ? 'holds' : 'FAILS'})`).join('; ')
        : `${REQUIRED[id] ?? id}; log10 margin = log10(actual/required), positive on the right side -- ` +
          rows.map(({ c, h }) => `${c.label}: ${h.status} (${h.actual}${h.log10Margin !== undefined ? `, log10 margin ${h.log10Margin.toFixed(2)}` : ''})`).join('; ');
    return { id, status, detail };
  });
  const sampled = configs.filter(({ config }) => config.source !== 'exact-init');
  out.push({
    id: 'lazy',
    status: 'met',
    detail:
      'Definition 1 (||w_i(t) - w_i(0)|| <= 1/sqrt(m) for all i) checked on every evaluated state: ' +
      sampled.map(({ config, units }) => `${config.label}: ${premiseDetail(units, config)}`).join('; '),
  });
  out.push({
    id: 'C_j',
    status: 'met',
    detail:
      'event C_j of Lemma C.2 (|a_i| <= m^(-1/4) for all i), on which the lemma conditions, checked on every evaluated state (constructed states: Eq. (5) truncated to it; extreme-neuron and exact-init: conditioned exactly)',
  });
  return out;
}
