import record from '../theorems/experiment.figure-2.js';
import { claim } from './claim.js';
import { twoPhaseClaim } from './support/experimentTwoPhase.js';

claim(record, twoPhaseClaim('figure-2', 'Figure 2 (label noise SGD)'));
