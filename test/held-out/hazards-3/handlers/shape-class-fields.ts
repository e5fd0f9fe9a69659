// Shape: work behind class fields, private fields, static fields, a static block and getters; one class constructed at
// load, one only in the handler.
import { Connection } from 'rabbitmq-client';
import { TTLCache } from '@isaacs/ttlcache';
import { Temporal } from 'temporal-polyfill';
import cryptoRandomString from 'crypto-random-string';
import uuid from 'uuid-random';

class Telemetry {
  #startedAt = Temporal.Now.instant(); // expect: SR105 (a private field initializer: runs when the class is constructed at load below, the instant is kept)
  readonly instance = uuid(); // expect: SR104 (a field initializer run at load: the ID is kept in the instance)
  static #signingSalt = cryptoRandomString({ length: 16 }); // expect: SR103 (a static field is evaluated when the class is defined, at load)
  static broker: Connection;
  static {
    Telemetry.broker = new Connection(process.env.TELEMETRY_AMQP ?? 'amqp://telemetry.internal:5672'); // expect: SR107 (a static block runs at load: Connection's constructor opens the socket)
    Telemetry.broker.on('error', () => undefined); // expect: none (a listener)
  }

  get uptime() {
    return Temporal.Now.instant().since(this.#startedAt).total('seconds'); // expect: none (a getter read in the handler)
  }

  static get salt() {
    return Telemetry.#signingSalt;
  }
}

class LocalCache {
  #cache?: TTLCache<string, number>;
  get cache() {
    return (this.#cache ??= new TTLCache({ ttl: 10_000 })); // expect: none (the constructor arms nothing: the timer comes with set())
  }
}

class PerRequest {
  readonly id = uuid(); // expect: none (PerRequest is only constructed in the handler)
  readonly at = Temporal.Now.instant(); // expect: none (only constructed in the handler)
}

export const telemetry = new Telemetry();
const local = new LocalCache();
local.cache.set('warm', 1); // expect: SR106 (the getter makes the cache at init and set() with a 10 s ttl arms its setTimeout)

export const handler = async () => {
  const r = new PerRequest();
  return { id: r.id, at: r.at.toString(), up: telemetry.uptime, inst: telemetry.instance, salt: Telemetry.salt.length, warm: local.cache.get('warm') };
};
