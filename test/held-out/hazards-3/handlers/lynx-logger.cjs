// lynx 0.2.0: the constructor keeps host and port; the UDP socket is made on the first send (lib/lynx.js:437,
// connectionless dgram) and an idle timer is armed per send (lynx.js:630). createTimer() keeps
// `start_time = new Date().getTime()` (lynx.js:147) for stop() to subtract. @aws-lambda-powertools/logger 2.36.0:
// the constructor draws randomness only for a debug sample rate (Logger.js #shouldEnableDebugSampling), none is set here.
const Lynx = require('lynx');
const { Logger } = require('@aws-lambda-powertools/logger');
const { registerAfterRestore } = require('snapshot-restore');

const metrics = new Lynx(process.env.STATSD_HOST ?? 'statsd.internal', 8125, { scope: 'orders' }); // expect: none (constructor: no socket until a send)
const logger = new Logger({ serviceName: 'orders', logLevel: 'INFO' }); // expect: none (no sampleRateValue: Logger.js draws nothing, no timer, no socket)
const child = logger.createChild({ persistentKeys: { component: 'billing' } }); // expect: none (a child logger)

const coldStart = metrics.createTimer('cold_start'); // expect: SR105 (lynx.js createTimer: start_time = new Date().getTime() kept at init; stop() in the handler measures across the snapshot)

let invokeTimer = metrics.createTimer('since_restore'); // expect: none (renewed after each restore by the hook below)
registerAfterRestore(() => {
  invokeTimer = metrics.createTimer('since_restore');
});

logger.info('init done', { region: process.env.AWS_REGION }); // expect: none (a log line: the timestamp is printed, not kept)

let first = true;
exports.handler = async (event) => {
  if (first) {
    coldStart.stop();
    invokeTimer.stop();
    first = false;
  }
  const t = metrics.createTimer('invoke'); // expect: none (in the handler)
  metrics.increment('invocations');
  child.info('event', { id: event.id });
  t.stop();
  return { ok: true };
};
