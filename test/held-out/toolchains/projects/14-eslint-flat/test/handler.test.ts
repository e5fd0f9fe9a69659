// A test: its top-level random value is never in a snapshot (not reported, docs/eslint.md).
const seed = Math.random();
export const fixtures = { seed, orderId: `order-${seed}` };
