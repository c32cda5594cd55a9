import cliProgress from 'cli-progress';

/**
 * Progress of a claim's long runs on stderr (steps done, rate, time left), with cli-progress. In a terminal the bar
 * redraws in place; elsewhere (CI logs, vitest workers) it prints one line every `lineEverySeconds` (noTTYOutput).
 * The simulations block the event loop, so the bar is redrawn from `tick` rather than from cli-progress's timer.
 */
export interface ExperimentProgress {
  tick(steps: number): void;
  stop(): void;
}

const NOOP: ExperimentProgress = { tick: () => undefined, stop: () => undefined };

/** On at the paper tier, or whenever AUDIT_PROGRESS=1; off with AUDIT_PROGRESS=0. */
export function progressEnabled(tier: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const v = env.AUDIT_PROGRESS;
  if (v === '0') return false;
  if (v === '1') return true;
  return tier === 'paper';
}

function duration(s: number): string {
  if (!Number.isFinite(s) || s < 0) return '?';
  const h = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = Math.floor(s % 60);
  return h > 0 ? `${h}h${String(mm).padStart(2, '0')}m` : mm > 0 ? `${mm}m${String(ss).padStart(2, '0')}s` : `${ss}s`;
}

export function experimentProgress(label: string, totalSteps: number, enabled: boolean, lineEverySeconds = 10): ExperimentProgress {
  if (!enabled || totalSteps <= 0) return NOOP;
  const tty = process.stderr.isTTY === true;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      noTTYOutput: true,
      notTTYSchedule: lineEverySeconds * 1000,
      format: `${label} [{bar}] {percentage}% | {value}/{total} steps | {rate} steps/s | {left} left`,
      barsize: 24,
      hideCursor: false,
    },
    cliProgress.Presets.shades_classic,
  );
  const t0 = performance.now();
  let done = 0;
  let lastDraw = 0;
  const payload = () => {
    const s = (performance.now() - t0) / 1000;
    const rate = s > 0 ? done / s : 0;
    return { rate: rate > 0 ? Math.round(rate).toLocaleString('en-US') : '-', left: rate > 0 ? duration((totalSteps - done) / rate) : '?' };
  };
  bar.start(totalSteps, 0, payload());
  return {
    tick(steps: number) {
      if (steps <= 0) return;
      done = Math.min(totalSteps, done + steps);
      bar.update(done, payload());
      const now = performance.now();
      if (now - lastDraw >= (tty ? 250 : lineEverySeconds * 1000)) {
        lastDraw = now;
        bar.render();
      }
    },
    stop() {
      bar.update(done, payload());
      bar.stop();
    },
  };
}
