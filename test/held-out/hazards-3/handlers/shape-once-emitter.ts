// Shape: events.once and emitter.once at init: a listener's body runs when the event is emitted, which may be at init.
import { EventEmitter, once } from 'node:events';
import cryptoRandomString from 'crypto-random-string';
import { RateLimiterMemory } from 'rate-limiter-flexible';

let configuredAt = 0;
const bus = new EventEmitter();
bus.once('configured', () => {
  configuredAt = Date.now(); // expect: SR105 (the listener runs at init, when 'configured' is emitted below: the time is kept)
});
bus.emit('configured'); // expect: none (the clock is read inside the listener)

let lastInvokeAt = 0;
bus.once('invoked', () => {
  lastInvokeAt = Date.now(); // expect: none ('invoked' is only emitted in the handler)
});

const loader = new EventEmitter();
setImmediate(() => loader.emit('loaded', { key: cryptoRandomString({ length: 24 }) })); // expect: SR103 (the immediate runs at init, before the await below resolves: the key drawn here is kept as `loaded`)
const [loaded] = await once(loader, 'loaded'); // expect: none (reported where the key is drawn)

const limiter = new RateLimiterMemory({ points: 10, duration: 30 });
const warmed = new EventEmitter();
warmed.once('ready', () => limiter.consume('system').catch(() => undefined)); // expect: SR106 (runs at init on the emit below: consume() arms MemoryStorage's expiry setTimeout)
warmed.emit('ready');

export const handler = async () => {
  bus.emit('invoked');
  return { configuredAt, lastInvokeAt, k: loaded.key.length };
};
