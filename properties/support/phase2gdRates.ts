import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import { linearFit } from '../../src/stats/regression.js';
import { evaluateCondition1, type Configuration, type HypothesisStatus } from '../../src/theory/condition1.js';
import type { ClaimContext } from '../../src/verdict/context.js';
import type { SearchOutcome } from '../../src/verdict/search.js';
import type { Evidence, Exploration, HypothesisReport, Verdict } from '../../src/verdict/types.js';
import type { Phase2Domain } from '../../theorems/lemma-5.alignment.js';
import { runPhase2, stepperAgreement, type Phase2Case, type Phase2Run, type StartKind } from './phase2gd.js';

/**
 * The O(.) rates of Lemmas 5-6 (AAAI) = 3.4-3.5 = D.1-D.2 (long version) tested by log-log OLS over an eta sweep.
 *
 * A quantity q(eta) claimed to be O(r(eta)) is fitted as ln q = b0 + b ln r over every (eta, seed) run; the bound allows
 * q / r to stay bounded as eta -> 0, i.e. b >= 1. Decision per fit (t interval at the claim's per-test alpha):
 *   consistent   - the interval reaches 1 (upper end >= 1) and its lower end is above `minLower` (the quantity
 *                  demonstrably shrinks with the rate, at an exponent not shown to be below the claimed 1);
 *   inconsistent - the upper end is < 1: q / r grows as eta -> 0 at the tested alpha;
 *   undecided    - the interval reaches 1 but also reaches down to `minLower` (too noisy to tell).
 * Values at or below `floor` (float64 rounding) are set to the floor; a fit whose every value is at the floor is
 * 'consistent' (the bound holds to rounding on the tested range).
 */
export type FitStatus = 'consistent' | 'inconsistent' | 'undecided';

export interface RateFit {
  name: string;
  points: number;
  slope: number;
  ci: [number, number];
  r2: number;
  status: FitStatus;
  /** the smallest C with q <= C r on every run (the implied constant of the O(.)) */
  impliedC: number;
  /** median of q / r over the runs at the largest and at the smallest eta */
  ratioLargestEta: number;
  ratioSmallestEta: number;
  /** exp(intercept): the constant of the fitted law q ~ C r^slope */
  fittedC: number;
}

export interface RatePoint {
  eta: number;
  rate: number;
  value: number;
}

export function fitRate(name: string, pts: readonly RatePoint[], alpha: number, minLower: number, floor: number): RateFit | string {
  if (pts.length < 3) return `${name}: only ${pts.length} finite runs (a fit needs 3)`;
  const xs = pts.map((p) => Math.log(p.rate));
  const vals = pts.map((p) => Math.max(p.value, floor));
  const ys = vals.map((v) => Math.log(v));
  const allFloor = pts.every((p) => p.value <= floor);
  const f = linearFit(xs, ys, alpha);
  const ratios = pts.map((p, j) => vals[j]! / p.rate);
  const etas = pts.map((p) => p.eta);
  const hi = Math.max(...etas);
  const lo = Math.min(...etas);
  const med = (e: number): number => median(ratios.filter((_, j) => etas[j] === e));
  const status: FitStatus = allFloor ? 'consistent' : f.slopeCI[1] < 1 ? 'inconsistent' : f.slopeCI[0] > minLower ? 'consistent' : 'undecided';
  return {
    name,
    points: pts.length,
    slope: f.slope,
    ci: [f.slopeCI[0], f.slopeCI[1]],
    r2: f.r2,
    status,
    impliedC: Math.max(...ratios),
    ratioLargestEta: med(hi),
    ratioSmallestEta: med(lo),
    fittedC: Math.exp(f.intercept),
  };
}

export function median(v: readonly number[]): number {
  if (v.length === 0) return 0;
  const s = [...v].sort((x, y) => x - y);
  const h = s.length >> 1;
  return s.length % 2 === 1 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
}

/** The status of a set of fits that must all be consistent (a fit that could not be made counts as undecided). */
export function combine(fits: readonly (RateFit | string)[]): FitStatus {
  if (fits.some((f) => typeof f !== 'string' && f.status === 'inconsistent')) return 'inconsistent';
  if (fits.some((f) => typeof f === 'string' || f.status === 'undecided')) return 'undecided';
  return 'consistent';
}

/** printed consistent -> holds; printed inconsistent and corrected consistent -> erratum; both inconsistent -> fails; else inconclusive. */
export function printedCorrectedVerdict(printed: FitStatus, corrected: FitStatus | undefined): Verdict {
  if (printed === 'consistent') return 'holds';
  if (printed === 'undecided') return 'inconclusive';
  if (corrected === 'consistent') return 'erratum';
  if (corrected === 'inconsistent') return 'fails';
  return corrected === undefined ? 'fails' : 'inconclusive';
}

const g = (x: number): string => (Math.abs(x) >= 1e4 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(2) : x.toPrecision(3));

