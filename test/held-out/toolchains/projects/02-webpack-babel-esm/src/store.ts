// Barrel module: the handler imports the stores through it.
export { Cache } from './cache';
export { findOrder } from './db';
