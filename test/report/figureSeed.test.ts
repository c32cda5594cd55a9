import { describe, expect, it } from 'vitest';
import { renderSvg, renderSvgAsync } from '../../src/report/figures.js';

// An errorband with extent 'ci' is a bootstrap inside Vega: without a fixed generator two renders of one spec differ.
const spec = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  data: { values: Array.from({ length: 40 }, (_, i) => ({ t: i % 4, v: Math.sin(i * 1.7) * (1 + (i % 5)) })) },
  layer: [
    { mark: { type: 'errorband', extent: 'ci' }, encoding: { x: { field: 't', type: 'quantitative' }, y: { field: 'v', type: 'quantitative' } } },
    { mark: 'line', encoding: { x: { field: 't', type: 'quantitative' }, y: { aggregate: 'mean', field: 'v', type: 'quantitative' } } },
  ],
};

describe('figures are a function of their spec', () => {
  it('renders a bootstrap errorband to the same SVG every time, on both paths', async () => {
    const a = renderSvg(spec);
    expect(renderSvg(spec)).toBe(a);
    expect(await renderSvgAsync(spec)).toBe(await renderSvgAsync(spec));
    expect(a).toContain('<svg');
  });
});
