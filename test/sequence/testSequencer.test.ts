import { join } from 'node:path';
import type { TestSpecification, Vitest } from 'vitest/node';
import { describe, expect, it } from 'vitest';
import { fileCosts, reportedClaims } from '../../src/cli/sequencer.js';
import { FILE_SECONDS } from './fileSeconds.js';
import TestSequencer from './testSequencer.js';

/** `npm test` starts the longest files first, over both projects (test/sequence/testSequencer.ts). */

const root = process.cwd();
const spec = (path: string, project: string): TestSpecification => ({ moduleId: join(root, path), project: { name: project } }) as unknown as TestSpecification;
const sorted = async (specs: TestSpecification[]): Promise<string[]> =>
  (await new TestSequencer({ config: { root } } as unknown as Vitest).sort(specs)).map((s) => s.moduleId.slice(root.length + 1));

describe('the order of npm test', () => {
  const engine = Object.entries(FILE_SECONDS).sort((a, b) => b[1] - a[1]);
  const claims = reportedClaims(join(root, 'reports'));
  const claimFile = (id: string): string => `properties/${id}.prop.test.ts`;
  const costly = [...claims].sort((a, b) => (b.seconds ?? 0) - (a.seconds ?? 0))[0]!;
  const cheap = [...claims].filter((c) => !c.id.startsWith('proof-')).sort((a, b) => (a.seconds ?? 0) - (b.seconds ?? 0))[0]!;

  it('the table and the committed report know the files that matter', () => {
    expect(engine.length).toBeGreaterThan(20);
    expect(claims.length).toBeGreaterThan(20);
    expect(costly.seconds).toBeGreaterThan(cheap.seconds ?? 0);
  });

  it('mixes the projects by cost, longest first: a long engine file before a cheap claim, a costly claim before a short engine file', async () => {
    const [longEngine, longSeconds] = engine[0]!;
    const [shortEngine] = engine.at(-1)!;
    const files = [spec(shortEngine, 'engine'), spec(claimFile(cheap.id), 'claims'), spec(longEngine, 'engine'), spec(claimFile(costly.id), 'claims')];
    const order = await sorted(files);
    const costs = fileCosts(files.map((f) => f.moduleId), claims);
    const cost = (p: string): number => costs.get(join(root, p)) ?? FILE_SECONDS[p]!;
    expect(order.map(cost)).toEqual(order.map(cost).sort((a, b) => b - a));
    expect(order.indexOf(longEngine)).toBeLessThan(order.indexOf(claimFile(cheap.id)));
    expect(longSeconds).toBeGreaterThan(cheap.seconds ?? 0);
    expect(costly.seconds).toBeGreaterThan(FILE_SECONDS[shortEngine]!);
    expect(order.indexOf(claimFile(costly.id))).toBeLessThan(order.indexOf(shortEngine));
  });

  it('a file it does not know starts among the most expensive; the order does not depend on the order given', async () => {
    const files = [spec(engine.at(-1)![0], 'engine'), spec('test/new/unknown.test.ts', 'engine'), spec(engine[1]![0], 'engine')];
    const order = await sorted(files);
    expect(order.indexOf('test/new/unknown.test.ts')).toBeLessThan(order.indexOf(engine.at(-1)![0]));
    expect(await sorted([...files].reverse())).toEqual(order);
  });
});
