// axios, got, node-fetch: constructing a client is free; a request at init goes through Node's
// global agent, which keeps sockets alive since Node 19.
import axios from 'axios';
import got from 'got';
import fetch from 'node-fetch';

export const api = axios.create({ baseURL: 'https://api.example.com' }); // expect: none (axios/lib/axios.js createInstance: config only)
export const gotApi = got.extend({ prefixUrl: 'https://api.example.com' }); // expect: none (got/dist/source/create.js: options only)
export const settings = await axios.get('https://config.example.com/settings.json'); // expect: SR107 (lib/adapters/http.js uses http(s).globalAgent when no agent is given: keepAlive true in Node ≥ 19, so the socket is in the snapshot)

export const handler = async () => {
  const [a, b, c] = await Promise.all([api.get('/a'), gotApi('b').json(), fetch('https://api.example.com/c')]); // expect: none (in the handler)
  return { a: a.status, b, c: c.status, settings: settings.status };
};
