// Shape: a barrel made of `export * from` (lib/star/index.mjs); the hazards are in the re-exported modules' top level
// (labelled there) and in functions that only the handler calls.
import { nodeId, newDocId, cache, pool, makeClient, startedAt, BUILD } from './lib/star/index.mjs';

export const handler = async (event) => {
  const conn = await pool.getTedis();
  const side = makeClient(6381);
  await conn.set(newDocId(), JSON.stringify(event));
  pool.putTedis(conn);
  side.close();
  return { nodeId, build: BUILD, at: startedAt(), v: await cache.get('x') };
};
