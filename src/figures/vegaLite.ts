import type { FigureSpec } from '../verdict/types.js';

/**
 * The figures room: Vega-Lite (v6) specifications with inline data, built from run data by the properties and rendered to
 * SVG by src/report/figures.ts. This module holds what every builder shares: the schema, the wrapper, rounding and
 * thinning (each spec stays well under 200 KB).
 */
export type Datum = Record<string, number | string>;

export const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** A figure: its id, its caption, and the spec `{ $schema, title: heading, ...body }` (heading: the chart's own title). */
export function vegaLite(id: string, title: string, body: Record<string, unknown>, heading: unknown = title): FigureSpec {
  return { id, title, spec: { $schema: SCHEMA, title: heading, ...body } };
}

/** Chart titles left-aligned and cut at `limit` pixels (the full title is the figure's caption in the report). */
export const titleOf = (text: string, limit = 760) => ({ text, anchor: 'start', fontSize: 12, limit });

/** x to 4 significant digits; 0 for 0 and for what is not finite (a spec carries no NaN). */
export function r4(x: number): number {
  if (!Number.isFinite(x) || x === 0) return 0;
  return Number(x.toPrecision(4));
}

/** Every number of every datum through r4. */
export function roundData(values: readonly Datum[]): Datum[] {
  return values.map((d) => Object.fromEntries(Object.entries(d).map(([k, v]) => [k, typeof v === 'number' ? r4(v) : v])));
}

/** At most k evenly spaced entries of a list (entry round(j (n - 1) / (k - 1)) for j < k), the first and the last kept. */
export function thinEvenly<T>(xs: readonly T[], k: number): T[] {
  if (xs.length <= k) return [...xs];
  const out: T[] = [];
  for (let j = 0; j < k; j++) out.push(xs[Math.round((j * (xs.length - 1)) / (k - 1))] as T);
  return out;
}

/** The indices of evenly spaced entries of a list of length n: every stride-th (stride ceil((n - 1) / (max - 1))) and the last. */
export function thinByStride(n: number, max: number): (i: number) => boolean {
  if (n <= max) return () => true;
  const stride = Math.ceil((n - 1) / (max - 1));
  return (i) => i % stride === 0 || i === n - 1;
}
