/** The decision rules: one per kind of claim, each stated once (policies.ts) and named by every claim it decides. */
export * from './decision.js';
export * from './empiricalEffect.js';
export * from './highProbability.js';
export * from './identity.js';
export * from './inequality.js';
export * from './policies.js';
export * from './printedForm.js';
export * from './rate.js';
export * from './timeBound.js';
export * from './combine.js';
export * from './effects.js';
