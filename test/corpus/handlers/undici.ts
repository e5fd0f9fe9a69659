// undici 7 and fetch: dispatchers keep sockets alive; constructing one opens nothing.
import { Agent, Pool, setGlobalDispatcher } from 'undici';

export const agent = new Agent({ keepAliveTimeout: 60_000 }); // expect: none (undici/lib/dispatcher/agent.js: the constructor only stores the factory; a Pool per origin is made on dispatch)
setGlobalDispatcher(agent); // expect: none (stores the dispatcher in the global symbol slot)
export const pool = new Pool('https://api.example.com', { connections: 10 }); // expect: none (dispatcher/pool.js: clients and sockets are created on dispatch)
export const config = await (await fetch('https://config.example.com/app.json')).json(); // expect: SR107 (fetch dispatches through the keep-alive global Agent set above: the socket stays in its pool, open at the snapshot)
export const warm = await pool.request({ path: '/warm', method: 'GET' }); // expect: SR107 (a request through a keep-alive Pool: dispatcher/client.js keeps the socket for keepAliveTimeout, 4 s by default)

export const handler = async () => (await fetch('https://api.example.com/ping')).status; // expect: none (in the handler)
