import { describe, expect, it } from 'vitest';
import { progressEnabled, startProgress } from '../../src/verdict/progress.js';

/** Progress: nothing for a short run, then lines with done, rate and time left, and always a last line at 100%. */

function clock() {
  let t = 0;
  const lines: string[] = [];
  return { lines, now: () => t, advance: (s: number) => (t += s), write: (s: string) => void lines.push(s) };
}

describe('progress lines', () => {
  it('stay quiet during the first seconds; a run that passes them prints done, rate and time left, then 100%', () => {
    const c = clock();
    const p = startProgress('demo.claim search A6', 100, 'runs', { enabled: true, quietSeconds: 10, lineSeconds: 10, tty: false, now: c.now, write: c.write });
    for (let i = 0; i < 10; i++) (c.advance(0.5), p.tick());
    expect(c.lines).toEqual([]);
    for (let i = 0; i < 30; i++) (c.advance(0.5), p.tick());
    expect(c.lines.length).toBeGreaterThanOrEqual(1);
    expect(c.lines[0]).toBe('demo.claim search A6: 20% | 20/100 runs | 2.00 runs/s | 40s left\n');
    p.tick(200); // more than the total is capped
    p.done();
    p.done();
    expect(c.lines.at(-1)).toMatch(/^demo\.claim search A6: 100% \| 100\/100 runs \| [\d.]+ runs\/s \| done in 20s\n$/);
    expect(c.lines.filter((l) => l.includes('100%'))).toHaveLength(1);
  });
  it('a run that ends within the quiet seconds prints nothing; with no quiet seconds it prints its 100% line', () => {
    const c = clock();
    const p = startProgress('x', 5, 'steps', { enabled: true, quietSeconds: 10, tty: false, now: c.now, write: c.write });
    p.tick(5);
    p.done();
    expect(c.lines).toEqual([]);
    const q = startProgress('x', 5, 'steps', { enabled: true, quietSeconds: 0, tty: false, now: c.now, write: c.write });
    q.done();
    expect(c.lines).toEqual(['x: 100% | 5/5 steps | - steps/s | done in 0s\n']);
  });
  it('redraws in place on a terminal, and is off unless asked (AUDIT_PROGRESS, or the paper tier)', () => {
    const c = clock();
    const p = startProgress('x', 4, 'steps', { enabled: true, quietSeconds: 0, tty: true, now: c.now, write: c.write });
    c.advance(1);
    p.tick();
    p.done();
    expect(c.lines[0]!.startsWith('\r\u001b[2K')).toBe(true);
    expect(c.lines.at(-1)!.endsWith('done in 1s\n')).toBe(true);
    expect(progressEnabled('quick', {})).toBe(false);
    expect(progressEnabled('paper', {})).toBe(true);
    expect(progressEnabled('quick', { AUDIT_PROGRESS: '1' })).toBe(true);
    expect(progressEnabled('paper', { AUDIT_PROGRESS: '0' })).toBe(false);
    const off = startProgress('x', 4, 'steps', { enabled: false, quietSeconds: 0, now: c.now, write: c.write });
    off.tick();
    off.done();
    expect(c.lines).toHaveLength(2);
  });
});
