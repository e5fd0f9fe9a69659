// A module the handler imports lazily runs after the restore, not at init: the marker on its
// wrapper (bindings.ts) never ran by the snapshot point, and the run says so (`cleared`,
// `neverLoaded`), so check --run drops the static findings in it. A module init does load is not
// cleared, even when all its variables are still unset then.
import { describe, expect, it } from 'vitest';
import { auditInit } from '../../emulator/audit/audit.js';
import { auditProject } from '../helpers/audit-project.js';

describe('the run-time audit: modules init never loaded', () => {
  it('clears a module only the handler imports, and not one init imports', async () => {
    const files = {
      'src/lazy.ts': `import net from 'node:net';
export const socket = net.connect(6379, 'cache.internal');
export let opened = 0, closed = 0;
`,
      'src/eager.ts': `export const startedAt = 1;
export let count: number | undefined, other: number | undefined;
`,
      'src/unset.cjs': `let count;
let last;
module.exports = { bump: () => (count = (count ?? 0) + 1, last = count) };
`,
      'src/declared.ts': `export let pending: Promise<void> | undefined;
export let current: string | undefined;
`,
      'src/handler.ts': `import { createRequire } from 'node:module';
import { pending } from './declared.js';
const eager = await import('./eager.js');
const unset = await import('./unset.cjs');

export const handler = async () => {
  const { socket } = await import('./lazy.js');
  return { s: socket.readyState, e: eager.startedAt, u: unset.default.bump(), p: pending, r: typeof createRequire };
};
`,
    };
    const dir = auditProject(files);
    const audit = await auditInit({ entry: 'src/handler.ts', cwd: dir });
    expect(audit.notes).toEqual([]);
    expect(audit.cleared).toContainEqual({ file: 'src/lazy.ts', neverLoaded: true });
    // Loaded at init, their variables all unset at the snapshot point.
    for (const file of ['src/eager.ts', 'src/unset.cjs', 'src/declared.ts']) expect(audit.cleared.filter((c) => c.file === file)).toEqual([]);
    expect(audit.seen.filter((thing) => thing.kind === 'socket')).toEqual([]);
  });
});
