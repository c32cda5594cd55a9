import { ALL_CLAIMS } from '../../theorems/index.js';

/** The family for the suite-wide error rate: every statistical test declared in the registry. */
export const FAMILY_SIZE_FROM_REGISTRY = Math.max(1, ALL_CLAIMS.reduce((s, r) => s + r.tests, 0));
