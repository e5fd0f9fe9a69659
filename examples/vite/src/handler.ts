// An order function: a database connection closed before the snapshot and opened anew after
// each restore, so no two restored environments share a socket or a cached credential.
import { randomUUID } from 'node:crypto';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { snapStart } from 'snapshot-restore/lambda';

let connectionId: string | undefined = randomUUID();

registerBeforeSnapshot(function closeConnection() {
  connectionId = undefined;
});

registerAfterRestore(function reconnect() {
  connectionId = randomUUID();
});

export const handler = async (event: { orderId?: string }) => ({ orderId: event.orderId ?? null, connectionId });

// The module ends here on Lambda's own Node.js runtime: this drives the hooks under SnapStart.
await snapStart();
