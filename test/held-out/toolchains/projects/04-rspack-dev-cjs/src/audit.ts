import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

export class Audit {
  static buffer: string[] = [];

  static record(what: string) {
    Audit.buffer.push(what);
  }

  @registerBeforeSnapshot
  static drain() {
    Audit.buffer = [];
    console.log('hook:Audit.drain');
  }

  @registerAfterRestore
  static resume() {
    console.log('hook:Audit.resume');
  }
}
