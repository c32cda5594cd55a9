import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

/** vitest globalSetup of the engine project: the folder of this run's shared reference audit (test/cli/referenceAudit.ts), removed at the end. */
export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'reference-audit-'));
  project.provide('referenceAuditDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
