// A function (not a web app) whose init reads Node's fetch globals off globalThis: on Node 22 and
// 24 they are lazy properties that load undici, and with it node:http, which no startup snapshot
// can hold. The function emulate path takes them off globalThis in the build as the platform path
// does (web-globals.ts), so such a handler snapshots, and after the restore gets Node's own.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emulate } from '../../emulator/snapshot/emulate.js';
import { repoRoot, runtimeAlias } from '../helpers/bundle.js';

mkdirSync(join(repoRoot, '.tmp'), { recursive: true });
const dir = mkdtempSync(join(repoRoot, '.tmp', 'emulate-web-globals-'));
afterAll(() => process.env.SR_KEEP || rmSync(dir, { recursive: true, force: true }));

describe('a function reading globalThis.Response at init', () => {
  it('snapshots, and after the restore builds and reads real Responses (instanceof the class read at init)', async () => {
    const entry = join(dir, 'reads-response.mjs');
    writeFileSync(
      entry,
      `import { registerAfterRestore } from 'snapshot-restore';
const InitResponse = globalThis.Response;
const initKind = typeof InitResponse;
let restored = false;
registerAfterRestore(function markRestored() { restored = true; });
export const handler = async () => {
  const response = new globalThis.Response('hello', { status: 201 });
  return { initKind, restored, status: response.status, text: await response.text(), isInitClass: response instanceof InitResponse, pid: process.pid };
};
`,
    );
    const { report } = await emulate({ entry, restores: 2, alias: runtimeAlias, cwd: repoRoot, event: {} });
    expect(report.mode, report.fallbackReason).toBe('snapshot');
    expect(report.error).toBeUndefined();
    expect(report.restores).toHaveLength(2);
    for (const restore of report.restores) {
      expect(restore.invokes[0].payload).toMatchObject({ initKind: 'function', restored: true, status: 201, text: 'hello', isInitClass: true });
    }
  });
});
