export * from './countries.js';
export * from './detection.js';
export * from './levels.js';
export * from './rate-limits.js';
export * from './roles.js';
export * from './stations.js';
export * from './time.js';
export * from './waf.js';
