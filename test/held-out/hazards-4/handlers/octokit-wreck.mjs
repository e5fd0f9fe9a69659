// @octokit/rest 22.0.1: new Octokit() only builds the request function; every request goes through the global fetch
// (@octokit/request dist-bundle/index.js fetchWrapper → globalThis.fetch, undici's keep-alive pool). @hapi/wreck
// 18.1.3: the default client's agents are `new Http.Agent({ maxSockets: Infinity })` and the https twins
// (lib/index.js:37-40), without keepAlive, so Node destroys the socket once the response is read; Wreck.defaults()
// with keep-alive agents keeps it pooled.
import { Octokit } from '@octokit/rest';
import Wreck from '@hapi/wreck';
import http from 'node:http';
import https from 'node:https';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

const baseUrl = process.env.GITHUB_API_URL ?? 'http://github.internal';
const octokit = new Octokit({ auth: process.env.GITHUB_TOKEN, baseUrl, userAgent: 'release-bot' }); // expect: none (no request yet)
const repo = await octokit.rest.repos.get({ owner: 'acme', repo: 'orders' }).catch(() => undefined); // expect: SR107 (a request at init through the global fetch: a keep-alive socket is pooled at the snapshot)
const defaultBranch = repo?.data?.default_branch ?? 'main';

const config = await Wreck.get(process.env.CONFIG_URL ?? 'http://config.internal/app.json', { json: true }).catch(() => undefined); // expect: none (Wreck's default agents have no keepAlive: the socket is destroyed after the response)

const keepAlive = {
  http: new http.Agent({ keepAlive: true }),
  https: new https.Agent({ keepAlive: true }),
  httpsAllowUnauthorized: new https.Agent({ keepAlive: true, rejectUnauthorized: false }),
};
const pooled = Wreck.defaults({ agents: keepAlive, timeout: 5000 }); // expect: none (a client with its own agents: no request yet)
const flags = await pooled.get(process.env.FLAGS_URL ?? 'http://flags.internal/flags.json', { json: true }).catch(() => undefined); // expect: SR107 (a request at init through a keep-alive agent: the socket stays in its pool)

const statusAgents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }), httpsAllowUnauthorized: new https.Agent({ keepAlive: true }) };
let status = Wreck.defaults({ agents: statusAgents });
const warmStatus = await status.get(process.env.STATUS_URL ?? 'http://status.internal/', { json: true }).catch(() => undefined); // expect: none (the agent's sockets are destroyed before the snapshot and a new client is made after the restore)
registerBeforeSnapshot(() => {
  statusAgents.http.destroy();
  statusAgents.https.destroy();
});
registerAfterRestore(() => {
  status = Wreck.defaults({ agents: { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }), httpsAllowUnauthorized: new https.Agent({ keepAlive: true }) } });
});

export const handler = async (event) => {
  const { data } = await octokit.rest.issues.create({ owner: 'acme', repo: 'orders', title: event.title, body: defaultBranch }); // expect: none (in the handler)
  const res = await status.get(process.env.STATUS_URL ?? 'http://status.internal/', { json: true });
  return { issue: data.number, config: config?.payload, flags: flags?.payload, warm: !!warmStatus, s: res.payload };
};
