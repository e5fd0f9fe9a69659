// Placeholder: the `emulate` command is being built (see the issues).
import { UsageError } from './usage-error.js';

export const help = 'Usage: snapshot-restore emulate (not available yet)';

export async function run(): Promise<number> {
  throw new UsageError('the emulate command is not available yet');
}
