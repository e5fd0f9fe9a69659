// Feature flags, refreshed after each restore through the team's wrapper module.
import { onRestore, onSnapshot } from './lifecycle';

let flags: Record<string, boolean> = { newCheckout: false };

export function flag(name: string) {
  return flags[name] ?? false;
}

function dropFlags() {
  flags = {};
  console.log('hook:dropFlags');
}

function fetchFlags() {
  flags = { newCheckout: true };
  console.log('hook:fetchFlags');
}

onSnapshot(dropFlags);
onRestore(fetchFlags);
