import { constants } from 'node:os';
import { killDescendants } from './processes.js';

/**
 * Ctrl-C and SIGTERM (and SIGHUP) stop the audit: the first prints one line saying whether a report was written,
 * ends the vitest workers, closes vitest and exits 128 + the signal number; a second exits at once. The report writer asks
 * `interrupted` before writing, so an interrupted audit leaves reports/ as it was.
 *
 * `npm run audit` reaches this process through `sh -c`: the script is `exec tsx ...` so that the shell is replaced and
 * a signal npm forwards (SIGINT or SIGTERM sent to npm's own pid) arrives here through tsx, which relays it.
 */
export interface InterruptGuard {
  readonly interrupted: boolean;
  dispose(): void;
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export function guardInterrupts(name: string, stop: () => Promise<unknown>, written: () => boolean = () => false, stopTimeoutMs = 5000): InterruptGuard {
  let signal: NodeJS.Signals | undefined;
  const guard = {
    get interrupted() {
      return signal !== undefined;
    },
    dispose() {
      for (const s of SIGNALS) process.off(s, handler);
    },
  };
  function handler(s: NodeJS.Signals): void {
    const code = 128 + (constants.signals[s] ?? 2);
    if (signal !== undefined) process.exit(code);
    signal = s;
    process.exitCode = code;
    process.stderr.write(
      written()
        ? `\n${name}: interrupted (${s}) after the report was written\n`
        : `\n${name}: interrupted (${s}); no report was written (the report folder is as it was)\n`,
    );
    // the workers first: one busy in a claim's loop would go on computing after this process is gone
    killDescendants();
    const timer = setTimeout(() => process.exit(code), stopTimeoutMs);
    timer.unref();
    stop().then(
      () => process.exit(code),
      () => process.exit(code),
    );
  }
  for (const s of SIGNALS) process.on(s, handler);
  return guard;
}
