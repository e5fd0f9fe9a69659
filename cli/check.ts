// Placeholder: the `check` command is being built (see the issues).
import { UsageError } from './usage-error.js';

export const help = 'Usage: snapshot-restore check (not available yet)';

export async function run(): Promise<number> {
  throw new UsageError('the check command is not available yet');
}
