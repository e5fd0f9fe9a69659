const depd = require('depd')('x');
const http = require('node:http');
const { nodeHooks } = require('snapshot-restore/http');
const h = nodeHooks();
http.createServer(async (q, s) => { if (await h(q, s)) return; s.end('ok'); }).listen(Number(process.env.PORT || 8080));
