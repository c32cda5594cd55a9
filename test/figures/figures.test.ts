import { describe, expect, it } from 'vitest';
import { lineFigure, scatterFigure } from '../../src/figures/lineCharts.js';
import { curvesFigure, meanBandFigure } from '../../src/figures/realWorld.js';
import { r4, roundData, SCHEMA, thinByStride, thinEvenly, vegaLite } from '../../src/figures/vegaLite.js';

type Spec = Record<string, unknown> & { spec?: Record<string, unknown>; data: { values: Record<string, unknown>[] } };
const specOf = (f: { spec: unknown }): Spec => f.spec as Spec;

describe('the figures room: shared pieces (src/figures/vegaLite.ts)', () => {
  it('the wrapper puts the schema and the heading first', () => {
    const f = vegaLite('x.a', 'caption', { width: 1, data: { values: [] } }, { text: 'heading' });
    expect(f).toEqual({ id: 'x.a', title: 'caption', spec: { $schema: SCHEMA, title: { text: 'heading' }, width: 1, data: { values: [] } } });
    expect(Object.keys(f.spec as object)).toEqual(['$schema', 'title', 'width', 'data']);
    expect((vegaLite('y', 'plain', {}).spec as Spec).title).toBe('plain');
  });

  it('rounds to 4 significant digits; not finite -> 0 (a spec carries no NaN)', () => {
    expect(r4(Math.PI)).toBe(3.142);
    expect(r4(-1234567)).toBe(-1235000);
    expect([r4(Number.NaN), r4(Number.POSITIVE_INFINITY), r4(0)]).toEqual([0, 0, 0]);
    expect(roundData([{ a: 1 / 3, s: 'keep' }])).toEqual([{ a: 0.3333, s: 'keep' }]);
  });

  it('thins evenly, keeping the first and the last', () => {
    const xs = Array.from({ length: 101 }, (_, i) => i);
    expect(thinEvenly(xs, 5)).toEqual([0, 25, 50, 75, 100]);
    expect(thinEvenly([1, 2], 5)).toEqual([1, 2]);
    const kept = xs.filter(thinByStride(101, 41));
    expect(kept[0]).toBe(0);
    expect(kept.at(-1)).toBe(100);
    expect(kept.length).toBeLessThanOrEqual(41);
    expect(kept.slice(0, 3)).toEqual([0, 3, 6]);
    expect(xs.slice(0, 10).filter(thinByStride(10, 41))).toHaveLength(10);
  });
});

describe('the chart builders', () => {
  const values = [{ step: 1, v: 1 / 3, seed: 's0' }, { step: 2, v: 2 / 3, seed: 's0' }];
  it('a line chart: rounded inline data, log scale on request, rows faceted with independent y', () => {
    const flat = specOf(lineFigure({ id: 'a', title: 'T', values, x: { field: 'step', title: 't' }, y: { field: 'v', title: 'v', log: true } }));
    expect(Object.keys(flat)).toEqual(['$schema', 'title', 'data', 'width', 'height', 'layer']);
    expect(flat.data.values[0]).toEqual({ step: 1, v: 0.3333, seed: 's0' });
    const enc = (flat.layer as { encoding: Record<string, { scale: unknown }> }[])[0]!.encoding;
    expect(enc.y!.scale).toEqual({ type: 'log' });
    expect(enc.x!.scale).toEqual({ zero: false });
    const rows = specOf(lineFigure({ id: 'b', title: 'T', values, x: { field: 'step', title: 't' }, y: { field: 'v', title: null }, row: { field: 'seed' }, rules: [{ x: 1, label: 'T0' }] }));
    expect(Object.keys(rows)).toEqual(['$schema', 'title', 'data', 'facet', 'spec', 'resolve']);
    expect(rows.spec).toMatchObject({ width: 460, height: 150 });
    expect((rows.spec!.layer as unknown[]).length).toBe(3);
    expect(rows.resolve).toEqual({ scale: { y: 'independent' } });
  });

  it('a scatter: a path layer under the points when asked, columns faceted with independent scales', () => {
    const s = specOf(scatterFigure({ id: 'c', title: 'T', values, x: { field: 'step', title: 't' }, y: { field: 'v', title: 'v' }, color: { field: 'step', title: 'step' }, column: { field: 'seed' }, path: true }));
    expect(Object.keys(s)).toEqual(['$schema', 'title', 'data', 'facet', 'columns', 'spec', 'resolve']);
    expect((s.spec!.layer as { mark: { type: string } }[]).map((l) => l.mark.type)).toEqual(['line', 'circle']);
    expect(s.columns).toBe(3);
  });

  it('CIFAR curves: log y only where every value is positive; linearized runs dashed; mean bands', () => {
    const pt = (value: number, run: string) => ({ step: 0, value, run, panel: 'train loss', seed: 's0' });
    const pos = specOf(curvesFigure('d', 'T', [pt(0.5, 'clean GD'), pt(0.25, 'linearized (exact)')], 'loss'));
    expect((pos.spec!.encoding as Record<string, { scale?: unknown }>).y!.scale).toEqual({ type: 'log' });
    expect(pos.data.values.map((v) => v.dashed)).toEqual([false, true]);
    const signed = specOf(curvesFigure('e', 'T', [pt(-0.5, 'clean GD')], 'loss'));
    expect((signed.spec!.encoding as Record<string, { scale?: unknown }>).y!.scale).toEqual({ zero: false });
    const band = specOf(meanBandFigure('f', 'T', [{ x: 1, value: 1 / 3, method: 'SGD', seed: '0' }], 'x', 'y', true));
    expect(Object.keys(band)).toEqual(['$schema', 'title', 'width', 'height', 'data', 'layer']);
    expect(band.data.values[0]!.value).toBe(0.333333);
  });
});
