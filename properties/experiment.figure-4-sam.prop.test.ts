import record from '../theorems/experiment.figure-4-sam.js';
import { claim } from './claim.js';
import { twoPhaseClaim } from './support/experimentTwoPhase.js';

claim(record, twoPhaseClaim('figure-4', 'Figure 4 (SAM)'));
