import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ClaimRecord } from '../src/verdict/types.js';

/**
 * The registry, built from the folder: every `<id>.ts` here (but this file) is a claim record with a default export.
 * Adding a claim adds its file; nothing else is listed by hand (test/architecture/registry.test.ts checks that every
 * record has a property and every property a record). Report order: by the paper's structure (prefix rank), then id.
 */
const ORDER = ['eq-', 'insights-', 'theorem-', 'lemma-3.', 'lemma-4.', 'phase-', 'lemma-5.', 'lemma-6.', 'lemma-b', 'corollary-b', 'lemma-c', 'condition-', 'table-', 'remark-', 'experiment.', 'figure-'];

function rank(id: string): number {
  const i = ORDER.findIndex((p) => id.startsWith(p));
  return i < 0 ? ORDER.length : i;
}

const dir = fileURLToPath(new URL('.', import.meta.url));
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .sort();

const loaded = await Promise.all(files.map(async (f) => ((await import(/* @vite-ignore */ `./${f.replace(/\.ts$/, '.js')}`)) as { default: ClaimRecord<any, any> }).default));

for (const [i, r] of loaded.entries()) {
  if (!r || typeof r.id !== 'string') throw new Error(`theorems/${files[i]} has no default-exported claim record`);
  if (`${r.id}.ts` !== files[i]) throw new Error(`theorems/${files[i]} declares id ${r.id}: a record's file is named by its id`);
}

export const ALL_CLAIMS: readonly ClaimRecord<any, any>[] = [...loaded].sort((a, b) => rank(a.id) - rank(b.id) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** The family for the suite-wide error rate: every statistical test declared in the registry, fixed before any run. */
export const FAMILY_SIZE = Math.max(1, ALL_CLAIMS.reduce((s, r) => s + r.tests, 0));

export function claimById(id: string): ClaimRecord<any, any> | undefined {
  return ALL_CLAIMS.find((c) => c.id === id);
}
