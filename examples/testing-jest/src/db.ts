// A hook module: a connection closed before the snapshot and opened anew after each restore.
import { randomUUID } from 'node:crypto';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

export const log: string[] = [];

export class Db {
  static connection: string | undefined = randomUUID();

  @registerBeforeSnapshot
  static close(): void {
    Db.connection = undefined;
    log.push('close');
  }

  @registerAfterRestore
  static reconnect(): void {
    Db.connection = randomUUID({ disableEntropyCache: true });
    log.push('reconnect');
  }
}

registerAfterRestore((reason: string) => log.push(`warm:${reason}`), 'restore');
