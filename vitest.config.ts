import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import TestSequencer from './test/sequence/testSequencer.js';

// Two projects: the engine's own properties (test/) and the paper's claims (properties/).
// `npm test` runs both; `npm run audit` runs the claims project with the report writer.
// `npx vitest run --project audit` adds a third, the claims in audit mode with the same report writer
// (src/cli/vitestAudit.ts): vitest itself audits and writes reports/ as `npm run audit` does.
// One worker per core (vitest's default leaves one core to its main process, which mostly waits: on 2 cores that is one
// worker for the whole suite), the longest files first over both projects (test/sequence/testSequencer.ts), and one
// small audit shared by the end-to-end tests (test/cli/referenceAudit.ts; its folder comes from a globalSetup).
// The engine project's files share their worker's modules (isolate: false: no fresh process and imports per file, about
// 30 s less of `npm test` on 2 cores); they keep no state between files (a test restores what it changes, e.g.
// process.env). The claims run isolated, one fresh module graph per file, as an audit runs them.
const claimFiles = ['properties/**/*.prop.test.ts'];
const asked = (argv: readonly string[]): boolean => argv.some((a, i) => a === '--project=audit' || (a === '--project' && argv[i + 1] === 'audit'));

export default defineConfig(async () => {
  const audit = asked(process.argv) ? (await import('./src/cli/vitestAudit.js')).vitestAuditSession(process.argv) : undefined;
  return {
    test: {
      maxWorkers: availableParallelism(),
      sequence: { sequencer: TestSequencer },
      projects: [
        { test: { name: 'engine', include: ['test/**/*.test.ts'], testTimeout: 120_000, globalSetup: ['test/cli/referenceAudit.setup.ts'], isolate: false } },
        { test: { name: 'claims', include: claimFiles, testTimeout: 600_000 } },
        ...(audit ? [{ test: { name: 'audit', include: claimFiles, testTimeout: 3_600_000, env: { AUDIT_MODE: 'audit' } } }] : []),
      ],
      ...(audit ? { reporters: [audit.console, audit.report] } : {}),
      coverage: {
        provider: 'v8' as const,
        include: ['src/engine/**/*.ts', 'src/theory/**/*.ts', 'src/stats/**/*.ts', 'src/figures/**/*.ts', 'src/verdict/checks/**/*.ts'],
        reporter: ['text-summary', 'text'],
      },
    },
  };
});
