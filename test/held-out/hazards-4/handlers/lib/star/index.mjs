export * from './ids.mjs';
export * from './clients.mjs';
export * from './clock.mjs';
