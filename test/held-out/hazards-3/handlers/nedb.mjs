// @seald-io/nedb 4.1.2: a Datastore reads and writes a local file (no socket); setAutocompactionInterval() arms
// `this._autocompactionIntervalId = setInterval(...)` (lib/datastore.js:357).
import Datastore from '@seald-io/nedb';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

const users = new Datastore({ filename: '/tmp/users.db', autoload: true }); // expect: none (autoload reads a local file through the executor: no socket, no timer left)
users.setAutocompactionInterval(60_000); // expect: SR106 (datastore.js setAutocompactionInterval: setInterval armed at init, never stopped)

const memory = new Datastore(); // expect: none (in-memory datastore)
await memory.insertAsync({ kind: 'seed', n: 1 }); // expect: none (in-memory insert)

const audit = new Datastore({ filename: '/tmp/audit.db', autoload: true }); // expect: none (file only)
audit.setAutocompactionInterval(30_000); // expect: none (stopped before the snapshot and armed again after the restore)
registerBeforeSnapshot(() => audit.stopAutocompaction());
registerAfterRestore(() => audit.setAutocompactionInterval(30_000));

export const handler = async (event) => {
  await users.insertAsync({ name: event.name });
  memory.setAutocompactionInterval(5000); // expect: none (in the handler)
  return { n: await memory.countAsync({}) };
};
