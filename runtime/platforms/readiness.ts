// Readiness while a snapshot is taken and restored: from the start of the before-snapshot phase
// (or a suspend) until the after-restore hooks (or the resume) have finished, the process is
// "restoring", and the readiness path answers 503. Lambda Web Adapter re-runs its readiness check
// after the after-restore hook, and counts 100-499 as healthy by default: a 503 keeps traffic away.
import type { HookAnswer } from './guards.js';
import { httpState } from './phase-state.js';

/** True from the before-snapshot phase (or a suspend) until the after-restore hooks have finished. */
export function isRestoring(): boolean {
  return httpState().restoring;
}

export function setRestoring(restoring: boolean): void {
  httpState().restoring = restoring;
}

export function notReady(): HookAnswer {
  return {
    status: 503,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'retry-after': '1' },
    body: 'snapshot-restore: restoring: the after-restore hooks have not finished\n',
  };
}
