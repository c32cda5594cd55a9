export * from './constants.js';
export * from './condition1.js';
export * from './deltaW.js';
export * from './sphere.js';
