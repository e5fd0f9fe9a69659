import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

let session = { id: 1, open: true };
let sessions = 1;

export function token() {
  return session ? `s${session.id}` : 'closed';
}

export async function charge(amount) {
  return { amount, session: session?.id ?? 0 };
}

registerBeforeSnapshot(function endSession() {
  session = undefined;
  console.log('hook:endSession');
});

registerAfterRestore(function startSession() {
  sessions += 1;
  session = { id: sessions, open: true };
  console.log('hook:startSession');
});
