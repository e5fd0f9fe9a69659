let lib = "absent";
try { await import("snapshot-restore/lambda"); lib = "present"; } catch { lib = "absent"; }
const { cfg } = await import("./config.js");
await new Promise((r) => setTimeout(r, 300));
let ready = true;
export const handler = async () => ({ ready, cfg });
