import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { argvReaders, folderCycles, forbiddenArrows, importsOf, repositoryFiles, TRANSITIONAL, type SourceFile } from './imports.js';

const ROOT = join(import.meta.dirname, '..', '..');

function arrows(files: readonly SourceFile[], exists: (p: string) => boolean) {
  return files.flatMap((f) => importsOf(f, exists));
}

describe('the house: arrows point one way', () => {
  const files = repositoryFiles(ROOT);
  const edges = arrows(files, (p) => existsSync(join(ROOT, p)));

  it('reads the imports of every source file', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(edges.length).toBeGreaterThan(100);
  });
  it('has no wrong-way arrow (beyond the declared transitional ones)', () => {
    const bad = [...forbiddenArrows(edges), ...folderCycles(edges).map((c) => `cycle: ${c}`)];
    expect(bad.filter((b) => !TRANSITIONAL.includes(b))).toEqual([]);
    // every transitional entry still exists: the list only shrinks
    expect(TRANSITIONAL.filter((t) => !bad.includes(t))).toEqual([]);
  });
  it('only src/cli reads process arguments', () => {
    expect(argvReaders(files)).toEqual([]);
  });
});

describe('the architecture check itself (fixtures)', () => {
  const exists = (): boolean => false;
  const f = (path: string, text: string): SourceFile => ({ path, text });
  const rejected = (...files: SourceFile[]): string[] => forbiddenArrows(arrows(files, exists));
  it('rejects the engine importing the verdict layer, and a value import where only types may go', () => {
    const bad = rejected(
      f('src/engine/x.ts', "import { claimTest } from '../verdict/claimTest.js';"),
      f('src/stats/y.ts', "import { stream } from '../engine/rng.js';\nimport type { Rng } from '../engine/rng.js';"),
      f('src/report/z.ts', "import { type ClaimRun, type Verdict } from '../verdict/types.js';"),
    );
    expect(bad).toEqual(['src/engine/x.ts -> src/verdict/claimTest.ts (src/engine/ may not import from there)', 'src/stats/y.ts -> src/engine/rng.ts (src/stats/ may import only types from there)']);
  });
  it("rejects a record importing another record's values or a property's support, and accepts types", () => {
    const bad = rejected(
      f('theorems/a.ts', "import { DOMAIN } from './b.js';\nimport type { ClaimRecord } from '../src/verdict/types.js';"),
      f('theorems/c.ts', "import type { Setup } from '../properties/support/experiment.js';"),
    );
    expect(bad).toEqual(["theorems/a.ts -> theorems/b.ts (a record imports another record's values)", 'theorems/c.ts -> properties/support/experiment.ts (theorems/ may not import from there)']);
  });
  it('keeps the figures room to specifications: run data as types, no verdict logic, no engine', () => {
    const bad = rejected(
      f('src/figures/a.ts', "import type { FigureSpec } from '../verdict/types.js';\nimport type { Trajectory } from '../scenarios/syntheticTraining.js';\nimport { fmt } from '../stats/format.js';"),
      f('src/figures/b.ts', "import { runTraining } from '../scenarios/syntheticTraining.js';\nimport type { ClaimContext } from '../verdict/context.js';"),
      f('src/report/c.ts', "import { lineFigure } from '../figures/lineCharts.js';"),
    );
    expect(bad).toEqual([
      'src/figures/b.ts -> src/scenarios/syntheticTraining.ts (src/figures/ may import only types from there)',
      'src/figures/b.ts -> src/verdict/context.ts (src/figures/ may not import from there)',
      'src/report/c.ts -> src/figures/lineCharts.ts (src/report/ may not import from there)',
    ]);
  });
  it('finds a cycle between folders', () => {
    const edges = arrows([f('src/verdict/family.ts', "import { ALL } from '../../theorems/index.js';"), f('theorems/a.ts', "import type { ClaimRecord } from '../src/verdict/types.js';")], exists);
    expect(folderCycles(edges)).toEqual(['src/verdict -> theorems -> src/verdict']);
  });
  it('finds process.argv outside src/cli', () => {
    expect(argvReaders([f('src/verdict/config.ts', 'const a = process.argv[2];'), f('src/cli/audit.ts', 'process.argv')])).toEqual(['src/verdict/config.ts']);
  });
});