export function describeFit(f: RateFit | string): string {
  if (typeof f === 'string') return f;
  return `${f.name}: exponent ${g(f.slope)} [${g(f.ci[0])}, ${g(f.ci[1])}] (${f.points} runs, R^2 ${g(f.r2)}) -> ${f.status}; implied constant ${g(f.impliedC)}, median ratio ${g(f.ratioLargestEta)} at the largest eta -> ${g(f.ratioSmallestEta)} at the smallest`;
}

/** Evidence entries of a fit under a key prefix (all finite). */
export function fitEvidence(prefix: string, f: RateFit | string): Evidence {
  if (typeof f === 'string') return { [`${prefix}Fit`]: f };
  return {
    [`${prefix}Exponent`]: f.slope,
    [`${prefix}ExponentCI`]: f.ci,
    [`${prefix}R2`]: f.r2,
    [`${prefix}Status`]: f.status,
    [`${prefix}ImpliedC`]: f.impliedC,
    [`${prefix}FittedC`]: f.fittedC,
    [`${prefix}RatioLargestEta`]: f.ratioLargestEta,
    [`${prefix}RatioSmallestEta`]: f.ratioSmallestEta,
  };
}

/** The rates of the two lemmas. */
export const rateLemma5 = (eta: number): number => Math.log(1 / eta) * Math.sqrt(eta);
export const rateLemma6 = (eta: number): number => eta * Math.log(1 / eta);

/** The sweep shared by the Phase II claims. */
export interface SweepSpec {
  d: number;
  etaExponents: readonly number[];
  seeds: number;
  widthFactor: number;
  startScale: number;
}

export interface SweepRun {
  eta: number;
  etaExponent: number;
  seedIndex: number;
  thetaStarNorm: number;
  c: Phase2Case;
  run: Phase2Run;
  checkpoints: number[];
}

export const widthAt = (eta: number, widthFactor: number): number => Math.ceil(widthFactor / Math.sqrt(eta) - 1e-9);
/** A3 exactly: n = ceil(1/eta^2) */
export const dataSizeAt = (eta: number): number => Math.ceil(1 / (eta * eta));

/** Runs every (eta, ||theta*||, seed) of the sweep from `start`, with checkpoints(eta, ||theta*||) in steps. */
export function runSweep<D>(
  ctx: ClaimContext<D>,
  spec: SweepSpec,
  thetaStarNorms: readonly number[],
  start: StartKind,
  checkpoints: (eta: number, s: number) => number[],
): SweepRun[] {
  const out: SweepRun[] = [];
  for (const s of thetaStarNorms) {
    for (const k of spec.etaExponents) {
      const eta = 10 ** -k;
      const cps = checkpoints(eta, s);
      for (let j = 0; j < spec.seeds; j++) {
        const c: Phase2Case = {
          m: widthAt(eta, spec.widthFactor),
          d: spec.d,
          eta,
          n: dataSizeAt(eta),
          thetaStarNorm: s,
          start,
          scale: spec.startScale,
          seed: ctx.runSeed('sweep', s, k, j),
        };
        out.push({ eta, etaExponent: k, seedIndex: j, thetaStarNorm: s, c, run: runPhase2(c, cps), checkpoints: cps });
      }
    }
  }
  return out;
}

/** The (eta, rate, value) points of one statistic at checkpoint `cp` over the runs that reached it. */
export function pointsOf(runs: readonly SweepRun[], cp: number, rate: (eta: number) => number, pick: (r: SweepRun, cp: number) => number | undefined): RatePoint[] {
  const pts: RatePoint[] = [];
  for (const r of runs) {
    const v = pick(r, cp);
    if (v !== undefined && Number.isFinite(v)) pts.push({ eta: r.eta, rate: rate(r.eta), value: v });
  }
  return pts;
}

/** Median of max_j ||x_j|| over n draws x ~ N(0, I_d): the A5 input bound a data set of size n meets (Sigma_hat is drawn, the x_j are not held). */
export function medianMaxInputNorm(d: number, n: number): number {
  const target = Math.pow(0.5, 1 / n); // P(||x||^2 <= r2) = target
  let lo = 0;
  let hi = d + 20 * Math.sqrt(d) + 200;
  while (chisquareCdf(hi, d) < target && hi < 1e6) hi *= 2;
  for (let it = 0; it < 200; it++) {
    const mid = (lo + hi) / 2;
    if (chisquareCdf(mid, d) < target) lo = mid;
    else hi = mid;
  }
  return Math.sqrt((lo + hi) / 2);
}

const order: HypothesisStatus[] = ['met', 'unevaluable', 'relaxed', 'unreachable'];

/**
 * Condition 1 (A1-3, 5-6: the parts Lemmas 5-6 assume) over the sweep's configurations, with evaluateCondition1.
 * A4 is not assumed by Lemmas 5-6 and is left out. Per hypothesis: the least favourable status over the sweep.
 */
