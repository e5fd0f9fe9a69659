// snapshot-restore/restores: what an app asks about restores and renews itself. The runtime
// already renews the process's own pools at each restore (the http/https global agents, undici's
// global dispatcher behind fetch, Node's crypto caches); `renewConnections` is for the agents the
// app keeps (an AWS SDK client, a pooled http.Agent, an undici Agent), in an after-restore hook.
export { isRestored, restoreCount } from './lifecycle/restore-state.js';
export { renewConnections } from './lifecycle/renewals.js';
export { prime } from './lifecycle/priming.js';
export type { PrimeOptions, PrimeReport } from './lifecycle/priming.js';
