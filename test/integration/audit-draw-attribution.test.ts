// Randomness a library drew at init is reported on the line that drew it: not again on the line
// that declares the Map, the object or the instance holding it, and not at all when an
// after-restore hook runs that line again. A library in the project's node_modules draws through
// node:crypto, so the audit cannot know it by name.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditInit } from '../../emulator/audit/audit.js';
import { auditProject, differences, expectations, foundAt } from '../helpers/audit-project.js';

const LIBRARY = `
const crypto = require('node:crypto');
exports.make = () => crypto.randomBytes(12).toString('hex');
let pool;
let at = 0;
exports.pooled = () => {
  pool ??= crypto.randomBytes(256);
  at += 8;
  return pool.subarray(at - 8, at).toString('hex');
};
`;

describe('the run-time audit: where randomness kept at init is reported', () => {
  it("reports the draw's line, not the declaration that holds its value, and nothing a hook draws again", async () => {
    const files = {
      'src/handler.ts': `import rnd from 'rndlib';
import { registerAfterRestore } from 'snapshot-restore';

const labels = new Map<string, string>();
for (const t of ['a', 'b']) labels.set(t, rnd.make()); // expect: SR104 (drawn here, kept in the Map)

class Telemetry {
  readonly instance = rnd.make(); // expect: SR104 (a field initializer run by the construction below)
}
export const telemetry = new Telemetry();

export const services = Object.freeze({
  name: 'orders',
  instance: rnd.make(), // expect: SR104 (drawn here, kept in the frozen object)
});

const nonces = new Map<string, string>();
const refill = () => ['a', 'b'].forEach((t) => nonces.set(t, rnd.make())); // expect: none (run again by the hook below)
refill();
registerAfterRestore(refill);

export const first = rnd.pooled(); // expect: SR104 (fills the pool)
export const batch = Array.from({ length: 2 }, () => rnd.pooled()); // expect: SR104 (cut from the pool the line above filled)

export const handler = async () => ({ labels: [...labels.values()], telemetry, services, nonces: [...nonces.values()] });
`,
    };
    const dir = auditProject(files);
    const lib = path.join(dir, 'node_modules', 'rndlib');
    fs.mkdirSync(lib, { recursive: true });
    fs.writeFileSync(path.join(lib, 'package.json'), '{ "name": "rndlib", "version": "1.0.0", "main": "index.js" }');
    fs.writeFileSync(path.join(lib, 'index.js'), LIBRARY);
    const audit = await auditInit({ entry: 'src/handler.ts', cwd: dir });
    expect(differences(expectations(files), foundAt(audit.findings))).toEqual([]);
  });
});
