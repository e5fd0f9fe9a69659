// @libsql/client 0.18 from its Node entry: libsql: URLs prefer HTTP; ws:/wss: URLs open a WebSocket at once.
import { createClient } from '@libsql/client';

export const turso = createClient({ url: process.env.TURSO_DATABASE_URL!, authToken: process.env.TURSO_AUTH_TOKEN }); // expect: none (lib-esm/node.js: expandConfig(config, true) maps libsql: to https (@libsql/core config.js preferHttp), so _createHttpClient: no socket until a request)
export const overWs = createClient({ url: 'wss://db.example.turso.io', authToken: process.env.TURSO_AUTH_TOKEN }); // expect: SR107 (lib-esm/node.js: a wss: scheme goes to ws.js _createClient(), which calls hrana.openWs() → new WebSocket(url) at construction)
export const schema = await turso.execute('select name from sqlite_master'); // expect: SR107 (lib-esm/http.js: the request goes through hrana-client's HttpClient with the global fetch, whose keep-alive socket stays in undici's pool)

export const handler = async () => {
  const rows = await turso.execute('select 1'); // expect: none (in the handler)
  const fresh = createClient({ url: 'wss://db.example.turso.io' }); // expect: none (in the handler)
  return { rows: rows.rows, fresh: fresh.protocol, schema: schema.rows.length, ws: overWs.closed };
};
