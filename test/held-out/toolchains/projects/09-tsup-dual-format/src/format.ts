import { registerAfterRestore } from 'snapshot-restore';

let locale = 'en';

export function formatOrder(order: Record<string, unknown>) {
  return { ...order, locale };
}

registerAfterRestore(function resetLocale() {
  locale = process.env.LOCALE ?? 'en';
  console.log('hook:resetLocale');
});
