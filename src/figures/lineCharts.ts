import type { FigureSpec } from '../verdict/types.js';
import { roundData, titleOf, vegaLite, type Datum } from './vegaLite.js';

/** The two chart kinds of the synthetic experiments' figures: lines against a step, and neurons as points. */
export interface Axis {
  field: string;
  title: string | null;
  log?: boolean;
  /** 'symlog' for series that cross zero */
  symlog?: boolean;
  zero?: boolean;
}

/** The chart, or its facets with their own y (or x and y) scales when `facet` is given. */
function faceted(o: { id: string; title: string; values: Datum[] }, inner: Record<string, unknown>, facet?: Record<string, unknown>): FigureSpec {
  const data = { values: roundData(o.values) };
  return vegaLite(o.id, o.title, facet ? { data, ...facet, spec: { ...inner, ...(facet.spec as object) } } : { data, ...inner }, titleOf(o.title));
}

/** Line chart of y against x, one line per `color` value (and per `detail`, e.g. a seed), optionally faceted in rows with independent y. */
export function lineFigure(o: {
  id: string;
  title: string;
  values: Datum[];
  x: Axis;
  y: Axis;
  color?: { field: string; title: string };
  detail?: string;
  row?: { field: string; title?: string };
  width?: number;
  height?: number;
  strokeDash?: { field: string; title: string };
  rules?: { x: number; label: string }[];
}): FigureSpec {
  const scale = (a: Axis) => (a.log ? { type: 'log' } : a.symlog ? { type: 'symlog' } : { zero: a.zero ?? false });
  const encoding: Record<string, unknown> = {
    x: { field: o.x.field, type: 'quantitative', title: o.x.title, scale: scale(o.x) },
    y: { field: o.y.field, type: 'quantitative', title: o.y.title, scale: scale(o.y) },
  };
  if (o.color) encoding.color = { field: o.color.field, type: 'nominal', title: o.color.title };
  if (o.detail) encoding.detail = { field: o.detail, type: 'nominal' };
  if (o.strokeDash) encoding.strokeDash = { field: o.strokeDash.field, type: 'nominal', title: o.strokeDash.title };
  const layers: Record<string, unknown>[] = [{ mark: { type: 'line', strokeWidth: 1.4, clip: true }, encoding }];
  if (o.rules?.length) {
    const data = { values: o.rules.map((r) => ({ x: r.x, label: r.label })) };
    layers.push({ data, mark: { type: 'rule', strokeDash: [4, 3], color: '#555' }, encoding: { x: { field: 'x', type: 'quantitative' } } });
    layers.push({ data, mark: { type: 'text', align: 'left', dx: 3, dy: -4, baseline: 'bottom', fontSize: 10, color: '#333' }, encoding: { x: { field: 'x', type: 'quantitative' }, y: { value: 0 }, text: { field: 'label' } } });
  }
  const inner = { width: o.width ?? 460, height: o.height ?? 220, layer: layers };
  const facet = o.row && { facet: { row: { field: o.row.field, type: 'nominal', title: o.row.title ?? null } }, spec: { height: o.height ?? 150 }, resolve: { scale: { y: 'independent' } } };
  return faceted(o, inner, facet);
}

/** Scatter of y against x coloured by a quantitative field (darker = later), optionally faceted in columns. */
export function scatterFigure(o: {
  id: string;
  title: string;
  values: Datum[];
  x: Axis;
  y: Axis;
  color: { field: string; title: string; ordinal?: boolean };
  column?: { field: string; title?: string; columns?: number };
  path?: boolean;
  width?: number;
  height?: number;
}): FigureSpec {
  const enc = {
    x: { field: o.x.field, type: 'quantitative', title: o.x.title, scale: o.x.log ? { type: 'log' } : { zero: o.x.zero ?? false } },
    y: { field: o.y.field, type: 'quantitative', title: o.y.title, scale: o.y.symlog ? { type: 'symlog' } : { zero: o.y.zero ?? false } },
    color: { field: o.color.field, type: o.color.ordinal ? 'ordinal' : 'quantitative', title: o.color.title, scale: { scheme: { name: 'blues', extent: [0.3, 1] } } },
  };
  const layers: Record<string, unknown>[] = [];
  if (o.path) layers.push({ mark: { type: 'line', color: '#bbb', strokeWidth: 0.7 }, encoding: { x: enc.x, y: enc.y, order: { field: o.color.field, type: 'quantitative' } } });
  layers.push({ mark: { type: 'circle', size: 14, opacity: 0.85 }, encoding: enc });
  const inner = { width: o.width ?? 220, height: o.height ?? 180, layer: layers };
  const facet = o.column && { facet: { field: o.column.field, type: 'ordinal', title: o.column.title ?? null }, columns: o.column.columns ?? 3, spec: {}, resolve: { scale: { x: 'independent', y: 'independent' } } };
  return faceted(o, inner, facet);
}
