import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { Db, events } from '@/db';

let pending: string[] = ['warm-up'];

export function enqueue(item: string) {
  pending.push(item);
  return Db.connection;
}

function drainQueue() {
  pending = [];
  events.push('drainQueue');
}

function resumeQueue() {
  events.push('resumeQueue');
}

registerBeforeSnapshot(drainQueue);
registerAfterRestore(resumeQueue);
