import { buildReport } from '../../src/report/build.js';
import type { ClaimsReport, Methods, Provenance } from '../../src/report/schema.js';
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

export function toyProvenance(extra: Partial<Provenance> = {}): Provenance {
  return { commit: '0123456789abcdef0123456789abcdef01234567', dirty: false, date: new Date(0).toISOString(), tier: 'quick', seed: 7, node: 'v20.0.0', packages: { vitest: '4.1.12' }, backend: 'cpu', claimsRequested: [], ...extra };
}

export function toyMethods(): Methods {
  return {
    familyAlpha: 0.05,
    familySize: 100,
    perTestAlpha: 5e-4,
    correction: 'Bonferroni',
    intervals: 'Clopper-Pearson',
    notes: ['a note'],
    rules: [
      { id: 'identity', name: 'Identity to rounding', policy: 'holds when every case agrees to the stated tolerance' },
      { id: 'rate', name: 'Scaling law', policy: 'the measured exponent with its interval beside the claimed one' },
    ],
    calibration: 'Calibration: toy.',
  };
}

export function toyReport(): ClaimsReport {
  const runs = [
    toyRun('toy.base', 'holds', {
      figures: [LINE, FACET],
      rule: 'identity',
      because: 'every case agreed to 1e-9',
      twins: [{ id: 'toy.base~twice', change: 'constant doubled', verdict: 'fails', because: 'gap 0.5 at m = 3', rejected: true }],
      rates: [{ quantity: 'gap', variable: 'm', claimed: 'O(1/m)', claimedExponent: -1, measuredExponent: -1.02, ci: [-1.1, -0.95], looseness: 'tight' }],
      proofStatus: { status: 'gap', stepsChecked: 2, stepsDisplayed: 5, failing: ['toy.step'], unevaluable: [{ id: 'toy.cite', reason: 'cites an external theorem' }] },
    }),
    toyRun('toy.step', 'fails', { proofOf: 'toy.base', rule: 'inequality' }),
    toyRun('toy.user', 'erratum', {
      uses: ['toy.base', 'not.run'],
      figures: [SCATTER],
      contradictions: [{ observedIn: 'toy.failing', against: 'toy.user', premise: 'lazy regime', observation: 'a norm of 3', message: 'toy.failing entered the premise of toy.user and saw a norm of 3' }],
    }),
    toyRun('toy.failing', 'fails', {
      uses: ['toy.user'],
      counterexample: { search: 'main', fcSeed: 1, path: '3:0', numShrinks: 2, case: { seed: 1 }, message: 'violated', replay: 'npm run audit -- --claim toy.failing --tier quick --seed 7 --search main --path 3:0' },
    }),
  ];
  return buildReport({ runs, errors: [], order: runs.map((r) => r.id), provenance: toyProvenance(), methods: toyMethods() });
}
