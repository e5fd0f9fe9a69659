// Which runtime client runs this process. The bootstrap says so before it loads the handler; any
// other client (aws-lambda-ric, Lambda's managed runtime) is "the stock client", under which
// snapStart() must be awaited at the end of an ESM module's init to run in time.
import { registry } from '../hooks/registry.js';

interface RuntimeKind {
  underBootstrap?: boolean;
}

export function markBootstrap(): void {
  (registry() as RuntimeKind).underBootstrap = true;
}

export function underBootstrap(): boolean {
  return (registry() as RuntimeKind).underBootstrap === true;
}
