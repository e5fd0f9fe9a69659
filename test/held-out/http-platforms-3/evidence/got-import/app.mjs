// Minimal: node:http + `import got` (loads node:http2 through http2-wrapper).
import http from 'node:http';
import got from "got";
import { registerAfterRestore } from 'snapshot-restore';
import { nodeHooks } from 'snapshot-restore/http';
let restored = false;
registerAfterRestore(function mark() { restored = true; });
const hooks = nodeHooks();
http.createServer(async (req, res) => { if (await hooks(req, res)) return; res.end(JSON.stringify({ restored, got: typeof got.extend })); }).listen(Number(process.env.PORT ?? 8080));
