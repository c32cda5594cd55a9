import * as vega from 'vega';
import * as vl from 'vega-lite';
import type { ClaimRun, FigureSpec } from '../verdict/types.js';

/**
 * Renders the claims' figures (Vega-Lite specifications with inline data, `ClaimOutcome.figures`) to standalone SVG
 * with vega's headless SVG string renderer (no canvas package: text is measured by vega's estimate). A figure that
 * fails to render is reported with its error rather than failing the report.
 *
 * The rendering is synchronous, so that the vitest reporter can write the whole report in `onTestRunEnd` without a
 * promise (subclasses override it synchronously): with inline data the dataflow evaluates in `view.run()`, and the
 * scenegraph is drawn by `SVGStringRenderer` exactly as `view.toSVG()` does (test/report/figures.test.ts checks the
 * two agree byte for byte, so an upgrade of vega that changes its internals is caught).
 */
export interface RenderedFigure {
  claim: string;
  id: string;
  title: string;
  /** path relative to the report folder: figures/<file>.svg */
  file: string;
  svg?: string;
  error?: string;
  /** bytes of the spec's JSON (its inline data) */
  specBytes: number;
}

/** A name safe for a file and an HTML id: letters, digits, '.', '_' and '-'. */
export function safeName(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '') || 'figure';
}

interface HeadlessSvg {
  initialize(el: null, width: number, height: number, origin: [number, number], scaleFactor: number): HeadlessSvg;
  background(color: unknown): HeadlessSvg;
  render(scene: unknown): HeadlessSvg;
  svg(): string;
}

interface ViewInternals {
  _viewWidth: number;
  _viewHeight: number;
  _origin: [number, number];
}

/** Longest line of a title, in characters; longer titles wrap onto lines (at spaces). */
export const TITLE_LINE = 100;

/** A title's text split into lines of at most TITLE_LINE characters (a word longer than that stays whole). */
export function wrapTitle(text: string, width = TITLE_LINE): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

const LIMIT_KEYS = new Set(['limit', 'labelLimit', 'titleLimit']);

function unlimited(v: unknown, key: string): unknown {
  if (Array.isArray(v)) return v.map((x) => unlimited(x, ''));
  if (v === null || typeof v !== 'object') {
    if (key === 'title' && typeof v === 'string' && v.length > TITLE_LINE) return wrapTitle(v);
    return v;
  }
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (k === 'data' || k === 'values') out[k] = x;
    else if (LIMIT_KEYS.has(k) && typeof x === 'number') out[k] = 0;
    else if (key === 'title' && k === 'text' && typeof x === 'string' && x.length > TITLE_LINE) out[k] = wrapTitle(x);
    else out[k] = unlimited(x, k);
  }
  return out;
}

/**
 * The spec as the report draws it: no text is ever cut. Every `limit`, `labelLimit` and `titleLimit` (which make vega
 * truncate with an ellipsis) is lifted, long titles wrap onto lines instead, and the default padding leaves room on
 * the right for text that a browser's fonts draw wider than vega's estimate.
 */
export function uncut(spec: Record<string, unknown>): Record<string, unknown> {
  const s = unlimited(spec, '') as Record<string, unknown>;
  const config = (s.config ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const none = (k: string, extra: Record<string, unknown>) => ({ ...(config[k] ?? {}), ...extra });
  s.config = {
    ...config,
    legend: none('legend', { labelLimit: 0, titleLimit: 0 }),
    axis: none('axis', { labelLimit: 0, titleLimit: 0 }),
    header: none('header', { labelLimit: 0, titleLimit: 0 }),
    title: none('title', { limit: 0 }),
  };
  if (s.padding === undefined) s.padding = { left: 5, top: 5, bottom: 5, right: 40 };
  return s;
}

function compile(spec: Record<string, unknown>): vega.Spec {
  return vl.compile(uncut(spec) as unknown as vl.TopLevelSpec).spec;
}

/**
 * Vega draws random numbers for some transforms (an errorband's `extent: 'ci'` is a bootstrap): a fixed generator per
 * figure makes the SVG a function of its spec, as the report's bit-for-bit rule asks.
 */
function seedVega(): void {
  const v = vega as unknown as { setRandom(r: () => number): void; randomLCG(seed: number): () => number };
  v.setRandom(v.randomLCG(0));
}

/** The same as `new vega.View(vega.parse(vl.compile(uncut(spec)).spec), { renderer: 'none' }).toSVG()`, synchronously. */
export function renderSvg(spec: Record<string, unknown>): string {
  vega.resetSVGDefIds(); // clip-path and gradient ids restart per figure: the SVG depends on its spec only
  seedVega();
  const view = new vega.View(vega.parse(compile(spec)), { renderer: 'none' });
  try {
    view.run();
    const v = view as unknown as ViewInternals;
    const p = view.padding() as { left: number; right: number; top: number; bottom: number };
    if (typeof v._viewWidth !== 'number' || !Array.isArray(v._origin)) throw new Error('vega View internals changed: render with view.toSVG() instead');
    const width = Math.max(0, v._viewWidth + p.left + p.right);
    const height = Math.max(0, v._viewHeight + p.top + p.bottom);
    const Ctor = (vega as unknown as { SVGStringRenderer: new (loader: unknown) => HeadlessSvg }).SVGStringRenderer;
    const r = new Ctor(view.loader()).initialize(null, width, height, [p.left + v._origin[0], p.top + v._origin[1]], 1);
    r.background(view.background());
    r.render((view.scenegraph() as unknown as { root: unknown }).root);
    return r.svg();
  } finally {
    view.finalize();
  }
}

/** The documented asynchronous path (used by the tests to check renderSvg). */
export async function renderSvgAsync(spec: Record<string, unknown>): Promise<string> {
  vega.resetSVGDefIds();
  seedVega();
  const view = new vega.View(vega.parse(compile(spec)), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Every figure of every claim, in report order, with a unique file name (figures/<id>.svg, suffixed on a clash). */
export function renderFigures(claims: readonly ClaimRun[]): RenderedFigure[] {
  const used = new Set<string>();
  const out: RenderedFigure[] = [];
  for (const c of claims) {
    for (const f of (c.figures ?? []) as FigureSpec[]) {
      let base = safeName(f.id);
      for (let k = 2; used.has(base); k++) base = `${safeName(f.id)}-${k}`;
      used.add(base);
      const r: RenderedFigure = { claim: c.id, id: f.id, title: f.title, file: `figures/${base}.svg`, specBytes: Buffer.byteLength(JSON.stringify(f.spec ?? {})) };
      try {
        r.svg = renderSvg(f.spec);
      } catch (e) {
        r.error = e instanceof Error ? e.message : String(e);
      }
      out.push(r);
    }
  }
  return out;
}

/**
 * An SVG made ready to sit inline in an HTML page beside others: vega names its clip paths and gradients
 * ("clip1", ...) per document, so every id and reference is prefixed with the figure's own name.
 */
export function inlineSvg(svg: string, prefix: string): string {
  const p = safeName(prefix);
  return svg
    .replace(/^<\?xml[^>]*>\s*/, '')
    .replace(/\bid="([^"]+)"/g, (_, id: string) => `id="${p}-${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${p}-${id})`)
    .replace(/(xlink:href|href)="#([^"]+)"/g, (_, attr: string, id: string) => `${attr}="#${p}-${id}"`);
}
