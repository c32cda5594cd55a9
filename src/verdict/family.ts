// Transitional: the legacy claimTest reads the family from the registry (removed when every property is declared with defineClaim).
import { FAMILY_SIZE } from '../../theorems/index.js';

export const FAMILY_SIZE_FROM_REGISTRY = FAMILY_SIZE;
