import type { Reporter, TestCase, TestModule } from 'vitest/node';
import type { ReplayMeta } from '../verdict/replay.js';
import type { ClaimRun, Verdict } from '../verdict/types.js';
import { decidingSentence, headOf } from '../report/words.js';

/**
 * The audit's console: one line per claim as its check ends (id, verdict, the deciding sentence, seconds); a check
 * that crashed prints its error with the stack (a defect, not a finding). Verdicts are findings, never shown as failed
 * assertions. Colour only on a terminal (and never with NO_COLOR or FORCE_COLOR=0).
 */

export interface ConsoleStreams {
  out: { write(s: string): unknown; isTTY?: boolean };
  err: { write(s: string): unknown };
}

const CODES: Record<Verdict | 'error', string> = { holds: '32', fails: '31', erratum: '33', vacuous: '90', inconclusive: '35', error: '41;97' };

export function useColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if ('NO_COLOR' in env || env.FORCE_COLOR === '0') return false;
  return stream.isTTY === true;
}

/** `id  verdict  deciding sentence  (s)`: the console's line for one claim. */
export function verdictLine(r: Pick<ClaimRun, 'id' | 'verdict' | 'because' | 'summary' | 'seconds'>, color: boolean, width = 160): string {
  const v = color ? `\u001b[${CODES[r.verdict]}m${r.verdict.padEnd(12)}\u001b[0m` : r.verdict.padEnd(12);
  return `${r.id.padEnd(36)} ${v} ${headOf(decidingSentence(r), width)} (${r.seconds.toFixed(1)} s)`;
}

export class VerdictConsole implements Reporter {
  readonly replays: ReplayMeta[] = [];
  private readonly color: boolean;
  private readonly tally = new Map<string, number>();
  private claims = 0;
  private crashed = 0;
  /** `label` heads the summary line printed when the run ends (none when absent) */
  constructor(
    private readonly io: ConsoleStreams = { out: process.stdout, err: process.stderr },
    private readonly label?: string,
  ) {
    this.color = useColor(io.out);
  }

  onTestCaseResult(tc: TestCase): void {
    const meta = tc.meta();
    if (meta.replay) {
      this.replays.push(meta.replay);
      return;
    }
    if (meta.claimRun) {
      this.claims++;
      this.tally.set(meta.claimRun.verdict, (this.tally.get(meta.claimRun.verdict) ?? 0) + 1);
      this.io.out.write(`${verdictLine(meta.claimRun, this.color)}\n`);
      return;
    }
    const res = tc.result();
    if (res.state === 'failed') {
      this.crashed++;
      const label = this.color ? `\u001b[${CODES.error}m check error \u001b[0m` : 'check error';
      this.io.out.write(`${tc.name.padEnd(36)} ${label}  the check crashed (a defect of the check, not a verdict)\n`);
      for (const e of res.errors ?? []) this.io.err.write(`${e.stack ?? `${e.name ?? 'Error'}: ${e.message}`}\n`);
    }
  }

  onTestModuleEnd(mod: TestModule): void {
    if (mod.state() === 'failed' && [...mod.children.allTests()].length === 0) {
      this.io.out.write(`${mod.moduleId} could not be loaded\n`);
      for (const e of mod.errors()) this.io.err.write(`${e.stack ?? e.message}\n`);
    }
  }

  onUserConsoleLog(log: { content: string; type: 'stdout' | 'stderr' }): void {
    this.io.err.write(log.content);
  }

  onTestRunEnd(_mods: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<{ message: string; stack?: string }>, reason?: string): void {
    for (const e of unhandled) this.io.err.write(`unhandled error: ${e.stack ?? e.message}\n`);
    if (this.label === undefined || reason === 'interrupted' || (this.claims === 0 && this.crashed === 0)) return;
    const counts = [...this.tally].map(([v, n]) => `${n} ${v}`).join(', ');
    this.io.out.write(`\n${this.label}: ${this.claims} claim${this.claims === 1 ? '' : 's'}: ${counts || 'none'}${this.crashed ? `; ${this.crashed} check${this.crashed === 1 ? '' : 's'} could not run` : ''}\n`);
  }
}
