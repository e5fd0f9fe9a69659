// @clickhouse/client 1.23: createClient() makes an http.Agent with keep_alive enabled; ping()/query() use it.
import { createClient } from '@clickhouse/client';
import { registerBeforeSnapshot } from 'snapshot-restore';

export const ch = createClient({ url: process.env.CLICKHOUSE_URL ?? 'http://clickhouse.internal:8123', username: 'default' }); // expect: SR104 (dist/connection/node_base_connection.js: connectionId = crypto.randomUUID() at construction, kept in the client; the first randomUUID() also fills Node's UUID entropy cache, so the query_id randomUUID() gives each query in the handler repeats in every restored environment)
await ch.ping(); // expect: SR107 (dist/connection/socket_pool.js: keep_alive.enabled by default; the socket goes back to the agent's pool and is open at the snapshot)

const events = createClient({ url: process.env.CLICKHOUSE_EVENTS_URL ?? 'http://clickhouse-ev.internal:8123' }); // expect: none (its connectionId is only logged and the client is closed before the snapshot; the UUID cache is the one reported on line 5)
await events.query({ query: 'SELECT 1', format: 'JSONEachRow' }); // expect: none (the client is closed before the snapshot by the hook below; a later query makes a new socket)
registerBeforeSnapshot(() => events.close());

const batch = createClient({ url: process.env.CLICKHOUSE_URL ?? 'http://clickhouse.internal:8123', keep_alive: { enabled: false } }); // expect: none (no request at init; its connectionId only tags log lines, and the UUID entropy cache is the one reported on line 5)

export const handler = async () => {
  const rs = await batch.query({ query: 'SELECT now()', format: 'JSON' }); // expect: none (in the handler)
  return rs.json();
};
