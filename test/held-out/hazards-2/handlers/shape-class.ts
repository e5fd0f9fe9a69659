// Shape: classes constructed at load (a service object and a static block), and one constructed per request.
import Valkey from 'iovalkey';
import NodeCache from 'node-cache';
import { Instant } from '@js-joda/core';
import { ulid } from 'ulidx';
import cassandra from 'cassandra-driver';

class Repository {
  readonly cache = new Valkey(process.env.VALKEY_URL ?? 'redis://valkey.internal:6379'); // expect: SR107 (a field initializer runs when the class is constructed at load below: built/Redis.js connects)
  readonly local = new NodeCache({ stdTTL: 30, checkperiod: 0 }); // expect: none (checkperiod 0: no timer)
  readonly createdAt: Instant;
  readonly id: string;

  constructor() {
    this.createdAt = Instant.now(); // expect: SR105 (the constructor runs at load: the time is kept in the instance)
    this.id = ulid(); // expect: SR104 (a ULID made when the class is constructed at load)
  }

  async get(key: string) {
    return this.local.get(key) ?? (await this.cache.get(key));
  }
}

class Keyspace {
  static client = new cassandra.Client({ contactPoints: ['cassandra.internal'], localDataCenter: 'dc1' }); // expect: none (constructor only: no connect())
  static ready: Promise<void>;
  static {
    Keyspace.ready = Keyspace.client.connect(); // expect: SR107 (a static block runs when the class is defined, at load: connect() opens the pools)
  }
}

class PerRequest {
  readonly valkey = new Valkey({ host: 'valkey.internal', lazyConnect: true }); // expect: none (lazyConnect, and the class is only constructed in the handler)
  readonly at = Instant.now(); // expect: none (only constructed in the handler)
}

export const repo = new Repository();

export const handler = async (event: { k: string }) => {
  await Keyspace.ready.catch(() => undefined);
  const r = new PerRequest();
  return { v: await repo.get(event.k), id: repo.id, at: r.at.toString(), s: r.valkey.status };
};
