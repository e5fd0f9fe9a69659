import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

interface Pool {
  open: boolean;
  id: number;
}

let generation = 0;
let pool: Pool | undefined = createPool();

function createPool(): Pool {
  generation += 1;
  return { open: true, id: generation };
}

export async function findOrder(orderId: string) {
  return { orderId, pool: pool?.id ?? 0 };
}

function closePool() {
  pool = undefined;
  console.log('hook:closePool');
}

function openPool() {
  pool = createPool();
  console.log('hook:openPool');
}

registerBeforeSnapshot(closePool);
registerAfterRestore(openPool);
