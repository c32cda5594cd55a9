/**
 * Progress of long runs on stderr: runs or steps done, rate and time left, ending at 100%.
 *
 * On with AUDIT_PROGRESS=1 (the audit and explore set it when their stderr is a terminal), off with AUDIT_PROGRESS=0,
 * and on at the paper tier otherwise. A run prints nothing during its first AUDIT_PROGRESS_QUIET seconds (default 10),
 * so only runs that pass that show progress; once it has printed, it prints a line every 10 s (redraws in place, about
 * four times a second, on a terminal) and always a last line at 100% when it is done. The simulations block the event
 * loop, so lines are drawn from `tick`, never from a timer.
 */
export interface Progress {
  /** n more done (default 1) */
  tick(n?: number): void;
  /** all done: prints the 100% line when the run has shown progress */
  done(): void;
}

export interface ProgressOptions {
  enabled: boolean;
  /** seconds before the first line */
  quietSeconds?: number;
  /** seconds between lines when not on a terminal */
  lineSeconds?: number;
  tty?: boolean;
  write?: (s: string) => void;
  now?: () => number;
}

export const NO_PROGRESS: Progress = { tick: () => undefined, done: () => undefined };

export function progressEnabled(tier: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const v = env.AUDIT_PROGRESS;
  if (v === '0') return false;
  if (v === '1') return true;
  return tier === 'paper';
}

export function quietSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const v = Number(env.AUDIT_PROGRESS_QUIET);
  return env.AUDIT_PROGRESS_QUIET !== undefined && env.AUDIT_PROGRESS_QUIET !== '' && Number.isFinite(v) && v >= 0 ? v : 10;
}

export function duration(s: number): string {
  if (!Number.isFinite(s) || s < 0) return '?';
  const h = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = Math.floor(s % 60);
  return h > 0 ? `${h}h${String(mm).padStart(2, '0')}m` : mm > 0 ? `${mm}m${String(ss).padStart(2, '0')}s` : `${ss}s`;
}

/** A progress line for `label`: `total` things of kind `unit` (runs, steps, configurations). */
export function startProgress(label: string, total: number, unit: string, opts: ProgressOptions): Progress {
  if (!opts.enabled || !(total > 0)) return NO_PROGRESS;
  const now = opts.now ?? (() => performance.now() / 1000);
  const write = opts.write ?? ((s: string) => void process.stderr.write(s));
  const tty = opts.tty ?? process.stderr.isTTY === true;
  const quiet = opts.quietSeconds ?? quietSeconds();
  const every = tty ? 0.25 : (opts.lineSeconds ?? 10);
  const t0 = now();
  let count = 0;
  let shown = false;
  let last = -Infinity;
  let finished = false;
  const line = (final: boolean): string => {
    const s = now() - t0;
    const rate = s > 0 ? count / s : 0;
    const pct = Math.floor((100 * count) / total);
    const r = rate > 0 ? (rate >= 100 ? Math.round(rate).toLocaleString('en-US') : rate.toPrecision(3)) : '-';
    const tail = final ? `done in ${duration(s)}` : `${rate > 0 ? duration((total - count) / rate) : '?'} left`;
    return `${label}: ${pct}% | ${count.toLocaleString('en-US')}/${total.toLocaleString('en-US')} ${unit} | ${r} ${unit}/s | ${tail}`;
  };
  const draw = (final: boolean): void => {
    shown = true;
    last = now();
    write(tty ? `\r\u001b[2K${line(final)}${final ? '\n' : ''}` : `${line(final)}\n`);
  };
  return {
    tick(n = 1) {
      if (finished || !(n > 0)) return;
      count = Math.min(total, count + n);
      const t = now();
      if (t - t0 >= quiet && t - last >= every) draw(false);
    },
    done() {
      if (finished) return;
      finished = true;
      count = total;
      if (shown || quiet === 0) draw(true);
    },
  };
}
