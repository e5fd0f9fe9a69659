import { randomUUID } from 'node:crypto';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

export const trace: string[] = [];

// Standard (TC39) decorators on static methods (docs/hooks.md "As decorators").
export class Database {
  static connection: { id: string; open: boolean } | undefined = { id: randomUUID(), open: true };

  @registerBeforeSnapshot
  static async disconnect(): Promise<void> {
    await new Promise((r) => setTimeout(r, 10));
    if (Database.connection) Database.connection.open = false;
    Database.connection = undefined;
    trace.push('disconnect');
  }

  @registerAfterRestore
  static connect(): void {
    Database.connection = { id: randomUUID({ disableEntropyCache: true }), open: true };
    trace.push('connect');
  }
}
