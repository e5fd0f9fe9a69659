// needle 3.5 and superagent 10.4: both call http(s).request with no agent of their own, so Node's global agent is used (keepAlive: true since Node 19).
import needle from 'needle';
import superagent from 'superagent';
import https from 'node:https';

export const remoteConfig = await needle('get', process.env.CONFIG_URL ?? 'https://config.internal/app.json', { json: true }); // expect: SR107 (lib/needle.js: close_by_default is false on modern Node and no agent is set: https.globalAgent keeps the socket alive in its free pool)
export const flags = await superagent.get(process.env.FLAGS_URL ?? 'https://flags.internal/v1/flags').set('accept', 'json'); // expect: SR107 (lib/node/index.js: http(s).request() with the global agent, keep-alive; the socket is idle in the pool at the snapshot)

const closed = await needle('get', 'https://config.internal/once.json', { connection: 'close' }); // expect: none (lib/needle.js: an explicit Connection: close header: the server and Node close the socket after the response)
const agent = new https.Agent({ keepAlive: true, maxSockets: 10 }); // expect: none (an agent opens nothing until a request)
const api = superagent.agent().use((req) => req.agent(agent)); // expect: none (lib/node/agent.js: a cookie-keeping request factory; no request)

export const handler = async (event) => {
  const r = await api.get(`https://api.internal/items/${event.id}`); // expect: none (in the handler)
  const n = await needle('get', 'https://api.internal/ping'); // expect: none (in the handler)
  return { r: r.body, n: n.statusCode, config: remoteConfig.body, flags: flags.body, closed: closed.statusCode };
};
