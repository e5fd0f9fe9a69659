// Text a library made from randomness at init and the user kept: a salt, a token or a secret is
// SR103, an identifier SR104, decided by the name it is kept in and the call that made it (the
// same library call, the same text, either way). A library in the project's node_modules draws
// through node:crypto, so the audit cannot know it by name.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditInit } from '../../emulator/audit/audit.js';
import { auditProject, differences, expectations, foundAt } from '../helpers/audit-project.js';

const LIBRARY = `
const crypto = require('node:crypto');
exports.generate = (n = 24) => crypto.randomBytes(n).toString('base64url');
exports.genSaltSync = () => '$2a$10$' + crypto.randomBytes(16).toString('base64').slice(0, 22);
exports.generateSecret = () => crypto.randomBytes(20).toString('hex');
exports.make = () => crypto.randomBytes(12).toString('hex');
`;

describe('the run-time audit: a secret or an ID, kept from randomness a library drew', () => {
  it('reports salts, tokens and secrets as SR103 and identifiers as SR104', async () => {
    const files = {
      'src/handler.ts': `import { EventEmitter, once } from 'node:events';
import rnd from 'rndlib';

export const apiToken = rnd.generate(); // expect: SR103 (a token)
export const requestId = rnd.generate(); // expect: SR104 (an ID, the same call)
export const pepper = rnd.genSaltSync(); // expect: SR103 (a salt, by the call)
export const totp = rnd.generateSecret(); // expect: SR103 (a secret, by the call)
export const tokenId = rnd.generateSecret(); // expect: SR104 (the name says it is an ID)
export const label = rnd.make(); // expect: SR104 (nothing says secret)
export const shortidToken = rnd.generate(); // expect: SR104 (an ID's word wins: the static lint's and the audit's words are one list)
const bus = new EventEmitter();
setImmediate(() => bus.emit('loaded', { key: rnd.make() })); // expect: SR103 (placed under a key's name, kept by the await below)
const [loaded] = await once(bus, 'loaded');
const lazy = (make: () => string) => { let cached: string | undefined; return { get value() { return (cached ??= make()); } }; };
const signingKey = lazy(() => rnd.make()); // expect: SR103 (the factory's value is kept as the signing key)
const traceRef = lazy(() => rnd.make()); // expect: SR104 (nothing says secret)
const sizes = [signingKey.value.length, traceRef.value.length];

export const handler = async () => ({ apiToken, requestId, pepper, totp, tokenId, label, shortidToken, loaded, sizes });
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
