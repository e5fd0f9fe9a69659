// Credentials the function resolves at init and keeps expire long before the last restore: the
// audit's sink serves throwaway container credentials, and a value init keeps that holds them
// (the credentials object, a token presigned with them) is SR108 at the line that keeps it. A
// client that holds them refreshes its own; a value an after-restore hook renews is not reported.
import { describe, expect, it } from 'vitest';
import { auditInit } from '../../emulator/audit/audit.js';
import { auditProject, differences, expectations, foundAt, hasCorpus } from '../helpers/audit-project.js';

describe.skipIf(!hasCorpus())('the run-time audit: credentials kept at init', () => {
  it('reports resolved credentials and text made from them where init keeps them, and not a client or a renewed value', async () => {
    const files = {
      'src/handler.ts': `import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { registerAfterRestore } from 'snapshot-restore';

const db = new DynamoDBClient({ region: 'eu-west-1' }); // expect: none (the client refreshes its own)
export const resolved = await db.config.credentials(); // expect: SR108 (resolved once at init and kept)
export const header = \`Credential=\${(await db.config.credentials()).accessKeyId}/20260101/eu-west-1\`; // expect: SR108 (text made from them)
let renewed = await db.config.credentials(); // expect: none (renewed after each restore)
registerAfterRestore(async () => {
  renewed = await db.config.credentials();
});
export const region = await db.config.region(); // expect: none (configuration)
export const tables = await db.send(new ListTablesCommand({})); // expect: none (the SDK's keep-alive socket heals itself)

export const handler = async () => ({ resolved: !!resolved, header, renewed: !!renewed, region, db: !!db, tables });
`,
    };
    const dir = auditProject(files);
    const audit = await auditInit({ entry: 'src/handler.ts', cwd: dir });
    expect(differences(expectations(files), foundAt(audit.findings))).toEqual([]);
    expect(audit.notes).toEqual([]);
    // What the static lint may say of the SDK's request, the run contradicts: its socket is the SDK's.
    expect(audit.cleared).toContainEqual({ file: 'src/handler.ts', line: 12, code: 'SR107' });
    // The throwaway key is never printed.
    expect(audit.findings.map((f) => f.text).join('\n')).not.toMatch(/ASIA[0-9A-F]{16}/);
  });
});
