// @libsql/client/ws: the WebSocket-only entry; every scheme it accepts connects in the constructor.
import { createClient } from '@libsql/client/ws';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

export const db = createClient({ url: process.env.TURSO_DATABASE_URL!, authToken: process.env.TURSO_AUTH_TOKEN }); // expect: SR107 (lib-esm/ws.js: expandConfig(config, false) maps libsql: to wss, and _createClient() calls hrana.openWs(), a new WebSocket, at construction)

let renewed = createClient({ url: process.env.TURSO_DATABASE_URL! }); // expect: none (closed before the snapshot and recreated after the restore below)
registerBeforeSnapshot(() => renewed.close());
registerAfterRestore(() => {
  renewed = createClient({ url: process.env.TURSO_DATABASE_URL! });
});

export const handler = async () => {
  const [a, b] = await Promise.all([db.execute('select 1'), renewed.execute('select 2')]);
  return [a.rows, b.rows];
};
