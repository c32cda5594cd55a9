import { buildReport } from '../../src/report/build.js';
import type { ClaimsReport } from '../../src/report/schema.js';
import type { ClaimRun, FigureSpec } from '../../src/verdict/types.js';

/** A small synthetic report (three claims, three figures, a `uses` edge, a counterexample): for the report's own tests. */
const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

export const LINE: FigureSpec = {
  id: 'toy.line',
  title: 'A line per series on a log axis',
  spec: {
    $schema: SCHEMA,
    title: 'toy line',
    data: { values: Array.from({ length: 40 }, (_, i) => [{ step: i * 10, loss: Math.exp(-i / 8) + 0.01, series: 'train' }, { step: i * 10, loss: Math.exp(-i / 10) + 0.02, series: 'test' }]).flat() },
    width: 320,
    height: 160,
    mark: { type: 'line', clip: true },
    encoding: { x: { field: 'step', type: 'quantitative' }, y: { field: 'loss', type: 'quantitative', scale: { type: 'log' } }, color: { field: 'series', type: 'nominal' } },
  },
};

export const FACET: FigureSpec = {
  id: 'toy.facet',
  title: 'Faceted rows with independent y (clip paths in every cell)',
  spec: {
    $schema: SCHEMA,
    data: { values: Array.from({ length: 30 }, (_, i) => [{ t: i, v: Math.sin(i / 4), m: 'a' }, { t: i, v: 100 * Math.cos(i / 4), m: 'b' }]).flat() },
    facet: { row: { field: 'm', type: 'nominal' } },
    spec: { width: 300, height: 90, layer: [{ mark: { type: 'line', clip: true }, encoding: { x: { field: 't', type: 'quantitative' }, y: { field: 'v', type: 'quantitative' } } }] },
    resolve: { scale: { y: 'independent' } },
  },
};

export const SCATTER: FigureSpec = {
  id: 'toy.scatter',
  title: 'Scatter coloured by step',
  spec: {
    $schema: SCHEMA,
    data: { values: Array.from({ length: 60 }, (_, i) => ({ norm: 1 - i / 70, alignment: (i / 60) ** 2, step: i })) },
    width: 240,
    height: 180,
    mark: { type: 'circle', size: 16 },
    encoding: { x: { field: 'norm', type: 'quantitative' }, y: { field: 'alignment', type: 'quantitative' }, color: { field: 'step', type: 'quantitative', scale: { scheme: 'blues' } } },
  },
};

export function toyRun(id: string, verdict: ClaimRun['verdict'], extra: Partial<ClaimRun> = {}): ClaimRun {
  return {
    id,
    title: `title of ${id} <with markup & "quotes">`,
    sources: { aaai: ['Figure 2'], long: ['Figure 1'] },
    kind: 'empirical',
    quote: String.raw`\frac{1}{m}\sum_i \|w_i\| <b>not html</b>`,
    checks: 'checks',
    uses: [],
    thresholds: { normFall: { value: 0.5, why: 'because' } },
    domain: { m: 3 },
    tier: 'quick',
    seed: 7,
    alpha: 5e-4,
    expected: { verdict, reason: 'r' },
    replay: `npm run audit -- --claim ${id} --tier quick --seed 7`,
    seconds: 0.5,
    verdict,
    summary: `summary of ${id}`,
    evidence: { ratio: 0.25, list: [1, 2.5e-7], note: 'text' },
    hypotheses: [{ id: 'sigma>0', status: 'met', detail: 'sigma = 4' }],
    cases: 3,
    tables: { seeds: [{ seed: 0, value: 1.5 }, { seed: 1, value: 2 }] },
    ...extra,
  };
}

export function toyReport(): ClaimsReport {
  const runs = [
    toyRun('toy.base', 'holds', { figures: [LINE, FACET] }),
    toyRun('toy.user', 'erratum', { uses: ['toy.base', 'not.run'], figures: [SCATTER] }),
    toyRun('toy.failing', 'fails', {
      uses: ['toy.user'],
      counterexample: { search: 'main', fcSeed: 1, path: '3:0', numShrinks: 2, case: { seed: 1 }, message: 'violated', replay: 'npm run audit -- --claim toy.failing --tier quick --seed 7 --search main --path 3:0' },
    }),
  ];
  return buildReport({ runs, errors: [], order: runs.map((r) => r.id), tier: 'quick', seed: 7, familySize: 100, claimsRequested: [], now: new Date(0) });
}
