// memjs 1.3, CommonJS: a Server opens its socket on the first request.
const memjs = require('memjs');
const { registerAfterRestore, registerBeforeSnapshot } = require('snapshot-restore');

const mc = memjs.Client.create(process.env.MEMCACHIER_SERVERS); // expect: none (memjs/lib/memjs/memjs.js Client.create(): Server objects only; server.js sock() opens net.connect on the first request)
const warmed = memjs.Client.create(process.env.MEMCACHIER_SERVERS); // expect: none (as above)
warmed.get('config').then(({ value }) => console.log(String(value))); // expect: SR107 (server.js sock(): the first request opens net.connect(port, host), kept open for the next request)

let renewed = memjs.Client.create(process.env.MEMCACHIER_SERVERS); // expect: none (closed before the snapshot and recreated after the restore below)
renewed.get('warm'); // expect: none (its socket is closed by quit() in the hook below)
registerBeforeSnapshot(() => renewed.quit());
registerAfterRestore(() => {
  renewed = memjs.Client.create(process.env.MEMCACHIER_SERVERS);
});

exports.handler = async (event) => {
  const { value } = await mc.get(event.key); // expect: none (in the handler)
  return { value: value && value.toString(), other: (await renewed.get(event.key)).value };
};
