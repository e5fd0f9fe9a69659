// Shape: classes initialised through `static async init()` (and a static factory never called at init), awaited at the
// top level. The work happens inside init(), so that is where it is expected. tedis: new Tedis() connects in its
// constructor (build/core/base.js:44-60); bson-objectid: ObjectID() generates; otpauth: new Secret() draws 20 bytes.
import { Tedis } from 'tedis';
import ObjectID from 'bson-objectid';
import * as OTPAuth from 'otpauth';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

class SessionStore {
  static #instance: SessionStore | undefined;
  readonly startedAt: number;
  private constructor(readonly redis: Tedis, readonly nodeId: string) {
    this.startedAt = Date.now(); // expect: SR105 (the constructor runs inside init() at init: the time is kept on the singleton)
  }

  static async init(): Promise<SessionStore> {
    const redis = new Tedis({ host: process.env.SESSION_REDIS ?? 'sessions.internal', port: 6379 }); // expect: SR107 (connects in the constructor: init() runs at init)
    redis.on('error', () => {});
    const nodeId = ObjectID().toHexString(); // expect: SR104 (an ObjectID made inside init() and kept on the singleton)
    SessionStore.#instance = new SessionStore(redis, nodeId);
    return SessionStore.#instance;
  }

  static get instance(): SessionStore | undefined {
    return SessionStore.#instance;
  }
}

class MfaService {
  static async create(): Promise<MfaService> {
    return new MfaService(new OTPAuth.Secret({ size: 20 })); // expect: none (create() is only called from the handler)
  }
  constructor(readonly secret: OTPAuth.Secret) {}
}

class Heartbeat {
  static timer: NodeJS.Timeout | undefined;
  static async init(): Promise<void> {
    Heartbeat.timer = setInterval(() => console.log('beat'), 60_000); // expect: none (cleared before the snapshot and armed again after the restore)
  }
}

const store = await SessionStore.init();
await Heartbeat.init();
registerBeforeSnapshot(() => clearInterval(Heartbeat.timer));
registerAfterRestore(() => Heartbeat.init());

export const handler = async (event: { user: string }) => {
  const mfa = await MfaService.create();
  await store.redis.set(`mfa:${event.user}`, mfa.secret.base32);
  return { node: SessionStore.instance?.nodeId, up: Date.now() - store.startedAt };
};