export function conditionReports(spec: SweepSpec, thetaStarNorms: readonly number[]): HypothesisReport[] {
  const per = new Map<string, { status: HypothesisStatus; lines: string[] }>();
  for (const s of thetaStarNorms) {
    for (const k of spec.etaExponents) {
      const eta = 10 ** -k;
      const n = dataSizeAt(eta);
      const conf: Configuration = { m: widthAt(eta, spec.widthFactor), d: spec.d, n, eta, sigma: 0, thetaStarNorm: s, maxXNorm: medianMaxInputNorm(spec.d, n) };
      for (const h of evaluateCondition1(conf)) {
        if (!['A1', 'A1-long', 'A2', 'A3', 'A5', 'A6'].includes(h.id)) continue;
        const cur = per.get(h.id) ?? { status: 'met' as HypothesisStatus, lines: [] };
        if (order.indexOf(h.status) > order.indexOf(cur.status)) cur.status = h.status;
        cur.lines.push(`eta = 10^-${k}${thetaStarNorms.length > 1 ? `, ||theta*|| = ${s}` : ''}: required ${h.required}; actual ${h.actual}; ${h.status} (${h.detail})`);
        per.set(h.id, cur);
      }
    }
  }
  for (const v of per.values()) if (v.lines.length > 2) v.lines = [v.lines[0]!, v.lines[v.lines.length - 1]!];
  const out: HypothesisReport[] = [];
  for (const [id, v] of per) {
    let detail = v.lines.join(' | ');
    if (id === 'A3') detail = `Sigma_hat = (1/n) sum x_j x_j^T drawn exactly as Wishart_d(n, I)/n (Bartlett) with n = ceil(1/eta^2): ${detail}`;
    if (id === 'A5') detail = `x_j are not held (Sigma_hat is drawn); C_data = the median of max_j ||x_j|| over n Gaussian draws: ${detail}`;
    if (id === 'A1') detail = `m = ceil(${spec.widthFactor} / sqrt(eta)) at every eta: ${detail}`;
    out.push({ id, status: v.status, detail });
  }
  return out;
}

/** Checks the support simulator against the engine's Stepper (full-batch GD on a real small data set). */
export function simulatorCheck<D>(ctx: ClaimContext<D>, tol: number): { gap: number; ok: boolean; text: string } {
  const gap = Math.max(stepperAgreement(ctx.runSeed('stepper-check', 0)), stepperAgreement(ctx.runSeed('stepper-check', 1), 7, 5, 15, 0.02, 80));
  return {
    gap,
    ok: gap <= tol,
    text: `the support GD (gradient Sigma_hat (theta - theta*)) matches the engine's Stepper ({kind: 'sgd', batch: 'full', sigma: 0}) on real data sets (Sigma_hat from the data) to a relative ${gap.toExponential(2)} over 50-80 steps (tolerance ${tol.toExponential(0)})`,
  };
}

/** An exploration record from a search. */
export function exploration(hypothesis: string, violation: string, out: SearchOutcome<unknown>): Exploration {
  const e: Exploration = {
    hypothesis,
    violation,
    found: out.counterexample !== undefined,
    note: out.counterexample
      ? `counterexample after ${out.cases} cases: ${out.counterexample.message}`
      : `no violation in ${out.cases} cases; closest: ${out.closest?.message ?? '-'}`,
  };
  if (out.counterexample) e.counterexample = out.counterexample;
  return e;
}

/** Rows of a per-eta table: medians over the seeds of named statistics. */
export function tableRows(
  runs: readonly SweepRun[],
  cols: Record<string, (r: SweepRun) => number | undefined>,
  extra?: (eta: number, s: number) => Record<string, number | string>,
): Record<string, number | string>[] {
  const keys = new Map<string, SweepRun[]>();
  for (const r of runs) {
    const key = `${r.thetaStarNorm}|${r.etaExponent}`;
    keys.set(key, [...(keys.get(key) ?? []), r]);
  }
  const rowsOut: Record<string, number | string>[] = [];
  for (const group of keys.values()) {
    const r0 = group[0]!;
    const row: Record<string, number | string> = { thetaStarNorm: r0.thetaStarNorm, eta: r0.eta, m: r0.c.m, n: typeof r0.c.n === 'number' ? r0.c.n : 'infinity', seeds: group.length };
    const div = group.filter((r) => r.run.divergence !== undefined).length;
    if (div > 0) row.diverged = `${div} of ${group.length}: ${group.find((r) => r.run.divergence)!.run.divergence}`;
    if (extra) Object.assign(row, extra(r0.eta, r0.thetaStarNorm));
    for (const [name, f] of Object.entries(cols)) {
      const v = group.map(f).filter((x): x is number => x !== undefined && Number.isFinite(x));
      row[name] = v.length > 0 ? median(v) : 'n/a';
    }
    rowsOut.push(row);
  }
  return rowsOut;
}

/** The exploration settings of a Phase II domain (a claim that runs explorations must declare them). */
export function exploreOf(dom: Phase2Domain): NonNullable<Phase2Domain['explore']> {
  if (!dom.explore) throw new Error('this claim runs hypothesis-violation searches but its domain declares no `explore` settings');
  return dom.explore;
}
