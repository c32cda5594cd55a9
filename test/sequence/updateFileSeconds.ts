/**
 * Rewrites test/sequence/fileSeconds.ts from a vitest JSON report of a full run:
 *   npx vitest run --reporter=json --outputFile=/tmp/vitest-times.json
 *   npx tsx test/sequence/updateFileSeconds.ts /tmp/vitest-times.json
 * Each file's seconds are its tests' span (endTime - startTime) rounded to 0.1 s; claim files (properties/) are left out:
 * the sequencer costs them from the committed report (reports/claims.json).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';

interface JsonReport {
  testResults: { name: string; startTime: number; endTime: number }[];
}

const input = process.argv[2];
if (!input) throw new Error('usage: npx tsx test/sequence/updateFileSeconds.ts <vitest JSON report>');
const rep = JSON.parse(readFileSync(input, 'utf8')) as JsonReport;
const rows = rep.testResults
  .map((r) => [relative(process.cwd(), r.name), Math.round((r.endTime - r.startTime) / 100) / 10] as const)
  .filter(([path]) => !path.startsWith('properties/') && !path.startsWith('..'))
  .sort(([a], [b]) => (a < b ? -1 : 1));
const target = new URL('./fileSeconds.ts', import.meta.url);
const head = readFileSync(target, 'utf8').split('export const FILE_SECONDS')[0];
writeFileSync(target, `${head}export const FILE_SECONDS: Readonly<Record<string, number>> = {\n${rows.map(([p, s]) => `  '${p}': ${s},`).join('\n')}\n};\n`);
console.log(`wrote ${rows.length} files' seconds to ${target.pathname}`);
