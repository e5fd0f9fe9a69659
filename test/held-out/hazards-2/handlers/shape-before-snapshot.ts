// Shape: work done inside before-snapshot hooks, which run before the snapshot like init.
import Valkey from 'iovalkey';
import { typeid } from 'typeid-js';
import { Instant } from '@js-joda/core';
import NodeCache from 'node-cache';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

let prewarmedId = '';
let snapshotAt: Instant | undefined;
let cache: NodeCache | undefined;
let conn: Valkey | undefined;

registerBeforeSnapshot(async () => {
  prewarmedId = typeid('fn').toString(); // expect: SR104 (made in a before-snapshot hook and kept: every restore has the same ID)
  snapshotAt = Instant.now(); // expect: SR105 (the time of the snapshot, kept)
  cache = new NodeCache({ stdTTL: 10 }); // expect: SR106 (armed in the hook, before the snapshot: the checkperiod setTimeout is cloned)
  conn = new Valkey(process.env.VALKEY_URL ?? 'redis://valkey.internal:6379'); // expect: SR107 (connected in the before-snapshot hook; nothing renews it)
});

let warm: Valkey | undefined;
registerBeforeSnapshot(async () => {
  warm = new Valkey(process.env.WARM_URL ?? 'redis://warm.internal:6379', { lazyConnect: true }); // expect: none (lazyConnect: no socket)
});

let fresh = '';
registerAfterRestore(() => {
  fresh = typeid('restore').toString(); // expect: none (made after the restore)
});

export const handler = async () => ({ prewarmedId, snapshotAt: snapshotAt?.toString(), c: cache?.keys(), s: conn?.status, w: warm?.status, fresh });
