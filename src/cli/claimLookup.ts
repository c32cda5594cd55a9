import { ALL_CLAIMS } from '../../theorems/index.js';
import { ALL_PROOFS, COVERAGE_EXTRA } from '../../theorems/proofs/index.js';
import { InputError } from '../errors.js';
import type { ProofRecord, ProofStepRecord } from '../verdict/types.js';
import { claimPropertyFile, type ClaimFile } from './options.js';

/**
 * What `--claim ID` names: a statement's claim (theorems/<id>.ts), a proof step (proof-c4.step-3) or a coverage entry
 * (theorems/proofs/coverage-extra.ts), and the property file that decides it. The proofs are a parameter so that the
 * refusals can be tested on a made-up record (test/cli/proof-steps.test.ts), whatever the project has evaluated.
 */

/** A proof step with that id (proof-<label>.step-<k>), or undefined. */
export function proofStepOf(id: string, proofs: readonly ProofRecord[] = ALL_PROOFS): ProofStepRecord | undefined {
  for (const p of proofs) {
    const s = p.steps.find((x) => x.id === id);
    if (s) return s;
  }
  return undefined;
}

/** --claim ID: the id when the registry, the coverage entries or the proofs know it; otherwise an InputError listing them. */
export function knownClaim(id: string, proofs: readonly ProofRecord[] = ALL_PROOFS): string {
  if (ALL_CLAIMS.some((c) => c.id === id) || COVERAGE_EXTRA.some((c) => c.id === id) || proofStepOf(id, proofs) !== undefined) return id;
  const steps = proofs.filter((p) => p.steps.length > 0).map((p) => `${p.id}.step-1..${p.steps.length}`).join(', ');
  throw new InputError('claim', `unknown claim id ${JSON.stringify(id)}; known ids: ${ALL_CLAIMS.map((c) => c.id).join(', ')}; coverage entries ${COVERAGE_EXTRA.map((c) => c.id).join(', ')}; proof steps ${steps}`);
}

/** The property file that decides claim `id`, or an InputError saying why there is none (a step not evaluable, or not evaluated yet). */
export function claimFileOf(id: string, proofs: readonly ProofRecord[] = ALL_PROOFS, root = process.cwd()): ClaimFile {
  const f = claimPropertyFile(id, root);
  if (f) return f;
  const step = proofStepOf(id, proofs);
  if (step && !('rule' in step.evaluable)) throw new InputError('claim', `${id} is a proof step that cannot be evaluated (${step.evaluable.reason}): there is nothing to run`);
  if (step) throw new InputError('claim', `${id} is an evaluable proof step that no property under properties/proofs/ evaluates yet`);
  throw new InputError('claim', `no property file declares ${id} (run the audit from the repository root)`);
}
