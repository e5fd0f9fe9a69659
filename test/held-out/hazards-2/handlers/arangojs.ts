// arangojs 10.4: Database is lazy; requests go through fetch (Node's global undici dispatcher, or an undici Agent for agentOptions).
import { Database, aql } from 'arangojs';

export const db = new Database({ url: process.env.ARANGO_URL ?? 'http://arango.internal:8529', databaseName: 'app', auth: { username: 'root' } }); // expect: none (cjs/databases.js constructor: builds a Connection; no request)
export const version = await db.version(); // expect: SR107 (cjs/connection.js: the request is a fetch through the keep-alive pool of the dispatcher; the socket stays open at the snapshot)

const users = db.collection('users'); // expect: none (a collection handle: no request)
const pooled = new Database({ url: process.env.ARANGO_URL ?? 'http://arango.internal:8529', agentOptions: { keepAliveTimeout: 60_000 } }); // expect: none (connection.js: an undici.Agent is made lazily; nothing is requested)

export const handler = async (event: { key: string }) => {
  const cursor = await pooled.query(aql`FOR u IN ${users} FILTER u._key == ${event.key} RETURN u`); // expect: none (in the handler)
  return { user: await cursor.next(), version: version.version };
};
