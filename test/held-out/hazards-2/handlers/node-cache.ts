// node-cache 5.1: the constructor calls _checkData(), which arms setTimeout(checkperiod) (600 s by default, unref'd).
import NodeCache from 'node-cache';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

export const cache = new NodeCache({ stdTTL: 300 }); // expect: SR106 (lib/node_cache.js constructor → _checkData(): checkperiod defaults to 600, so setTimeout(this._checkData, 600000) is armed at init)
const noTimer = new NodeCache({ stdTTL: 60, checkperiod: 0 }); // expect: none (_checkData(): no timer when checkperiod is 0)

let tokens = new NodeCache({ stdTTL: 3600, checkperiod: 120 }); // expect: none (closed before the snapshot and made again after the restore below)
registerBeforeSnapshot(() => tokens.close());
registerAfterRestore(() => {
  tokens = new NodeCache({ stdTTL: 3600, checkperiod: 120 });
});

cache.set('boot', 'ok'); // expect: none (stores a value; ttl bookkeeping only, no new timer)

export const handler = async (event: { key: string }) => {
  const local = new NodeCache(); // expect: none (in the handler)
  local.set(event.key, 1);
  return { a: cache.get('boot'), b: noTimer.get(event.key), c: tokens.get(event.key), keys: local.keys() };
};
