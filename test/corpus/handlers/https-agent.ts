// node:https agents: an agent opens a socket only for a request; Node ≥ 19's global agent keeps it alive.
import https from 'node:https';
import { HttpsAgent } from 'agentkeepalive';

export const keepAlive = new https.Agent({ keepAlive: true }); // expect: none (lib/_http_agent.js: the constructor sets up socket maps; createConnection runs only in addRequest)
export const plain = new https.Agent(); // expect: none (no socket, and without keepAlive a socket is closed after its response)
export const library = new HttpsAgent({ keepAlive: true }); // expect: none (agentkeepalive/lib/agent.js extends http.Agent: the same)
https.get('https://example.com/health', { agent: keepAlive }, (res) => res.resume()); // expect: SR107 (a request through a keep-alive agent at init: its socket goes back to agent.freeSockets and is open at the snapshot)
https.get('https://example.com/health', { agent: plain }, (res) => res.resume()); // expect: none (without keepAlive the agent destroys the socket when the response ends)

export const handler = async () => new Promise((resolve) => https.get('https://example.com', { agent: keepAlive }, resolve)); // expect: none (in the handler)
