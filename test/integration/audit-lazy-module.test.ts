// A module the handler imports lazily runs after the restore, not at init: the run sees all its
// module-scope variables unset at the snapshot point and says so (`cleared`, line 0), so
// check --run drops the static findings in it. A module init does load is not cleared.
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
      'src/handler.ts': `const eager = await import('./eager.js');

export const handler = async () => {
  const { socket } = await import('./lazy.js');
  return { s: socket.readyState, e: eager.startedAt };
};
`,
    };
    const dir = auditProject(files);
    const audit = await auditInit({ entry: 'src/handler.ts', cwd: dir });
    expect(audit.notes).toEqual([]);
    expect(audit.cleared).toContainEqual({ file: 'src/lazy.ts', line: 0 });
    expect(audit.cleared.filter((c) => c.file === 'src/eager.ts')).toEqual([]);
    expect(audit.seen.filter((thing) => thing.kind === 'socket')).toEqual([]);
  });
});
