// snapshot-restore: SnapStart runtime hooks for Node.js on AWS Lambda.
export { registerBeforeSnapshot, registerAfterRestore, getBeforeSnapshot, getAfterRestore } from './register.js';
export type { RegisterFunction } from './register.js';
export type { RegisteredHook, PhaseName } from './registry.js';
