// log4js 6.9.1: configure() builds every appender at once. The tcp appender calls createSocket() when it is made
// (lib/appenders/tcp.js:24-54: net.createConnection, and again on every 'close'); shutdown() ends it. The multiFile
// appender with `timeout` makes a file appender per key on the first event for that key and arms
// `setInterval(checkForTimeout, timeout)` for it (lib/appenders/multiFile.js:46-55); shutdown clears those.
// The file appender opens a write stream on a local file (streamroller), no socket and no timer.
const log4js = require('log4js');
const { registerAfterRestore, registerBeforeSnapshot } = require('snapshot-restore');

log4js.configure({ // expect: SR107 (the tcp appender connects when configure() builds it: a socket open at the snapshot)
  appenders: {
    out: { type: 'stdout' },
    file: { type: 'file', filename: '/tmp/logs/orders.log' },
    tenants: { type: 'multiFile', base: '/tmp/logs/tenants/', property: 'tenant', extension: '.log', timeout: 30_000 },
    shipper: { type: 'tcp', host: process.env.LOGSTASH_HOST || 'logstash.internal', port: 5000 },
  },
  categories: { default: { appenders: ['out', 'file'], level: 'info' }, tenant: { appenders: ['tenants'], level: 'info' }, ship: { appenders: ['shipper'], level: 'warn' } },
});

const logger = log4js.getLogger(); // expect: none (a logger object)
logger.info('cold start'); // expect: none (stdout and a local file: no socket, no timer)
const tenantLog = log4js.getLogger('tenant');
tenantLog.addContext('tenant', 'acme'); // expect: none (context only)
tenantLog.info('tenant warm-up'); // expect: SR106 (the first event for a key makes its file appender and arms the 30 s timeout setInterval at init)
const shipLog = log4js.getLogger('ship'); // expect: none (a logger on the appender already reported)

module.exports.handler = async (event) => {
  const requestLog = log4js.getLogger('tenant');
  requestLog.addContext('tenant', event.tenant);
  requestLog.info('order', event.id); // expect: none (in the handler)
  shipLog.warn('slow order', event.id);
  return { ok: true };
};
