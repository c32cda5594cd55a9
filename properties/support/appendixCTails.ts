// Transitional re-exports: moved to src/theory/logTails.ts.
export { logUpperGammaQ, logChiSquareSf, logChiSquareCdf, logNormalTwoSided, logNormalUpper, logAnyOfM, LN10, log10 } from '../../src/theory/logTails.js';
