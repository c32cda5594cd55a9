import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { ALL_CLAIMS } from '../../theorems/index.js';
import { registrySource } from '../../src/cli/registry.js';

const ROOT = join(import.meta.dirname, '..', '..');
const stems = (dir: string, suffix: string): string[] =>
  readdirSync(join(ROOT, dir))
    .filter((f) => f.endsWith(suffix) && f !== 'index.ts')
    .map((f) => f.slice(0, -suffix.length))
    .sort();

describe('the registry is the folder', () => {
  it('every record has a property and every property a record', () => {
    const records = stems('theorems', '.ts');
    const properties = stems('properties', '.prop.test.ts');
    expect(records.filter((r) => !properties.includes(r))).toEqual([]);
    expect(properties.filter((p) => !records.includes(p))).toEqual([]);
  });
  it('the registry holds every record, each once, named by its file', () => {
    const ids = ALL_CLAIMS.map((c) => c.id);
    expect([...ids].sort()).toEqual(stems('theorems', '.ts'));
    expect(new Set(ids).size).toBe(ids.length);
  });
  it('theorems/index.ts is the generated registry of the folder (npm run registry rebuilds it)', () => {
    expect(readFileSync(join(ROOT, 'theorems', 'index.ts'), 'utf8')).toBe(registrySource(ROOT));
  });
  it('every record uses only known claims', () => {
    const ids = new Set(ALL_CLAIMS.map((c) => c.id));
    expect(ALL_CLAIMS.flatMap((c) => c.uses.filter((u: string) => !ids.has(u)).map((u: string) => `${c.id} uses ${u}`))).toEqual([]);
  });
});
