import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Writes every file of a report or none: each goes to a temporary name in the same folder first and
 * is renamed into place only after all were written, so an interrupted audit leaves no partial report.
 * If staging fails (a full disk, a folder in the way), the temporary files are removed and nothing of
 * the previous report changes. If a rename fails half-way, the files already renamed are put back as
 * they were (the previous versions are moved aside first and restored), so the report folder never
 * mixes files of two reports.
 */
export function writeAtomically(dir: string, files: Record<string, string>): string[] {
  const tag = `${process.pid}-${Date.now().toString(36)}`;
  const staged: [string, string][] = [];
  try {
    for (const [name, content] of Object.entries(files)) {
      const target = join(dir, name);
      if (existsSync(target) && statSync(target).isDirectory()) throw Object.assign(new Error(`EISDIR: ${target} is a folder, where the report writes a file`), { code: 'EISDIR' });
      mkdirSync(dirname(target), { recursive: true });
      const tmp = join(dirname(target), `.tmp-${tag}-${name.replace(/[\\/]/g, '_')}`);
      staged.push([tmp, target]);
      writeFileSync(tmp, content);
    }
  } catch (e) {
    for (const [tmp] of staged) rmSync(tmp, { force: true });
    throw e;
  }
  const placed: { target: string; backup?: string }[] = [];
  try {
    for (const [tmp, target] of staged) {
      const entry: { target: string; backup?: string } = { target };
      if (existsSync(target)) {
        const backup = join(dirname(target), `.old-${tag}-${target.slice(dirname(target).length + 1)}`);
        renameSync(target, backup);
        entry.backup = backup;
      }
      placed.push(entry);
      renameSync(tmp, target);
    }
  } catch (e) {
    for (const p of placed.reverse()) {
      if (p.backup === undefined) rmSync(p.target, { force: true });
      else if (existsSync(p.backup)) {
        rmSync(p.target, { force: true });
        renameSync(p.backup, p.target);
      }
    }
    for (const [tmp] of staged) rmSync(tmp, { force: true });
    throw e;
  }
  for (const p of placed) if (p.backup !== undefined) rmSync(p.backup, { force: true });
  return staged.map(([, t]) => t);
}

function alive(pid: number): boolean {
  if (pid === process.pid) return false; // a write of this process is synchronous: none is under way while this runs
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes what a killed write left in a report folder (and its figures/ and claims/): staged files (.tmp-<pid>-...)
 * are deleted; a previous version moved aside (.old-<pid>-...) is put back where its file is missing, else deleted.
 * Only leftovers of processes that no longer run are touched, so a concurrent audit's write is left alone.
 * Returns the names it removed or restored.
 */
export function cleanLeftovers(dir: string): string[] {
  const done: string[] = [];
  for (const sub of ['', 'figures', 'claims']) {
    const folder = join(dir, sub);
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch {
      continue;
    }
    for (const name of names) {
      const m = /^\.(tmp|old)-(\d+)-[0-9a-z]+-(.+)$/.exec(name);
      if (!m || alive(Number(m[2]))) continue;
      const path = join(folder, name);
      const target = join(folder, m[3] as string);
      if (m[1] === 'old' && !existsSync(target)) renameSync(path, target);
      else rmSync(path, { force: true, recursive: true });
      done.push(join(sub, name));
    }
  }
  return done;
}
