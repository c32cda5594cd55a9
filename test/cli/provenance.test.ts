import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageVersions, uncommittedChanges } from '../../src/cli/provenance.js';
import { isCommittedLocation, prepareOutDir } from '../../src/cli/session.js';
import { buildReport } from '../../src/report/build.js';
import { mergeReports } from '../../src/report/merge.js';
import { toyMethods, toyProvenance, toyRun } from '../report/fixture.js';

/** Citable provenance: every dependency with the version that ran, and a committed report only from a clean tree. */

describe('the packages of the provenance', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
  const names = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).sort();
  it('list every dependency of package.json with the version installed in node_modules (none "not installed")', () => {
    const v = packageVersions();
    expect(Object.keys(v)).toEqual(names);
    for (const n of names) expect(v[n], n).toBe((JSON.parse(readFileSync(join('node_modules', n, 'package.json'), 'utf8')) as { version: string }).version);
    // the packages whose package.json is not in their exports (require.resolve fails on them)
    for (const n of ['commander', 'ml-matrix', 'vega', 'vega-lite']) expect(v[n]).toMatch(/^\d+\.\d+\.\d+/);
  });
  it('say "not installed" for a dependency missing from node_modules', () => {
    const root = mkdtempSync(join(tmpdir(), 'pkgs-'));
    writeFileSync(join(root, 'package.json'), JSON.stringify({ dependencies: { present: '1', absent: '2' } }));
    mkdirSync(join(root, 'node_modules', 'present'), { recursive: true });
    writeFileSync(join(root, 'node_modules', 'present', 'package.json'), JSON.stringify({ version: '1.2.3' }));
    expect(packageVersions(root)).toEqual({ absent: 'not installed', present: '1.2.3' });
  });
  it('make the merge refuse shards run with another ml-matrix', () => {
    const shard = (id: string, mlMatrix: string) => ({
      file: `${id}/claims.json`,
      report: buildReport({ runs: [toyRun(id, 'holds')], errors: [], order: ['a', 'b'], provenance: toyProvenance({ packages: { 'ml-matrix': mlMatrix } }), methods: toyMethods() }),
    });
    expect(() => mergeReports([shard('a', '6.15.1'), shard('b', '6.15.1')], ['a', 'b'], ['a', 'b'])).not.toThrow();
    expect(() => mergeReports([shard('a', '6.15.1'), shard('b', '6.12.0')], ['a', 'b'], ['a', 'b'])).toThrow(/provenance\.packages is .*6\.12\.0.*not shards of one audit/);
  });
});

describe('a committed report comes from a clean tree', () => {
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, stdio: 'pipe', encoding: 'utf8' });
  function repo(): string {
    const root = mkdtempSync(join(tmpdir(), 'clean-tree-'));
    git(root, 'init', '-q');
    git(root, 'config', 'user.email', 't@example.org');
    git(root, 'config', 'user.name', 't');
    mkdirSync(join(root, 'reports'));
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, '.gitignore'), 'reports/partial/\n');
    writeFileSync(join(root, 'reports', 'REPORT.md'), 'old');
    writeFileSync(join(root, 'src', 'a.ts'), 'export {}');
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'init');
    return root;
  }
  it('reports/ is a committed location; an ignored folder and one outside the repository are not', () => {
    const root = repo();
    expect(isCommittedLocation(join(root, 'reports'), root)).toBe(true);
    expect(isCommittedLocation(join(root, 'reports', 'partial'), root)).toBe(false);
    expect(isCommittedLocation(tmpdir(), root)).toBe(false);
  });
  it('refuses to write into reports/ from a dirty tree unless asked; changes under reports/ do not count', () => {
    const root = repo();
    expect(() => prepareOutDir(join(root, 'reports'), false, root)).not.toThrow();
    writeFileSync(join(root, 'reports', 'REPORT.md'), 'regenerated, not committed yet');
    expect(uncommittedChanges(root)).toEqual([]);
    expect(() => prepareOutDir(join(root, 'reports'), false, root)).not.toThrow();
    writeFileSync(join(root, 'src', 'a.ts'), 'export const changed = 1;');
    writeFileSync(join(root, 'src', 'new.ts'), 'export {}');
    expect(uncommittedChanges(root)).toEqual(['src/a.ts', 'src/new.ts']);
    expect(() => prepareOutDir(join(root, 'reports'), false, root)).toThrow(/^invalid out: reports is committed, and the working tree has uncommitted changes \(src\/a\.ts, src\/new\.ts\).*--allow-dirty/);
    expect(() => prepareOutDir(join(root, 'reports'), true, root)).not.toThrow();
    expect(() => prepareOutDir(join(root, 'reports', 'partial'), false, root)).not.toThrow();
  });
});
