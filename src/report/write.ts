import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Writes every file of a report or none: each goes to a temporary name in the same folder first and
 * is renamed into place only after all were written, so an interrupted audit leaves no partial report.
 */
export function writeAtomically(dir: string, files: Record<string, string>): string[] {
  const staged: [string, string][] = [];
  for (const [name, content] of Object.entries(files)) {
    const target = join(dir, name);
    mkdirSync(dirname(target), { recursive: true });
    const tmp = join(dirname(target), `.tmp-${process.pid}-${name.replace(/[\\/]/g, '_')}`);
    writeFileSync(tmp, content);
    staged.push([tmp, target]);
  }
  for (const [tmp, target] of staged) renameSync(tmp, target);
  return staged.map(([, t]) => t);
}
