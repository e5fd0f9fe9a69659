import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

type Row = Record<string, unknown>;
let connection: { rows: Map<string, Row> } | undefined = { rows: new Map() };

export async function putOrder(row: Row & { orderId: string }) {
  connection?.rows.set(row.orderId, row);
  return row;
}

export async function getOrder(orderId: string) {
  return connection?.rows.get(orderId) ?? { orderId, missing: true };
}

function disconnect() {
  connection = undefined;
  console.log('hook:disconnect');
}

function reconnect() {
  connection = { rows: new Map() };
  console.log('hook:reconnect');
}

registerBeforeSnapshot(disconnect);
registerAfterRestore(reconnect);
