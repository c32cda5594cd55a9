import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { costOrder, fileCosts, reportedClaims } from '../../src/cli/sequencer.js';
import { FILE_SECONDS } from './fileSeconds.js';

/**
 * The order in which `npm test` starts its files, over both projects at once: the longest first (longest-processing-time
 * first), so that on 2 workers no long file starts last and runs alone at the end (issue 14: `npm test` within 5 minutes
 * on 2 cores). vitest's own order knows durations only from its cache, which a clean clone has not got; it then runs the
 * claims project before the engine project, the largest files first, and the 20-40 s end-to-end files of the engine
 * project start last. Here a claim file costs the `seconds` of its claims in the committed quick-tier report
 * (reports/claims.json, src/cli/sequencer.ts, as the audit orders them) and any other file its seconds in the committed
 * table FILE_SECONDS (test/sequence/fileSeconds.ts); a file in neither counts as the most expensive known one (a new
 * file may be long), ties go by path. Sharding stays vitest's own (a hash of the paths). Order changes the wall time
 * only: no test depends on another's order (the shared reference audit, test/cli/referenceAudit.ts, is run by whichever
 * test asks first).
 */
export default class TestSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const costs = fileCosts(files.map((f) => f.moduleId), reportedClaims(`${root}/reports`));
    for (const f of files) {
      const s = FILE_SECONDS[relative(root, f.moduleId)];
      if (s !== undefined && !costs.has(f.moduleId)) costs.set(f.moduleId, s);
    }
    return costOrder(files, (f) => f.moduleId, costs);
  }
}
