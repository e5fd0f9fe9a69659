const t0 = Date.now();
await new Promise((r) => setTimeout(r, 1500));
globalThis.initDone = Date.now() - t0 >= 1400;
export const handler = async () => ({ initDone: globalThis.initDone });
