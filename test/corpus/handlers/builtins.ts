// The built-in clocks and randomness, for comparison with the libraries.
export const seed = Math.random(); // expect: SR101 (one number for every restore, and Math.random's generator state is cloned too)
export const loadedAt = new Date().toISOString(); // expect: SR105 (the clock at init, stale in every restore)
export const bootMs = Date.now(); // expect: SR105 (the clock at init)
export const epoch = new Date(0); // expect: none (a given date)
export const region = process.env.AWS_REGION; // expect: none (set under SnapStart, and the same for every restore by design)
export const key = process.env.AWS_ACCESS_KEY_ID; // expect: SR108 (not set under SnapStart: credentials come from the container endpoint)
Date.now(); // expect: none (thrown away)

export const handler = async () => ({ seed, loadedAt, bootMs, epoch, region, key, now: Date.now() });
