import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

export class Cache {
  static entries = new Map<string, string>();

  static size() {
    return Cache.entries.size;
  }

  @registerBeforeSnapshot
  static flush() {
    Cache.entries.clear();
    console.log('hook:Cache.flush');
  }

  @registerAfterRestore
  static warm() {
    Cache.entries.set('warm', 'yes');
    console.log('hook:Cache.warm');
  }
}
