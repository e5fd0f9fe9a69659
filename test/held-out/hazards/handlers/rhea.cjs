// rhea 3 (AMQP 1.0), CommonJS: container.connect() opens the connection at once.
const rhea = require('rhea');
const { registerAfterRestore, registerBeforeSnapshot } = require('snapshot-restore');

const container = rhea.create_container({ id: 'orders' }); // expect: none (rhea/lib/container.js: a Container, an EventEmitter; no socket)
const connection = container.connect({ host: process.env.AMQP_HOST, port: 5672 }); // expect: SR107 (container.js Container.prototype.connect = new Connection(options, this).connect(): the socket opens at init)
const sender = connection.open_sender('orders'); // expect: none (a link on the connection above, no new socket)
const later = container.create_connection({ host: process.env.AMQP_HOST, port: 5672 }); // expect: none (container.js create_connection(): new Connection without connect())

let renewed = container.connect({ host: process.env.AMQP_HOST, port: 5672 }); // expect: none (closed before the snapshot and reconnected after the restore below)
registerBeforeSnapshot(() => renewed.close());
registerAfterRestore(() => {
  renewed = container.connect({ host: process.env.AMQP_HOST, port: 5672 });
});

exports.handler = async (event) => {
  if (!later.is_open()) later.connect(); // expect: none (in the handler)
  sender.send({ body: JSON.stringify(event) });
  return { open: renewed.is_open() };
};
