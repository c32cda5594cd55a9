import type { ClaimRun, ProofStatusName, Verdict } from '../verdict/types.js';
import { claimPage } from './words.js';

/**
 * The dependency graph of the claims, drawn as a Lean blueprint draws one: each claim is a node coloured by its verdict
 * and outlined by its proof status, a claim sits one layer right of everything it uses (its `uses`, and for a proof step
 * the claim whose proof it belongs to), and an arrow runs from a claim to each claim resting on it. An inline SVG laid
 * out here (no script, no network).
 */

export const VERDICT_COLOR: Record<Verdict, string> = {
  holds: '#2e7d32',
  fails: '#c62828',
  erratum: '#e65100',
  vacuous: '#546e7a',
  inconclusive: '#6a1b9a',
};

/** Outline of a node by proof status: colour and dash (none: no outline). */
export const PROOF_OUTLINE: Record<ProofStatusName, { color: string; dash?: string }> = {
  'sound where tested': { color: '#1b5e20' },
  gap: { color: '#f9a825', dash: '5 3' },
  broken: { color: '#000000', dash: '2 2' },
  'no proof': { color: '#9e9e9e', dash: '1 3' },
  unchecked: { color: '#90a4ae', dash: '6 2 1 2' },
};

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** What a claim rests on, among the claims present. */
function parents(c: ClaimRun, ids: ReadonlySet<string>): string[] {
  return [...new Set([...c.uses, ...(c.proofOf !== undefined ? [c.proofOf] : [])])].filter((u) => u !== c.id && ids.has(u));
}

/** Layer of each claim: 0 for a claim resting on nothing present, else one more than its deepest parent (cycles cut). */
export function layers(claims: readonly ClaimRun[]): Map<string, number> {
  const ids = new Set(claims.map((c) => c.id));
  const byId = new Map(claims.map((c) => [c.id, c]));
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const depthOf = (id: string): number => {
    const d = depth.get(id);
    if (d !== undefined) return d;
    if (visiting.has(id)) return 0;
    visiting.add(id);
    const ps = parents(byId.get(id) as ClaimRun, ids);
    const v = ps.length ? 1 + Math.max(...ps.map(depthOf)) : 0;
    visiting.delete(id);
    depth.set(id, v);
    return v;
  };
  claims.forEach((c) => depthOf(c.id));
  return depth;
}

/** The SVG; `href(id)` is where a node links (default: the claim's HTML page). */
export function claimGraph(claims: readonly ClaimRun[], href: (id: string) => string = (id) => `${claimPage(id, 'html')}#${id}`): string {
  const ids = new Set(claims.map((c) => c.id));
  const depth = layers(claims);
  const cols = new Map<number, ClaimRun[]>();
  for (const c of claims) {
    const d = depth.get(c.id) as number;
    cols.set(d, [...(cols.get(d) ?? []), c]);
  }
  const W = 276;
  const H = 24;
  const GX = 60;
  const GY = 10;
  const pos = new Map<string, { x: number; y: number }>();
  let maxRows = 0;
  // within a layer, order by the mean row of the parents (fewer crossings), then by report order
  const order = new Map(claims.map((c, i) => [c.id, i]));
  for (const d of [...cols.keys()].sort((a, b) => a - b)) {
    const list = cols.get(d) as ClaimRun[];
    const key = (c: ClaimRun): number => {
      const ps = parents(c, ids).map((u) => pos.get(u)?.y ?? 0);
      return ps.length ? ps.reduce((a, b) => a + b, 0) / ps.length : -1;
    };
    list.sort((a, b) => key(a) - key(b) || (order.get(a.id) as number) - (order.get(b.id) as number));
    list.forEach((c, j) => pos.set(c.id, { x: 10 + d * (W + GX), y: 10 + j * (H + GY) }));
    maxRows = Math.max(maxRows, list.length);
  }
  const width = 20 + (Math.max(0, ...cols.keys()) + 1) * (W + GX) - GX;
  const height = 20 + maxRows * (H + GY) - GY;
  const edges: string[] = [];
  for (const c of claims) {
    const to = pos.get(c.id) as { x: number; y: number };
    for (const u of parents(c, ids)) {
      const from = pos.get(u) as { x: number; y: number };
      const x1 = from.x + W;
      const y1 = from.y + H / 2;
      const x2 = to.x;
      const y2 = to.y + H / 2;
      const mx = (x1 + x2) / 2;
      const proof = c.proofOf === u;
      edges.push(`<path class="edge" data-from="${esc(u)}" data-to="${esc(c.id)}" d="M${x1},${y1} C${mx},${y1} ${mx},${y2} ${x2 - 4},${y2}" fill="none" stroke="${proof ? '#616161' : '#9e9e9e'}" stroke-width="1"${proof ? ' stroke-dasharray="3 2"' : ''} marker-end="url(#graph-arrow)"/>`);
    }
  }
  const nodes = claims.map((c) => {
    const p = pos.get(c.id) as { x: number; y: number };
    const label = c.id.length > 36 ? `${c.id.slice(0, 35)}…` : c.id;
    const o = c.proofStatus ? PROOF_OUTLINE[c.proofStatus.status] : undefined;
    const stroke = o ? ` stroke="${o.color}" stroke-width="3"${o.dash ? ` stroke-dasharray="${o.dash}"` : ''}` : '';
    const tip = `${c.id}: ${c.verdict}${c.proofStatus ? `; proof ${c.proofStatus.status}` : ''}`;
    return `<a href="${esc(href(c.id))}"><g class="node" data-id="${esc(c.id)}" data-verdict="${c.verdict}"${c.proofStatus ? ` data-proof="${esc(c.proofStatus.status)}"` : ''}><title>${esc(tip)}</title><rect x="${p.x}" y="${p.y}" width="${W}" height="${H}" rx="4" fill="${VERDICT_COLOR[c.verdict]}"${stroke}/><text x="${p.x + 8}" y="${p.y + 16}" fill="#fff" font-size="12" font-family="monospace">${esc(label)}</text></g></a>`;
  });
  return `<svg class="graph" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="claims and the claims they rest on, coloured by verdict, outlined by proof status"><defs><marker id="graph-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="#9e9e9e"/></marker></defs>${edges.join('')}${nodes.join('')}</svg>`;
}
