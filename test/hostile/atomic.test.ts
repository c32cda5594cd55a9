import * as fs from 'node:fs';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

/**
 * The report is written all or nothing (src/report/write.ts): a failure while staging or half-way through
 * the renames leaves the previous report exactly as it was and no temporary file behind.
 */

const failOn = { rename: -1, write: -1 };
let renames = 0;
let writes = 0;
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  return {
    ...real,
    renameSync: (from: fs.PathLike, to: fs.PathLike) => {
      if (renames++ === failOn.rename) throw Object.assign(new Error('EIO: injected rename failure'), { code: 'EIO' });
      return real.renameSync(from, to);
    },
    writeFileSync: (...args: Parameters<typeof real.writeFileSync>) => {
      if (writes++ === failOn.write) throw Object.assign(new Error('ENOSPC: injected write failure'), { code: 'ENOSPC' });
      return real.writeFileSync(...args);
    },
  };
});

const { writeAtomically } = await import('../../src/report/write.js');

function previousReport(): string {
  const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
  writeFileSync(join(dir, 'claims.json'), 'old claims');
  writeFileSync(join(dir, 'REPORT.md'), 'old report');
  mkdirSync(join(dir, 'figures'));
  writeFileSync(join(dir, 'figures', 'a.svg'), 'old svg');
  return dir;
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir, { recursive: true }) as string[]) {
    const p = join(dir, String(f));
    out[String(f)] = fs.statSync(p).isDirectory() ? '(folder)' : readFileSync(p, 'utf8');
  }
  return out;
}

const NEW = { 'claims.json': 'new claims', 'REPORT.md': 'new report', 'index.html': 'new html', 'figures/a.svg': 'new svg', 'figures/b.svg': 'new svg b' };

afterEach(() => {
  failOn.rename = -1;
  failOn.write = -1;
});

describe('writeAtomically: all files or none', () => {
  it('writes every file when nothing fails, and leaves no temporary file', () => {
    const dir = previousReport();
    writeAtomically(dir, NEW);
    expect(snapshot(dir)).toEqual({ ...NEW, figures: '(folder)' });
  });

  for (let k = 0; k < 5; k++) {
    it(`a write failure at file ${k + 1} of 5 leaves the previous report untouched`, () => {
      const dir = previousReport();
      const before = snapshot(dir);
      writes = 0;
      failOn.write = k;
      expect(() => writeAtomically(dir, NEW)).toThrow(/ENOSPC/);
      expect(snapshot(dir)).toEqual(before);
    });
  }

  for (let k = 0; k < 8; k++) {
    it(`a rename failure at rename ${k + 1} restores the previous report`, () => {
      const dir = previousReport();
      const before = snapshot(dir);
      renames = 0;
      failOn.rename = k;
      expect(() => writeAtomically(dir, NEW)).toThrow(/EIO/);
      expect(snapshot(dir)).toEqual(before);
    });
  }

  it('a folder where a report file goes is refused before anything changes', () => {
    const dir = previousReport();
    mkdirSync(join(dir, 'index.html'));
    const before = snapshot(dir);
    expect(() => writeAtomically(dir, NEW)).toThrow(/EISDIR/);
    expect(snapshot(dir)).toEqual(before);
  });
});
