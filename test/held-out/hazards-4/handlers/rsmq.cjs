// rsmq 0.12.4 over redis 3.1.2: the RedisSMQ constructor calls RedisInst.createClient(opts) unless a RedisClient is
// passed as `client` (index.js:520-525), and a redis 3 client connects as soon as it is created (redis/index.js
// RedisClient → create_stream → net.createConnection); createQueue/sendMessage are commands on that client;
// quit() ends it (index.js:23-27).
const RedisSMQ = require('rsmq');
const { registerAfterRestore, registerBeforeSnapshot } = require('snapshot-restore');

const host = process.env.REDIS_HOST || 'queue.internal';

const rsmq = new RedisSMQ({ host, port: 6379, ns: 'rsmq' }); // expect: SR107 (createClient in the constructor: a redis 3 client connects at once)
rsmq.on('disconnect', () => {}); // expect: none (a listener)
rsmq.createQueue({ qname: 'orders' }, () => {}); // expect: none (a command on the client already reported)

let notifier = new RedisSMQ({ host, port: 6379, ns: 'notify' }); // expect: none (quit before the snapshot, made again after the restore)
registerBeforeSnapshot(() => new Promise((resolve) => notifier.quit(resolve)));
registerAfterRestore(() => {
  notifier = new RedisSMQ({ host, port: 6379, ns: 'notify' });
});

let lazy;
const queue = () => (lazy ??= new RedisSMQ({ host, port: 6379, ns: 'lazy' })); // expect: none (only called from the handler)

module.exports.handler = async (event) => {
  const id = await rsmq.sendMessageAsync({ qname: 'orders', message: JSON.stringify(event) });
  await notifier.sendMessageAsync({ qname: 'notify', message: id });
  await queue().sendMessageAsync({ qname: 'lazy', message: id });
  return { id };
};
