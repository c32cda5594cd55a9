import { FAMILY_SIZE } from '../theorems/index.js';
import { defineClaim, type ClaimSpec } from '../src/verdict/defineClaim.js';
import type { ClaimRecord, StatementParams } from '../src/verdict/types.js';
import { MONITORS } from './monitors/index.js';

/** Registers a declared claim with the suite's family size and premise monitors (docs/ARCHITECTURE.md, "Adding a claim"). */
export function claim<D, S extends StatementParams, M>(record: ClaimRecord<D, S>, spec: ClaimSpec<D, S, M>): void {
  defineClaim(record, spec, { familySize: FAMILY_SIZE, monitors: MONITORS });
}
