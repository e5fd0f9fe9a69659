// Placeholder: the `manifest` command is being built (see the issues).
import { UsageError } from './usage-error.js';

export const help = 'Usage: snapshot-restore manifest (not available yet)';

export async function run(): Promise<number> {
  throw new UsageError('the manifest command is not available yet');
}
