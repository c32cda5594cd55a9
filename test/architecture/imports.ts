import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

/**
 * The house's arrows, read from the code's own imports (docs/ARCHITECTURE.md, "Rooms"). A file's room is the
 * longest prefix below that matches its path. `allow`: rooms it may import values from; `types`: rooms it may import
 * types from only (`import type`); its own room is always allowed; packages (bare or node:) are not rooms.
 */
export interface Room {
  prefix: string;
  allow: readonly string[];
  types: readonly string[];
}

const ERR = 'src/errors.ts';
/** shell quoting of a replay command, shared by the verdict layer and the report (a leaf like errors.ts) */
const SHELL = 'src/shell.ts';
export const ROOMS: readonly Room[] = [
  { prefix: 'src/errors.ts', allow: [], types: [] },
  { prefix: 'src/shell.ts', allow: [], types: [] },
  { prefix: 'src/engine/', allow: [ERR], types: [] },
  { prefix: 'src/stats/', allow: [ERR], types: ['src/engine/'] },
  { prefix: 'src/theory/', allow: [ERR, 'src/stats/'], types: ['src/engine/'] },
  { prefix: 'src/scenarios/', allow: [ERR, 'src/engine/', 'src/theory/', 'src/stats/', 'src/cifar/'], types: [] },
  { prefix: 'src/cifar/', allow: [ERR, 'src/engine/', 'src/theory/', 'src/stats/'], types: [] },
  { prefix: 'src/figures/', allow: [ERR, 'src/stats/'], types: ['src/verdict/types.ts', 'src/scenarios/', 'src/cifar/'] },
  { prefix: 'src/verdict/', allow: [ERR, SHELL, 'src/stats/', 'src/engine/rng.ts'], types: ['src/theory/', 'src/engine/'] },
  { prefix: 'src/report/', allow: [ERR, SHELL], types: ['src/verdict/'] },
  { prefix: 'src/cli/', allow: [ERR, SHELL, 'src/engine/', 'src/stats/', 'src/theory/', 'src/scenarios/', 'src/cifar/', 'src/verdict/', 'src/report/', 'src/figures/', 'theorems/'], types: [] },
  { prefix: 'theorems/', allow: [], types: ['src/verdict/types.ts', 'src/scenarios/'] },
  { prefix: 'properties/', allow: [ERR, 'src/verdict/', 'src/scenarios/', 'src/figures/', 'src/theory/', 'src/stats/', 'theorems/'], types: ['src/engine/', 'src/cifar/'] },
];

/** Arrows tolerated while a migration is under way; each must still exist (a stale entry fails the test). Empty when done. */
export const TRANSITIONAL: readonly string[] = [];

export interface SourceFile {
  path: string;
  text: string;
}

export interface ImportEdge {
  from: string;
  to: string;
  typeOnly: boolean;
}

const IMPORT_RE = /^\s*(import|export)\s+(type\s+)?([^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;

/** The relative imports of one file, resolved to repository paths (.js -> .ts, folders -> index.ts). */
export function importsOf(file: SourceFile, exists: (p: string) => boolean): ImportEdge[] {
  const out: ImportEdge[] = [];
  for (const m of file.text.matchAll(IMPORT_RE)) {
    const spec = m[4] as string;
    if (!spec.startsWith('.')) continue;
    const clause = m[3] ?? '';
    // `import type {..}`, or `import { type A, type B }` with every name typed
    const named = /\{([^}]*)\}/.exec(clause);
    const allTyped = named !== null && !/^\s*\w+\s*,/.test(clause) && (named[1] as string).split(',').filter((s) => s.trim()).every((s) => s.trim().startsWith('type '));
    const typeOnly = m[2] !== undefined || allTyped;
    let to = normalize(join(dirname(file.path), spec)).replace(/\\/g, '/');
    if (to.endsWith('.js')) to = to.replace(/\.js$/, '.ts');
    else if (!to.endsWith('.ts')) to = exists(`${to}.ts`) ? `${to}.ts` : `${to}/index.ts`;
    out.push({ from: file.path, to, typeOnly });
  }
  return out;
}

export function roomOf(path: string): Room | undefined {
  return [...ROOMS].filter((r) => path.startsWith(r.prefix)).sort((a, b) => b.prefix.length - a.prefix.length)[0];
}

const within = (path: string, prefixes: readonly string[]): boolean => prefixes.some((p) => path.startsWith(p));

/** Wrong-way arrows: each as 'from -> to (why)'. */
export function forbiddenArrows(edges: readonly ImportEdge[]): string[] {
  const bad: string[] = [];
  for (const e of edges) {
    const room = roomOf(e.from);
    if (!room) continue;
    if (e.to.startsWith(room.prefix)) {
      if (room.prefix === 'theorems/' && !e.typeOnly && !e.from.endsWith('/index.ts')) bad.push(`${e.from} -> ${e.to} (a record imports another record's values)`);
      continue;
    }
    if (within(e.to, room.allow)) continue;
    if (within(e.to, room.types)) {
      if (!e.typeOnly) bad.push(`${e.from} -> ${e.to} (${room.prefix} may import only types from there)`);
      continue;
    }
    bad.push(`${e.from} -> ${e.to} (${room.prefix} may not import from there)`);
  }
  return bad;
}

/** The folder of a file for the cycle check: src/<room>, theorems, properties, ... */
export function folderOf(path: string): string {
  const parts = path.split('/');
  return parts[0] === 'src' && parts.length > 2 ? `src/${parts[1]}` : (parts[0] as string);
}

/** Cycles between folders (type imports count: a cycle of types is still a knot in the house). */
export function folderCycles(edges: readonly ImportEdge[]): string[] {
  const graph = new Map<string, Set<string>>();
  for (const e of edges) {
    const a = folderOf(e.from);
    const b = folderOf(e.to);
    if (a === b) continue;
    if (!graph.has(a)) graph.set(a, new Set());
    graph.get(a)?.add(b);
  }
  const cycles: string[] = [];
  const nodes = [...graph.keys()].sort();
  for (const start of nodes) {
    // a path back to start through nodes later in the order (each cycle reported once, from its smallest node)
    const stack: string[][] = [[start]];
    while (stack.length > 0) {
      const path = stack.pop() as string[];
      for (const next of [...(graph.get(path[path.length - 1] as string) ?? [])].sort()) {
        if (next === start) cycles.push([...path, start].join(' -> '));
        else if (next > start && !path.includes(next)) stack.push([...path, next]);
      }
    }
  }
  return cycles;
}

/** Files that read process arguments outside src/cli. */
export function argvReaders(files: readonly SourceFile[]): string[] {
  return files.filter((f) => !f.path.startsWith('src/cli/') && /process\.argv/.test(f.text)).map((f) => f.path);
}

const SCANNED = ['src', 'theorems', 'properties'];

export function repositoryFiles(root: string): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.ts')) out.push({ path: relative(root, p).replace(/\\/g, '/'), text: readFileSync(p, 'utf8') });
    }
  };
  for (const d of SCANNED) walk(join(root, d));
  return out;
}
