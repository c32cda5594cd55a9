import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { descendants } from '../../src/cli/processes.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv } from './helpers.js';

/**
 * Ctrl-C and SIGTERM stop the audit, whether sent to the process group or to npm's own process: one line says no
 * report was written, the report folder is as it was, and no worker is left running.
 */

interface Child {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

const cmdline = (pid: number): string => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').slice(0, 200);
  } catch {
    return '(gone)';
  }
};

/** Running (a zombie, ended and waiting to be reaped by an init that may not reap, is not). */
const alive = (pid: number): boolean => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
};

/** Starts `npm run audit` in its own process group, sends `signal` to npm alone or to the group once the audit has begun. */
function interruptAudit(signal: NodeJS.Signals, to: 'npm' | 'group', outDir: string): Promise<Child & { leftover: string[] }> {
  return new Promise((resolve, reject) => {
    // a claim that runs for several seconds: the signal arrives while it runs
    const p = spawn('npm', ['run', 'audit', '--', '--claim', 'lemma-3.quarter', '--out', outDir], { env: cleanEnv(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const res: Child = { code: null, signal: null, out: '', err: '' };
    let sent = false;
    let below: number[] = [];
    p.stdout.on('data', (d: Buffer) => (res.out += d.toString()));
    p.stderr.on('data', (d: Buffer) => {
      res.err += d.toString();
      if (!sent && /audit: 1 claim \(quick tier/.test(res.err)) {
        sent = true;
        setTimeout(() => {
          below = descendants(p.pid as number);
          process.kill(to === 'npm' ? (p.pid as number) : -(p.pid as number), signal);
        }, 4000);
      }
    });
    const timer = setTimeout(() => {
      process.kill(-(p.pid as number), 'SIGKILL');
      reject(new Error(`the audit did not stop: ${res.out}\n${res.err}`));
    }, 120_000);
    p.on('close', (code, sig) => {
      clearTimeout(timer);
      res.code = code;
      res.signal = sig;
      setTimeout(() => resolve({ ...res, leftover: below.filter(alive).map((c) => `${c} ${cmdline(c)}`) }), 500);
    });
  });
}

function previousReport(): string {
  const dir = mkdtempSync(join(tmpdir(), 'interrupt-'));
  writeFileSync(join(dir, 'claims.json'), 'previous claims');
  writeFileSync(join(dir, 'REPORT.md'), 'previous report');
  mkdirSync(join(dir, 'figures'));
  return dir;
}

describe.each([
  ['SIGINT', 'npm'],
  ['SIGTERM', 'npm'],
  ['SIGINT', 'group'],
] as const)('%s to %s', (signal, to) => {
  it('stops the audit, says no report was written, and leaves the report folder and no process behind', { timeout: 180_000 }, async () => {
    const dir = previousReport();
    const r = await interruptAudit(signal, to, dir);
    expect(r.err).toMatch(new RegExp(`audit: interrupted \\(${signal}\\); no report was written`));
    expect(r.out).not.toMatch(/^lemma-3\.quarter\s/m);
    expect(r.code === null ? r.signal : r.code).not.toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['REPORT.md', 'claims.json', 'figures']);
    expect(readFileSync(join(dir, 'REPORT.md'), 'utf8')).toBe('previous report');
    expect(r.leftover).toEqual([]);
  });
});
