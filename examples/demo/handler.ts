// The demo function of `npm run demo`: what each SnapStart hook is for, in a handler written for
// the stock Node.js runtime (an ESM module that ends with `await snapStart()`).
//
// `snapshot-restore emulate examples/demo/handler.ts` runs its init once, takes a real V8 snapshot
// after the before-snapshot hooks, and starts three processes from that one snapshot. Read the
// report next to this file: the hooks in the order they ran, and what was the same in every restore.
import { randomUUID } from 'node:crypto';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { snapStart } from 'snapshot-restore/lambda';

/** Stands in for a database connection: opened at init, useless after a restore if kept. */
class Connection {
  readonly id = randomUUID({ disableEntropyCache: true });
  open = true;
  queries = 0;
  query(sql: string): string {
    if (!this.open) throw new Error('the connection is closed');
    this.queries++;
    return `${sql} -> ok`;
  }
  close(): void {
    this.open = false;
  }
}

let connection = new Connection();

// An ID per execution environment, for logs and metrics. Made at init, every restore would share it.
let environmentId = randomUUID({ disableEntropyCache: true });

// Kept from init on purpose, so that the report has something to show: every restore reports the
// same "start" time, hours or days before the environment really started.
const loadedAt = new Date().toISOString();

// The price table is expensive to build: done at init, it is in the snapshot and free on restore.
const prices = new Map(Array.from({ length: 50_000 }, (_, index) => [`sku-${index}`, (index % 97) + 0.99]));

// Before the snapshot, in reverse registration order: warm up first, then close the connection.
registerBeforeSnapshot(function closeConnection() {
  // A socket kept open across the snapshot is dead after the restore (and Node cannot even build a
  // snapshot with one open: remove this hook and `emulate` names the open handle).
  connection.close();
});
registerBeforeSnapshot(async function warmUp() {
  // Run the code paths once, so that what they load and compute is in the snapshot.
  await handler({ sku: 'sku-1', warmUp: true });
});

// After each restore, in registration order: a fresh identity, then a fresh connection.
registerAfterRestore(function regenerateEnvironmentId() {
  // randomUUID() keeps a cache of random bytes, and the cache is in the snapshot too: plain
  // randomUUID() here would give every restore the same "new" ID. Bypass the cache.
  environmentId = randomUUID({ disableEntropyCache: true });
});
registerAfterRestore(function reconnect() {
  connection = new Connection();
});

export const handler = async (event: { sku?: string; warmUp?: boolean }) => {
  const sku = event.sku ?? 'sku-42';
  return {
    sku,
    price: prices.get(sku),
    query: connection.query(`SELECT stock FROM items WHERE sku = '${sku}'`),
    connectionId: connection.id,
    environmentId,
    loadedAt,
    pid: process.pid,
  };
};

await snapStart();
