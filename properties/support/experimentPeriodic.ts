import fc from 'fast-check';
import { vec } from '../../src/engine/matrix.js';
import type { ClaimContext } from '../../src/verdict/context.js';
import type { CaseResult } from '../../src/verdict/search.js';
import type { ClaimOutcome, Verdict } from '../../src/verdict/types.js';
import type { PeriodicDomain } from '../../theorems/experiment.periodic.js';
import { describeSetup, runTrajectory, spread, thin, type Trajectory } from './experiment.js';
import { lineFigure, type Datum } from './experimentFigures.js';
import { f } from './experimentPhases.js';
import { experimentProgress, progressEnabled } from './experimentProgress.js';

interface PeriodicRun {
  seed: number;
  tr: Trajectory;
  /** per window: [start step, end step, on?, fall of the mean norm] */
  windows: { start: number; end: number; on: boolean; fall: number }[];
  onFall: number;
  offFall: number;
  offFallRatio: number;
  onFallFraction: number;
  aVarOn: number;
  aVarOff: number;
  aVarOffSettled: number;
  aVarRatio: number;
  meanAbsAOn: number;
  meanAbsAOff: number;
  aTrace: { step: number; neuron: number; a: number }[];
  violations: string[];
  margin: number;
}

export function runPeriodicClaim(ctx: ClaimContext<PeriodicDomain>): ClaimOutcome {
  const dom = ctx.domain;
  const th = ctx.record.thresholds;
  const P = dom.on + dom.off;
  const steps = dom.periods * P;
  const logEvery = Math.max(1, Math.floor(Math.min(dom.on, dom.off) / 10));
  const progress = experimentProgress(ctx.record.id, dom.seeds * steps, progressEnabled(ctx.tier));
  const traceEvery = Math.max(dom.sampleEvery, Math.floor(steps / 500 / dom.sampleEvery) * dom.sampleEvery);
  const cache = new Map<number, PeriodicRun>();
  const run = (s: number): PeriodicRun => {
    const hit = cache.get(s);
    if (hit) return hit;
    const m = dom.setup.m;
    const prev = new Float64Array(m);
    const acc = { on: 0, onN: 0, off: 0, offN: 0, offS: 0, offSN: 0, absOn: 0, absOff: 0 };
    const tracked = spread(m, dom.trackNeurons);
    const aTrace: PeriodicRun['aTrace'] = [];
    const tr = runTrajectory({
      setup: dom.setup,
      rule: { kind: 'sgd', eta: dom.setup.eta, batch: 1, sigma: dom.sigma, schedule: { on: dom.on, off: dom.off } },
      seed: ctx.runSeed('run', s),
      steps,
      logEvery,
      progress,
      observe: (t, sim) => {
        const a = vec(sim.state.a);
        if (t % dom.sampleEvery === 0) prev.set(a);
        else if (t % dom.sampleEvery === 1 && t > 1) {
          const step = t - 1; // the step just taken ran with sigma(step)
          const pos = step % P;
          let v = 0;
          let abs = 0;
          for (let i = 0; i < m; i++) {
            v += Math.abs((a[i] as number) - (prev[i] as number)) / m;
            abs += Math.abs(a[i] as number) / m;
          }
          if (pos < dom.on) {
            acc.on += v;
            acc.onN++;
            acc.absOn += abs;
          } else {
            acc.off += v;
            acc.offN++;
            acc.absOff += abs;
            if (pos >= dom.on + dom.off / 2) {
              acc.offS += v;
              acc.offSN++;
            }
          }
        }
        if (s === 0 && t % traceEvery === 0) for (const i of tracked) aTrace.push({ step: t, neuron: i, a: a[i] as number });
      },
    });
    const normAt = new Map(tr.rows.map((r) => [r.step, r.meanNorm]));
    const windows: PeriodicRun['windows'] = [];
    for (let k = 0; k < dom.periods; k++) {
      const b = [k * P, k * P + dom.on, (k + 1) * P];
      for (let j = 0; j < 2; j++) {
        const n0 = normAt.get(b[j] as number);
        const n1 = normAt.get(b[j + 1] as number);
        if (n0 !== undefined && n1 !== undefined) windows.push({ start: b[j] as number, end: b[j + 1] as number, on: j === 0, fall: n0 - n1 });
      }
    }
    const onFall = windows.filter((w) => w.on).reduce((x, w) => x + w.fall, 0);
    const offFall = windows.filter((w) => !w.on).reduce((x, w) => x + w.fall, 0);
    const n0 = (tr.rows[0] as { meanNorm: number }).meanNorm;
    const aVarOn = acc.onN ? acc.on / acc.onN : 0;
    const aVarOffSettled = acc.offSN ? acc.offS / acc.offSN : 0;
    const r: PeriodicRun = {
      seed: s,
      tr,
      windows,
      onFall,
      offFall,
      offFallRatio: onFall > 0 ? offFall / onFall : Infinity,
      onFallFraction: onFall / n0,
      aVarOn,
      aVarOff: acc.offN ? acc.off / acc.offN : 0,
      aVarOffSettled,
      aVarRatio: aVarOn > 0 ? aVarOffSettled / aVarOn : Infinity,
      meanAbsAOn: acc.onN ? acc.absOn / acc.onN : 0,
      meanAbsAOff: acc.offN ? acc.absOff / acc.offN : 0,
      aTrace,
      violations: [],
      margin: 0,
    };
    const onMin = th.onFall!.value;
    const offMax = th.offFallRatio!.value;
    const aMax = th.aVariationRatio!.value;
    if (tr.outcome.kind === 'diverged') r.violations.push(`diverged at step ${tr.outcome.step}`);
    if (!(r.onFallFraction >= onMin)) r.violations.push(`the noise-on windows lowered the mean norm by only ${f(r.onFallFraction)} of its start (needs >= ${onMin})`);
    if (!(r.offFallRatio <= offMax)) r.violations.push(`the noise-off windows account for ${f(r.offFallRatio)} of the on-window fall (needs <= ${offMax})`);
    if (!(r.aVarRatio <= aMax)) r.violations.push(`settled |a(t+1) - a(t)| off / on = ${f(r.aVarRatio)} (needs <= ${aMax})`);
    const m1 = Math.min((r.onFallFraction - onMin) / onMin, (offMax - r.offFallRatio) / offMax, (aMax - r.aVarRatio) / aMax);
    r.margin = Number.isFinite(m1) ? m1 : -1;
    cache.set(s, r);
    return r;
  };
  for (let s = 0; s < dom.seeds; s++) run(s);
  const all = [...cache.values()];
  const describe = (r: PeriodicRun) =>
    `seed ${r.seed}: mean norm fell ${f(r.onFall)} over the noise-on windows (${f(100 * r.onFallFraction)}% of its start) and ${f(r.offFall)} over the noise-off windows (ratio ${f(r.offFallRatio)}); Avg|a(t+1)-a(t)| on ${f(r.aVarOn)}, off ${f(r.aVarOff)}, settled off ${f(r.aVarOffSettled)} (ratio ${f(r.aVarRatio)}); Avg|a_i| on ${f(r.meanAbsAOn)}, off ${f(r.meanAbsAOff)}${r.violations.length ? `; VIOLATED: ${r.violations.join('; ')}` : ''}`;
  const main = ctx.search({
    name: 'main',
    arbitrary: fc.integer({ min: 0, max: dom.seeds - 1 }).map((s) => ({ seed: s, engineSeed: ctx.runSeed('run', s), setup: describeSetup(dom.setup), sigma: dom.sigma, on: dom.on, off: dom.off, periods: dom.periods })),
    numRuns: 4 * dom.seeds,
    check: (c): CaseResult => {
      const r = run(c.seed);
      return { violated: r.violations.length > 0, margin: r.margin, message: describe(r) };
    },
  });
  progress.stop();
  const violating = all.filter((r) => r.violations.length > 0);
  const verdict: Verdict = violating.length ? 'fails' : 'holds';
  const summary = violating.length
    ? `${violating.length} of ${all.length} seeds break a threshold; ${main.counterexample ? `shrunk: ${main.counterexample.message}` : describe(violating[0]!)}`
    : `${all.length} seeds (${describeSetup(dom.setup)}, sigma = ${dom.sigma} on ${dom.on} / off ${dom.off} steps, ${dom.periods} periods): on-window falls ${all.map((r) => f(r.onFallFraction)).join(', ')} of the start (needs >= ${th.onFall!.value}); off/on fall ratio <= ${f(Math.max(...all.map((r) => r.offFallRatio)))} (needs <= ${th.offFallRatio!.value}); settled a-variation off/on <= ${f(Math.max(...all.map((r) => r.aVarRatio)))} (needs <= ${th.aVariationRatio!.value})`;

  // figures: the mean norm with the noise windows shaded, and a_i(t) of a few neurons
  const first = all[0]!;
  const normData: Datum[] = [];
  for (const r of all.slice(0, 3)) for (const row of thin(r.tr.rows, 400)) normData.push({ step: row.step, norm: row.meanNorm, seed: `s${r.seed}` });
  const aData: Datum[] = first.aTrace.map((p) => ({ step: p.step, a: p.a, neuron: `neuron ${p.neuron}` }));
  const bands = Array.from({ length: dom.periods }, (_, k) => ({ start: k * P, end: k * P + dom.on }));
  const withBands = (fig: ReturnType<typeof lineFigure>) => {
    const spec = fig.spec as Record<string, unknown> & { layer: Record<string, unknown>[] };
    spec.layer = [{ data: { values: bands }, mark: { type: 'rect', color: '#f4c7a1', opacity: 0.35 }, encoding: { x: { field: 'start', type: 'quantitative' }, x2: { field: 'end' } } }, ...spec.layer];
    return fig;
  };
  const figures = [
    withBands(
      lineFigure({
        id: 'periodic.norm',
        title: `Periodic notebook: Avg ||w_i(t)|| with label noise on (shaded, ${dom.on} steps) and off (${dom.off} steps), sigma = ${dom.sigma}`,
        values: normData,
        x: { field: 'step', title: 'step t' },
        y: { field: 'norm', title: 'Avg ||w_i(t)||' },
        color: { field: 'seed', title: 'run' },
        width: 620,
      }),
    ),
    withBands(
      lineFigure({
        id: 'periodic.second-layer',
        title: `Periodic notebook: a_i(t) of ${dom.trackNeurons} neurons (seed 0); noise-on windows shaded`,
        values: aData,
        x: { field: 'step', title: 'step t' },
        y: { field: 'a', title: 'a_i(t)' },
        color: { field: 'neuron', title: 'neuron' },
        width: 620,
      }),
    ),
  ];
  return {
    verdict,
    summary,
    evidence: {
      seeds: all.length,
      setup: describeSetup(dom.setup),
      sigma: dom.sigma,
      on: dom.on,
      off: dom.off,
      periods: dom.periods,
      onFallFractionOfStart: all.map((r) => r.onFallFraction),
      offOverOnFall: all.map((r) => r.offFallRatio),
      aVariationOn: all.map((r) => r.aVarOn),
      aVariationOff: all.map((r) => r.aVarOff),
      aVariationOffSettled: all.map((r) => r.aVarOffSettled),
      aVariationSettledOffOverOn: all.map((r) => r.aVarRatio),
      meanAbsAOn: all.map((r) => r.meanAbsAOn),
      meanAbsAOff: all.map((r) => r.meanAbsAOff),
      seedsViolating: violating.length,
      mainSearchDraws: main.cases,
    },
    hypotheses: [
      { id: 'sigma>0 while on', status: 'met', detail: `sigma = ${dom.sigma} for ${dom.on} steps, 0 for ${dom.off} steps` },
      { id: 'NTK init (Eq. (5))', status: 'met', detail: 'w_ij ~ N(0, 1/d), a_i ~ N(0, 1/m)' },
    ],
    cases: all.length,
    ...(verdict === 'fails' && main.counterexample ? { counterexample: main.counterexample } : {}),
    tables: {
      seeds: all.map((r) => ({
        seed: r.seed,
        'on-window fall / start': r.onFallFraction,
        'off-window fall / on-window fall': r.offFallRatio,
        'Avg|da| on': r.aVarOn,
        'Avg|da| off': r.aVarOff,
        'Avg|da| off, settled half': r.aVarOffSettled,
        'settled off / on': r.aVarRatio,
        'Avg|a| on': r.meanAbsAOn,
        'Avg|a| off': r.meanAbsAOff,
        violations: r.violations.length ? r.violations.join('; ') : 'none',
      })),
      'windows (seed 0)': first.windows.map((w) => ({ window: `${w.start}-${w.end}`, noise: w.on ? 'on' : 'off', 'fall of Avg||w||': w.fall })),
    },
    figures,
  };
}
