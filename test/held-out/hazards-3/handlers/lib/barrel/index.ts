// A barrel: re-exports only; loading it evaluates every module it names.
export * from './queue.ts';
export * from './keys.ts';
export { loadedAt, epoch } from './clock.ts';
export { default as lokiDb } from './store.ts';
