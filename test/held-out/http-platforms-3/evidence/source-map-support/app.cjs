// Minimal: node:http + source-map-support's install() (what `source-map-support/register` does).
require('source-map-support').install();
const http = require('node:http');
const { registerAfterRestore } = require('snapshot-restore');
const { nodeHooks } = require('snapshot-restore/http');
let restored = false;
registerAfterRestore(function mark() { restored = true; });
const hooks = nodeHooks();
http.createServer(async (req, res) => { if (await hooks(req, res)) return; res.end(JSON.stringify({ restored })); }).listen(Number(process.env.PORT ?? 8080));
