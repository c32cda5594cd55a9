export * from './binomial.js';
export * from './multiplicity.js';
export * from './regression.js';
export * from './summary.js';
export * from './ttest.js';
