// Shape: memoised getters; one is warmed at init, one only the handler calls, one warmed and renewed.
import Valkey from 'iovalkey';
import pgPromise from 'pg-promise';
import { registerAfterRestore } from 'snapshot-restore';

const pgp = pgPromise();
let valkey: Valkey | undefined;
function getValkey() {
  valkey ??= new Valkey(process.env.VALKEY_URL ?? 'redis://valkey.internal:6379'); // expect: SR107 (getValkey() is called at init below: the client connects in its constructor)
  return valkey;
}
getValkey();

let db: ReturnType<typeof pgp> | undefined;
function getDb() {
  db ??= pgp(process.env.DATABASE_URL ?? 'postgres://app@pg.internal/app'); // expect: none (lazy pool; only the handler calls getDb())
  return db;
}

let warm: Valkey | undefined;
function getWarm() {
  warm ??= new Valkey(process.env.WARM_URL ?? 'redis://warm.internal:6379'); // expect: none (called at init, but the after-restore hook below drops it and makes a new one)
  return warm;
}
getWarm();
registerAfterRestore(() => {
  warm?.disconnect();
  warm = undefined;
  getWarm();
});

export const handler = async (event: { id: number }) => ({
  v: await getValkey().get(String(event.id)),
  row: await getDb().oneOrNone('select $1 as id', [event.id]), // expect: none (in the handler)
  w: getWarm().status,
});
