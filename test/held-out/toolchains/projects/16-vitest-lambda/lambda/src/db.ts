import { randomUUID } from 'node:crypto';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

export const events: string[] = [];

export class Db {
  static connection?: string = randomUUID();

  @registerBeforeSnapshot
  static close() {
    Db.connection = undefined;
    events.push('Db.close');
  }

  @registerAfterRestore
  static reconnect() {
    Db.connection = randomUUID({ disableEntropyCache: true });
    events.push('Db.reconnect');
  }
}
