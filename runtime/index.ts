// snapshot-restore: SnapStart runtime hooks for Node.js on AWS Lambda.
export { registerBeforeSnapshot, registerAfterRestore, getBeforeSnapshot, getAfterRestore } from './hooks/register.js';
export type { RegisterFunction } from './hooks/register.js';
export type { RegisteredHook, PhaseName } from './hooks/registry.js';
