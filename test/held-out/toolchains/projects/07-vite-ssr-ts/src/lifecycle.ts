// The team's own wrapper around snapshot-restore (docs/checks.md, option `modules`).
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

export function onSnapshot(hook: () => void | Promise<void>) {
  registerBeforeSnapshot(hook);
}

export function onRestore(hook: () => void | Promise<void>) {
  registerAfterRestore(hook);
}
