import { describe, expect, it } from 'vitest';
import { renderMarkdown, tierNotice } from '../../src/report/markdown.js';
import { renderHtml } from '../../src/report/html.js';
import { backendLine } from '../../src/cli/provenance.js';
import { toyProvenance, toyReport } from './fixture.js';

describe('which tier a reader is looking at', () => {
  it('is said in the first lines of REPORT.md, differently for each tier', () => {
    for (const tier of ['quick', 'paper'] as const) {
      const rep = { ...toyReport(), provenance: toyProvenance({ tier }) };
      const head = renderMarkdown(rep).split('\n').slice(0, 4).join('\n');
      expect(head).toContain(`**Tier: ${tier}.**`);
    }
    expect(tierNotice('quick')).toContain('reports/paper/REPORT.md');
    const html = renderHtml({ ...toyReport(), provenance: toyProvenance({ tier: 'paper' }) }, []);
    expect(html).toContain('<p class="tier"><strong>Tier: paper.</strong>');
    expect(tierNotice('paper')).toContain('scaled');
  });
});

describe('the backend line of the citation', () => {
  it('names the engine of Figures 3 and 5 and the tfjs backend of Figure 1, as the environment chooses them', () => {
    expect(backendLine({})).toMatch(/Figures 3 and 5: gram .*float64.*Figure 1 \(CNN\): TensorFlow\.js wasm backend/);
    expect(backendLine({ AUDIT_CIFAR_ENGINE: 'tfjs' })).toMatch(/Figures 3 and 5: tfjs \(TensorFlow\.js wasm backend, float32\)/);
  });
});
