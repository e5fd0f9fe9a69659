// Values renewed through a private method called from an after-restore hook.
import { randomUUID } from 'node:crypto';
import { registerAfterRestore } from 'snapshot-restore';

export class Session {
  static id = randomUUID({ disableEntropyCache: true }); // expect: none (renewed by Session.#bump(), which the after-restore hook below calls)
  static startedAt = Date.now(); // expect: none (renewed by #bump too)
  static #bump() {
    Session.id = randomUUID({ disableEntropyCache: true });
    Session.startedAt = Date.now();
  }
  static {
    registerAfterRestore(() => Session.#bump());
  }
}

export class Counter {
  static #seed = Math.random(); // expect: none (renewed by this.#reseed(), called from the decorated after-restore hook)
  static #reseed() {
    this.#seed = Math.random();
  }
  @registerAfterRestore
  static renew() {
    this.#reseed();
  }
  static get seed() {
    return Counter.#seed;
  }
}

export class Stale {
  static token = randomUUID({ disableEntropyCache: true }); // expect: SR102 (nothing renews it: #unused is never called from a hook)
  static #unused() {
    Stale.token = randomUUID();
  }
}

export const handler = async () => ({ id: Session.id, seed: Counter.seed, token: Stale.token });
