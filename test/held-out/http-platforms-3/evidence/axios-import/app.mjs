// Minimal: node:http + `import axios` (nothing else: axios probes Request/Response when it loads).
import http from 'node:http';
import axios from 'axios';
import { registerAfterRestore } from 'snapshot-restore';
import { nodeHooks } from 'snapshot-restore/http';
let restored = false;
registerAfterRestore(function mark() { restored = true; });
const hooks = nodeHooks();
http.createServer(async (req, res) => { if (await hooks(req, res)) return; res.end(JSON.stringify({ restored, axios: typeof axios.get })); }).listen(Number(process.env.PORT ?? 8080));
