// Shape: module-level async IIFEs, one not awaited (fire and forget), one awaited, one only defined. Code in an
// immediately invoked function runs at init. rethinkdb: r.connect() opens net.connect in TcpConnection (net.js:512);
// libsodium-wrappers: randombytes_buf draws; uniqid: Date.now()-based ID.
import r from 'rethinkdb';
import sodium from 'libsodium-wrappers';
import uniqid from 'uniqid';

const state = { conn: undefined, pepper: undefined, bootId: undefined };

(async () => {
  state.conn = await r.connect({ host: process.env.RDB_HOST ?? 'rethink.internal', port: 28015 }).catch(() => undefined); // expect: SR107 (the IIFE runs at init: the connection is kept in state)
})();

await (async function preparePepper() {
  await sodium.ready;
  state.pepper = sodium.randombytes_buf(32); // expect: SR103 (drawn in an awaited IIFE at init and kept)
})();

void (async () => {
  state.bootId = uniqid('boot-'); // expect: SR104 (a void-ed async arrow runs at init too)
})();

const later = async () => {
  state.late = await r.connect({ host: process.env.RDB_HOST ?? 'rethink.internal', port: 28015 }); // expect: none (only defined; the handler calls it)
};

export const handler = async () => {
  if (!state.late) await later();
  return { conn: !!state.conn, pepper: state.pepper?.length, bootId: state.bootId };
};
