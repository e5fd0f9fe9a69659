// A user module that re-exports the runtime's registration functions under other names.
export { registerAfterRestore as onRestore, registerBeforeSnapshot as onSnapshot } from 'snapshot-restore';
