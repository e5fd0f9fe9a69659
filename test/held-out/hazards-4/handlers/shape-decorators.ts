// Shape: dependency injection through hand-written decorators (lib/di.ts). An eager @Injectable is constructed when its
// class is defined, so its constructor and field initialisers run at init and their work is expected there; lazy ones
// are constructed on first resolve() (the handler). tedis: new Tedis() connects in its constructor; libsodium-wrappers:
// crypto_kx_keypair draws a key pair; log4js's tcp appender connects in configure(); rrule without dtstart reads the
// clock (dist/es5/rrule.js:1973).
import { Tedis } from 'tedis';
import sodium from 'libsodium-wrappers';
import { RRule } from 'rrule';
import { registerAfterRestore } from 'snapshot-restore';
import { Inject, Injectable, reset, resolve } from './lib/di.ts';

await sodium.ready;

@Injectable({ token: 'cache', eager: true })
class CacheService {
  readonly redis = new Tedis({ host: process.env.REDIS_HOST ?? 'cache.internal', port: 6379 }); // expect: SR107 (an eager service: its field initialiser connects at init)
  constructor() {
    this.redis.on('error', () => {});
  }
}

@Injectable({ token: 'crypto', eager: true })
class KeyExchange {
  readonly keys = sodium.crypto_kx_keypair(); // expect: SR103 (eager: the key pair is drawn when the class is defined, at init)
}

@Injectable({ token: 'schedule', eager: true })
class Scheduler {
  readonly rule: RRule;
  constructor() {
    this.rule = new RRule({ freq: RRule.HOURLY }); // expect: SR105 (eager: no dtstart, so the rule starts at init's clock)
  }
}

@Injectable({ token: 'reports' })
class ReportStore {
  readonly redis = new Tedis({ host: process.env.REPORTS_REDIS ?? 'reports.internal', port: 6379 }); // expect: none (lazy: first resolved in the handler)
}

@Injectable({ token: 'session', eager: true })
class SessionKeys {
  readonly key = sodium.crypto_secretbox_keygen(); // expect: none (the singleton is reset and resolved again after each restore)
}
registerAfterRestore(() => {
  reset('session');
  resolve('session');
});

class OrderController {
  @Inject('cache') cache!: CacheService;
  @Inject('crypto') kx!: KeyExchange;
}

export const handler = async () => {
  const reports = resolve<ReportStore>('reports');
  const scheduler = resolve<Scheduler>('schedule');
  const controller = new OrderController();
  return {
    next: scheduler.rule.after(new Date())?.toISOString(),
    pk: sodium.to_hex(resolve<KeyExchange>('crypto').keys.publicKey),
    s: resolve<SessionKeys>('session').key.length,
    r: !!reports.redis,
    c: !!controller,
  };
};
